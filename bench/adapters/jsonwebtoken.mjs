// The jsonwebtoken adapter: its synchronous sign and verify with node:crypto KeyObjects prepared
// once, so no call parses PEM text.

import jwt from 'jsonwebtoken';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';

/** jsonwebtoken 9.0.3 lists RS*, PS*, ES*, HS* and none in SUPPORTED_ALGS (sign.js), and no EdDSA. */
const SUPPORTED = ['HS256', 'RS256', 'ES256'];

/** Creates the jsonwebtoken adapter. */
export function createJsonwebtokenAdapter(fixtures) {
  const sign = {};
  const verify = {};
  for (const alg of SUPPORTED) {
    const { privateKeyObject, publicKeyObject } = fixtures.keys[alg];
    const signOptions = { algorithm: alg };
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };

    sign[alg] = (claims) => jwt.sign(claims, privateKeyObject, signOptions);
    verify[alg] = (token) => jwt.verify(token, publicKeyObject, verifyOptions);
  }

  const decodeOptions = { complete: true };
  return {
    name: 'jsonwebtoken',
    sign,
    verify,
    decode: (token) => jwt.decode(token, decodeOptions),
    unsupported: [{ algorithm: 'EdDSA', reason: 'not in SUPPORTED_ALGS of jsonwebtoken/sign.js' }],
  };
}
