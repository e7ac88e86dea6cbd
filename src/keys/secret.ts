/**
 * HMAC secrets given as bytes or strings (RFC 7518 §3.2). A string is never sniffed for a
 * key type: text that looks like a public key, in PEM, JWK, JWKS or OpenSSH form, is rejected
 * outright, because such text is public and would let anyone forge HS* tokens.
 */

import type { AlgorithmSpec } from '../algorithms.ts';
import { encodeUtf8 } from '../base64url.ts';
import { JwtError } from '../errors.ts';

/** PEM armour (RFC 7468), the SSH2 public key file form (RFC 4716) and OpenSSH key lines. */
const KEY_TEXT_PATTERN = /-----BEGIN |---- BEGIN SSH2 |^\s*(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)/;

/**
 * Returns the secret bytes for an HMAC algorithm. Throws `ERR_JWT_KEY_INVALID` for an empty
 * secret, a secret shorter than the hash output (RFC 7518 §3.2), or a string holding key text.
 */
export function readSecret(spec: AlgorithmSpec, secret: string | Uint8Array): Uint8Array {
  if (typeof secret === 'string' && looksLikeKeyText(secret)) {
    throw new JwtError(
      'ERR_JWT_KEY_INVALID',
      `a string that holds PEM, JWK or SSH key text cannot be an ${spec.name} secret; import the key with importSPKI, importPKCS8 or importJWK`,
    );
  }

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
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && ('kty' in value || 'keys' in value);
  } catch {
    return false;
  }
}
