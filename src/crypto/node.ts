/**
 * The node:crypto backend, for Node.js 20.16 and later, Deno 2 and Bun. The module is reached
 * only through `process.getBuiltinModule` at load time, never through an import, so bundles
 * for browsers and workers carry no reference to it. Its keys are `KeyObject`s.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { decodeBase64url } from '../base64url.ts';
import { nativeBytes } from '../node-buffer.ts';
import type { BackendKey, CryptoBackend, KeyUsage } from './backend.ts';
import { asciiBytes, isCryptoKey, webCryptoBackend } from './webcrypto.ts';

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
  verify(hash: string | null, data: Uint8Array, key: SignInput, signature: Uint8Array, callback: Callback<boolean>): void;
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
 * Whether an asymmetric operation has already started in the current turn of the event loop.
 * The first one runs inline, because a hop to the libuv thread pool costs more than it saves
 * for a single signature, and an inline result needs no promise. The others started in the
 * same turn run through node:crypto's callback form on the thread pool, so that many
 * operations in flight use every core (see the 64-in-flight rows in bench/RESULTS.md).
 * NOTE: operations started in different turns, such as one per incoming request, each run
 * inline, so the thread pool is used only for work started together.
 */
let startedThisTurn = false;

function endTurn(): void {
  startedThisTurn = false;
}

/** Returns true for the first asymmetric operation of this turn, which then runs inline. */
function firstInTurn(): boolean {
  if (startedThisTurn) return false;
  startedThisTurn = true;
  queueMicrotask(endTurn);
  return true;
}

/** Wraps a node:crypto callback-form call in a promise. */
function pooled<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, result) => {
      if (error === null) resolve(result);
      else reject(error);
    });
  });
}

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
      const data = asciiBytes(signingInput);
      const input = signInput(spec, keyObject, crypto);
      const hash = hashName(spec);
      if (firstInTurn()) return crypto.sign(hash, data, input).toString('base64url');
      return pooled<NodeBuffer>((callback) => {
        crypto.sign(hash, data, input, callback);
      }).then((signature) => signature.toString('base64url'));
    },

    verify(spec: AlgorithmSpec, key: BackendKey, signingInput: string, signature: string): boolean | Promise<boolean> {
      if (isCryptoKey(key)) return webCryptoBackend.verify(spec, key, signingInput, signature);
      const keyObject = key as NodeKeyObject;

      // Canonical base64url is one-to-one, so comparing encodings compares the MACs.
      if (spec.family === 'HMAC') {
        const expected = crypto.createHmac(hashName(spec) as string, keyObject).update(signingInput, 'latin1').digest('base64url');
        return constantTimeEqual(expected, signature);
      }
      // startJws has checked that the segment is canonical base64url.
      const signatureBytes = nativeBytes === undefined ? decodeBase64url(signature, 'signature') : nativeBytes.decode(signature);
      const data = asciiBytes(signingInput);
      const input = signInput(spec, keyObject, crypto);
      const hash = hashName(spec);
      if (firstInTurn()) return crypto.verify(hash, data, input, signatureBytes);
      return pooled<boolean>((callback) => {
        crypto.verify(hash, data, input, signatureBytes, callback);
      });
    },
  };
}

/** The node:crypto backend, or undefined where node:crypto cannot be reached. */
export const nodeCryptoBackend: CryptoBackend | undefined = nodeCrypto === undefined ? undefined : createNodeBackend(nodeCrypto);
