/**
 * PEM armour (RFC 7468): finds the one `-----BEGIN label-----` block in a text and decodes
 * its base64 body. Text around the block, such as leading blank lines from an environment
 * variable, is allowed. A second block, an unpaired BEGIN or END line and a malformed body are not.
 */

import { decodeBase64url } from '../base64url.ts';
import { JwtError } from '../errors.ts';

// Matches each BEGIN or END line on its own, and decodePem pairs them afterwards. One pattern
// spanning BEGIN to END would rescan the rest of the text for every BEGIN line.
const MARKER_PATTERN = /-----(BEGIN|END) ([A-Z0-9 ]+)-----/g;

/** A decoded PEM block. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

/** Decodes the single PEM block in `text`, or throws `ERR_JWT_KEY_INVALID`. */
export function decodePem(text: unknown): PemBlock {
  if (typeof text !== 'string') {
    throw new TypeError(`PEM key must be a string, got ${text === null ? 'null' : typeof text}`);
  }

  const markers = [...text.matchAll(MARKER_PATTERN)];
  if (markers.length === 0) throw new JwtError('ERR_JWT_KEY_INVALID', 'no PEM block was found');

  const [begin, end] = markers as [RegExpExecArray, RegExpExecArray | undefined];
  const label = begin[2] ?? '';
  if (markers.length !== 2 || begin[1] !== 'BEGIN' || end?.[1] !== 'END' || end[2] !== label) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'PEM text must contain exactly one block, from a BEGIN line to the END line with the same label');
  }

  const body = text.slice(begin.index + begin[0].length, end.index);
  // RFC 7468 §2: the body is padded standard base64 in lines. The `+` also rejects an empty body.
  const base64 = body.replace(/\s+/g, '');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `the ${label} PEM body is not valid base64`);
  }

  const unpadded = base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  try {
    return { label, der: decodeBase64url(unpadded, 'PEM body') };
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `the ${label} PEM body is not valid base64`, { cause });
  }
}

/** Encodes DER bytes as a PEM block with 64-character lines and a final newline. */
export function encodePem(label: string, der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
