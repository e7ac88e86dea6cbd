/**
 * The JWS algorithms jwtkit implements (RFC 7518 §3, RFC 8037 §3.1, and the fully specified
 * `Ed25519` name of RFC 9864), as one table. Every other module looks an algorithm up here,
 * so an unknown name is rejected in one place.
 */

/** Names accepted in the `alg` header parameter and in the `algorithms` option. */
export type Algorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA' | 'Ed25519';

/** Key family of an algorithm, named after the WebCrypto algorithm that implements it. */
export type AlgorithmFamily = 'HMAC' | 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519';

export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

export type CurveName = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';

/** The parameters jwtkit needs to sign or verify with one algorithm. */
export interface AlgorithmSpec {
  readonly name: Algorithm;
  readonly family: AlgorithmFamily;
  /** Hash applied to the signing input; Ed25519 hashes internally and has none. */
  readonly hash: HashName | undefined;
  /** Hash output size in bytes: the minimum HMAC secret length and the RSA-PSS salt length. */
  readonly hashLength: number;
  /** Curve for ECDSA and EdDSA keys. */
  readonly curve: CurveName | undefined;
  /** Exact signature length in bytes, when it does not depend on the key (HMAC, ECDSA, EdDSA). */
  readonly signatureLength: number | undefined;
  /** JWK `kty` of keys that can use the algorithm. */
  readonly kty: 'oct' | 'RSA' | 'EC' | 'OKP';
}

/** Smallest RSA modulus accepted, in bits (RFC 7518 §3.3 requires 2048 or more). */
export const MIN_RSA_MODULUS_BITS = 2048;

function hmac(name: Algorithm, hash: HashName, length: number): AlgorithmSpec {
  return { name, family: 'HMAC', hash, hashLength: length, curve: undefined, signatureLength: length, kty: 'oct' };
}

function rsa(name: Algorithm, family: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS', hash: HashName, length: number): AlgorithmSpec {
  return { name, family, hash, hashLength: length, curve: undefined, signatureLength: undefined, kty: 'RSA' };
}

function ecdsa(name: Algorithm, hash: HashName, length: number, curve: CurveName, signatureLength: number): AlgorithmSpec {
  return { name, family: 'ECDSA', hash, hashLength: length, curve, signatureLength, kty: 'EC' };
}

function eddsa(name: Algorithm): AlgorithmSpec {
  return { name, family: 'Ed25519', hash: undefined, hashLength: 0, curve: 'Ed25519', signatureLength: 64, kty: 'OKP' };
}

const TABLE: ReadonlyMap<string, AlgorithmSpec> = /* @__PURE__ */ buildTable();

function buildTable(): ReadonlyMap<string, AlgorithmSpec> {
  return new Map(
    [
      hmac('HS256', 'SHA-256', 32),
      hmac('HS384', 'SHA-384', 48),
      hmac('HS512', 'SHA-512', 64),
      rsa('RS256', 'RSASSA-PKCS1-v1_5', 'SHA-256', 32),
      rsa('RS384', 'RSASSA-PKCS1-v1_5', 'SHA-384', 48),
      rsa('RS512', 'RSASSA-PKCS1-v1_5', 'SHA-512', 64),
      rsa('PS256', 'RSA-PSS', 'SHA-256', 32),
      rsa('PS384', 'RSA-PSS', 'SHA-384', 48),
      rsa('PS512', 'RSA-PSS', 'SHA-512', 64),
      // ECDSA signatures are the raw r || s pair (RFC 7518 §3.4), each half the curve's size.
      ecdsa('ES256', 'SHA-256', 32, 'P-256', 64),
      ecdsa('ES384', 'SHA-384', 48, 'P-384', 96),
      ecdsa('ES512', 'SHA-512', 64, 'P-521', 132),
      eddsa('EdDSA'),
      eddsa('Ed25519'),
    ].map((spec) => [spec.name, spec]),
  );
}

/**
 * Every supported algorithm name, in table order.
 *
 * @example
 * ```ts
 * ALGORITHMS.includes('ES256'); // true
 * ```
 */
export const ALGORITHMS: readonly Algorithm[] = /* @__PURE__ */ listAlgorithms();

function listAlgorithms(): Algorithm[] {
  return [...TABLE.keys()] as Algorithm[];
}

/** Returns the spec for `name`, or undefined when jwtkit does not implement it. */
export function findAlgorithm(name: unknown): AlgorithmSpec | undefined {
  return typeof name === 'string' ? TABLE.get(name) : undefined;
}

/**
 * Returns true when a key bound to algorithm `bound` (by a JWK `alg` member) may be used for
 * `alg`. The names must match exactly, except that `EdDSA` and `Ed25519` name the same
 * operation on an Ed25519 key.
 */
export function isSameOperation(bound: string, alg: Algorithm): boolean {
  if (bound === alg) return true;
  return (bound === 'EdDSA' || bound === 'Ed25519') && (alg === 'EdDSA' || alg === 'Ed25519');
}
