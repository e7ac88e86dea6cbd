/**
 * The WebCrypto backend (`globalThis.crypto.subtle`), available in Node, Deno, Bun, browsers
 * and edge workers. It maps each algorithm of the table to WebCrypto parameters; the rest of
 * the library reaches WebCrypto only through this file and `keys/`.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { decodeBase64url, encodeBase64url } from '../base64url.ts';
import { nativeBytes } from '../node-buffer.ts';
import type { BackendKey, CryptoBackend, KeyUsage } from './backend.ts';

function subtle(): SubtleCrypto {
  const value = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (value === undefined) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
  return value;
}

/** WebCrypto parameters for importing or generating a key for `spec`. */
export function keyParams(spec: AlgorithmSpec): RsaHashedImportParams | EcKeyImportParams | HmacImportParams | Algorithm {
  switch (spec.family) {
    case 'HMAC':
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
      return { name: spec.family, hash: spec.hash as string };
    case 'ECDSA':
      return { name: 'ECDSA', namedCurve: spec.curve as string };
    case 'Ed25519':
      return { name: 'Ed25519' };
  }
}

/** Operation parameters per algorithm, built once because they never change and every call reads them. */
const operationParamsCache = /* @__PURE__ */ new Map<AlgorithmSpec, Algorithm | RsaPssParams | EcdsaParams>();

/** WebCrypto parameters for signing or verifying with `spec`. */
function operationParams(spec: AlgorithmSpec): Algorithm | RsaPssParams | EcdsaParams {
  let params = operationParamsCache.get(spec);
  if (params === undefined) {
    params = buildOperationParams(spec);
    operationParamsCache.set(spec, params);
  }
  return params;
}

function buildOperationParams(spec: AlgorithmSpec): Algorithm | RsaPssParams | EcdsaParams {
  switch (spec.family) {
    case 'RSA-PSS':
      // RFC 7518 §3.5: the salt is as long as the hash output.
      return { name: 'RSA-PSS', saltLength: spec.hashLength };
    case 'ECDSA':
      return { name: 'ECDSA', hash: spec.hash as string };
    default:
      return { name: spec.family };
  }
}

/** The WebCrypto implementation of the backend seam. Its keys are CryptoKeys. */
export const webCryptoBackend: CryptoBackend = {
  name: 'webcrypto',

  fromCryptoKey(key: CryptoKey): Promise<BackendKey> {
    return Promise.resolve(key);
  },

  importSecret(spec: AlgorithmSpec, secret: Uint8Array, usage: KeyUsage): Promise<BackendKey> {
    return importSecret(spec, secret, [usage]);
  },

  importJwk(spec: AlgorithmSpec, jwk: JsonWebKey, usage: KeyUsage): Promise<BackendKey> {
    return subtle().importKey('jwk', jwk, keyParams(spec), false, [usage]);
  },

  async sign(spec: AlgorithmSpec, key: BackendKey, signingInput: string): Promise<string> {
    const signature = await subtle().sign(operationParams(spec), key as CryptoKey, asciiBytes(signingInput));
    return encodeBase64url(new Uint8Array(signature));
  },

  // HMAC comparison is constant-time inside WebCrypto.
  verify(spec: AlgorithmSpec, key: BackendKey, signingInput: string, signature: string): Promise<boolean> {
    const signatureBytes = decodeBase64url(signature, 'signature') as Uint8Array<ArrayBuffer>;
    return subtle().verify(operationParams(spec), key as CryptoKey, signatureBytes, asciiBytes(signingInput));
  },
};

/**
 * Returns the bytes of the JWS signing input, which is ASCII (base64url and a dot), through
 * Buffer where the runtime has it. The loop is several times faster than TextEncoder for
 * strings this short on Node 20.
 */
export function asciiBytes(text: string): Uint8Array<ArrayBuffer> {
  if (nativeBytes !== undefined) return nativeBytes.latin1(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Imports raw HMAC secret bytes as a CryptoKey. */
export function importSecret(spec: AlgorithmSpec, secret: Uint8Array, usages: KeyUsage[], extractable = false): Promise<CryptoKey> {
  return subtle().importKey('raw', secret as Uint8Array<ArrayBuffer>, keyParams(spec), extractable, usages);
}

/** Imports a DER SubjectPublicKeyInfo or PKCS #8 PrivateKeyInfo. */
export function importDer(spec: AlgorithmSpec, format: 'spki' | 'pkcs8', der: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  const usages: KeyUsage[] = format === 'spki' ? ['verify'] : ['sign'];
  return subtle().importKey(format, der as Uint8Array<ArrayBuffer>, keyParams(spec), extractable, usages);
}

/** Generates an asymmetric key pair for `spec`. */
export function generateKeyPair(spec: AlgorithmSpec, modulusLength: number, extractable: boolean): Promise<CryptoKeyPair> {
  const params = spec.kty === 'RSA'
    ? { ...keyParams(spec), modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }
    : keyParams(spec);
  return subtle().generateKey(params, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** Exports an extractable key as a JWK. */
export function exportJwk(key: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', key);
}

/** Hashes `data` with SHA-256, SHA-384 or SHA-512. */
export async function digest(hash: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest(hash, data as Uint8Array<ArrayBuffer>));
}

/** Returns `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  (globalThis as { crypto: Crypto }).crypto.getRandomValues(bytes);
  return bytes;
}

const CryptoKeyClass = /* @__PURE__ */ findCryptoKeyClass();

function findCryptoKeyClass(): typeof CryptoKey | undefined {
  return (globalThis as { CryptoKey?: typeof CryptoKey }).CryptoKey;
}

/** Returns true when `value` is a WebCrypto `CryptoKey`. */
export function isCryptoKey(value: unknown): value is CryptoKey {
  if (CryptoKeyClass !== undefined) return value instanceof CryptoKeyClass;
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object CryptoKey]';
}

/** Exports a key as DER SubjectPublicKeyInfo or PKCS #8. */
export async function exportDer(format: 'spki' | 'pkcs8', key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey(format, key));
}
