/**
 * Strict, canonical base64url (RFC 4648 §5) as JWS requires it (RFC 7515 §2). Only the URL-safe
 * alphabet is accepted, with no padding and no whitespace. The unused low bits of the last
 * character must be zero, so every byte string has exactly one accepted encoding.
 */

import { JwtError } from './errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Maps a character code to its 6-bit value, or -1 for characters outside the alphabet. */
const DECODE_TABLE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE_TABLE[ALPHABET.charCodeAt(i)] = i;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
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

/** Decodes base64url and then UTF-8, rejecting invalid UTF-8 instead of replacing it. */
export function decodeBase64urlText(input: string, label: string): string {
  return decodeUtf8(decodeBase64url(input, label), label);
}

/** Encodes a string as UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8 bytes, throwing `ERR_JWT_MALFORMED` on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
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
