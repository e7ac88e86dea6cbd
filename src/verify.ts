/**
 * `verify`: validates a JWT (RFC 7519 §7.2). The JWS is verified first, then the payload is
 * parsed as a JSON object and its claims are checked, so a forged token never reports a
 * claim error and no claim is read from unauthenticated bytes.
 */

import type { KeyResolver, VerifyKey } from './keys/types.ts';
import { VERIFY_OPTION_NAMES, type VerifyOptions } from './options.ts';
import type { JwtPayload } from './payload.ts';
import { type VerifyResult, buildVerifier } from './verifier.ts';

export type { VerifyResult } from './verifier.ts';

/**
 * Verifies a JWT's signature and claims and returns its header and payload. To verify many
 * tokens with one key, {@link createVerifier} does the preparation once.
 *
 * Checks run in this order. First the token size, structure and strict base64url, then the
 * header's `alg` against `algorithms` and the key, then `crit` and the signature. After that,
 * the payload must be a JSON object, and `typ`, the registered claim types, required claims,
 * `exp`, `nbf`, `iat`, `maxTokenAge`, `iss`, `sub` and `aud` are checked.
 *
 * Does not check: `jti` uniqueness (replay), revocation, or any custom claim. Without
 * `issuer` or `audience`, a token from any issuer or for any audience passes.
 *
 * @param token - the compact JWT.
 * @param key - the verification key, or a resolver that picks it from the header.
 * @param options - `algorithms` (required) and the claim expectations.
 * @throws `TypeError` for invalid options, such as a missing or empty `algorithms`.
 * @throws `JwtError` for a token or key that fails; see its `code`. Claim failures are
 *   `JwtClaimError`s carrying `claim` and `reason`.
 * @example
 * ```ts
 * const { payload } = await verify(token, publicKey, {
 *   algorithms: ['ES256'],
 *   issuer: 'https://auth.example.com',
 *   audience: 'api://orders',
 * });
 * ```
 */
export function verify<P = JwtPayload>(
  token: string,
  key: VerifyKey | KeyResolver,
  options: VerifyOptions,
): Promise<VerifyResult<P>> {
  // Not async, because that would add promise hops. An option error still arrives as a rejection.
  try {
    return buildVerifier<P>(key, options, VERIFY_OPTION_NAMES, 'verify')(token);
  } catch (error) {
    return Promise.reject(error);
  }
}
