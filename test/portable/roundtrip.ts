/**
 * A sign and verify round trip for every algorithm in `ALGORITHMS`, with generated keys:
 * the payload and header survive, the public key verifies as a CryptoKey and as a JWK, and
 * another key of the same kind is rejected.
 */

import { type CaseContext, NOW, NOW_DATE } from './context.ts';
import { assertDeepEqual, assertEqual, assertRejectsWithCode } from './harness.ts';

export function defineRoundTripCases({ lib, add, keys, missingFeatureFor }: CaseContext): void {
  for (const alg of lib.ALGORITHMS) {
    add(`${alg} sign and verify round trip`, async () => {
      let signKey: CryptoKey | Uint8Array;
      let verifyKey: CryptoKey | Uint8Array;
      let otherKey: CryptoKey | Uint8Array;
      if (alg.startsWith('HS')) {
        signKey = verifyKey = lib.generateSecret(alg);
        otherKey = lib.generateSecret(alg);
      } else {
        const pair = await keys.pair(alg);
        signKey = pair.privateKey;
        verifyKey = pair.publicKey;
        otherKey = (await keys.pair(alg, 'other')).publicKey;
      }

      const token = await lib.sign({ sub: 'user-1', roles: ['reader'], name: 'Zoë' }, signKey, {
        alg,
        kid: 'key-1',
        expiresIn: '15m',
        issuer: 'https://auth.example.com',
        audience: 'api://orders',
        currentDate: NOW_DATE,
      });
      const options = { algorithms: [alg], issuer: 'https://auth.example.com', audience: 'api://orders', currentDate: NOW_DATE };
      const { header, payload } = await lib.verify(token, verifyKey, options);
      assertDeepEqual(header, { alg, typ: 'JWT', kid: 'key-1' }, 'header');
      assertDeepEqual(payload, { sub: 'user-1', roles: ['reader'], name: 'Zoë', iss: 'https://auth.example.com', aud: 'api://orders', exp: NOW + 900, iat: NOW }, 'payload');

      const jwk = await lib.exportJWK(verifyKey);
      assertEqual((await lib.verify(token, jwk, options)).payload.sub, 'user-1', 'sub verified with the JWK');

      const error = await assertRejectsWithCode(lib.verify(token, otherKey, options), 'ERR_JWT_SIGNATURE_INVALID', 'verify with another key');
      assertEqual(lib.isJwtError(error, 'ERR_JWT_SIGNATURE_INVALID'), true, 'isJwtError');
      assertEqual(error instanceof lib.JwtError, true, 'instanceof JwtError');
      // Logs print the constructor's name, which a bundler renames when a class names itself.
      assertEqual(error.constructor.name, 'JwtError', 'constructor name');
    }, missingFeatureFor(alg));
  }
}
