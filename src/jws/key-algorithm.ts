/**
 * Finds the one algorithm a signing key fixes by itself, so `alg` may be left out: a JWK's
 * `alg` member, or a CryptoKey whose algorithm, hash and curve name a single JWS algorithm.
 */

import type { Algorithm } from '../algorithms.ts';
import { isCryptoKey } from '../crypto/webcrypto.ts';

const HASH_SUFFIX: Readonly<Record<string, string>> = { 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };
const CURVE_ALGORITHM: Readonly<Record<string, Algorithm>> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const FAMILY_PREFIX: Readonly<Record<string, string>> = { HMAC: 'HS', 'RSASSA-PKCS1-v1_5': 'RS', 'RSA-PSS': 'PS' };

/** Returns the algorithm `key` fixes, or undefined when the caller has to name one. */
export function algorithmFixedByKey(key: unknown): string | undefined {
  if (isCryptoKey(key)) {
    const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
    if (algorithm.name === 'Ed25519') return 'EdDSA';
    if (algorithm.name === 'ECDSA') return CURVE_ALGORITHM[algorithm.namedCurve ?? ''];
    const prefix = FAMILY_PREFIX[algorithm.name ?? ''];
    const suffix = HASH_SUFFIX[algorithm.hash?.name ?? ''];
    return prefix !== undefined && suffix !== undefined ? prefix + suffix : undefined;
  }
  if (typeof key === 'object' && key !== null && !(key instanceof Uint8Array)) {
    const alg = (key as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  }
  return undefined;
}
