/**
 * `sign`: creates a JWT (RFC 7519 §7.1) from a claims object, adding the registered claims
 * the options ask for, and signs it as a compact JWS.
 */

import type { SignKey } from './keys/types.ts';
import type { JwtPayload } from './payload.ts';
import { type SignOptions, buildSigner } from './signer.ts';

export type { SignOptions } from './signer.ts';

/**
 * Signs a JWT. The current time (`currentDate`, or now) is taken in whole seconds, and
 * `expiresIn` and `notBefore` are added to it as given. To sign many tokens with one key,
 * {@link createSigner} does the preparation once.
 *
 * Does not check: that `exp` is in the future, or anything about custom claims.
 *
 * @param payload - the claims; a plain object that `JSON.stringify` can serialize.
 * @param key - a private CryptoKey or JWK, or an HMAC secret of at least the hash size.
 * @param options - `alg` and the claims and header parameters to add.
 * @returns the compact JWT.
 * @throws `TypeError` for a payload that is not an object, an option that conflicts with a
 *   payload claim, a registered claim of the wrong type, or a missing or unknown `alg`.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the key cannot sign with `alg`.
 * @example
 * ```ts
 * const token = await sign({ sub: 'user-1' }, privateKey, { alg: 'ES256', expiresIn: '15m', issuer: 'https://auth.example.com' });
 * ```
 */
export function sign(payload: JwtPayload, key: SignKey, options: SignOptions): Promise<string> {
  // Not async, because that would add promise hops. An option error still arrives as a rejection.
  try {
    return buildSigner(key, options, 'sign')(payload);
  } catch (error) {
    return Promise.reject(error);
  }
}
