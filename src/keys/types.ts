/**
 * Key and header types shared by the public operations: the JWK members jwtkit reads
 * (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) and every form a signing or verification key may take.
 */

/** A JSON Web Key. Only the members jwtkit reads are typed; others pass through. */
export interface JWK {
  kty: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  kid?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  k?: string;
  [member: string]: unknown;
}

/** The JOSE header of a JWS (RFC 7515 §4). */
export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/**
 * A node:crypto `KeyObject`, described by the members jwtkit reads so that the types need no
 * Node declarations. Accepted wherever the runtime has node:crypto.
 */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
  readonly symmetricKeySize?: number | undefined;
  export(options: { format: 'jwk' }): object;
}

/**
 * A key for signing: a `CryptoKey`, a `KeyObject`, a private or symmetric JWK, or an HMAC secret as bytes
 * or as a string whose UTF-8 bytes are the secret. PEM text is not a key; pass it through
 * `importPKCS8` first.
 */
export type SignKey = CryptoKey | KeyObjectLike | JWK | Uint8Array | string;

/** A key for verification: a `CryptoKey`, a `KeyObject`, a public or symmetric JWK, or an HMAC secret. */
export type VerifyKey = CryptoKey | KeyObjectLike | JWK | Uint8Array | string;

/**
 * Returns the key for one token, chosen from its protected header, for example by `kid`.
 * It runs after the header has been parsed and its `alg` allowed, before the signature check.
 * The header is not yet authenticated, so use it only to select among keys you trust.
 */
export type KeyResolver = (header: JwsHeader, token: string) => VerifyKey | Promise<VerifyKey>;
