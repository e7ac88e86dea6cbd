/**
 * Parses a header or payload segment into a plain JSON object (RFC 7515 §5.2 steps 2 to 8,
 * RFC 7519 §7.2 step 10). Anything else, including arrays, `null` and over-deep nesting, is
 * `ERR_JWT_MALFORMED`.
 */

import { decodeBase64url, decodeUtf8 } from './base64url.ts';
import { JwtError } from './errors.ts';

/** Deepest nesting of objects and arrays accepted in a header or payload. */
export const MAX_JSON_DEPTH = 32;

/** A parsed JSON object whose values are all JSON values. */
export type JsonObject = Record<string, unknown>;

/** Decodes a base64url segment as UTF-8 JSON and returns it if it is an object. */
export function parseSegment(segment: string, label: string): JsonObject {
  return parseJsonObject(decodeBase64url(segment, label), label);
}

/**
 * Parses UTF-8 bytes as a JSON object. Duplicate member names keep the last value, as
 * `JSON.parse` does (RFC 7515 §5.2 allows that). A `__proto__` member stays an own property
 * and never changes the object's prototype.
 */
export function parseJsonObject(bytes: Uint8Array, label: string): JsonObject {
  const text = decodeUtf8(bytes, label);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // A runtime whose parser recurses may run out of stack on deep input; that is malformed too.
    // The SyntaxError is not kept as the cause: V8 quotes the text around the error in its message.
    throw new JwtError('ERR_JWT_MALFORMED', `${label} is not valid JSON`);
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtError('ERR_JWT_MALFORMED', `${label} must be a JSON object`);
  }
  if (exceedsDepth(value, 1)) {
    throw new JwtError('ERR_JWT_MALFORMED', `${label} nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return value as JsonObject;
}

/**
 * Returns true when objects and arrays inside `value` nest deeper than MAX_JSON_DEPTH. The
 * walk stops at that depth, so its recursion is bounded whatever the input. Checking after
 * parsing costs one step per value, which is cheaper than scanning every character.
 */
function exceedsDepth(value: object, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const member of value as unknown[]) {
      if (typeof member === 'object' && member !== null && exceedsDepth(member, depth + 1)) return true;
    }
    return false;
  }
  // for...in allocates no array; a JSON.parse result has only own, enumerable members.
  for (const name in value) {
    const member = (value as Record<string, unknown>)[name];
    if (typeof member === 'object' && member !== null && exceedsDepth(member, depth + 1)) return true;
  }
  return false;
}
