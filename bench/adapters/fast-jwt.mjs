// The fast-jwt adapter: its synchronous createSigner, createVerifier and createDecoder, each made
// once. fast-jwt turns the PEM text or secret into a KeyObject when the function is created.

import { createDecoder, createSigner, createVerifier } from 'fast-jwt';
import { ALGORITHMS, AUDIENCE, ISSUER } from '../fixtures.mjs';

/** Creates the fast-jwt adapter for all four algorithms, which its README lists as supported. */
export function createFastJwtAdapter(fixtures) {
  const sign = {};
  const verify = {};
  const cachedVerify = {};
  for (const alg of ALGORITHMS) {
    const material = fixtures.keys[alg];
    const signKey = alg === 'HS256' ? material.secret : material.privatePem;
    const verifyKey = alg === 'HS256' ? material.secret : material.publicPem;
    const verifyOptions = { key: verifyKey, algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE };

    sign[alg] = createSigner({ key: signKey, algorithm: alg });
    verify[alg] = createVerifier(verifyOptions);
    if (alg === 'ES256' || alg === 'HS256') cachedVerify[alg] = createVerifier({ ...verifyOptions, cache: true });
  }

  return {
    name: 'fast-jwt',
    sign,
    verify,
    cachedVerify,
    decode: createDecoder({ complete: true }),
  };
}
