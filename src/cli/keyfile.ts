/**
 * Key files for `--key`: reads a JWK, a JWKS or a PEM file and turns it into the key that
 * `verify` or `sign` takes, choosing a JWKS member by `kid` and importing PEM for the right
 * algorithm. No message includes key material.
 */

import { type Algorithm, type JWK, type JwsHeader, type KeyResolver, type SignKey, type VerifyKey, JwtError, importPKCS8, importSPKI, importX509 } from '../index.ts';
import { findAlgorithm, isSameOperation } from '../algorithms.ts';
import { UsageError, readTextFile } from './io.ts';

/** The PEM labels (RFC 7468) that contain a public key, and those that contain a private key. */
const PUBLIC_PEM_LABELS = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'];
const PRIVATE_PEM_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** The parsed content of a key file. */
export type KeyFile =
  | { kind: 'jwk'; path: string; jwk: JWK }
  | { kind: 'jwks'; path: string; keys: JWK[] }
  | { kind: 'pem'; path: string; label: string; text: string };

/** Reads and classifies a key file, or throws `UsageError`. */
export function readKeyFile(path: string): KeyFile {
  return parseKeyFile(readTextFile(path, 'key file'), path);
}

/**
 * Classifies key file text as a JWK (an object with a string `kty`), a JWKS (an object with a
 * `keys` array of JWKs) or a single PEM block. `path` is used only in messages.
 */
export function parseKeyFile(text: string, path: string): KeyFile {
  const trimmed = text.trim();

  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      // The parser's message quotes the input, which may be a secret, so it is not shown.
      throw new UsageError(`key file "${path}" is not valid JSON`);
    }
    if (isJwk(value)) return { kind: 'jwk', path, jwk: value };
    const keys = (value as { keys?: unknown }).keys;
    if (Array.isArray(keys)) {
      keys.forEach((key, index) => {
        if (!isJwk(key)) throw new UsageError(`key ${index} of the JWKS in "${path}" is not a JWK object with a string "kty" member`);
      });
      if (keys.length === 0) throw new UsageError(`the JWKS in "${path}" has no keys`);
      return { kind: 'jwks', path, keys: keys as JWK[] };
    }
    throw new UsageError(`key file "${path}" contains JSON that is neither a JWK (no string "kty") nor a JWKS (no "keys" array)`);
  }

  const labels = [...trimmed.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((match) => match[1] ?? '');
  if (labels.length > 1) {
    throw new UsageError(`key file "${path}" contains ${labels.length} PEM blocks; keep only the key, or only the first certificate of a chain`);
  }
  const [label] = labels;
  if (label === undefined) {
    throw new UsageError(`key file "${path}" is neither a JWK, a JWKS nor a PEM key`);
  }
  if (!PUBLIC_PEM_LABELS.includes(label) && !PRIVATE_PEM_LABELS.includes(label)) {
    throw new UsageError(
      `key file "${path}" contains a PEM "${label}" block; supported blocks are ${[...PUBLIC_PEM_LABELS, ...PRIVATE_PEM_LABELS].join(', ')}`,
    );
  }
  return { kind: 'pem', path, label, text };
}

function isJwk(value: unknown): value is JWK {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { kty?: unknown }).kty === 'string';
}

/**
 * Returns the key or key resolver for `verify`. A JWK is passed as is, because `verify` uses
 * only the public members of a private JWK. A JWKS member is chosen per token by `kid` and
 * algorithm. A PEM key is imported for the token's `alg`, which `verify` has already checked
 * against the allowed algorithms. Throws `UsageError` for a private PEM key.
 */
export function verifyKeyFromFile(file: KeyFile): VerifyKey | KeyResolver {
  switch (file.kind) {
    case 'jwk':
      return file.jwk;
    case 'jwks':
      return (header: JwsHeader) => selectJwkForToken(file.path, file.keys, header);
    case 'pem': {
      if (PRIVATE_PEM_LABELS.includes(file.label)) {
        throw new UsageError(
          `key file "${file.path}" contains a private key (${file.label}); verify needs the public key as PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE PEM`,
        );
      }
      const importPublic = file.label === 'CERTIFICATE' ? importX509 : importSPKI;
      return (header: JwsHeader) => importPublic(file.text, header.alg as Algorithm);
    }
  }
}

