/**
 * HMAC secrets given as bytes or strings (RFC 7518 §3.2). A secret is never sniffed for a
 * key type: a string or bytes holding a key, in PEM, JWK, JWKS, OpenSSH or DER form, is
 * rejected outright, because a public key is public and would let anyone forge HS* tokens.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { encodeUtf8 } from '../base64url.ts';
import { JwtError } from '../errors.ts';
import { type DerElement, SEQUENCE, keyAlgorithmOf, oidName, readChildren, readElement } from './der.ts';

/**
 * PEM armour (RFC 7468), the SSH2 public key file form (RFC 4716) and OpenSSH key lines. A
 * line may follow other text, such as authorized_keys options or a comment line, when the
 * key type is followed by the base64 blob, which always starts with "AAAA".
 */
const KEY_TEXT_PATTERN =
  /-----BEGIN |---- BEGIN SSH2 |^\s*(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)|(?:^|\s)(?:ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)\S*\s+AAAA/;

const INTEGER = 0x02;
const CONTEXT_0 = 0xa0;
/** Shortest INTEGER taken as an RSA modulus in PKCS #1 DER: 64 bytes, a 512-bit modulus. */
const MIN_MODULUS_BYTES = 64;

/** Lenient UTF-8, so text inside bytes is found even when other bytes are not UTF-8. */
const utf8Decoder = /* @__PURE__ */ new TextDecoder('utf-8');

/**
 * Returns the secret bytes for an HMAC algorithm. Throws `ERR_JWT_KEY_INVALID` for an empty
 * secret, a secret shorter than the hash output (RFC 7518 §3.2), or key text or DER, for both
 * signing and verifying: a token signed with a key as its secret could never be verified.
 */
export function readSecret(spec: AlgorithmSpec, secret: string | Uint8Array): Uint8Array {
  rejectKeyMaterial(spec, secret);

  const bytes = typeof secret === 'string' ? encodeUtf8(secret) : secret;
  if (bytes.length === 0) {
    throw new JwtError('ERR_JWT_KEY_INVALID', `${spec.name} secret is empty`);
  }
  if (bytes.length < spec.hashLength) {
    throw new JwtError(
      'ERR_JWT_KEY_INVALID',
      `${spec.name} secret is ${bytes.length} bytes; it must be at least ${spec.hashLength} bytes, the size of the hash output`,
    );
  }
  return bytes;
}

/** Returns true when `text` holds PEM or SSH key text, or JSON that parses as a JWK or a JWKS. */
export function looksLikeKeyText(text: string): boolean {
  if (KEY_TEXT_PATTERN.test(text)) return true;

  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return false;
  try {
    // JSON text that starts with "{" and parses is always a non-null object.
    const value = JSON.parse(trimmed) as object;
    return 'kty' in value || 'keys' in value;
  } catch {
    return false;
  }
}

/**
 * Throws `ERR_JWT_KEY_INVALID` when a string or bytes given as a secret hold a key: PEM, JWK
 * or SSH text, or the DER of a key or certificate. A Buffer from `readFileSync('public.pem')`
 * is such bytes, and verifying HS* with it would accept tokens MAC'd with the public key.
 */
export function rejectKeyMaterial(spec: AlgorithmSpec, secret: string | Uint8Array): void {
  const holdsKey = typeof secret === 'string'
    ? looksLikeKeyText(secret)
    : looksLikeKeyText(utf8Decoder.decode(secret)) || looksLikeKeyDer(secret);
  if (holdsKey) {
    throw new JwtError(
      'ERR_JWT_KEY_INVALID',
      `a secret that holds PEM, JWK, SSH or DER key material cannot be an ${spec.name} secret; import the key with importSPKI, importPKCS8, importX509 or importJWK`,
    );
  }
}

/**
 * Returns true when `bytes` are exactly one DER SEQUENCE shaped like a key: a
 * SubjectPublicKeyInfo or PKCS #8 key naming a known key algorithm, a certificate holding
 * one, a SEC 1 EC private key naming a known curve, or a PKCS #1 RSA key. Random secrets
 * almost never pass, because the outer length must match and a known OID must appear.
 */
export function looksLikeKeyDer(bytes: Uint8Array): boolean {
  if (bytes[0] !== SEQUENCE) return false;
  try {
    const outer = readElement(bytes, 0);
    if (outer.end !== bytes.length) return false;
    const children = readChildren(bytes, outer);
    const [first, second] = children;

    // SubjectPublicKeyInfo starts with the AlgorithmIdentifier; PKCS #8 has it after the version.
    if (namesKeyAlgorithm(bytes, first) || namesKeyAlgorithm(bytes, second)) return true;
    // A certificate's tbsCertificate holds a SubjectPublicKeyInfo.
    if (first?.tag === SEQUENCE && readChildren(bytes, first).some((member) => member.tag === SEQUENCE && namesKeyAlgorithm(bytes, readChildren(bytes, member)[0]))) {
      return true;
    }
    // SEC 1 ECPrivateKey: [0] holds the curve OID.
    for (const child of children) {
      if (child.tag === CONTEXT_0 && oidName(bytes, readElement(bytes, child.start, child.end)) !== undefined) return true;
    }
    // PKCS #1 RSAPublicKey and RSAPrivateKey: only INTEGERs, one of them a modulus.
    return children.length >= 2 && children.every((child) => child.tag === INTEGER) && children.some((child) => child.end - child.start >= MIN_MODULUS_BYTES);
  } catch {
    return false;
  }
}

function namesKeyAlgorithm(bytes: Uint8Array, element: DerElement | undefined): boolean {
  return element?.tag === SEQUENCE && keyAlgorithmOf(bytes, element) !== undefined;
}
