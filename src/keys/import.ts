/**
 * Public key-import functions: PEM through `importSPKI`, `importPKCS8` and `importX509`
 * (RFC 5280, RFC 5208, RFC 7468), and JWK through `importJWK` (RFC 7517). Each binds the
 * result to one algorithm, so the imported key can never serve another.
 */

import { type Algorithm, type AlgorithmSpec, findAlgorithm } from '../algorithms.ts';
import { JwtError, describeValue } from '../errors.ts';
import { decodeBase64url } from '../base64url.ts';
import type { KeyUsage } from '../crypto/backend.ts';
import { importDer, importSecret, webCryptoBackend } from '../crypto/webcrypto.ts';
import { SEQUENCE, elementBytes, ecPrivateKeyToPkcs8, keyAlgorithmOf, readChildren, readElement, rsaPrivateKeyToPkcs8, rsaPublicKeyToSpki } from './der.ts';
import { decodePem } from './pem.ts';
import { checkCryptoKey, checkJwkBinding, prepareKey } from './prepare.ts';
import { readSecret } from './secret.ts';
import type { JWK } from './types.ts';

/** Options for the PEM import functions. */
export interface ImportOptions {
  /** Whether the resulting CryptoKey may be exported again. Default `false`. */
  extractable?: boolean;
}

/**
 * Imports a public key from PEM: `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY`
 * (PKCS #1), for use with `alg`.
 *
 * Does not check: who issued the key, or whether it was revoked.
 *
 * @param pem - PEM text; whitespace around the block is ignored.
 * @param alg - the algorithm the key will verify, such as `'RS256'` or `'ES256'`.
 * @param options - `extractable`, default `false`.
 * @returns a public `CryptoKey` with the `verify` usage.
 * @throws `TypeError` when `alg` is not an asymmetric algorithm jwtkit supports.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the PEM is malformed, holds another kind of
 *   key, names another curve, or is an RSA key under 2048 bits.
 * @example
 * ```ts
 * const publicKey = await importSPKI(readFileSync('public.pem', 'utf8'), 'RS256');
 * ```
 */
export async function importSPKI(pem: string, alg: Algorithm, options: ImportOptions = {}): Promise<CryptoKey> {
  const spec = asymmetricSpec(alg, 'importSPKI');
  const { label, der } = decodePem(pem);

  let spki: Uint8Array;
  if (label === 'PUBLIC KEY') spki = der;
  else if (label === 'RSA PUBLIC KEY') spki = rsaPublicKeyToSpki(der);
  else throw new JwtError('ERR_JWT_KEY_INVALID', `importSPKI expects a PUBLIC KEY or RSA PUBLIC KEY PEM block, got ${label}`);

  checkKeyAlgorithm(spki, 0, spec);
  return importChecked(spec, 'spki', spki, options, 'verify');
}

/**
 * Imports a private key from PEM: `PRIVATE KEY` (PKCS #8), `RSA PRIVATE KEY` (PKCS #1) or
 * `EC PRIVATE KEY` (SEC 1), for use with `alg`. Encrypted keys are not supported.
 *
 * Does not check: that the key is kept secret, or that it pairs with any public key.
 *
 * @param pem - PEM text; whitespace around the block is ignored.
 * @param alg - the algorithm the key will sign with.
 * @param options - `extractable`, default `false`.
 * @returns a private `CryptoKey` with the `sign` usage.
 * @throws `TypeError` when `alg` is not an asymmetric algorithm jwtkit supports.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the PEM is malformed or encrypted, holds another
 *   kind of key, names another curve, or is an RSA key under 2048 bits.
 * @example
 * ```ts
 * const privateKey = await importPKCS8(process.env.SIGNING_KEY_PEM, 'ES256');
 * ```
 */
