/**
 * The verified-token cache of `createVerifier`: a least-recently-used map from the exact token
 * string to its verified header and payload. A hit skips only the signature check, since the
 * signature of an unchanged string cannot change; every claim is checked again on each hit.
 */

import type { JsonObject } from './json.ts';
import type { JwsHeader } from './keys/types.ts';
import { type Duration, durationToSeconds } from './time.ts';
import { rejectUnknownOptions } from './options.ts';

/** Options for the verified-token cache. */
export interface VerifyCacheOptions {
  /** Maximum number of tokens kept; the least recently used is evicted first. */
  max: number;
  /** Maximum time an entry is kept, in seconds or as a duration string. Default 60 seconds. Entries never outlive the token's `exp`. */
  ttl?: Duration;
}

interface Entry {
  readonly header: JwsHeader;
  readonly payload: JsonObject;
  /** NumericDate after which the entry is dropped. */
  readonly expiresAt: number;
}

const DEFAULT_TTL_SECONDS = 60;

const CACHE_OPTION_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(['max', 'ttl']);

/** A bounded LRU cache of verified tokens. */
export class VerifiedTokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;
  readonly #ttl: number;

  constructor(options: unknown) {
    if (typeof options !== 'object' || options === null) throw new TypeError('cache must be an object such as { max: 1000, ttl: "5m" }');
    rejectUnknownOptions(options, CACHE_OPTION_NAMES, 'cache');
    const { max, ttl } = options as Partial<VerifyCacheOptions>;
    if (typeof max !== 'number' || !Number.isSafeInteger(max) || max <= 0) {
      throw new TypeError('cache.max must be a positive integer');
    }
    this.#max = max;
    this.#ttl = ttl === undefined ? DEFAULT_TTL_SECONDS : durationToSeconds(ttl, 'cache.ttl', false);
  }

  /** Returns the entry for `token` at time `now`, dropping it when it has expired. */
  get(token: string, now: number): Entry | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;

    this.#entries.delete(token);
    if (now >= entry.expiresAt) return undefined;
    this.#entries.set(token, entry); // most recently used goes last
    return entry;
  }

  /** Stores a token that has just verified, unless it would expire at once. */
  set(token: string, header: JwsHeader, payload: JsonObject, now: number): void {
    let expiresAt = now + this.#ttl;
    if (typeof payload.exp === 'number' && payload.exp < expiresAt) expiresAt = payload.exp;
    if (expiresAt <= now) return;

    this.#entries.delete(token);
    this.#entries.set(token, { header, payload, expiresAt });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
