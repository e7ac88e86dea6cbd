/**
 * Turns every accepted key input into a backend key bound to one algorithm, enforcing the
 * key/algorithm binding of RFC 7517 §4.2 to §4.4 and RFC 7518 key-size rules. The token never
 * chooses the key type: the caller's key decides which algorithms it can serve.
 */

import { type AlgorithmSpec, MIN_RSA_MODULUS_BITS, isSameOperation } from '../algorithms.ts';
import { decodeBase64url } from '../base64url.ts';
import type { JwtErrorCode } from '../errors.ts';
import { JwtError, describeValue } from '../errors.ts';
import { type BackendKey, type CryptoBackend, type KeyUsage, activeBackend } from '../crypto/backend.ts';
import { isCryptoKey } from '../crypto/webcrypto.ts';
import { prepareKeyObject } from './key-object.ts';
import { rsaTooSmall } from './rsa.ts';
import { readSecret, rejectKeyMaterial } from './secret.ts';
import type { JWK } from './types.ts';

/** Key material members per `kty`; everything else (alg, use, key_ops, kid, ext) is dropped before import. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};
const PRIVATE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['d', 'p', 'q', 'dp', 'dq', 'qi'],
  EC: ['d'],
  OKP: ['d'],
};

/** Imported JWKs and converted CryptoKeys, per key object, backend, algorithm and usage. */
const keyCache = /* @__PURE__ */ new WeakMap<object, Map<string, Promise<BackendKey>>>();

/**
 * Returns a backend key that can perform `usage` with `spec`. A key that cannot serve the
 * algorithm at all fails with `ERR_JWT_ALG_NOT_ALLOWED` when verifying (the token named an
 * algorithm this key does not do) and `ERR_JWT_KEY_INVALID` when signing (the caller paired
 * them). A key that is unusable for any algorithm fails with `ERR_JWT_KEY_INVALID`.
 */
export async function prepareKey(
  input: unknown,
  spec: AlgorithmSpec,
  usage: KeyUsage,
  backend: CryptoBackend = activeBackend(),
): Promise<BackendKey> {
  const mismatch: JwtErrorCode = usage === 'verify' ? 'ERR_JWT_ALG_NOT_ALLOWED' : 'ERR_JWT_KEY_INVALID';

  if (input === undefined || input === null) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `no key was given to ${usage} with`);
  }

  if (typeof input === 'string' || input instanceof Uint8Array) {
    if (spec.family !== 'HMAC') {
      // Key text passed where a key object belongs is named as such, not as a misused secret.
      rejectKeyMaterial(spec, input);
      throw new JwtError(mismatch, `a secret can only be used with HS256, HS384 or HS512, not ${spec.name}`);
    }
    return backend.importSecret(spec, readSecret(spec, input), usage);
  }

  if (isCryptoKey(input)) {
    checkCryptoKey(input, spec, usage, mismatch);
    return cached(input, backend, spec, usage, () => backend.fromCryptoKey(input, spec, usage));
  }

  const fromKeyObject = prepareKeyObject(input, spec, usage, mismatch, backend, (exportJwk) =>
    cached(input, backend, spec, usage, () => importCheckedJwk(exportJwk(), spec, usage, backend)),
  );
  if (fromKeyObject !== undefined) return fromKeyObject;

  if (typeof input === 'object' && typeof (input as { kty?: unknown }).kty === 'string') {
    const jwk = input as JWK;
    checkJwkBinding(jwk, spec, usage, mismatch);
    // NOTE: the cache is keyed by object identity; a JWK object mutated after first use keeps its first import.
    return cached(jwk, backend, spec, usage, () => importCheckedJwk(jwk, spec, usage, backend));
  }

  throw new JwtError('ERR_JWT_KEY_INVALID', 'key must be a CryptoKey, a KeyObject, a JWK object, a Uint8Array or a string secret');
}

/** Checks that a CryptoKey's algorithm, usages and size fit `spec` and `usage`. */
export function checkCryptoKey(key: CryptoKey, spec: AlgorithmSpec, usage: KeyUsage, mismatch: JwtErrorCode): void {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm & HmacKeyAlgorithm>;

  if (algorithm.name !== spec.family) {
    throw new JwtError(mismatch, `the CryptoKey's algorithm ${String(algorithm.name)} cannot be used with ${spec.name}`);
  }
  if (spec.family !== 'ECDSA' && spec.hash !== undefined && algorithm.hash?.name !== spec.hash) {
    throw new JwtError(mismatch, `a CryptoKey for ${String(algorithm.hash?.name)} cannot be used with ${spec.name}`);
  }
  if (spec.family === 'ECDSA' && algorithm.namedCurve !== spec.curve) {
    throw new JwtError(mismatch, `the CryptoKey's curve ${String(algorithm.namedCurve)} cannot be used with ${spec.name}, which needs ${String(spec.curve)}`);
  }

  if (!key.usages.includes(usage)) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `CryptoKey usages do not include "${usage}"`);
  }
  const expectedType = spec.family === 'HMAC' ? 'secret' : usage === 'sign' ? 'private' : 'public';
  if (key.type !== expectedType) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `${spec.name} needs a ${expectedType} key to ${usage}, got a ${key.type} key`);
  }

  if (typeof algorithm.modulusLength === 'number' && algorithm.modulusLength < MIN_RSA_MODULUS_BITS) {
    throw rsaTooSmall(algorithm.modulusLength);
  }
  if (spec.family === 'HMAC' && typeof algorithm.length === 'number' && algorithm.length < spec.hashLength * 8) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `${spec.name} secret is ${algorithm.length / 8} bytes; it must be at least ${spec.hashLength} bytes`);
  }
}

