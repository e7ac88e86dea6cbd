/**
 * Node `KeyObject` keys, accepted wherever node:crypto exists. They get the same checks as a
 * CryptoKey: the key type and curve must fit the algorithm, the key must be private to sign
 * and public to verify, and size rules apply.
 */

import { type AlgorithmSpec, MIN_RSA_MODULUS_BITS } from '../algorithms.ts';
import { JwtError, type JwtErrorCode, describeValue } from '../errors.ts';
import type { KeyUsage } from '../crypto/backend.ts';
import type { NodeKeyObject } from '../crypto/node.ts';
import { rsaTooSmall } from './rsa.ts';

/** node:crypto names of the curves in the algorithm table. */
const CURVE_NAMES: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** Checks that a KeyObject's type, curve, size and visibility fit `spec` and `usage`. */
export function checkKeyObject(key: NodeKeyObject, spec: AlgorithmSpec, usage: KeyUsage, mismatch: JwtErrorCode): void {
  if (key.type === 'secret') {
    if (spec.family !== 'HMAC') throw new JwtError(mismatch, `a secret KeyObject cannot be used with ${spec.name}`);
    const size = key.symmetricKeySize ?? 0;
    if (size < spec.hashLength) {
      throw new JwtError('ERR_JWT_KEY_INVALID', `${spec.name} secret is ${size} bytes; it must be at least ${spec.hashLength} bytes`);
    }
    return;
  }

  if (!fitsAlgorithm(key, spec)) {
    throw new JwtError(mismatch, `a KeyObject of type ${describeValue(key.asymmetricKeyType ?? 'unknown')} cannot be used with ${spec.name}`);
  }
  const expectedType = usage === 'sign' ? 'private' : 'public';
  if (key.type !== expectedType) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `${spec.name} needs a ${expectedType} key to ${usage}, got a ${key.type} key`);
  }
  const modulusLength = key.asymmetricKeyDetails?.modulusLength;
  if (modulusLength !== undefined && modulusLength < MIN_RSA_MODULUS_BITS) throw rsaTooSmall(modulusLength);
}

function fitsAlgorithm(key: NodeKeyObject, spec: AlgorithmSpec): boolean {
  switch (spec.family) {
    case 'HMAC':
      return false;
    case 'RSASSA-PKCS1-v1_5':
      return key.asymmetricKeyType === 'rsa';
    case 'RSA-PSS':
      return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss';
    case 'ECDSA':
      return key.asymmetricKeyType === 'ec' && CURVE_NAMES[key.asymmetricKeyDetails?.namedCurve ?? ''] === spec.curve;
    case 'Ed25519':
      return key.asymmetricKeyType === 'ed25519';
  }
}
