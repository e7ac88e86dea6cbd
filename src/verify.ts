/**
 * `verify`: validates a JWT (RFC 7519 §7.2). The JWS is verified first, then the payload is
 * parsed as a JSON object and its claims are checked, so a forged token never reports a
 * claim error and no claim is read from unauthenticated bytes.
 */

import { validateClaims } from './claims.ts';
import { parseJsonObject } from './json.ts';
import { prepareJwsOptions, verifyJws } from './jws/verify.ts';
import type { JwsHeader, KeyResolver, VerifyKey } from './keys/types.ts';
import { type VerifyOptions, readClaimExpectations } from './options.ts';
import type { JwtPayload } from './payload.ts';
import { toNumericDate } from './time.ts';

/** The result of {@link verify}: the protected header and the verified claims. */
export interface VerifyResult<P = JwtPayload> {
  header: JwsHeader;
  payload: P & JwtPayload;
}

/**
 * Verifies a JWT's signature and claims and returns its header and payload.
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
export async function verify<P = JwtPayload>(
  token: string,
  key: VerifyKey | KeyResolver,
  options: VerifyOptions,
): Promise<VerifyResult<P>> {
  const jwsOptions = prepareJwsOptions(options, true);
  const expected = readClaimExpectations(options);
  const currentDate = options.currentDate;
  toNumericDate(currentDate); // rejects an invalid currentDate before any token work

  const { header, payload: payloadBytes } = await verifyJws(token, key, jwsOptions);
  const payload = parseJsonObject(payloadBytes, 'payload');
  validateClaims(header, payload, expected, toNumericDate(currentDate));

  return { header, payload: payload as P & JwtPayload };
}
