/**
 * The prepared half of JWS signing (RFC 7515 §5.1): the algorithm is resolved, the protected
 * header is serialized and encoded, and the key is imported once, so that each signature only
 * encodes its payload and signs. `compactSign`, `sign` and `createSigner` are built on it.
 */

import { type Algorithm, type AlgorithmSpec, findAlgorithm } from '../algorithms.ts';
import { encodeBase64urlText } from '../base64url.ts';
import { JwtError, describeValue } from '../errors.ts';
import { type BackendKey, type CryptoBackend, activeBackend } from '../crypto/backend.ts';
import { prepareKey } from '../keys/prepare.ts';
import { preparedOnce } from '../keys/prepared-once.ts';
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

/** A signer with its algorithm, encoded header and key prepared. */
export interface JwsSigner {
  readonly spec: AlgorithmSpec;
  /** The encoded protected header followed by a dot. */
  readonly headerPrefix: string;
  /**
   * Signs an encoded payload segment and returns the compact JWS, without a promise when the
   * key is ready and the backend signs at once. Callers `await` the result either way.
   */
  sign(payloadSegment: string): string | Promise<string>;
}

/**
 * Prepares a signer. Option mistakes throw `TypeError` at once; a key that cannot sign with
 * the algorithm rejects each `sign` call with `ERR_JWT_KEY_INVALID`. `defaults` are header
 * parameters the `header` option may override, such as `typ` for JWTs.
 */
export function prepareJwsSigner(key: SignKey, options: CompactSignOptions, defaults: Record<string, unknown>): JwsSigner {
  if (typeof options !== 'object' || (options as unknown) === null) throw new TypeError('options must be an object');
  const spec = resolveSignAlgorithm(options, key);
  const headerPrefix = `${encodeBase64urlText(JSON.stringify(buildHeader(spec, options, defaults)))}.`;

  const keyFor = preparedOnce((backend) => prepareKey(key, spec, 'sign', backend));

  const signWith = (backend: CryptoBackend, backendKey: BackendKey, payloadSegment: string): string | Promise<string> => {
    const signingInput = headerPrefix + payloadSegment;
    let signature: string | Promise<string>;
    try {
      signature = backend.sign(spec, backendKey, signingInput);
    } catch (cause) {
      throw signingFailed(spec, cause);
    }
    if (typeof signature === 'string') return `${signingInput}.${signature}`;
    return signature.then(
      (encoded) => `${signingInput}.${encoded}`,
      (cause: unknown) => {
        throw signingFailed(spec, cause);
      },
    );
  };

  return {
    spec,
    headerPrefix,
    sign(payloadSegment: string): string | Promise<string> {
      const backend = activeBackend();
      const backendKey = keyFor(backend);
      if (backendKey instanceof Promise) return backendKey.then((prepared) => signWith(backend, prepared, payloadSegment));
      return signWith(backend, backendKey, payloadSegment);
    },
  };
}

function signingFailed(spec: AlgorithmSpec, cause: unknown): JwtError {
  return new JwtError('ERR_JWT_KEY_INVALID', `signing with ${spec.name} failed`, { cause });
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
