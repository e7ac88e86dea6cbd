/**
 * The node:crypto backend, for Node.js 20.16 and later, Deno 2 and Bun. The module is reached
 * only through `process.getBuiltinModule` at load time, never through an import, so bundles
 * for browsers and workers carry no reference to it. Its keys are `KeyObject`s.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { decodeBase64url, encodeUtf8 } from '../base64url.ts';
import type { BackendKey, CryptoBackend, KeyUsage } from './backend.ts';
import { isCryptoKey, webCryptoBackend } from './webcrypto.ts';

/** The parts of a node:crypto `KeyObject` that jwtkit reads. */
export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string;
  readonly asymmetricKeyDetails?: { modulusLength?: number; namedCurve?: string };
  readonly symmetricKeySize?: number;
  export(options: { format: 'jwk' }): JsonWebKey;
}

type SignInput = NodeKeyObject | { key: NodeKeyObject; padding?: number; saltLength?: number; dsaEncoding?: 'ieee-p1363' };
type Callback<T> = (error: Error | null, result: T) => void;

/** The parts of a node:crypto `Buffer` that jwtkit uses. */
interface NodeBuffer extends Uint8Array {
  toString(encoding?: 'base64url'): string;
}

/** The parts of the node:crypto module that jwtkit uses. */
export interface NodeCrypto {
  KeyObject: { from(key: CryptoKey): NodeKeyObject; [Symbol.hasInstance](value: unknown): boolean };
  constants: { RSA_PKCS1_PSS_PADDING: number };
  createHmac(hash: string, key: NodeKeyObject | Uint8Array): { update(data: string, encoding: 'latin1'): { digest(encoding: 'base64url'): string } };
  createSecretKey(key: Uint8Array): NodeKeyObject;
  createPublicKey(input: { key: JsonWebKey; format: 'jwk' } | NodeKeyObject): NodeKeyObject;
  createPrivateKey(input: { key: JsonWebKey; format: 'jwk' }): NodeKeyObject;
  sign(hash: string | null, data: Uint8Array, key: SignInput): NodeBuffer;
  sign(hash: string | null, data: Uint8Array, key: SignInput, callback: Callback<NodeBuffer>): void;
  verify(hash: string | null, data: Uint8Array, key: SignInput, signature: Uint8Array): boolean;
}

/** The node:crypto module, or undefined where the runtime does not offer `process.getBuiltinModule`. */
export const nodeCrypto: NodeCrypto | undefined = loadNodeCrypto();

function loadNodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

const HASH_NAMES = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/**
 * Families whose signing runs through node:crypto's callback form, which executes on the libuv
 * thread pool so that many signatures in flight use every core. Only RSA signing, about a
 * millisecond for 2048 bits, gains from it; for HMAC, ECDSA, EdDSA and every verification the
 * hop to the pool cost more than the work in the benchmark of bench/, so they run inline.
 */
const POOLED_SIGN_FAMILIES: ReadonlySet<string> = /* @__PURE__ */ new Set(['RSASSA-PKCS1-v1_5', 'RSA-PSS']);

/** Returns true when `value` is a node:crypto `KeyObject`. */
export function isKeyObject(value: unknown): value is NodeKeyObject {
  return nodeCrypto !== undefined && value instanceof (nodeCrypto.KeyObject as unknown as new () => unknown);
}

function signInput(spec: AlgorithmSpec, key: NodeKeyObject, crypto: NodeCrypto): SignInput {
  if (spec.family === 'RSA-PSS') return { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: spec.hashLength };
  if (spec.family === 'ECDSA') return { key, dsaEncoding: 'ieee-p1363' };
  return key;
}

/**
 * Compares two strings in time that depends only on their lengths. The length of a MAC is
 * fixed by the algorithm, so returning early on a length difference reveals nothing secret.
 */
function constantTimeEqual(expected: string, actual: string): boolean {
  if (expected.length !== actual.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  return difference === 0;
}

/** Returns the bytes of an ASCII string, through Buffer where the runtime has it. */
function latin1Bytes(text: string): Uint8Array {
  const buffer = (globalThis as { Buffer?: { from(text: string, encoding: 'latin1'): Uint8Array } }).Buffer;
  return buffer === undefined ? encodeUtf8(text) : buffer.from(text, 'latin1');
}

function hashName(spec: AlgorithmSpec): string | null {
  return spec.hash === undefined ? null : HASH_NAMES[spec.hash];
}

function createNodeBackend(crypto: NodeCrypto): CryptoBackend {
  return {
    name: 'node',

    fromCryptoKey(key: CryptoKey): Promise<BackendKey> {
      // NOTE: a runtime whose KeyObject.from rejects a CryptoKey keeps it, and WebCrypto serves that key.
      try {
        return Promise.resolve(crypto.KeyObject.from(key));
      } catch {
        return Promise.resolve(key);
      }
    },

    importSecret(_spec: AlgorithmSpec, secret: Uint8Array): Promise<BackendKey> {
      return Promise.resolve(crypto.createSecretKey(secret));
    },

    importJwk(_spec: AlgorithmSpec, jwk: JsonWebKey, usage: KeyUsage): Promise<BackendKey> {
      const input = { key: jwk, format: 'jwk' } as const;
      return Promise.resolve(usage === 'sign' ? crypto.createPrivateKey(input) : crypto.createPublicKey(input));
    },

    sign(spec: AlgorithmSpec, key: BackendKey, signingInput: string): string | Promise<string> {
      if (isCryptoKey(key)) return webCryptoBackend.sign(spec, key, signingInput);
      const keyObject = key as NodeKeyObject;

      // The signing input is base64url text and a dot, so latin1 is its exact byte encoding.
      if (spec.family === 'HMAC') {
        return crypto.createHmac(hashName(spec) as string, keyObject).update(signingInput, 'latin1').digest('base64url');
      }
      const data = latin1Bytes(signingInput);
      const input = signInput(spec, keyObject, crypto);
      if (!POOLED_SIGN_FAMILIES.has(spec.family)) {
        return crypto.sign(hashName(spec), data, input).toString('base64url');
      }
      return new Promise((resolve, reject) => {
        crypto.sign(hashName(spec), data, input, (error, signature) => {
          if (error === null) resolve(signature.toString('base64url'));
          else reject(error);
        });
      });
    },

    verify(spec: AlgorithmSpec, key: BackendKey, signingInput: string, signature: string): boolean | Promise<boolean> {
      if (isCryptoKey(key)) return webCryptoBackend.verify(spec, key, signingInput, signature);
      const keyObject = key as NodeKeyObject;

      // Canonical base64url is one-to-one, so comparing encodings compares the MACs.
      if (spec.family === 'HMAC') {
        const expected = crypto.createHmac(hashName(spec) as string, keyObject).update(signingInput, 'latin1').digest('base64url');
        return constantTimeEqual(expected, signature);
      }
      const signatureBytes = decodeBase64url(signature, 'signature');
      return crypto.verify(hashName(spec), latin1Bytes(signingInput), signInput(spec, keyObject, crypto), signatureBytes);
    },
  };
}

/** The node:crypto backend, or undefined where node:crypto cannot be reached. */
export const nodeCryptoBackend: CryptoBackend | undefined = nodeCrypto === undefined ? undefined : createNodeBackend(nodeCrypto);
