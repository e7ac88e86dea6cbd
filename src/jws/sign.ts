/**
 * `compactSign`: JWS Compact Serialization (RFC 7515 §7.1) of any payload bytes. The
 * protected header is always built with `JSON.stringify`, so no header value can inject members.
 */

import { type Algorithm, type AlgorithmSpec, findAlgorithm } from '../algorithms.ts';
import { encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../base64url.ts';
import { JwtError, describeValue } from '../errors.ts';
import { activeBackend } from '../crypto/backend.ts';
import { prepareKey } from '../keys/prepare.ts';
import type { JwsHeader, SignKey } from '../keys/types.ts';
import { algorithmFixedByKey } from './key-algorithm.ts';

/** Options for {@link compactSign}. */
export interface CompactSignOptions {
  /** Signature algorithm. Required unless the key fixes it (a JWK `alg`, or a CryptoKey's algorithm). */
  alg?: Algorithm;
  /** Key ID placed in the `kid` header parameter. */
  kid?: string;
  /** Extra protected header parameters. `alg` here must agree with the `alg` option. */
  header?: Record<string, unknown>;
}

/**
 * Signs any payload bytes (or a string, as UTF-8) and returns the compact JWS
 * `header.payload.signature`. Unlike `sign`, the payload need not be JSON.
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
  return signSegments(payloadSegment, key, options, {});
}

/**
 * Signs an already encoded payload segment. `defaults` are header parameters the caller's
 * `header` option may override, such as `typ` for JWTs.
 */
export async function signSegments(
  payloadSegment: string,
  key: SignKey,
  options: CompactSignOptions,
  defaults: Record<string, unknown>,
): Promise<string> {
  if (typeof options !== 'object' || (options as unknown) === null) throw new TypeError('options must be an object');
  const spec = resolveSignAlgorithm(options, key);
  const header = buildHeader(spec, options, defaults);

  const backendKey = await prepareKey(key, spec, 'sign');
  const signingInput = `${encodeBase64urlText(JSON.stringify(header))}.${payloadSegment}`;

  let signature: Uint8Array;
  try {
    signature = await activeBackend().sign(spec, backendKey, encodeUtf8(signingInput));
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `signing with ${spec.name} failed`, { cause });
  }
  return `${signingInput}.${encodeBase64url(signature)}`;
}

function resolveSignAlgorithm(options: CompactSignOptions, key: SignKey): AlgorithmSpec {
  const headerAlg = options.header?.alg;
  const name = options.alg ?? headerAlg ?? algorithmFixedByKey(key);
  if (name === undefined) {
    throw new TypeError('alg is required when the key does not fix the algorithm');
  }
  if (name === 'none') throw new TypeError('alg "none" cannot be used: jwtkit only produces signed tokens');

  const spec = findAlgorithm(name);
  if (spec === undefined) throw new TypeError(`unsupported algorithm ${describeValue(name)}`);
  if (headerAlg !== undefined && headerAlg !== spec.name) {
    throw new TypeError('header.alg must match the alg option');
  }
  return spec;
}

function buildHeader(spec: AlgorithmSpec, options: CompactSignOptions, defaults: Record<string, unknown>): JwsHeader {
  const extra = options.header ?? {};
  if (typeof extra !== 'object' || Array.isArray(extra)) throw new TypeError('header must be an object');
  if (extra.b64 !== undefined && extra.b64 !== true) throw new TypeError('unencoded payloads ("b64": false) are not supported');
  if (options.kid !== undefined && typeof options.kid !== 'string') throw new TypeError('kid must be a string');

  // Spread, not Object.assign, so a "__proto__" member stays a plain header parameter.
  const header: JwsHeader = { alg: spec.name, ...defaults, ...extra };
  header.alg = spec.name;
  if (options.kid !== undefined) header.kid = options.kid;
  return header;
}