/**
 * Chooses the JWKS member for a token: the keys whose `kid` equals the token's `kid` (all
 * keys when the token has none), narrowed to those whose type, curve, `alg` and `use` fit the
 * token's algorithm. Exactly one must remain; otherwise this throws the matching `JwtError`.
 */
export function selectJwkForToken(path: string, keys: readonly JWK[], header: JwsHeader): JWK {
  const kid = header.kid;
  const shownKid = typeof kid === 'string' ? JSON.stringify(kid.slice(0, 64)) : '';
  const byKid = kid === undefined ? keys : keys.filter((key) => key.kid === kid);
  if (byKid.length === 0) {
    throw new JwtError('ERR_JWKS_NO_MATCHING_KEY', `the JWKS in "${path}" has no key with the token's kid ${shownKid}`);
  }

  const fitting = byKid.filter((key) => jwkFitsAlgorithm(key, header.alg));
  const [only] = fitting;
  if (fitting.length === 1 && only !== undefined) return only;

  const shownAlg = JSON.stringify(header.alg.slice(0, 32));
  if (fitting.length === 0) {
    const missingKey = kid === undefined ? 'no key' : `no key with kid ${shownKid}`;
    throw new JwtError('ERR_JWKS_NO_MATCHING_KEY', `the JWKS in "${path}" has ${missingKey} that fits the token's algorithm ${shownAlg}`);
  }
  throw new JwtError(
    'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    kid === undefined
      ? `the token has no kid and ${fitting.length} keys in the JWKS in "${path}" fit ${shownAlg}; give each key a kid and sign with it, or use a file with one key`
      : `${fitting.length} keys in the JWKS in "${path}" have kid ${shownKid} and fit ${shownAlg}`,
  );
}

/** Returns true when a JWK's `kty`, `crv`, `alg` and `use` allow it to be used with `alg`. */
function jwkFitsAlgorithm(jwk: JWK, alg: string): boolean {
  const spec = findAlgorithm(alg);
  if (spec === undefined) return false;
  if (jwk.kty !== spec.kty) return false;
  if (spec.curve !== undefined && jwk.crv !== spec.curve) return false;
  if (jwk.alg !== undefined && !isSameOperation(jwk.alg, spec.name)) return false;
  return jwk.use === undefined || jwk.use === 'sig';
}

/** A signing key and the `kid` it carries, if any. */
export interface SignKeyChoice {
  key: SignKey;
  kid: string | undefined;
}

/**
 * Returns the signing key for `alg` from a key file: a private or `oct` JWK, the JWKS member
 * with `kid` (or the only member), or a private PEM key imported for `alg`. Throws
 * `UsageError` for a public key or an ambiguous JWKS.
 */
export async function signKeyFromFile(file: KeyFile, alg: Algorithm, kid: string | undefined): Promise<SignKeyChoice> {
  switch (file.kind) {
    case 'jwk':
      return signingJwk(file.path, file.jwk);
    case 'jwks': {
      const candidates = kid === undefined ? file.keys : file.keys.filter((key) => key.kid === kid);
      const [only] = candidates;
      if (candidates.length === 1 && only !== undefined) return signingJwk(file.path, only);
      if (candidates.length === 0) throw new UsageError(`the JWKS in "${file.path}" has no key with kid ${JSON.stringify(kid)}`);
      throw new UsageError(
        kid === undefined
          ? `the JWKS in "${file.path}" has ${candidates.length} keys; choose one with --kid`
          : `the JWKS in "${file.path}" has ${candidates.length} keys with kid ${JSON.stringify(kid)}`,
      );
    }
    case 'pem':
      if (!PRIVATE_PEM_LABELS.includes(file.label)) {
        throw new UsageError(
          `key file "${file.path}" contains a public key (${file.label}); sign needs the private key as PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY PEM`,
        );
      }
      return { key: await importPKCS8(file.text, alg), kid: undefined };
  }
}

function signingJwk(path: string, jwk: JWK): SignKeyChoice {
  if (jwk.kty !== 'oct' && jwk.d === undefined) {
    throw new UsageError(`key file "${path}" contains a public JWK; sign needs the private key, which has a "d" member`);
  }
  return { key: jwk, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
}
