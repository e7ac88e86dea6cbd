/**
 * `decode`: reads a JWT's header and payload without verifying anything. It applies the same
 * structural rules as `verify` (size, three segments, strict base64url, UTF-8, JSON objects),
 * so a string `decode` accepts is at least shaped like a JWT.
 */

import { decodeBase64url } from './base64url.ts';
import { readMaxTokenLength, splitCompact } from './compact.ts';
import { JwtError } from './errors.ts';
import { asJwsHeader } from './header.ts';
import { parseSegment } from './json.ts';
import type { JwsHeader } from './keys/types.ts';
import type { JwtPayload } from './payload.ts';

/** The result of {@link decode}. Nothing in it has been verified. */
export interface DecodeResult<P = JwtPayload> {
  header: JwsHeader;
  payload: P & JwtPayload;
  signature: Uint8Array;
}

/**
 * Decodes a JWT without verifying it. Use it to read `kid` or `iss` before choosing a key,
 * or to display a token; never to make an access decision.
 *
 * Does not check: the signature, `alg`, `crit`, or any claim, including `exp`.
 *
 * @param token - the compact JWT.
 * @param options - `maxTokenLength` in characters, default 16384.
 * @throws `JwtError` `ERR_JWT_TOO_LARGE` or `ERR_JWT_MALFORMED`.
 * @example
 * ```ts
 * const { header, payload } = decode(token);
 * console.log(header.kid, payload.exp);
 * ```
 */
export function decode<P = JwtPayload>(token: string, options: { maxTokenLength?: number } = {}): DecodeResult<P> {
  const parts = splitCompact(token, readMaxTokenLength(options.maxTokenLength));
  const header = asJwsHeader(parseSegment(parts.protectedHeader, 'protected header'));
  if (header.b64 !== undefined && header.b64 !== true) {
    // Base64url-decoding an unencoded payload (RFC 7797) would return claims that were never signed.
    throw new JwtError('ERR_JWT_MALFORMED', 'unencoded payloads ("b64": false) are not supported, so the payload cannot be decoded');
  }
  const payload = parseSegment(parts.payload, 'payload');
  const signature = decodeBase64url(parts.signature, 'signature');
  return { header, payload: payload as P & JwtPayload, signature };
}
