/**
 * `sign`: creates a JWT (RFC 7519 §7.1) from a claims object, adding the registered claims
 * the options ask for, and signs it as a compact JWS.
 */

import { type Algorithm } from './algorithms.ts';
import { encodeBase64urlText } from './base64url.ts';
import { findMistypedClaim } from './claims.ts';
import { signSegments } from './jws/sign.ts';
import type { SignKey } from './keys/types.ts';
import type { JwtPayload } from './payload.ts';
import { type Duration, durationToSeconds, toNumericDate } from './time.ts';

/** Options for {@link sign}. */
export interface SignOptions {
  /** Signature algorithm. Required unless the key fixes it (a JWK `alg`, or a CryptoKey's algorithm). */
  alg?: Algorithm;
  /** Key ID for the `kid` header parameter. */
  kid?: string;
  /** The `typ` header parameter. Default `'JWT'`. */
  typ?: string;
  /** Extra protected header parameters. */
  header?: Record<string, unknown>;
  /** Sets `exp` this long after now: seconds, or a duration string such as `'15m'`. */
  expiresIn?: Duration;
  /** Sets `nbf` this long after now: seconds, or a duration string. */
  notBefore?: Duration;
  /** Sets `iss`. */
  issuer?: string;
  /** Sets `sub`. */
  subject?: string;
  /** Sets `aud`. */
  audience?: string | string[];
  /** Sets `jti`. */
  jwtId?: string;
  /** Whether to set `iat` to now when the payload has none. Default `true`. */
  iat?: boolean;
  /** The time to use as now, for tests. Default: now. */
  currentDate?: Date;
}

const OPTION_CLAIMS = [
  ['issuer', 'iss'],
  ['subject', 'sub'],
  ['audience', 'aud'],
  ['jwtId', 'jti'],
  ['expiresIn', 'exp'],
  ['notBefore', 'nbf'],
] as const;

/**
 * Signs a JWT. Times are set in whole seconds from `currentDate` (or now).
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
export async function sign(payload: JwtPayload, key: SignKey, options: SignOptions): Promise<string> {
  if (typeof payload !== 'object' || (payload as unknown) === null || Array.isArray(payload)) {
    throw new TypeError('payload must be a plain object of claims');
  }
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError('options must be an object');
  }

  const now = Math.floor(toNumericDate(options.currentDate));
  const claims: Record<string, unknown> = { ...payload };

  for (const [option, claim] of OPTION_CLAIMS) {
    const value = options[option];
    if (value === undefined) continue;
    if (claims[claim] !== undefined) {
      throw new TypeError(`the payload already has "${claim}"; set it in the payload or with ${option}, not both`);
    }
    claims[claim] = claim === 'exp' || claim === 'nbf' ? now + durationToSeconds(value, option, true) : value;
  }
  if (options.iat !== undefined && typeof options.iat !== 'boolean') throw new TypeError('iat must be a boolean');
  if (options.iat !== false && claims.iat === undefined) claims.iat = now;
  const invalid = findMistypedClaim(claims);
  if (invalid !== undefined) throw new TypeError(`"${invalid.claim}" must be ${invalid.expected}`);

  if (options.typ !== undefined && typeof options.typ !== 'string') throw new TypeError('typ must be a string');
  const payloadSegment = encodeBase64urlText(JSON.stringify(claims));
  return signSegments(payloadSegment, key, options, { typ: options.typ ?? 'JWT' });
}