export async function importPKCS8(pem: string, alg: Algorithm, options: ImportOptions = {}): Promise<CryptoKey> {
  const spec = asymmetricSpec(alg, 'importPKCS8');
  const { label, der } = decodePem(pem);

  let pkcs8: Uint8Array;
  if (label === 'PRIVATE KEY') {
    pkcs8 = der;
  } else if (label === 'RSA PRIVATE KEY') {
    pkcs8 = rsaPrivateKeyToPkcs8(der);
  } else if (label === 'EC PRIVATE KEY') {
    if (spec.family !== 'ECDSA') throw new JwtError('ERR_JWT_KEY_INVALID', `an EC PRIVATE KEY cannot be used with ${spec.name}`);
    pkcs8 = ecPrivateKeyToPkcs8(der, spec.curve);
  } else if (label === 'ENCRYPTED PRIVATE KEY') {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'encrypted private keys are not supported; decrypt the key first');
  } else {
    throw new JwtError('ERR_JWT_KEY_INVALID', `importPKCS8 expects a PRIVATE KEY PEM block, got ${label}`);
  }

  // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, privateKey, ... }
  checkKeyAlgorithm(pkcs8, 1, spec);
  return importChecked(spec, 'pkcs8', pkcs8, options, 'sign');
}

/**
 * Imports the public key of an X.509 certificate in PEM (`CERTIFICATE`), for use with `alg`.
 * The certificate itself is not validated: not its signature, dates, chain, nor revocation.
 *
 * @param pem - PEM text of one certificate.
 * @param alg - the algorithm the key will verify.
 * @param options - `extractable`, default `false`.
 * @returns a public `CryptoKey` with the `verify` usage.
 * @throws `TypeError` when `alg` is not an asymmetric algorithm jwtkit supports.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the certificate cannot be parsed or its key does not fit `alg`.
 * @example
 * ```ts
 * const publicKey = await importX509(certificatePem, 'RS256');
 * ```
 */
export async function importX509(pem: string, alg: Algorithm, options: ImportOptions = {}): Promise<CryptoKey> {
  const spec = asymmetricSpec(alg, 'importX509');
  const { label, der } = decodePem(pem);
  if (label !== 'CERTIFICATE') {
    throw new JwtError('ERR_JWT_KEY_INVALID', `importX509 expects a CERTIFICATE PEM block, got ${label}`);
  }

  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }; the
  // subjectPublicKeyInfo is the 6th member of tbsCertificate, or 7th after an explicit version.
  const certificate = readElement(der, 0);
  if (certificate.end !== der.length) throw new JwtError('ERR_JWT_KEY_INVALID', 'the certificate has data after its DER encoding');
  const [tbs] = certificate.tag === SEQUENCE ? readChildren(der, certificate) : [];
  const members = tbs?.tag === SEQUENCE ? readChildren(der, tbs) : [];
  const spkiElement = members[members[0]?.tag === 0xa0 ? 6 : 5];
  if (spkiElement?.tag !== SEQUENCE) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'the certificate has no subjectPublicKeyInfo');
  }

  const spki = elementBytes(der, spkiElement);
  checkKeyAlgorithm(spki, 0, spec);
  return importChecked(spec, 'spki', spki, options, 'verify');
}

/**
 * Imports a JWK as a `CryptoKey` for `alg` (or for the JWK's own `alg` member when `alg` is
 * omitted), applying the same checks `sign` and `verify` apply to a JWK: `kty`, `crv`, `alg`,
 * `use`, `key_ops` and key size. A private JWK becomes a signing key and a public JWK a
 * verification key. An `oct` JWK becomes an HMAC key that can both sign and verify, or only
 * the operations its `key_ops` member lists.
 *
 * Does not check: the JWK's `kid`, or that a private JWK's public members match its private ones.
 *
 * @param jwk - the JWK to import.
 * @param alg - the algorithm the key will serve; default: the JWK's `alg` member.
 * @returns a non-extractable `CryptoKey`.
 * @throws `TypeError` when no algorithm is given or known.
 * @throws `JwtError` `ERR_JWT_KEY_INVALID` when the JWK is malformed or does not fit `alg`.
 * @example
 * ```ts
 * const key = await importJWK({ kty: 'EC', crv: 'P-256', x: '...', y: '...' }, 'ES256');
 * ```
 */
