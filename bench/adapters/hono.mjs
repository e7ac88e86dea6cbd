// The hono/jwt adapter: sign and verify from `hono/jwt`, which run on WebCrypto, with CryptoKeys
// imported once (hono imports a string or JWK key again on every call).

import { decode, sign as honoSign, verify as honoVerify } from 'hono/jwt';
import { ALGORITHMS, AUDIENCE, ISSUER } from '../fixtures.mjs';

/** Creates the hono adapter for all four algorithms, which hono's AlgorithmTypes (dist/utils/jwt/jwa.js) include. */
export function createHonoAdapter(fixtures) {
  const sign = {};
  const verify = {};
  for (const alg of ALGORITHMS) {
    const { privateCryptoKey, publicCryptoKey } = fixtures.keys[alg];
    const options = { alg, iss: ISSUER, aud: AUDIENCE };

    sign[alg] = (claims) => honoSign(claims, privateCryptoKey, alg);
    verify[alg] = (token) => honoVerify(token, publicCryptoKey, options);
  }

  return { name: 'hono/jwt', sign, verify, decode };
}
