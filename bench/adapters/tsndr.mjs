// The @tsndr/cloudflare-worker-jwt adapter: its sign and verify on WebCrypto with CryptoKeys
// imported once. It has no issuer or audience option, so both are checked right after verify.

import jwt from '@tsndr/cloudflare-worker-jwt';
import { assertIssuerAndAudience } from '../fixtures.mjs';

/** Version 3.2.3 has ES*, HS*, RS* and none in its `algorithms` table (index.js), and no EdDSA. */
const SUPPORTED = ['HS256', 'RS256', 'ES256'];

/** Creates the @tsndr/cloudflare-worker-jwt adapter. */
export function createTsndrAdapter(fixtures) {
  const sign = {};
  const verify = {};
  for (const alg of SUPPORTED) {
    const { privateCryptoKey, publicCryptoKey } = fixtures.keys[alg];
    const signOptions = { algorithm: alg };
    // throwError makes a failed check reject instead of resolving to undefined. exp is checked by default.
    const verifyOptions = { algorithm: alg, throwError: true };

    sign[alg] = (claims) => jwt.sign(claims, privateCryptoKey, signOptions);
    verify[alg] = async (token) => {
      const { payload } = await jwt.verify(token, publicCryptoKey, verifyOptions);
      assertIssuerAndAudience(payload, '@tsndr/cloudflare-worker-jwt');
      return payload;
    };
  }

  return {
    name: '@tsndr/cloudflare-worker-jwt',
    sign,
    verify,
    decode: (token) => jwt.decode(token),
    unsupported: [{ algorithm: 'EdDSA', reason: 'not in the algorithms table of its index.js' }],
  };
}
