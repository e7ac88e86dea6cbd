/**
 * RFC known-answer vectors through the public API: RFC 7515 Appendix A, RFC 7519 §3.1 and
 * §6.1, RFC 7520 §4.1 to §4.4, RFC 8037 Appendix A and RFC 7638 §3.1. Deterministic algorithms
 * (RS256, HS256 with a JSON-serializable header, Ed25519) must reproduce the RFC bytes; the
 * others must verify, and a fresh signature over the same input must verify too. RFC 7515 A.1
 * cannot be re-signed here, because its header contains CRLF line breaks that `compactSign`
 * never writes, so it is only verified.
 */

import { RFC7515_EXP, RFC7515_PAYLOAD_TEXT, rfc7515, rfc7638, rfc8037 } from '../vectors/rfc.ts';
import { rfc7520 } from '../vectors/rfc7520.ts';
import type { CaseContext, JWK, JwtAlgorithm } from './context.ts';
import { base64url, fromBase64url, segmentOf, withSegment } from './encoding.ts';
import { assert, assertDeepEqual, assertEqual, assertRejectsWithCode } from './harness.ts';

/** One minute before the RFC 7515 example tokens expire. */
const BEFORE_EXPIRY = new Date((RFC7515_EXP - 60) * 1000);

const textDecoder = new TextDecoder();

function signingInputOf(token: string): string {
  return token.slice(0, token.lastIndexOf('.'));
}

