/**
 * JWK Thumbprints (RFC 7638): the base64url hash of a JWK's required public members,
 * serialized in lexicographic order without whitespace. A private JWK and its public half
 * have the same thumbprint.
 */

import { encodeBase64url, encodeUtf8 } from '../base64url.ts';
import { JwtError, describeValue } from '../errors.ts';
import { digest } from '../crypto/webcrypto.ts';
import type { JWK } from './types.ts';

/** Required members per key type, already in lexicographic order (RFC 7638 §3.2, RFC 8037 §2). */
const REQUIRED_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

const HASHES = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const;

/**
 * Computes the RFC 7638 thumbprint of a JWK, by default with SHA-256.
 *
 * Does not check: that the members hold a valid key; only their presence is checked.
 *
 * @param jwk - a public or private JWK; only its required public members are hashed.
 * @param digestAlgorithm - `'sha256'` (default), `'sha384'` or `'sha512'`.
 * @returns the base64url thumbprint.
 * @throws `TypeError` when `jwk` is not an object or the digest name is unknown.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the key type is unsupported or a required member is missing.
 * @example
 * ```ts
 * const kid = await calculateJwkThumbprint(publicJwk);
 * ```
 */
export async function calculateJwkThumbprint(jwk: JWK, digestAlgorithm: keyof typeof HASHES = 'sha256'): Promise<string> {
  if (typeof jwk !== 'object' || (jwk as unknown) === null) throw new TypeError('calculateJwkThumbprint expects a JWK object');
  // Own-property lookups, so names such as "constructor" or "__proto__" are not found on Object.prototype.
  if (!Object.hasOwn(HASHES, digestAlgorithm)) throw new TypeError('digest algorithm must be "sha256", "sha384" or "sha512"');
  const hash = HASHES[digestAlgorithm];

  const members = Object.hasOwn(REQUIRED_MEMBERS, jwk.kty) ? REQUIRED_MEMBERS[jwk.kty] : undefined;
  if (members === undefined) throw new JwtError('ERR_JWT_KEY_INVALID', `unsupported JWK kty ${describeValue(jwk.kty)}`);

  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string' || value === '') {
      throw new JwtError('ERR_JWT_KEY_INVALID', `JWK member "${member}" is required and must be a non-empty string`);
    }
    canonical[member] = value;
  }

  return encodeBase64url(await digest(hash, encodeUtf8(JSON.stringify(canonical))));
}