/** Returns the prepared form of `key` for this backend, algorithm and usage, preparing it once. */
function cached(
  key: object,
  backend: CryptoBackend,
  spec: AlgorithmSpec,
  usage: KeyUsage,
  prepare: () => Promise<BackendKey>,
): Promise<BackendKey> {
  const cacheKey = `${backend.name}:${spec.name}:${usage}`;
  let perKey = keyCache.get(key);
  const found = perKey?.get(cacheKey);
  if (found !== undefined) return found;

  const prepared = prepare();
  if (perKey === undefined) {
    perKey = new Map();
    keyCache.set(key, perKey);
  }
  perKey.set(cacheKey, prepared);
  prepared.catch(() => perKey.delete(cacheKey)); // failures are never cached
  return prepared;
}

/**
 * Applies RFC 7517 §4.2 to §4.4 and the key type: `kty` and `crv` must fit the algorithm,
 * and `alg`, `use` and `key_ops`, when present, must allow this use.
 */
export function checkJwkBinding(jwk: JWK, spec: AlgorithmSpec, usage: KeyUsage, mismatch: JwtErrorCode): void {
  if (jwk.kty !== spec.kty) {
    throw new JwtError(mismatch, `a JWK with kty ${describeValue(jwk.kty)} cannot be used with ${spec.name}`);
  }
  if ((spec.kty === 'EC' || spec.kty === 'OKP') && jwk.crv !== spec.curve) {
    throw new JwtError(mismatch, `a JWK with crv ${describeValue(jwk.crv)} cannot be used with ${spec.name}, which needs ${String(spec.curve)}`);
  }
  if (jwk.alg !== undefined && (typeof jwk.alg !== 'string' || !isSameOperation(jwk.alg, spec.name))) {
    throw new JwtError(mismatch, `a JWK with alg ${describeValue(jwk.alg)} cannot be used with ${spec.name}`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    throw new JwtError(mismatch, `a JWK with use ${describeValue(jwk.use)} cannot be used for signatures`);
  }
  if (jwk.key_ops !== undefined && (!Array.isArray(jwk.key_ops) || !jwk.key_ops.includes(usage))) {
    throw new JwtError(mismatch, `the JWK's key_ops do not include "${usage}"`);
  }
  if (usage === 'sign' && jwk.kty !== 'oct' && jwk.d === undefined) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `a public JWK cannot sign; ${spec.name} needs the private key`);
  }
}

async function importCheckedJwk(jwk: JWK, spec: AlgorithmSpec, usage: KeyUsage, backend: CryptoBackend): Promise<BackendKey> {
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new JwtError('ERR_JWT_KEY_INVALID', 'an oct JWK needs a string "k" member');
    return backend.importSecret(spec, readSecret(spec, decodeKeyMember(jwk.k, 'k')), usage);
  }
  if (jwk.oth !== undefined) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'multi-prime RSA keys (the "oth" member) are not supported');
  }
  if (jwk.kty === 'RSA') {
    checkRsaModulus(jwk.n);
  }

  const members = usage === 'sign' ? [...(PUBLIC_MEMBERS[jwk.kty] ?? []), ...(PRIVATE_MEMBERS[jwk.kty] ?? [])] : (PUBLIC_MEMBERS[jwk.kty] ?? []);
  const material: Record<string, unknown> = { kty: jwk.kty };
  for (const member of members) {
    const value = jwk[member];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new JwtError('ERR_JWT_KEY_INVALID', `JWK member "${member}" must be a string`);
    // WebCrypto's own JWK import tolerates padding and stray characters; key members must be strict too.
    if (member !== 'crv') decodeKeyMember(value, member);
    material[member] = value;
  }

  try {
    return await backend.importJwk(spec, material, usage);
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `the JWK could not be imported for ${spec.name}`, { cause });
  }
}

function checkRsaModulus(n: unknown): void {
  if (typeof n !== 'string') throw new JwtError('ERR_JWT_KEY_INVALID', 'an RSA JWK needs a string "n" member');
  const modulus = decodeKeyMember(n, 'n');
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start++;
  const bits = Math.max(0, (modulus.length - start) * 8 - Math.clz32(modulus[start] ?? 0) + 24);
  if (bits < MIN_RSA_MODULUS_BITS) throw rsaTooSmall(bits);
}

function decodeKeyMember(value: string, member: string): Uint8Array {
  try {
    return decodeBase64url(value, `JWK member "${member}"`);
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `JWK member "${member}" is not valid base64url`, { cause });
  }
}
