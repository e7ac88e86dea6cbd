/**
 * Byte and token helpers for the portable suite, built on `btoa`, `atob`, `TextEncoder` and
 * WebCrypto only, so the suite needs nothing from the package beyond its public API.
 */

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Base64url without padding (RFC 7515 §2). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url of the UTF-8 bytes of `text`. */
export function base64urlText(text: string): string {
  return base64url(utf8(text));
}

/** Decodes unpadded base64url; the input must come from a trusted vector. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** Replaces one segment (0 header, 1 payload, 2 signature) of a compact token. */
export function withSegment(token: string, index: 0 | 1 | 2, segment: string): string {
  const parts = token.split('.');
  parts[index] = segment;
  return parts.join('.');
}

/** The segment at `index` of a compact token. */
export function segmentOf(token: string, index: 0 | 1 | 2): string {
  return token.split('.')[index] ?? '';
}

/**
 * Builds an HS256 token from the exact header and payload text given, signed with WebCrypto
 * directly, for headers that `sign` and `compactSign` would never produce.
 */
export async function hs256Token(headerText: string, payloadText: string, secret: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signingInput = `${base64urlText(headerText)}.${base64urlText(payloadText)}`;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(signingInput)));
  return `${signingInput}.${base64url(mac)}`;
}
