/**
 * Key generation and export: fresh key pairs and HMAC secrets for any supported algorithm,
 * and CryptoKeys back out as JWK (RFC 7517) or PEM (RFC 7468).
 */

import { type Algorithm, MIN_RSA_MODULUS_BITS, findAlgorithm } from '../algorithms.ts';
import { encodeBase64url } from '../base64url.ts';
import { JwtError, describeValue } from '../errors.ts';
import { exportJwk, exportDer, generateKeyPair as generatePair, isCryptoKey, randomBytes } from '../crypto/webcrypto.ts';
import { encodePem } from './pem.ts';
import type { JWK } from './types.ts';

/** Options for {@link generateKeyPair}. */
export interface GenerateKeyPairOptions {
  /** Whether the private key may be exported (to save it as JWK or PEM). Default `false`. */
  extractable?: boolean;
  /** RSA modulus size in bits, 2048 or more. Default 2048. */
  modulusLength?: number;
}

/**
 * Generates a key pair for an asymmetric algorithm. The public key is always extractable.
 *
 * @param alg - an RS*, PS*, ES*, EdDSA or Ed25519 algorithm.
 * @param options - `extractable` for the private key, and the RSA `modulusLength`.
 * @returns the key pair, bound to `alg`.
 * @throws `TypeError` for an unknown or HMAC algorithm, or an RSA size under 2048 bits.
 * @example
 * ```ts
 * const { privateKey, publicKey } = await generateKeyPair('ES256');
 * ```
 */
export async function generateKeyPair(alg: Algorithm, options: GenerateKeyPairOptions = {}): Promise<CryptoKeyPair> {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new TypeError(`unsupported algorithm ${describeValue(alg)}`);
  if (spec.family === 'HMAC') throw new TypeError(`${spec.name} uses a shared secret; call generateSecret instead`);

  const modulusLength = options.modulusLength ?? MIN_RSA_MODULUS_BITS;
  if (!Number.isSafeInteger(modulusLength) || modulusLength < MIN_RSA_MODULUS_BITS || modulusLength % 8 !== 0) {
    throw new TypeError(`modulusLength must be a multiple of 8 and at least ${MIN_RSA_MODULUS_BITS}`);
  }
  return generatePair(spec, modulusLength, options.extractable === true);
}

/**
 * Generates a random HMAC secret as long as the hash output (32, 48 or 64 bytes), from
 * `crypto.getRandomValues`.
 *
 * @param alg - HS256, HS384 or HS512.
 * @returns the secret bytes; store them as you would a password.
 * @throws `TypeError` when `alg` is not HS256, HS384 or HS512.
 * @example
 * ```ts
 * const secret = generateSecret('HS256'); // 32 random bytes
 * ```
 */
export function generateSecret(alg: Algorithm): Uint8Array {
  const spec = findAlgorithm(alg);
  if (spec?.family !== 'HMAC') throw new TypeError(`generateSecret supports HS256, HS384 and HS512, not ${describeValue(alg)}`);
  return randomBytes(spec.hashLength);
}

/**
 * Exports a key as a JWK. A `Uint8Array` becomes an `oct` JWK. The WebCrypto bookkeeping
 * members `ext` and `key_ops` are left out.
 *
 * @param key - an extractable CryptoKey, or HMAC secret bytes.
 * @throws `TypeError` when `key` is neither a CryptoKey nor a Uint8Array.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when a CryptoKey is not extractable.
 * @example
 * ```ts
 * const jwk = await exportJWK(publicKey);
 * ```
 */
export async function exportJWK(key: CryptoKey | Uint8Array): Promise<JWK> {
  if (key instanceof Uint8Array) return { kty: 'oct', k: encodeBase64url(key) };
  if (!isCryptoKey(key)) throw new TypeError('exportJWK expects a CryptoKey or a Uint8Array');
  if (!key.extractable) throw new JwtError('ERR_JWT_KEY_INVALID', 'the key is not extractable; create it with extractable: true');

  const { ext: _ext, key_ops: _keyOps, ...jwk } = await exportJwk(key);
  return jwk as JWK;
}

/**
 * Exports a public CryptoKey as `PUBLIC KEY` PEM (SubjectPublicKeyInfo).
 *
 * @param key - an extractable public CryptoKey.
 * @throws `TypeError` when `key` is not a public CryptoKey.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the key is not extractable, which is the default
 *   for a key from importSPKI or importX509.
 * @example
 * ```ts
 * const pem = await exportSPKI(publicKey);
 * ```
 */
export async function exportSPKI(key: CryptoKey): Promise<string> {
  if (!isCryptoKey(key) || key.type !== 'public') throw new TypeError('exportSPKI expects a public CryptoKey');
  if (!key.extractable) throw new JwtError('ERR_JWT_KEY_INVALID', 'the key is not extractable; import it with extractable: true');
  return encodePem('PUBLIC KEY', await exportDer('spki', key));
}

/**
 * Exports a private CryptoKey as `PRIVATE KEY` PEM (PKCS #8), unencrypted.
 *
 * @param key - an extractable private CryptoKey.
 * @throws `TypeError` when `key` is not a private CryptoKey.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the key is not extractable.
 * @example
 * ```ts
 * const { privateKey } = await generateKeyPair('ES256', { extractable: true });
 * const pem = await exportPKCS8(privateKey);
 * ```
 */
export async function exportPKCS8(key: CryptoKey): Promise<string> {
  if (!isCryptoKey(key) || key.type !== 'private') throw new TypeError('exportPKCS8 expects a private CryptoKey');
  if (!key.extractable) throw new JwtError('ERR_JWT_KEY_INVALID', 'the key is not extractable; create it with extractable: true');
  return encodePem('PRIVATE KEY', await exportDer('pkcs8', key));
}
