/**
 * Validation of the JWT verification options (`VerifyOptions`). Caller mistakes are
 * `TypeError`s raised before any token is read, so a misconfigured verifier fails loudly
 * instead of skipping a check: an empty string or `0` is never taken as "not given".
 */

import type { Algorithm } from './algorithms.ts';
import type { ClaimExpectations } from './claims.ts';
import { type Duration, durationToSeconds } from './time.ts';

/** Options for `verify`. */
export interface VerifyOptions {
  /** Algorithms to accept. Required and non-empty; `'none'` is never accepted. */
  algorithms: readonly Algorithm[];
  /** Accepted issuer, or list of issuers; `iss` must equal one of them exactly. */
  issuer?: string | readonly string[];
  /** Accepted audience, or list; `aud` must contain at least one of them exactly. */
  audience?: string | readonly string[];
  /** Expected subject; `sub` must equal it exactly. */
  subject?: string;
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds or as a duration string. Default 0. */
  clockTolerance?: Duration;
  /** Largest accepted age since `iat`, in seconds or as a duration string; makes `iat` required. */
  maxTokenAge?: Duration;
  /** Claims that must be present, in addition to those implied by the options above. */
  requiredClaims?: readonly string[];
  /** Expected `typ` header, compared as a media type (`'JWT'` matches `'application/jwt'`). */
  typ?: string;
  /** The time to validate against, for tests. Default: now. */
  currentDate?: Date;
  /** Names of `crit` extensions the caller's code understands and checks itself. */
  crit?: readonly string[];
  /** Maximum token length in characters, checked before any decoding. Default 16384. */
  maxTokenLength?: number;
}

/** Option names `verify` and `createVerifier` accept. */
export const VERIFY_OPTION_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'algorithms', 'issuer', 'audience', 'subject', 'clockTolerance', 'maxTokenAge',
  'requiredClaims', 'typ', 'currentDate', 'crit', 'maxTokenLength',
]);

/**
 * Throws `TypeError` for an option name outside `known`, so a misspelled option such as
 * `audiance` fails loudly instead of silently skipping its check.
 */
export function rejectUnknownOptions(options: object, known: ReadonlySet<string>, caller: string): void {
  for (const name of Object.keys(options)) {
    if (!known.has(name)) {
      throw new TypeError(`${caller} does not accept an option named ${JSON.stringify(name)}; the options are ${[...known].join(', ')}`);
    }
  }
}

/** Validates the claim-related options of `verify`. */
export function readClaimExpectations(options: VerifyOptions): ClaimExpectations {
  const clockTolerance = options.clockTolerance === undefined ? 0 : durationToSeconds(options.clockTolerance, 'clockTolerance', false);
  const maxTokenAge = options.maxTokenAge === undefined ? undefined : durationToSeconds(options.maxTokenAge, 'maxTokenAge', false);

  if (options.subject !== undefined && (typeof options.subject !== 'string' || options.subject === '')) {
    throw new TypeError('subject must be a non-empty string');
  }
  if (options.typ !== undefined && (typeof options.typ !== 'string' || options.typ === '')) {
    throw new TypeError('typ must be a non-empty string');
  }

  const issuer = readStringList(options.issuer, 'issuer', true);
  const audience = readStringList(options.audience, 'audience', true);
  const explicit = Array.isArray(options.requiredClaims) && options.requiredClaims.length === 0 ? [] : (readStringList(options.requiredClaims, 'requiredClaims', false) ?? []);

  // Every claim an option compares is required too, so a missing claim never passes a check.
  const required = new Set(explicit);
  if (issuer !== undefined) required.add('iss');
  if (options.subject !== undefined) required.add('sub');
  if (audience !== undefined) required.add('aud');
  if (maxTokenAge !== undefined) required.add('iat');

  return {
    issuer,
    audience,
    subject: options.subject,
    typ: options.typ,
    clockTolerance,
    maxTokenAge,
    requiredClaims: [...required],
  };
}

/** Reads an array of non-empty strings; `allowString` also accepts one string on its own. */
function readStringList(value: unknown, option: string, allowString: boolean): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list: unknown[] = typeof value === 'string' && allowString ? [value] : Array.isArray(value) ? value : [];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    const accepted = allowString ? 'a non-empty string or a non-empty array of non-empty strings' : 'a non-empty array of non-empty strings';
    throw new TypeError(`${option} must be ${accepted}`);
  }
  return list as string[];
}
