/**
 * PEM armour (RFC 7468): finds the one `-----BEGIN label-----` block in a text and decodes
 * its base64 body. Text around the block, such as leading blank lines from an environment
 * variable, is allowed; a second block or a malformed body is not.
 */

import { decodeBase64url } from '../base64url.ts';
import { JwtError } from '../errors.ts';

const PEM_PATTERN = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

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

  const blocks = [...text.matchAll(PEM_PATTERN)];
  if (blocks.length !== 1) {
    throw new JwtError('ERR_JWT_KEY_INVALID', blocks.length === 0 ? 'no PEM block was found' : 'PEM text must hold exactly one block');
  }

  const [, label = '', body = ''] = blocks[0] as RegExpMatchArray;
  // RFC 7468 §2: the body is standard base64 with padding, broken into lines.
  const base64 = body.replace(/\s+/g, '');
  if (base64.length === 0 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
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
