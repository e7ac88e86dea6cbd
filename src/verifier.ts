/**
 * `createVerifier`: JWT validation (RFC 7519 §7.2) with its options normalized and its key
 * prepared once. The JWS is verified first, then the payload is parsed as a JSON object and
 * its claims are checked, so a forged token never reports a claim error. `verify` is built on it.
 */

import { VerifiedTokenCache, type VerifyCacheOptions } from './cache.ts';
import { deepFreeze } from './freeze.ts';
import { validateClaims } from './claims.ts';
import { type JsonObject, parseJsonObject } from './json.ts';
import { keySourceFor, prepareJwsOptions, startJws } from './jws/verify.ts';
import type { JwsHeader, KeyResolver, VerifyKey } from './keys/types.ts';
import { VERIFY_OPTION_NAMES, type VerifyOptions, readClaimExpectations, rejectUnknownOptions } from './options.ts';
import type { JwtPayload } from './payload.ts';
import { toNumericDate } from './time.ts';

/** The result of a verification: the protected header and the verified claims. */
export interface VerifyResult<P = JwtPayload> {
  header: JwsHeader;
  payload: P & JwtPayload;
}

/** Options for {@link createVerifier}: those of `verify`, plus an optional cache. */
export interface VerifierOptions extends VerifyOptions {
  /**
   * Keeps verified tokens so that a repeated token skips the signature check. Claims are
   * still checked on every call, failures are never cached, and no entry outlives `exp`.
   * Results are then deeply frozen, because cache hits share them.
   */
  cache?: VerifyCacheOptions;
}

/** A function that verifies one token with the key and options it was created with. */
export type Verifier<P = JwtPayload> = (token: string) => Promise<VerifyResult<P>>;

const VERIFIER_OPTION_NAMES: ReadonlySet<string> = /* @__PURE__ */ withCacheOption();

function withCacheOption(): ReadonlySet<string> {
  return new Set([...VERIFY_OPTION_NAMES, 'cache']);
}

/**
 * Creates a verifier for one key (or resolver) and one set of options. Options are checked
 * and normalized, and a fixed key is imported, once, so each call does only per-token work.
 *
 * Does not check: `jti` uniqueness (replay), revocation, or any custom claim. Without
 * `issuer` or `audience`, a token from any issuer or for any audience passes.
 *
 * @param key - the verification key, or a resolver that picks it from the header.
 * @param options - `algorithms` (required), the claim expectations, and `cache`.
 * @returns a function from a compact JWT to its verified header and payload.
 * @throws `TypeError` at once for invalid options; `JwtError` `ERR_JWT_KEY_INVALID` at once
 *   when no key is given. The returned function rejects with a `JwtError` for a token that
 *   fails; claim failures are `JwtClaimError`s carrying `claim` and `reason`.
 * @example
 * ```ts
 * const verifyAccessToken = createVerifier(publicKey, {
 *   algorithms: ['ES256'],
 *   issuer: 'https://auth.example.com',
 *   audience: 'api://orders',
 *   cache: { max: 10_000, ttl: '5m' },
 * });
 * const { payload } = await verifyAccessToken(token);
 * ```
 */
export function createVerifier<P = JwtPayload>(key: VerifyKey | KeyResolver, options: VerifierOptions): Verifier<P> {
  return buildVerifier<P>(key, options, VERIFIER_OPTION_NAMES, 'createVerifier', (cacheOptions) => new VerifiedTokenCache(cacheOptions));
}

/**
 * Builds a verifier, accepting only the option names in `known`. `createCache` is passed only
 * by callers that offer the cache, so the cache stays out of bundles that never use it.
 */
export function buildVerifier<P>(
  key: unknown,
  options: VerifierOptions,
  known: ReadonlySet<string>,
  caller: string,
  createCache?: (cacheOptions: VerifyCacheOptions) => VerifiedTokenCache,
): Verifier<P> {
  const jwsOptions = prepareJwsOptions(options, true);
  rejectUnknownOptions(options, known, caller);
  const expected = readClaimExpectations(options);
  const fixedNow = options.currentDate === undefined ? undefined : toNumericDate(options.currentDate);
  const cache = options.cache === undefined ? undefined : createCache?.(options.cache);
  const keySource = keySourceFor(key);

  /** Checks the claims of a token whose signature has verified, and caches the token. */
  const accept = (token: string, header: JwsHeader, payload: JsonObject): VerifyResult<P> => {
    const now = fixedNow ?? Date.now() / 1000;
    validateClaims(header, payload, expected, now);
    if (cache !== undefined) cache.set(token, deepFreeze(header), deepFreeze(payload), now);
    return { header, payload: payload as P & JwtPayload };
  };

  // Not an async function, so a signature checked off this thread costs one promise hop rather
  // than three. Every failure still reaches the caller as a rejection, never as a throw.
  return (token: string): Promise<VerifyResult<P>> => {
    try {
      if (cache !== undefined && typeof token === 'string') {
        const now = fixedNow ?? Date.now() / 1000;
        const hit = cache.get(token, now);
        if (hit !== undefined) {
          validateClaims(hit.header, hit.payload, expected, now);
          return Promise.resolve({ header: hit.header, payload: hit.payload as P & JwtPayload });
        }
      }

      const { header, payload: payloadBytes, pending } = startJws(token, keySource, jwsOptions);
      if (pending === undefined) return Promise.resolve(accept(token, header, parseJsonObject(payloadBytes, 'payload')));

      // The signature is being checked off this thread (WebCrypto, the thread pool), so the
      // payload is parsed meanwhile. A parse failure waits, so a forged token reports only its signature.
      let payload: JsonObject | undefined;
      let parseFailure: unknown;
      try {
        payload = parseJsonObject(payloadBytes, 'payload');
      } catch (error) {
        parseFailure = error;
      }
      return pending.then(() => {
        if (payload === undefined) throw parseFailure;
        return accept(token, header, payload);
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
