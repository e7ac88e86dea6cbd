/**
 * `compactSign`: JWS Compact Serialization (RFC 7515 §7.1) of any payload bytes. The
 * protected header is always built with `JSON.stringify`, so no header value can inject members.
 */

import { encodeBase64url, encodeUtf8 } from '../base64url.ts';
import type { SignKey } from '../keys/types.ts';
import { type CompactSignOptions, prepareJwsSigner } from './signer.ts';

export type { CompactSignOptions } from './signer.ts';

/**
 * Signs any payload bytes (or a string, as UTF-8) and returns the compact JWS
 * `header.payload.signature`. Unlike `sign`, the payload need not be JSON.
 *
 * Does not check: the payload's content, which is signed as given.
 *
 * @param payload - the bytes to protect.
 * @param key - a private CryptoKey or JWK, or an HMAC secret for HS* algorithms.
 * @param options - `alg`, `kid` and extra protected header parameters.
 * @throws `TypeError` for a missing or unknown `alg`, or header parameters jwtkit cannot honour.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the key cannot sign with `alg`.
 * @example
 * ```ts
 * const jws = await compactSign('hello', secret, { alg: 'HS256' });
 * ```
 */
export async function compactSign(payload: Uint8Array | string, key: SignKey, options: CompactSignOptions): Promise<string> {
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new TypeError('payload must be a Uint8Array or a string');
  }
  const payloadSegment = encodeBase64url(typeof payload === 'string' ? encodeUtf8(payload) : payload);
  return prepareJwsSigner(key, options, {}).sign(payloadSegment);
}
