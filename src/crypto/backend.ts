/**
 * The crypto backend seam: every signature, verification and key conversion goes through the
 * active backend. It is chosen once at load time: `node:crypto` where the runtime exposes it
 * through `process.getBuiltinModule`, and WebCrypto everywhere else.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { nodeCryptoBackend } from './node.ts';
import { webCryptoBackend } from './webcrypto.ts';

/** Names of the crypto backends. */
export type CryptoBackendName = 'webcrypto' | 'node';

/** The operation a key is prepared for. */
export type KeyUsage = 'sign' | 'verify';

/** A key in the form one backend needs: a `CryptoKey` for WebCrypto, a `KeyObject` for node:crypto. */
export type BackendKey = object;

/** One implementation of the primitives jwtkit needs. */
export interface CryptoBackend {
  readonly name: CryptoBackendName;
  /** Converts a CryptoKey that has passed the algorithm checks. */
  fromCryptoKey(key: CryptoKey, spec: AlgorithmSpec, usage: KeyUsage): Promise<BackendKey>;
  /** Imports HMAC secret bytes. */
  importSecret(spec: AlgorithmSpec, secret: Uint8Array, usage: KeyUsage): Promise<BackendKey>;
  /** Imports JWK key material that has passed the binding checks and strict decoding. */
  importJwk(spec: AlgorithmSpec, jwk: JsonWebKey, usage: KeyUsage): Promise<BackendKey>;
  /**
   * Signs the ASCII JWS signing input and returns the signature as base64url. Cheap operations
   * may return synchronously; callers always `await` the result.
   */
  sign(spec: AlgorithmSpec, key: BackendKey, signingInput: string): string | Promise<string>;
  /**
   * Returns true when `signature`, the canonical base64url signature segment, is valid for the
   * ASCII JWS signing input. The caller has already checked the segment's form and length.
   */
  verify(spec: AlgorithmSpec, key: BackendKey, signingInput: string, signature: string): boolean | Promise<boolean>;
}

const backends: ReadonlyMap<CryptoBackendName, CryptoBackend> = /* @__PURE__ */ new Map(
  nodeCryptoBackend === undefined ? [['webcrypto', webCryptoBackend]] : [['webcrypto', webCryptoBackend], ['node', nodeCryptoBackend]],
);
let active: CryptoBackend = nodeCryptoBackend ?? webCryptoBackend;

/** Returns the backend in use. */
export function activeBackend(): CryptoBackend {
  return active;
}

/**
 * Returns the name of the crypto backend in use: `'node'` where node:crypto is reachable
 * (Node.js, Deno, Bun), otherwise `'webcrypto'`. It never throws.
 *
 * @example
 * ```ts
 * console.log(getCryptoBackend()); // 'node' on Node.js
 * ```
 */
export function getCryptoBackend(): CryptoBackendName {
  return active.name;
}

/**
 * Returns the names of the backends this runtime can use, preferred first. It never throws.
 *
 * @example
 * ```ts
 * for (const backend of availableCryptoBackends()) console.log(backend); // 'node', then 'webcrypto'
 * ```
 */
export function availableCryptoBackends(): CryptoBackendName[] {
  return [...backends.keys()].reverse();
}

/**
 * Selects the crypto backend, for tests and benchmarks that compare them. Keys prepared by one
 * backend are never handed to the other.
 *
 * @throws `TypeError` when the backend is not available in this runtime.
 * @example
 * ```ts
 * setCryptoBackend('webcrypto');
 * ```
 */
export function setCryptoBackend(name: CryptoBackendName): void {
  const backend = backends.get(name);
  if (backend === undefined) {
    throw new TypeError(`crypto backend ${JSON.stringify(name)} is not available here; available: ${availableCryptoBackends().join(', ')}`);
  }
  active = backend;
}
