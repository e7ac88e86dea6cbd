/**
 * What every part of the portable suite receives: the package under test, the WebCrypto
 * features this runtime has, shared fixtures, and `add`, which registers a case for the crypto
 * backend being run.
 */

import type * as JwtkitModule from '../../src/index.ts';
import type { TestBody } from './harness.ts';
import { utf8 } from './encoding.ts';

/** The public API of jwtkit, whichever build (source, `dist/index.js`, browser entry) provides it. */
export type Jwtkit = typeof JwtkitModule;

/** The algorithm names of the public API. */
export type JwtAlgorithm = JwtkitModule.Algorithm;

/** The JWK type of the public API. */
export type JWK = JwtkitModule.JWK;

/** WebCrypto features that some cases need, detected once per runtime. */
export interface RuntimeFeatures {
  /** WebCrypto can generate and use Ed25519 keys. */
  readonly ed25519: boolean;
  /** WebCrypto can generate and use ECDSA keys on each curve. */
  readonly curves: Readonly<Record<'P-256' | 'P-384' | 'P-521', boolean>>;
}

export interface CaseContext {
  readonly lib: Jwtkit;
  readonly features: RuntimeFeatures;
  readonly keys: KeyCache;
  /** Registers a case for the current backend, or a skipped case when `skipReason` is defined. */
  readonly add: (name: string, run: TestBody, skipReason?: string) => void;
  /** The reason this runtime cannot run `alg`, or undefined when it can. */
  readonly missingFeatureFor: (alg: JwtAlgorithm) => string | undefined;
}

/** A fixed clock, 2023-11-14T22:13:20Z, as a NumericDate and as a Date. */
export const NOW = 1_700_000_000;
export const NOW_DATE = new Date(NOW * 1000);

/** HMAC secrets of exactly the minimum size for HS256, HS384 and HS512. */
export const SECRET_256 = utf8('portable-secret-0123456789abcdef');
export const SECRET_384 = utf8('portable-secret-0123456789abcdef0123456789abcdef');
export const SECRET_512 = utf8('portable-secret-0123456789abcdef0123456789abcdef0123456789abcdef');
export const WRONG_SECRET_256 = utf8('wrong-portable-secret-0123456789');

/** Key pairs generated once per runtime and shared by every backend's cases. */
export class KeyCache {
  private readonly pairs = new Map<string, Promise<CryptoKeyPair>>();

  constructor(private readonly lib: Jwtkit) {}

  /** A key pair for `alg`; the private key is extractable so tests can export it as a JWK. */
  pair(alg: JwtAlgorithm, label = ''): Promise<CryptoKeyPair> {
    const id = `${alg}/${label}`;
    let pair = this.pairs.get(id);
    if (pair === undefined) {
      pair = this.lib.generateKeyPair(alg, { extractable: true });
      this.pairs.set(id, pair);
    }
    return pair;
  }
}

/** Detects the WebCrypto features listed in {@link RuntimeFeatures}. */
export async function detectFeatures(): Promise<RuntimeFeatures> {
  const works = async (params: EcKeyGenParams | { name: string }, signParams: EcdsaParams | { name: string }): Promise<boolean> => {
    try {
      const pair = (await crypto.subtle.generateKey(params, false, ['sign', 'verify'])) as CryptoKeyPair;
      const data = new Uint8Array(8);
      const signature = await crypto.subtle.sign(signParams, pair.privateKey, data);
      return await crypto.subtle.verify(signParams, pair.publicKey, signature, data);
    } catch {
      return false;
    }
  };
  const ecdsa = (namedCurve: string) => works({ name: 'ECDSA', namedCurve }, { name: 'ECDSA', hash: 'SHA-256' });
  return {
    ed25519: await works({ name: 'Ed25519' }, { name: 'Ed25519' }),
    curves: { 'P-256': await ecdsa('P-256'), 'P-384': await ecdsa('P-384'), 'P-521': await ecdsa('P-521') },
  };
}

/** Returns why `features` cannot run `alg`, or undefined when they can. */
export function missingFeature(features: RuntimeFeatures, alg: JwtAlgorithm): string | undefined {
  if ((alg === 'EdDSA' || alg === 'Ed25519') && !features.ed25519) return 'WebCrypto in this runtime has no Ed25519';
  const curve = ({ ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' } as const)[alg as 'ES256' | 'ES384' | 'ES512'] as 'P-256' | 'P-384' | 'P-521' | undefined;
  if (curve !== undefined && !features.curves[curve]) return `WebCrypto in this runtime has no ECDSA on ${curve}`;
  return undefined;
}
