// The `subtle` reference: a bare crypto.subtle.sign or verify of one fixed signing input with a
// CryptoKey imported once. It does no JWT work at all, so it is the floor for WebCrypto-based code.

import { Buffer } from 'node:buffer';
import { ALGORITHMS, WEBCRYPTO_PARAMS } from '../fixtures.mjs';

/**
 * Creates the `subtle` adapter. Its functions ignore their argument: sign always signs the signing
 * input of the fixture token, and verify always checks that token's signature.
 */
export function createSubtleAdapter(fixtures) {
  const { subtle } = globalThis.crypto;
  const sign = {};
  const verify = {};
  const verifySignature = {};

  for (const alg of ALGORITHMS) {
    const { privateCryptoKey, publicCryptoKey } = fixtures.keys[alg];
    const params = WEBCRYPTO_PARAMS[alg].operation;
    const signingInput = Buffer.from(fixtures.tokens[alg].signingInput, 'latin1');
    const signature = fixtures.tokens[alg].signature;

    sign[alg] = () => subtle.sign(params, privateCryptoKey, signingInput);
    verify[alg] = () => subtle.verify(params, publicCryptoKey, signature, signingInput);
    verifySignature[alg] = (candidate) => subtle.verify(params, publicCryptoKey, candidate, signingInput);
  }

  return {
    name: 'subtle',
    bare: true,
    sign,
    verify,
    /** Verifies any signature over the fixture signing input, for the pre-timing checks. */
    verifySignature,
    /** Builds the compact token that a signature returned by `sign[alg]` completes. */
    toToken: (alg, signature) => `${fixtures.tokens[alg].signingInput}.${Buffer.from(signature).toString('base64url')}`,
  };
}
