/**
 * jwtkit: sign, verify and decode JSON Web Tokens (RFC 7519) in JWS Compact Serialization
 * (RFC 7515) with the JWA algorithms (RFC 7518, RFC 8037), on WebCrypto, with no dependencies.
 */

export { sign, type SignOptions } from './sign.ts';
export { createSigner, type Signer } from './signer.ts';
export { verify, type VerifyResult } from './verify.ts';
export { createVerifier, type Verifier, type VerifierOptions } from './verifier.ts';
export type { VerifyCacheOptions } from './cache.ts';
export { decode, type DecodeResult } from './decode.ts';
export { compactSign, type CompactSignOptions } from './jws/sign.ts';
export { compactVerify, type CompactVerifyOptions, type CompactVerifyResult } from './jws/verify.ts';
export type { VerifyOptions } from './options.ts';
export type { JwtPayload } from './payload.ts';
export { importSPKI, importPKCS8, importX509, importJWK, type ImportOptions } from './keys/import.ts';
export { generateKeyPair, generateSecret, exportJWK, exportSPKI, exportPKCS8, type GenerateKeyPairOptions } from './keys/generate.ts';
export { calculateJwkThumbprint } from './keys/thumbprint.ts';
export type { JWK, JwsHeader, KeyObjectLike, SignKey, VerifyKey, KeyResolver } from './keys/types.ts';
export { ALGORITHMS, type Algorithm } from './algorithms.ts';
export type { Duration } from './time.ts';
export { availableCryptoBackends, getCryptoBackend, setCryptoBackend, type CryptoBackendName } from './crypto/backend.ts';
export { JwtError, JwtClaimError, isJwtError, type JwtErrorCode, type ClaimFailureReason } from './errors.ts';
