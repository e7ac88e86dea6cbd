/**
 * JWS Compact Serialization (RFC 7515 §7.1): splitting `header.payload.signature` after a
 * length check, and joining the parts. No segment is decoded before the token has passed
 * the size limit and shown exactly three parts.
 */

import { JwtError } from './errors.ts';

/** Default `maxTokenLength`: 16 KiB, far above any token sent in an HTTP header. */
export const DEFAULT_MAX_TOKEN_LENGTH = 16 * 1024;

/** The three base64url segments of a compact JWS, still encoded. */
export interface CompactParts {
  readonly protectedHeader: string;
  readonly payload: string;
  readonly signature: string;
  /** `protectedHeader + '.' + payload`: the bytes the signature covers. */
  readonly signingInput: string;
}

/**
 * Splits a compact JWS. Throws `ERR_JWT_TOO_LARGE` when the token is longer than
 * `maxTokenLength` characters, and `ERR_JWT_MALFORMED` when it is not a string of exactly
 * three segments with a non-empty header.
 */
export function splitCompact(token: unknown, maxTokenLength: number): CompactParts {
  if (typeof token !== 'string') {
    throw new JwtError('ERR_JWT_MALFORMED', `token must be a string, got ${token === null ? 'null' : typeof token}`);
  }
  if (token.length > maxTokenLength) {
    throw new JwtError('ERR_JWT_TOO_LARGE', `token is longer than the limit of ${maxTokenLength} characters`);
  }

  const first = token.indexOf('.');
  // With no dot at all, first is -1 and this search from index 0 also returns -1.
  const second = token.indexOf('.', first + 1);
  if (second === -1 || token.includes('.', second + 1)) {
    throw new JwtError('ERR_JWT_MALFORMED', 'token must have exactly three dot-separated segments');
  }
  if (first === 0) {
    throw new JwtError('ERR_JWT_MALFORMED', 'protected header segment is empty');
  }

  return {
    protectedHeader: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signature: token.slice(second + 1),
    signingInput: token.slice(0, second),
  };
}

/** Validates a `maxTokenLength` option, returning the default when it is undefined. */
export function readMaxTokenLength(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_TOKEN_LENGTH;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError('maxTokenLength must be a positive integer number of characters');
  }
  return value;
}
