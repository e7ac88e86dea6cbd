/**
 * Shared test fixtures: fixed secrets, a fixed clock, and helpers that build tokens with exact
 * bytes, including ones `sign` would refuse to produce (bad JSON, wrong claim types, odd headers).
 */

import { afterAll, beforeEach, describe, vi } from 'vitest';
import {
  type Algorithm,
  type CryptoBackendName,
  type JWK,
  availableCryptoBackends,
  compactSign,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  getCryptoBackend,
  setCryptoBackend,
} from '../src/index.ts';
import { encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../src/base64url.ts';
import { findAlgorithm } from '../src/algorithms.ts';
import { activeBackend } from '../src/crypto/backend.ts';
import { prepareKey } from '../src/keys/prepare.ts';

/** A fixed clock, 2023-11-14T22:13:20Z, as a NumericDate and as a Date. */
export const NOW = 1_700_000_000;
export const NOW_DATE = new Date(NOW * 1000);

/** HMAC secrets of exactly the minimum size for HS256, HS384 and HS512. */
export const SECRET_256 = encodeUtf8('jwt-test-secret-0123456789abcdef');
export const SECRET_384 = encodeUtf8('jwt-test-secret-0123456789abcdef0123456789abcdef');
export const SECRET_512 = encodeUtf8('jwt-test-secret-0123456789abcdef0123456789abcdef0123456789abcdef');
export const WRONG_SECRET_256 = encodeUtf8('wrong-test-secret-0123456789abcd');

/**
 * Signs `header` and `payload` exactly as given; `payload` may be any text or bytes. HMAC
 * secret bytes skip the library's key checks, as an attacker's own code would, so tests can
 * forge tokens keyed by public key text.
 */
export async function signRaw(header: object, payload: string | Uint8Array, key: unknown, alg: Algorithm): Promise<string> {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new Error(`unknown algorithm ${alg}`);
  const payloadSegment = encodeBase64url(typeof payload === 'string' ? encodeUtf8(payload) : payload);
  const signingInput = `${encodeBase64urlText(JSON.stringify(header))}.${payloadSegment}`;
  const backendKey = key instanceof Uint8Array && spec.family === 'HMAC'
    ? await activeBackend().importSecret(spec, key, 'sign')
    : await prepareKey(key, spec, 'sign');
  return `${signingInput}.${await activeBackend().sign(spec, backendKey, signingInput)}`;
}

/** Signs a claims object with a plain `{"alg":…,"typ":"JWT"}` header and no added claims. */
export function signClaims(claims: unknown, key: unknown, alg: Algorithm = 'HS256'): Promise<string> {
  return signRaw({ alg, typ: 'JWT' }, JSON.stringify(claims), key, alg);
}

/** Signs with the JWS layer, for payloads that are not JSON objects. */
export function signBytes(payload: Uint8Array | string, key: CryptoKey | JWK | Uint8Array, alg: Algorithm): Promise<string> {
  return compactSign(payload, key, { alg });
}

/** An RSA key pair with its public half as CryptoKey, JWK and SPKI PEM. */
export interface RsaFixture {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  privateJwk: JWK;
  publicPem: string;
}

/** Generates an extractable RSA-2048 key pair for `alg`. */
export async function makeRsaFixture(alg: Algorithm = 'RS256'): Promise<RsaFixture> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const { alg: _alg, ...publicJwk } = await exportJWK(publicKey);
  return { privateKey, publicKey, publicJwk, privateJwk: await exportJWK(privateKey), publicPem: await exportSPKI(publicKey) };
}

/** Replaces one segment (0 header, 1 payload, 2 signature) of a compact token. */
export function withSegment(token: string, index: 0 | 1 | 2, segment: string): string {
  const parts = token.split('.');
  parts[index] = segment;
  return parts.join('.');
}

/**
 * Defines the tests in `body` once per crypto backend this runtime has, inside a describe block
 * named after the backend, so every test runs on each backend and fails if either disagrees.
 */
export function forEachBackend(body: (backend: CryptoBackendName) => void): void {
  const initial = getCryptoBackend();
  for (const backend of availableCryptoBackends()) {
    describe(`${backend} backend`, () => {
      // Before each test, not once, so that a file's own afterEach cannot switch it back.
      beforeEach(() => {
        setCryptoBackend(backend);
      });
      afterAll(() => {
        setCryptoBackend(initial);
      });
      body(backend);
    });
  }
}

/** Returns a resolver that counts its calls; a verifier calls it only when it checks a signature. */
export function countingResolver(key: Uint8Array): { resolver: () => Uint8Array; calls: () => number } {
  let count = 0;
  return {
    resolver: () => {
      count++;
      return key;
    },
    calls: () => count,
  };
}

/** Re-encodes a raw r || s ECDSA signature as a DER SEQUENCE of two INTEGERs. */
export function toDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array): number[] => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = [...bytes.subarray(start)];
    if ((trimmed[0] ?? 0) & 0x80) trimmed.unshift(0);
    return [0x02, trimmed.length, ...trimmed];
  };
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  return Uint8Array.from(body.length < 128 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body]);
}

/**
 * Loads modules again while the named globals are hidden, as a runtime without them would, and
 * returns what `load` returns. Tests that use the result call `vi.resetModules()` afterwards.
 */
export async function loadWithout<T>(globals: readonly string[], load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  for (const name of globals) vi.stubGlobal(name, undefined);
  try {
    return await load();
  } finally {
    vi.unstubAllGlobals();
  }
}
