/**
 * `createSigner` and `sign`: JWT creation (RFC 7519 §7.1). A signer normalizes its options,
 * encodes the protected header and imports the key once. Each call then copies the claims,
 * adds the registered claims the options ask for, and signs.
 */

import type { Algorithm } from './algorithms.ts';
import { encodeBase64urlText } from './base64url.ts';
import { findMistypedClaim } from './claims.ts';
import { prepareJwsSigner } from './jws/signer.ts';
import type { SignKey } from './keys/types.ts';
import { rejectUnknownOptions } from './options.ts';
import type { JwtPayload } from './payload.ts';
import { type Duration, durationToSeconds, toNumericDate } from './time.ts';

/** Options for {@link sign} and {@link createSigner}. */
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
  /** The time to use as now, for tests. Default: the time of each call. */
  currentDate?: Date;
}

/** A function that signs one claims object with the options and key it was created with. */
export type Signer = (payload: JwtPayload) => Promise<string>;

const SIGN_OPTION_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'alg', 'kid', 'typ', 'header', 'expiresIn', 'notBefore', 'issuer', 'subject', 'audience', 'jwtId', 'iat', 'currentDate',
]);

/** Options that set a fixed claim, with the claim they set. */
const FIXED_CLAIMS = [
  ['issuer', 'iss'],
  ['subject', 'sub'],
  ['audience', 'aud'],
  ['jwtId', 'jti'],
] as const;

/**
 * Creates a signer for one key and one set of options. The key is imported, the header
 * encoded and the durations converted once, so each call only serializes and signs.
 *
 * Does not check: that `exp` is in the future, or anything about custom claims.
 *
 * @param key - a private CryptoKey, KeyObject or JWK, or an HMAC secret of at least the hash size.
 * @param options - `alg` and the claims and header parameters to add to every token.
 * @returns a function from a claims object to a compact JWT.
 * @throws `TypeError` at once for invalid options. The returned function rejects with
 *   `TypeError` for a payload that is not an object, repeats a claim an option sets, or has
 *   a registered claim of the wrong type. It rejects with `JwtError` `ERR_JWT_KEY_INVALID`
 *   when the key cannot sign with `alg`.
 * @example
 * ```ts
 * const signAccessToken = createSigner(privateKey, { alg: 'ES256', issuer: 'https://auth.example.com', expiresIn: '15m' });
 * const token = await signAccessToken({ sub: 'user-1' });
 * ```
 */
export function createSigner(key: SignKey, options: SignOptions): Signer {
  return buildSigner(key, options, 'createSigner');
}

/** Builds a signer. `caller` is the public function that option errors name. */
export function buildSigner(key: SignKey, options: SignOptions, caller: string): Signer {
  if (typeof options !== 'object' || (options as unknown) === null) throw new TypeError('options must be an object');
  rejectUnknownOptions(options, SIGN_OPTION_NAMES, caller);

  const fixedDate = options.currentDate === undefined ? undefined : toNumericDate(options.currentDate);
  const expiresIn = options.expiresIn === undefined ? undefined : durationToSeconds(options.expiresIn, 'expiresIn', true);
  const notBefore = options.notBefore === undefined ? undefined : durationToSeconds(options.notBefore, 'notBefore', true);
  if (options.iat !== undefined && typeof options.iat !== 'boolean') throw new TypeError('iat must be a boolean');
  if (options.typ !== undefined && typeof options.typ !== 'string') throw new TypeError('typ must be a string');
  const setIssuedAt = options.iat !== false;

  const fixedClaims: [string, unknown][] = [];
  for (const [option, claim] of FIXED_CLAIMS) {
    if (options[option] !== undefined) fixedClaims.push([claim, options[option]]);
  }
  const invalid = findMistypedClaim(Object.fromEntries(fixedClaims));
  if (invalid !== undefined) throw new TypeError(`the option for "${invalid.claim}" must be ${invalid.expected}`);

  const jwsSigner = prepareJwsSigner(key, options, { typ: options.typ ?? 'JWT' });

  const setsClaims = fixedClaims.length > 0 || expiresIn !== undefined || notBefore !== undefined;

  /** Copies `payload` and adds the claims the options set. */
  const withOptionClaims = (payload: JwtPayload): Record<string, unknown> => {
    // Spread, not Object.assign, so a "__proto__" claim stays a plain member.
    const claims: Record<string, unknown> = { ...payload };
    for (const [claim, value] of fixedClaims) {
      if (claims[claim] !== undefined) throw conflict(claim);
      claims[claim] = value;
    }
    // The clock is read only when a claim needs it, since this runs for every token.
    const needsNow = expiresIn !== undefined || notBefore !== undefined || (setIssuedAt && claims.iat === undefined);
    const now = needsNow ? Math.floor(fixedDate ?? Date.now() / 1000) : 0;
    if (expiresIn !== undefined) {
      if (claims.exp !== undefined) throw conflict('exp');
      claims.exp = now + expiresIn;
    }
    if (notBefore !== undefined) {
      if (claims.nbf !== undefined) throw conflict('nbf');
      claims.nbf = now + notBefore;
    }
    if (setIssuedAt && claims.iat === undefined) claims.iat = now;
    return claims;
  };

  // Not an async function, so a signature made off this thread costs no extra promise hops.
  // Every failure still reaches the caller as a rejection, never as a throw.
  return (payload: JwtPayload): Promise<string> => {
    try {
      if (typeof payload !== 'object' || (payload as unknown) === null || Array.isArray(payload)) {
        throw new TypeError('payload must be a plain object of claims');
      }
      // A payload that needs no added claim is serialized as it is, which saves a copy per token.
      const claims = setsClaims || (setIssuedAt && payload.iat === undefined) ? withOptionClaims(payload) : payload;
      const mistyped = findMistypedClaim(claims);
      if (mistyped !== undefined) throw new TypeError(`"${mistyped.claim}" must be ${mistyped.expected}`);

      const token = jwsSigner.sign(encodeBase64urlText(serializeClaims(claims)));
      return typeof token === 'string' ? Promise.resolve(token) : token;
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** Serializes the claims, naming the payload when JSON cannot represent it. */
function serializeClaims(claims: object): string {
  let json: string;
  try {
    json = JSON.stringify(claims);
  } catch (cause) {
    throw new TypeError('payload cannot be serialized as JSON, for example because it contains a BigInt or a cycle', { cause });
  }
  // A toJSON method, or an object such as a Date, can serialize to something other than an object.
  if (json.charCodeAt(0) !== 0x7b) throw new TypeError('payload must serialize to a JSON object');
  return json;
}

function conflict(claim: string): TypeError {
  return new TypeError(`the payload already has "${claim}"; set it in the payload or through the option, not both`);
}
