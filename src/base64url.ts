/**
 * Strict, canonical base64url (RFC 4648 §5) as JWS requires it (RFC 7515 §2). Only the URL-safe
 * alphabet is accepted, with no padding and no whitespace. The unused low bits of the last
 * character must be zero, so every byte string has exactly one accepted encoding.
 */

import { JwtError } from './errors.ts';
import { nativeBytes } from './node-buffer.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Maps a character code to its 6-bit value, or -1 for characters outside the alphabet. */
const DECODE_TABLE = /* @__PURE__ */ buildDecodeTable();

// The pure annotations let bundlers drop whatever a caller does not import.
const utf8Encoder = /* @__PURE__ */ new TextEncoder();
const utf8Decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function buildDecodeTable(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
}

/** Only the base64url alphabet, for validating input before the native decoder reads it. */
const ALPHABET_ONLY = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  if (nativeBytes !== undefined) return nativeBytes.encode(bytes);

  let out = '';
  const length = bytes.length;
  const whole = length - (length % 3);
  let i = 0;

  for (; i < whole; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }

  if (length - whole === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
  } else if (length - whole === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63);
  }

  return out;
}

/** Encodes a string as the base64url form of its UTF-8 bytes. */
export function encodeBase64urlText(text: string): string {
  if (nativeBytes !== undefined) return nativeBytes.encodeText(text);
  return encodeBase64url(utf8Encoder.encode(text));
}

/**
 * Decodes canonical base64url, or throws `ERR_JWT_MALFORMED` naming `label` (such as
 * "protected header") for any other form.
 */
export function decodeBase64url(input: string, label: string): Uint8Array {
  const length = input.length;
  const tail = length % 4;
  if (tail === 1) throw malformed(label, 'has an impossible length');

  // Node's decoder skips characters it does not know, so it only ever sees checked input.
  if (nativeBytes !== undefined && ALPHABET_ONLY.test(input)) {
    checkCanonicalTail(input, label);
    return nativeBytes.decode(input);
  }

  const out = new Uint8Array(((length * 3) >> 2));
  let o = 0;
  let i = 0;
  const whole = length - tail;

  for (; i < whole; i += 4) {
    const n = (sextet(input, i, label) << 18) | (sextet(input, i + 1, label) << 12) | (sextet(input, i + 2, label) << 6) | sextet(input, i + 3, label);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }

  // The last 2 or 3 characters carry 1 or 2 bytes. The bits they leave over must be zero,
  // because otherwise several strings would decode to the same bytes.
  if (tail === 2) {
    const n = (sextet(input, i, label) << 18) | (sextet(input, i + 1, label) << 12);
    if ((n & 0xffff) !== 0) throw malformed(label, 'is not canonical base64url');
    out[o] = n >> 16;
  } else if (tail === 3) {
    const n = (sextet(input, i, label) << 18) | (sextet(input, i + 1, label) << 12) | (sextet(input, i + 2, label) << 6);
    if ((n & 0xff) !== 0) throw malformed(label, 'is not canonical base64url');
    out[o] = n >> 16;
    out[o + 1] = (n >> 8) & 255;
  }

  return out;
}

/**
 * Checks that `input` is canonical base64url without decoding it, and returns the number of
 * bytes it encodes. Throws `ERR_JWT_MALFORMED` naming `label` for any other form.
 */
export function checkBase64url(input: string, label: string): number {
  const length = input.length;
  if (length % 4 === 1) throw malformed(label, 'has an impossible length');
  if (ALPHABET_ONLY.test(input)) {
    checkCanonicalTail(input, label);
  } else {
    for (let i = 0; i < length; i++) sextet(input, i, label);
  }
  return (length * 3) >> 2;
}

/** Rejects a last character whose unused low bits are not zero. */
function checkCanonicalTail(input: string, label: string): void {
  const tail = input.length % 4;
  if (tail !== 0 && (sextet(input, input.length - 1, label) & (tail === 2 ? 0x0f : 0x03)) !== 0) {
    throw malformed(label, 'is not canonical base64url');
  }
}

/** Decodes base64url and then UTF-8, rejecting invalid UTF-8 instead of replacing it. */
export function decodeBase64urlText(input: string, label: string): string {
  return decodeUtf8(decodeBase64url(input, label), label);
}

/** Encodes a string as UTF-8 bytes (a plain Uint8Array, never a pooled Buffer). */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8 bytes, throwing `ERR_JWT_MALFORMED` on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  const ascii = nativeBytes?.asciiText(bytes);
  if (ascii !== undefined) return ascii;
  try {
    return utf8Decoder.decode(bytes);
  } catch (cause) {
    throw new JwtError('ERR_JWT_MALFORMED', `${label} is not valid UTF-8`, { cause });
  }
}

function sextet(input: string, index: number, label: string): number {
  const code = input.charCodeAt(index);
  const value = code < 128 ? (DECODE_TABLE[code] as number) : -1;
  if (value < 0) throw malformed(label, 'contains a character outside the base64url alphabet');
  return value;
}

function malformed(label: string, problem: string): JwtError {
  return new JwtError('ERR_JWT_MALFORMED', `${label} ${problem}`);
}
