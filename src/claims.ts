/**
 * Registered-claim validation (RFC 7519 §4.1) for verified tokens: claim types, presence,
 * time window, issuer, subject, audience and `typ`. It runs only after the signature has
 * verified. Matching is exact string equality; nothing is a prefix, substring or pattern.
 */

import { JwtClaimError, type ClaimFailureReason } from './errors.ts';
import type { JsonObject } from './json.ts';
import type { JwsHeader } from './keys/types.ts';
import { isNumericDate } from './time.ts';

/** Claim expectations after option validation; times are NumericDates in seconds. */
export interface ClaimExpectations {
  readonly issuer: readonly string[] | undefined;
  readonly audience: readonly string[] | undefined;
  readonly subject: string | undefined;
  readonly typ: string | undefined;
  readonly clockTolerance: number;
  readonly maxTokenAge: number | undefined;
  readonly requiredClaims: readonly string[];
}

/** The registered claims and the type each must have when present. */
const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;
const STRING_CLAIMS = ['iss', 'sub', 'jti'] as const;

/**
 * Checks the payload and header of a verified token against `expected` at time `now`.
 * Throws `JwtClaimError` with `ERR_JWT_EXPIRED`, `ERR_JWT_NOT_YET_VALID` or `ERR_JWT_CLAIM_INVALID`.
 */
export function validateClaims(header: JwsHeader, payload: JsonObject, expected: ClaimExpectations, now: number): void {
  const fail = (code: ConstructorParameters<typeof JwtClaimError>[0], claim: string, reason: ClaimFailureReason, message: string): never => {
    throw new JwtClaimError(code, message, claim, reason, payload);
  };

  if (expected.typ !== undefined && !sameMediaType(header.typ, expected.typ)) {
    fail('ERR_JWT_CLAIM_INVALID', 'typ', header.typ === undefined ? 'missing' : 'mismatch', `"typ" header does not match the expected type`);
  }

  const invalid = findMistypedClaim(payload);
  if (invalid !== undefined) {
    fail('ERR_JWT_CLAIM_INVALID', invalid.claim, 'invalid', `"${invalid.claim}" claim must be ${invalid.expected}`);
  }
  const aud = payload.aud as string | string[] | undefined;

  const required = new Set(expected.requiredClaims);
  if (expected.issuer !== undefined) required.add('iss');
  if (expected.subject !== undefined) required.add('sub');
  if (expected.audience !== undefined) required.add('aud');
  if (expected.maxTokenAge !== undefined) required.add('iat');
  for (const claim of required) {
    if (!Object.hasOwn(payload, claim) || payload[claim] === undefined) {
      fail('ERR_JWT_CLAIM_INVALID', claim, 'missing', `"${claim}" claim is required but missing`);
    }
  }

  const tolerance = expected.clockTolerance;
  const exp = payload.exp as number | undefined;
  const nbf = payload.nbf as number | undefined;
  const iat = payload.iat as number | undefined;

  // RFC 7519 §4.1.4: the token must not be accepted on or after the expiration time.
  if (exp !== undefined && exp <= now - tolerance) {
    fail('ERR_JWT_EXPIRED', 'exp', 'invalid', 'token has expired');
  }
  // RFC 7519 §4.1.5: the token must not be accepted before the not-before time.
  if (nbf !== undefined && nbf > now + tolerance) {
    fail('ERR_JWT_NOT_YET_VALID', 'nbf', 'invalid', 'token is not valid yet');
  }
  if (iat !== undefined && iat > now + tolerance) {
    fail('ERR_JWT_CLAIM_INVALID', 'iat', 'invalid', '"iat" claim is in the future');
  }
  if (expected.maxTokenAge !== undefined && iat !== undefined && now - iat > expected.maxTokenAge + tolerance) {
    fail('ERR_JWT_CLAIM_INVALID', 'iat', 'invalid', 'token is older than maxTokenAge');
  }

  if (expected.issuer !== undefined && !expected.issuer.includes(payload.iss as string)) {
    fail('ERR_JWT_CLAIM_INVALID', 'iss', 'mismatch', '"iss" claim does not match the expected issuer');
  }
  if (expected.subject !== undefined && payload.sub !== expected.subject) {
    fail('ERR_JWT_CLAIM_INVALID', 'sub', 'mismatch', '"sub" claim does not match the expected subject');
  }
  if (expected.audience !== undefined) {
    const audiences = typeof aud === 'string' ? [aud] : (aud as string[]);
    if (!audiences.some((item) => expected.audience?.includes(item) === true)) {
      fail('ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch', '"aud" claim does not contain an expected audience');
    }
  }
}

/**
 * Returns the first registered claim whose type is wrong (RFC 7519 §4.1), with the type it
 * must have, or undefined when all present registered claims are well typed.
 */
export function findMistypedClaim(payload: Readonly<Record<string, unknown>>): { claim: string; expected: string } | undefined {
  for (const claim of TIME_CLAIMS) {
    if (payload[claim] !== undefined && !isNumericDate(payload[claim])) {
      return { claim, expected: 'a finite NumericDate in seconds' };
    }
  }
  for (const claim of STRING_CLAIMS) {
    if (payload[claim] !== undefined && typeof payload[claim] !== 'string') {
      return { claim, expected: 'a string' };
    }
  }
  const aud = payload.aud;
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))) {
    return { claim: 'aud', expected: 'a string or an array of strings' };
  }
  return undefined;
}

/**
 * Compares `typ` values as media types (RFC 7515 §4.1.9): case-insensitively, with an
 * omitted `application/` prefix, so `"JWT"` matches `"application/jwt"`.
 */
function sameMediaType(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  return normalizeMediaType(actual) === normalizeMediaType(expected);
}

function normalizeMediaType(value: string): string {
  const lower = value.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}
