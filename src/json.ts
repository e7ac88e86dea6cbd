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
  checkDepth(text, label);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new JwtError('ERR_JWT_MALFORMED', `${label} is not valid JSON`, { cause });
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtError('ERR_JWT_MALFORMED', `${label} must be a JSON object`);
  }
  return value as JsonObject;
}

/** Rejects text whose brackets nest deeper than MAX_JSON_DEPTH, ignoring brackets in strings. */
function checkDepth(text: string, label: string): void {
  let depth = 0;
  let inString = false;

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new JwtError('ERR_JWT_MALFORMED', `${label} nests deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
}
