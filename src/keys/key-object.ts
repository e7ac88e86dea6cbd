/**
 * Node `KeyObject` keys, accepted wherever node:crypto exists. They get the same checks as a
 * CryptoKey: the key type and curve must fit the algorithm, the key must be private to sign
 * and public to verify, and size rules apply.
 */

import { type AlgorithmSpec, MIN_RSA_MODULUS_BITS } from '../algorithms.ts';
import { JwtError, type JwtErrorCode, describeValue } from '../errors.ts';
import type { BackendKey, CryptoBackend, KeyUsage } from '../crypto/backend.ts';
import { type NodeKeyObject, isKeyObject } from '../crypto/node.ts';
import { rsaTooSmall } from './rsa.ts';
import type { JWK } from './types.ts';

/** node:crypto names of the curves in the algorithm table. */
const CURVE_NAMES: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/**
 * Returns the backend key for a node:crypto KeyObject, or undefined when `input` is not one.
 * The node backend takes the KeyObject as it is. WebCrypto cannot, so it gets the same key
 * through `viaJwk`, which imports the JWK export once.
 */
export function prepareKeyObject(
  input: unknown,
  spec: AlgorithmSpec,
  usage: KeyUsage,
  mismatch: JwtErrorCode,
  backend: CryptoBackend,
  viaJwk: (exportJwk: () => JWK) => Promise<BackendKey>,
): Promise<BackendKey> | undefined {
  if (!isKeyObject(input)) {
    if (Object.prototype.toString.call(input) === '[object KeyObject]') {
      // Node.js before 20.16 has no process.getBuiltinModule, so jwtkit cannot reach node:crypto.
      throw new JwtError('ERR_JWT_KEY_INVALID', 'a KeyObject can only be used where jwtkit reaches node:crypto (Node.js 20.16 or later); pass a CryptoKey or a JWK instead');
    }
    return undefined;
  }
  checkKeyObject(input, spec, usage, mismatch);
  if (backend.name === 'node') return Promise.resolve(input);
  return viaJwk(() => exportKeyObject(input));
}

/** Exports a KeyObject as a JWK, which node:crypto cannot do for some key types, such as RSA-PSS. */
function exportKeyObject(key: NodeKeyObject): JWK {
  try {
    return key.export({ format: 'jwk' }) as JWK;
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `this ${key.asymmetricKeyType ?? key.type} KeyObject cannot be exported for WebCrypto; use the node backend or a CryptoKey`, { cause });
  }
}

/** Checks that a KeyObject's type, curve, size and visibility fit `spec` and `usage`. */
function checkKeyObject(key: NodeKeyObject, spec: AlgorithmSpec, usage: KeyUsage, mismatch: JwtErrorCode): void {
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
