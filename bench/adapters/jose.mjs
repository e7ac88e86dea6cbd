// The jose adapter (jose 6, which signs and verifies through WebCrypto): SignJWT and jwtVerify
// with CryptoKeys imported once.

import { SignJWT, decodeJwt, decodeProtectedHeader, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { ALGORITHMS, AUDIENCE, ISSUER } from '../fixtures.mjs';

/** Creates the jose adapter for all four algorithms, which its JWS table (dist/webapi/lib/jws_algorithms.js) includes. */
export async function createJoseAdapter(fixtures) {
  const sign = {};
  const verify = {};
  for (const alg of ALGORITHMS) {
    const material = fixtures.keys[alg];
    // jose re-imports a Uint8Array HMAC secret on every call (dist/webapi/lib/key.js), so the
    // HMAC secret is passed as a CryptoKey imported once.
    const signKey = alg === 'HS256' ? material.privateCryptoKey : await importPKCS8(material.privatePem, alg);
    const verifyKey = alg === 'HS256' ? material.publicCryptoKey : await importSPKI(material.publicPem, alg);
    const header = { alg, typ: 'JWT' };
    const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };

    sign[alg] = (claims) => new SignJWT(claims).setProtectedHeader(header).sign(signKey);
    verify[alg] = async (token) => (await jwtVerify(token, verifyKey, options)).payload;
  }

  return {
    name: 'jose',
    sign,
    verify,
    decode: (token) => ({ header: decodeProtectedHeader(token), payload: decodeJwt(token) }),
  };
}