export function defineConformanceCases({ lib, add, missingFeatureFor }: CaseContext): void {
  add('RFC 7515 A.1 HS256 verifies', async () => {
    const { header, payload } = await lib.compactVerify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] });
    assertDeepEqual(header, { typ: 'JWT', alg: 'HS256' }, 'header');
    assertEqual(textDecoder.decode(payload), RFC7515_PAYLOAD_TEXT, 'payload text');
  });

  add('RFC 7515 A.2 RS256 reproduces the token', async () => {
    const token = await lib.compactSign(RFC7515_PAYLOAD_TEXT, rfc7515.a2.privateJwk, { alg: 'RS256' });
    assertEqual(token, rfc7515.a2.compact, 'token');
    const { payload } = await lib.compactVerify(rfc7515.a2.compact, rfc7515.a2.publicJwk, { algorithms: ['RS256'] });
    assertEqual(textDecoder.decode(payload), RFC7515_PAYLOAD_TEXT, 'payload text');
  });

  add('RFC 7515 A.3 ES256 verifies and re-signs', async () => {
    const { payload } = await lib.compactVerify(rfc7515.a3.compact, rfc7515.a3.publicJwk, { algorithms: ['ES256'] });
    assertEqual(textDecoder.decode(payload), RFC7515_PAYLOAD_TEXT, 'payload text');
    const token = await lib.compactSign(RFC7515_PAYLOAD_TEXT, rfc7515.a3.privateJwk, { alg: 'ES256' });
    assertEqual(signingInputOf(token), signingInputOf(rfc7515.a3.compact), 'signing input');
    assertEqual(fromBase64url(segmentOf(token, 2)).length, 64, 'signature length');
    await lib.compactVerify(token, rfc7515.a3.publicJwk, { algorithms: ['ES256'] });
  }, missingFeatureFor('ES256'));

  add('RFC 7515 A.4 ES512 verifies and re-signs', async () => {
    const { payload } = await lib.compactVerify(rfc7515.a4.compact, rfc7515.a4.publicJwk, { algorithms: ['ES512'] });
    assertEqual(textDecoder.decode(payload), 'Payload', 'payload text');
    const token = await lib.compactSign('Payload', rfc7515.a4.privateJwk, { alg: 'ES512' });
    assertEqual(fromBase64url(segmentOf(token, 2)).length, 132, 'signature length');
    await lib.compactVerify(token, rfc7515.a4.publicJwk, { algorithms: ['ES512'] });
  }, missingFeatureFor('ES512'));

  add('RFC 7515 A.4 ES512 with S shortened fails', async () => {
    const signature = fromBase64url(segmentOf(rfc7515.a4.compact, 2));
    assertEqual(signature[66], 0, 'leading byte of S');
    const shortened = new Uint8Array([...signature.subarray(0, 66), ...signature.subarray(67)]);
    const token = withSegment(rfc7515.a4.compact, 2, base64url(shortened));
    await assertRejectsWithCode(lib.compactVerify(token, rfc7515.a4.publicJwk, { algorithms: ['ES512'] }), 'ERR_JWT_SIGNATURE_INVALID', 'compactVerify');
  }, missingFeatureFor('ES512'));

  add('RFC 7515 A.5 unsecured JWS is rejected', async () => {
    await assertRejectsWithCode(lib.compactVerify(rfc7515.a5.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED', 'compactVerify');
  });

  add('RFC 7519 §3.1 JWT verifies at a pinned time', async () => {
    const { header, payload } = await lib.verify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'], currentDate: BEFORE_EXPIRY, issuer: 'joe' });
    assertEqual(header.typ, 'JWT', 'typ');
    assertDeepEqual(payload, { iss: 'joe', exp: RFC7515_EXP, 'http://example.com/is_root': true }, 'payload');
  });

  add('RFC 7519 §3.1 JWT has expired today', async () => {
    const error = await assertRejectsWithCode(lib.verify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] }), 'ERR_JWT_EXPIRED', 'verify');
    assert(error instanceof lib.JwtClaimError, 'the error is a JwtClaimError');
    assertEqual(error.constructor.name, 'JwtClaimError', 'constructor name');
    assertEqual(error.claim, 'exp', 'claim');
  });

  add('RFC 7519 §6.1 unsecured JWT: decode only', async () => {
    await assertRejectsWithCode(lib.verify(rfc7515.a5.compact, rfc7515.a1.jwk, { algorithms: ['HS256'], currentDate: BEFORE_EXPIRY }), 'ERR_JWT_ALG_NOT_ALLOWED', 'verify');
    const { header, payload, signature } = lib.decode(rfc7515.a5.compact);
    assertDeepEqual(header, { alg: 'none' }, 'header');
    assertEqual(payload.iss, 'joe', 'iss');
    assertEqual(signature.length, 0, 'signature length');
  });

  const rfc7520Keys: Record<string, { sign: JWK; verify: JWK }> = {
    RS256: { sign: rfc7520.rsaPrivateJwk, verify: rfc7520.rsaPublicJwk },
    PS384: { sign: rfc7520.rsaPrivateJwk, verify: rfc7520.rsaPublicJwk },
    ES512: { sign: rfc7520.ecPrivateJwk, verify: rfc7520.ecPublicJwk },
    HS256: { sign: rfc7520.hmacJwk, verify: rfc7520.hmacJwk },
  };
  for (const example of rfc7520.examples) {
    const alg = example.alg as JwtAlgorithm;
    const key = rfc7520Keys[alg] as { sign: JWK; verify: JWK };

    add(`RFC 7520 §${example.section} ${alg} verifies`, async () => {
      const { header, payload } = await lib.compactVerify(example.compact, key.verify, { algorithms: [alg] });
      assertEqual(header.alg, alg, 'alg');
      assertEqual(header.kid, key.verify.kid, 'kid');
      assertEqual(base64url(payload), rfc7520.payloadBase64url, 'payload segment');
      assertEqual(textDecoder.decode(payload), rfc7520.payloadText, 'payload text');
    }, missingFeatureFor(alg));

    add(`RFC 7520 §${example.section} ${alg} re-signs`, async () => {
      const token = await lib.compactSign(rfc7520.payloadText, key.sign, { alg, kid: key.verify.kid as string });
      assertEqual(signingInputOf(token), `${example.protectedHeaderBase64url}.${rfc7520.payloadBase64url}`, 'signing input');
      if (example.deterministic) assertEqual(token, example.compact, 'token');
      await lib.compactVerify(token, key.verify, { algorithms: [alg] });
    }, missingFeatureFor(alg));
  }

  add('RFC 8037 A.4 Ed25519 reproduces the token', async () => {
    assertEqual(await lib.compactSign(rfc8037.payloadText, rfc8037.privateJwk, { alg: 'EdDSA' }), rfc8037.compact, 'token');
  }, missingFeatureFor('EdDSA'));

  add('RFC 8037 A.5 Ed25519 verifies', async () => {
    const { header, payload } = await lib.compactVerify(rfc8037.compact, rfc8037.publicJwk, { algorithms: ['EdDSA'] });
    assertDeepEqual(header, { alg: 'EdDSA' }, 'header');
    assertEqual(textDecoder.decode(payload), rfc8037.payloadText, 'payload text');
    const bytes = fromBase64url(segmentOf(rfc8037.compact, 1));
    bytes[0] = (bytes[0] as number) ^ 1;
    const tampered = withSegment(rfc8037.compact, 1, base64url(bytes));
    await assertRejectsWithCode(lib.compactVerify(tampered, rfc8037.publicJwk, { algorithms: ['EdDSA'] }), 'ERR_JWT_SIGNATURE_INVALID', 'tampered payload');
  }, missingFeatureFor('EdDSA'));

  add('RFC 8037 A.3 and RFC 7638 §3.1 thumbprints', async () => {
    assertEqual(await lib.calculateJwkThumbprint(rfc8037.publicJwk), rfc8037.thumbprint, 'Ed25519 public JWK');
    assertEqual(await lib.calculateJwkThumbprint(rfc8037.privateJwk), rfc8037.thumbprint, 'Ed25519 private JWK');
    assertEqual(await lib.calculateJwkThumbprint(rfc7638.jwk), rfc7638.thumbprint, 'RSA JWK');
  });
}
