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
  /** Every claim that must be present: those listed, and those the other options compare. */
  readonly requiredClaims: readonly string[];
}

/**
 * Checks the payload and header of a verified token against `expected` at time `now`.
 * Throws `JwtClaimError` with `ERR_JWT_EXPIRED`, `ERR_JWT_NOT_YET_VALID` or `ERR_JWT_CLAIM_INVALID`.
 */
export function validateClaims(header: JwsHeader, payload: JsonObject, expected: ClaimExpectations, now: number): void {
  if (expected.typ !== undefined && !sameMediaType(header.typ, expected.typ)) {
    const reason = header.typ === undefined ? 'missing' : 'mismatch';
    throw claimError('ERR_JWT_CLAIM_INVALID', 'typ', reason, '"typ" header does not match the expected type', payload);
  }

  const invalid = findMistypedClaim(payload);
  if (invalid !== undefined) {
    throw claimError('ERR_JWT_CLAIM_INVALID', invalid.claim, 'invalid', `"${invalid.claim}" claim must be ${invalid.expected}`, payload);
  }

  for (const claim of expected.requiredClaims) {
    // A parsed JSON object never contains undefined, so an own member is a present claim.
    if (!Object.hasOwn(payload, claim)) {
      throw claimError('ERR_JWT_CLAIM_INVALID', claim, 'missing', `"${claim}" claim is required but missing`, payload);
    }
  }

  const tolerance = expected.clockTolerance;
  const exp = payload.exp as number | undefined;
  const nbf = payload.nbf as number | undefined;
  const iat = payload.iat as number | undefined;

  // RFC 7519 §4.1.4: the token must not be accepted on or after the expiration time.
  if (exp !== undefined && exp <= now - tolerance) {
    throw claimError('ERR_JWT_EXPIRED', 'exp', 'invalid', 'token has expired', payload);
  }
  // RFC 7519 §4.1.5: the token must not be accepted before the not-before time.
  if (nbf !== undefined && nbf > now + tolerance) {
    throw claimError('ERR_JWT_NOT_YET_VALID', 'nbf', 'invalid', 'token is not valid yet', payload);
  }
  if (iat !== undefined && iat > now + tolerance) {
    throw claimError('ERR_JWT_CLAIM_INVALID', 'iat', 'invalid', '"iat" claim is in the future', payload);
  }
  if (expected.maxTokenAge !== undefined && iat !== undefined && now - iat > expected.maxTokenAge + tolerance) {
    throw claimError('ERR_JWT_CLAIM_INVALID', 'iat', 'invalid', 'token is older than maxTokenAge', payload);
  }

  if (expected.issuer !== undefined && !expected.issuer.includes(payload.iss as string)) {
    throw claimError('ERR_JWT_CLAIM_INVALID', 'iss', 'mismatch', '"iss" claim does not match the expected issuer', payload);
  }
  if (expected.subject !== undefined && payload.sub !== expected.subject) {
    throw claimError('ERR_JWT_CLAIM_INVALID', 'sub', 'mismatch', '"sub" claim does not match the expected subject', payload);
  }
  if (expected.audience !== undefined && !containsAudience(payload.aud as string | string[], expected.audience)) {
    throw claimError('ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch', '"aud" claim does not contain an expected audience', payload);
  }
}

function claimError(
  code: 'ERR_JWT_EXPIRED' | 'ERR_JWT_NOT_YET_VALID' | 'ERR_JWT_CLAIM_INVALID',
  claim: string,
  reason: ClaimFailureReason,
  message: string,
  payload: JsonObject,
): JwtClaimError {
  return new JwtClaimError(code, message, claim, reason, payload);
}

/** Returns true when the `aud` claim, one string or several, contains an expected audience. */
function containsAudience(aud: string | string[], expected: readonly string[]): boolean {
  if (typeof aud === 'string') return expected.includes(aud);
  return aud.some((item) => expected.includes(item));
}

/**
 * Returns the first registered claim whose type is wrong (RFC 7519 §4.1), with the type it
 * must have, or undefined when all present registered claims are well typed.
 */
export function findMistypedClaim(payload: Readonly<Record<string, unknown>>): { claim: string; expected: string } | undefined {
  // Written out claim by claim: this runs for every token signed or verified.
  const { exp, nbf, iat, iss, sub, jti, aud } = payload;
  if (exp !== undefined && !isNumericDate(exp)) return { claim: 'exp', expected: NUMERIC_DATE };
  if (nbf !== undefined && !isNumericDate(nbf)) return { claim: 'nbf', expected: NUMERIC_DATE };
  if (iat !== undefined && !isNumericDate(iat)) return { claim: 'iat', expected: NUMERIC_DATE };
  if (iss !== undefined && typeof iss !== 'string') return { claim: 'iss', expected: 'a string' };
  if (sub !== undefined && typeof sub !== 'string') return { claim: 'sub', expected: 'a string' };
  if (jti !== undefined && typeof jti !== 'string') return { claim: 'jti', expected: 'a string' };
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))) {
    return { claim: 'aud', expected: 'a string or an array of strings' };
  }
  return undefined;
}

const NUMERIC_DATE = 'a finite NumericDate in seconds';

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