export async function importJWK(jwk: JWK, alg?: Algorithm): Promise<CryptoKey> {
  if (typeof jwk !== 'object' || (jwk as unknown) === null || typeof jwk.kty !== 'string') {
    throw new TypeError('importJWK expects a JWK object with a string "kty" member');
  }
  const name = alg ?? jwk.alg;
  const spec = findAlgorithm(name);
  if (spec === undefined) {
    throw new TypeError(name === undefined ? 'importJWK needs an algorithm: pass alg or give the JWK an "alg" member' : `unsupported algorithm ${describeValue(name)}`);
  }
  if (jwk.kty === 'oct') return importOctJwk(jwk, spec);

  const usage: KeyUsage = jwk.d !== undefined ? 'sign' : 'verify';
  // Checked here with ERR_JWT_KEY_INVALID, because prepareKey reports a mismatch for `verify`
  // as ERR_JWT_ALG_NOT_ALLOWED, the code for a token naming an algorithm the key cannot serve.
  checkJwkBinding(jwk, spec, usage, 'ERR_JWT_KEY_INVALID');
  return (await prepareKey(jwk, spec, usage, webCryptoBackend)) as CryptoKey;
}

/** Imports an `oct` JWK for the usages its `key_ops` allows, both sign and verify by default. */
async function importOctJwk(jwk: JWK, spec: AlgorithmSpec): Promise<CryptoKey> {
  const keyOps: unknown = jwk.key_ops;
  const usages: KeyUsage[] = Array.isArray(keyOps) ? (['sign', 'verify'] as const).filter((usage) => keyOps.includes(usage)) : ['sign', 'verify'];
  // An empty list fails the binding check, which requires key_ops to include the usage.
  checkJwkBinding(jwk, spec, usages[0] ?? 'verify', 'ERR_JWT_KEY_INVALID');

  if (typeof jwk.k !== 'string') throw new JwtError('ERR_JWT_KEY_INVALID', 'an oct JWK needs a string "k" member');
  let secret: Uint8Array;
  try {
    secret = decodeBase64url(jwk.k, 'JWK member "k"');
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'JWK member "k" is not valid base64url', { cause });
  }
  return importSecret(spec, readSecret(spec, secret), usages);
}

/** Looks up `alg` for a PEM import, which only asymmetric algorithms can use. */
function asymmetricSpec(alg: unknown, caller: string): AlgorithmSpec {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new TypeError(`${caller}: unsupported algorithm ${describeValue(alg)}`);
  if (spec.family === 'HMAC') throw new TypeError(`${caller}: ${spec.name} uses a shared secret, not a PEM key`);
  return spec;
}

/**
 * Checks that `der` is one SEQUENCE, with nothing after it, and that the AlgorithmIdentifier
 * at `index` inside it names a key type that fits `spec`. WebCrypto in Node 20 ignores data
 * after the key, so the length is checked here.
 */
function checkKeyAlgorithm(der: Uint8Array, index: number, spec: AlgorithmSpec): void {
  const outer = readElement(der, 0);
  if (outer.end !== der.length) throw new JwtError('ERR_JWT_KEY_INVALID', 'the key has data after its DER encoding');
  const algorithmIdentifier = outer.tag === SEQUENCE ? readChildren(der, outer)[index] : undefined;
  if (algorithmIdentifier?.tag !== SEQUENCE) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'the key has no algorithm identifier');
  }

  const found = keyAlgorithmOf(der, algorithmIdentifier);
  if (found === 'RSASSA-PSS') {
    // WebCrypto imports RSA-PSS keys only under the rsaEncryption identifier: Node 20.20 raises
    // DataError for id-RSASSA-PSS, as Node aligned with Chromium and Firefox (nodejs/node#42816).
    throw new JwtError('ERR_JWT_KEY_INVALID', 'RSASSA-PSS (id-RSASSA-PSS) keys are not supported; export the key with the rsaEncryption identifier instead');
  }
  const fits = spec.kty === 'RSA' ? found === 'rsaEncryption' : found === spec.curve;
  if (!fits) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `the PEM key type (${found ?? 'unsupported'}) cannot be used with ${spec.name}`);
  }
}

async function importChecked(
  spec: AlgorithmSpec,
  format: 'spki' | 'pkcs8',
  der: Uint8Array,
  options: ImportOptions,
  usage: KeyUsage,
): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    key = await importDer(spec, format, der, options.extractable === true);
  } catch (cause) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `the PEM key could not be imported for ${spec.name}`, { cause });
  }
  checkCryptoKey(key, spec, usage, 'ERR_JWT_KEY_INVALID');
  return key;
}
