/**
 * One or two representative cases for each security rule that test/security.test.ts covers in
 * full, written against the public API so they run in every runtime. Clocks are fixed, and
 * every rejection is checked by its error `code`, or by its type for caller mistakes.
 */

import { type CaseContext, NOW, NOW_DATE, SECRET_256, SECRET_384, WRONG_SECRET_256 } from './context.ts';
import { base64url, base64urlText, hs256Token, segmentOf, utf8, withSegment } from './encoding.ts';
import { assert, assertEqual, assertRejectsWithCode, assertRejectsWithType, assertThrowsWithCode } from './harness.ts';

const HS256 = { algorithms: ['HS256' as const], currentDate: NOW_DATE };

export function defineSecurityCases({ lib, add, keys, missingFeatureFor }: CaseContext): void {
  /** Signs `claims` exactly as given, including registered claims of the wrong type. */
  const signClaims = (claims: unknown, secret: Uint8Array = SECRET_256): Promise<string> =>
    lib.compactSign(JSON.stringify(claims), secret, { alg: 'HS256', header: { typ: 'JWT' } });

  add('algorithms option is required', async () => {
    const token = await signClaims({ sub: 'user-1' });
    await assertRejectsWithType(lib.verify(token, SECRET_256, {} as never), TypeError, 'verify without algorithms');
    await assertRejectsWithType(lib.verify(token, SECRET_256, { algorithms: [] }), TypeError, 'verify with an empty list');
    await assertRejectsWithType(lib.compactVerify(token, SECRET_256, {} as never), TypeError, 'compactVerify without algorithms');
    await assertRejectsWithType(lib.verify(token, SECRET_256, { algorithms: ['hs256' as never] }), TypeError, 'unknown name');
  });

  add('alg none is never accepted', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${base64urlText(JSON.stringify({ alg, typ: 'JWT' }))}.${base64urlText('{"sub":"user-1","admin":true}')}.`;
      await assertRejectsWithCode(lib.verify(token, SECRET_256, HS256), 'ERR_JWT_ALG_NOT_ALLOWED', `verify with alg ${alg}`);
      await assertRejectsWithCode(lib.compactVerify(token, SECRET_256, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED', `compactVerify with alg ${alg}`);
    }
    await assertRejectsWithType(lib.verify('a.b.c', SECRET_256, { algorithms: ['none' as never] }), TypeError, 'none in algorithms');
    await assertRejectsWithType(lib.sign({}, SECRET_256, { alg: 'none' as never }), TypeError, 'sign with alg none');
  });

  add('key is bound to its algorithms', async () => {
    const rsa = await keys.pair('RS256');
    const publicJwk = await lib.exportJWK(rsa.publicKey);
    const publicPem = await lib.exportSPKI(rsa.publicKey);
    // The classic confusion: an HS256 token whose secret is the server's public key.
    const forged = await hs256Token('{"alg":"HS256"}', JSON.stringify({ sub: 'user-1', admin: true }), utf8(publicPem));
    const both = { algorithms: ['RS256' as const, 'HS256' as const] };
    await assertRejectsWithCode(lib.verify(forged, rsa.publicKey, both), 'ERR_JWT_ALG_NOT_ALLOWED', 'RSA CryptoKey');
    await assertRejectsWithCode(lib.verify(forged, publicJwk, both), 'ERR_JWT_ALG_NOT_ALLOWED', 'RSA JWK');
    await assertRejectsWithCode(lib.verify(forged, publicPem, both), 'ERR_JWT_KEY_INVALID', 'PEM text');

    const token = await lib.sign({ sub: 'user-1' }, rsa.privateKey, { alg: 'RS256' });
    await assertRejectsWithCode(lib.verify(token, { ...publicJwk, alg: 'RS512' }, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED', 'JWK alg RS512');
    await assertRejectsWithCode(lib.verify(token, { ...publicJwk, use: 'enc' }, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED', 'JWK use enc');
    await assertRejectsWithCode(lib.verify(token, rsa.publicKey, { algorithms: ['RS384'] }), 'ERR_JWT_ALG_NOT_ALLOWED', 'header alg outside algorithms');
    await assertRejectsWithCode(lib.sign({}, rsa.privateKey, { alg: 'ES256' }), 'ERR_JWT_KEY_INVALID', 'RSA key for ES256');
  });

  add('header alg must match exactly', async () => {
    const token = await hs256Token('{"alg":"hs256"}', '{"sub":"user-1"}', SECRET_256);
    await assertRejectsWithCode(lib.verify(token, SECRET_256, HS256), 'ERR_JWT_ALG_NOT_ALLOWED', 'verify');
  });

  add('signature is checked before claims', async () => {
    const claims = { sub: 'user-1', exp: NOW - 3600, iss: 'someone-else' };
    const forged = await signClaims(claims, WRONG_SECRET_256);
    const genuine = await signClaims(claims);
    const options = { ...HS256, issuer: 'https://issuer.example.com', clockTolerance: 60 };
    await assertRejectsWithCode(lib.verify(forged, SECRET_256, options), 'ERR_JWT_SIGNATURE_INVALID', 'forged token');
    const error = await assertRejectsWithCode(lib.verify(genuine, SECRET_256, options), 'ERR_JWT_EXPIRED', 'genuine token');
    assert(error instanceof lib.JwtClaimError, 'a claim failure is a JwtClaimError');
    assertEqual(error.payload.sub, 'user-1', 'payload carried by the claim error');
    const forgedArray = await lib.compactSign('["admin"]', WRONG_SECRET_256, { alg: 'HS256' });
    await assertRejectsWithCode(lib.verify(forgedArray, SECRET_256, HS256), 'ERR_JWT_SIGNATURE_INVALID', 'forged non-object payload');
  });

  add('key text is never an HMAC secret', async () => {
    const rsa = await keys.pair('RS256');
    const texts = {
      'SPKI PEM': await lib.exportSPKI(rsa.publicKey),
      'JWK JSON': JSON.stringify(await lib.exportJWK(rsa.publicKey)),
      'OpenSSH line': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa test',
    };
    for (const [name, text] of Object.entries(texts)) {
      const forged = await hs256Token('{"alg":"HS256","typ":"JWT"}', '{"sub":"user-1"}', utf8(text));
      await assertRejectsWithCode(lib.verify(forged, text, HS256), 'ERR_JWT_KEY_INVALID', `verify with ${name}`);
      await assertRejectsWithCode(lib.sign({}, text, { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID', `sign with ${name}`);
      await assertRejectsWithCode(lib.sign({}, utf8(text), { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID', `sign with ${name} bytes`);
    }
    const passphrase = 'an ordinary passphrase that is longer than 32 bytes';
    const token = await lib.sign({ sub: 'user-1' }, passphrase, { alg: 'HS256' });
    assertEqual((await lib.verify(token, passphrase, { algorithms: ['HS256'] })).payload.sub, 'user-1', 'sub');
  });

  add('HMAC secret shorter than the hash is rejected', async () => {
    for (const [alg, secret] of [['HS256', SECRET_256], ['HS384', SECRET_384]] as const) {
      const short = secret.subarray(1);
      await assertRejectsWithCode(lib.sign({}, short, { alg }), 'ERR_JWT_KEY_INVALID', `${alg} sign`);
      const token = await lib.sign({}, secret, { alg });
      await assertRejectsWithCode(lib.verify(token, short, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID', `${alg} verify`);
      await assertRejectsWithCode(lib.verify(token, { kty: 'oct', k: base64url(short) }, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID', `${alg} oct JWK`);
    }
    await assertRejectsWithCode(lib.sign({}, '', { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID', 'empty secret');
  });

  add('RSA key under 2048 bits is rejected', async () => {
    const params = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    const small = await crypto.subtle.generateKey(params, true, ['sign', 'verify']);
    await assertRejectsWithCode(lib.sign({}, small.privateKey, { alg: 'RS256' }), 'ERR_JWT_KEY_INVALID', 'sign with a CryptoKey');
    const signingInput = `${base64urlText('{"alg":"RS256"}')}.${base64urlText('{"sub":"user-1"}')}`;
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', small.privateKey, utf8(signingInput)));
    const token = `${signingInput}.${base64url(signature)}`;
    await assertRejectsWithCode(lib.verify(token, small.publicKey, { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID', 'verify with a CryptoKey');
    await assertRejectsWithCode(lib.verify(token, await lib.exportJWK(small.publicKey), { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID', 'verify with a JWK');
  });

  add('base64url must be strict', async () => {
    const token = await signClaims({ sub: 'user-1' });
    const variants = {
      'trailing space': `${token} `,
      'trailing newline': `${token}\n`,
      'padding on the signature': `${token}=`,
      'padding on the header': withSegment(token, 0, `${segmentOf(token, 0)}=`),
      'standard alphabet': withSegment(token, 2, `+${segmentOf(token, 2).slice(1)}`),
      'non-ASCII letter': `${token.slice(0, -5)}é${token.slice(-5)}`,
    };
    for (const [name, mutated] of Object.entries(variants)) {
      await assertRejectsWithCode(lib.verify(mutated, SECRET_256, HS256), 'ERR_JWT_MALFORMED', `verify with ${name}`);
      assertThrowsWithCode(() => lib.decode(mutated), 'ERR_JWT_MALFORMED', `decode with ${name}`);
    }
    // A 32-byte MAC is 43 characters, and the last one carries 2 unused bits, which must be zero.
    const signature = segmentOf(token, 2);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const bumped = signature.slice(0, -1) + alphabet.charAt(alphabet.indexOf(signature.slice(-1)) + 1);
    await assertRejectsWithCode(lib.verify(withSegment(token, 2, bumped), SECRET_256, HS256), 'ERR_JWT_MALFORMED', 'non-zero unused bits');
  });

  add('invalid UTF-8 is rejected', async () => {
    for (const bytes of [[0x7b, 0xff, 0x7d], [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d], [0xef, 0xbb, 0xbf, 0x7b, 0x7d]]) {
      const token = await lib.compactSign(new Uint8Array(bytes), SECRET_256, { alg: 'HS256' });
      await assertRejectsWithCode(lib.verify(token, SECRET_256, HS256), 'ERR_JWT_MALFORMED', `verify ${JSON.stringify(bytes)}`);
      assertThrowsWithCode(() => lib.decode(token), 'ERR_JWT_MALFORMED', `decode ${JSON.stringify(bytes)}`);
    }
  });

  add('only JSON objects are accepted', async () => {
    for (const payload of ['["admin"]', 'null', '"user-1"', '123', 'hello']) {
      const token = await lib.compactSign(payload, SECRET_256, { alg: 'HS256' });
      await assertRejectsWithCode(lib.verify(token, SECRET_256, HS256), 'ERR_JWT_MALFORMED', `payload ${payload}`);
    }
    const token = await signClaims({ sub: 'user-1' });
    const arrayHeader = withSegment(token, 0, base64urlText('["HS256"]'));
    await assertRejectsWithCode(lib.verify(arrayHeader, SECRET_256, HS256), 'ERR_JWT_MALFORMED', 'array header');
    const polluted = await hs256Token('{"alg":"HS256"}', '{"sub":"user-1","__proto__":{"isAdmin":true}}', SECRET_256);
    const { payload } = await lib.verify(polluted, SECRET_256, HS256);
    assertEqual(Object.getPrototypeOf(payload), Object.prototype, 'payload prototype');
    assertEqual(payload.isAdmin, undefined, 'isAdmin read through the prototype');
  });

  add('ECDSA signatures are raw r and s', async () => {
    const { privateKey, publicKey } = await keys.pair('ES256');
    const token = await lib.sign({ sub: 'user-1' }, privateKey, { alg: 'ES256' });
    const signature = lib.decode(token).signature;
    assertEqual(signature.length, 64, 'ES256 signature length');
    const variants = {
      'one byte longer': new Uint8Array([...signature, 0]),
      'one byte shorter': signature.subarray(0, 63),
      'DER-shaped': new Uint8Array([0x30, 0x44, 0x02, 0x20, ...signature.subarray(0, 32), 0x02, 0x20, ...signature.subarray(32)]),
    };
    for (const [name, variant] of Object.entries(variants)) {
      const mutated = withSegment(token, 2, base64url(variant));
      await assertRejectsWithCode(lib.verify(mutated, publicKey, { algorithms: ['ES256'] }), 'ERR_JWT_SIGNATURE_INVALID', name);
    }
  }, missingFeatureFor('ES256'));

  add('claim types and exact matching', async () => {
    const typeCases: [string, Record<string, unknown>][] = [['exp', { exp: String(NOW + 60) }], ['nbf', { nbf: true }], ['iss', { iss: 1 }], ['aud', { aud: ['api://a', 1] }]];
    for (const [claim, claims] of typeCases) {
      const token = await signClaims({ sub: 'user-1', ...claims });
      const error = await assertRejectsWithCode(lib.verify(token, SECRET_256, HS256), 'ERR_JWT_CLAIM_INVALID', `mistyped ${claim}`);
      assert(error instanceof lib.JwtClaimError, 'a claim failure is a JwtClaimError');
      assertEqual(error.claim, claim, 'claim');
      assertEqual(error.reason, 'invalid', 'reason');
    }
    const issuer = 'https://issuer.example.com';
    for (const iss of [`${issuer}/`, `${issuer}.evil`, issuer.toUpperCase()]) {
      const token = await signClaims({ iss });
      await assertRejectsWithCode(lib.verify(token, SECRET_256, { ...HS256, issuer }), 'ERR_JWT_CLAIM_INVALID', `iss ${iss}`);
    }
    const audienceToken = await signClaims({ aud: ['api://svc-b', 'api://svc-a'] });
    await lib.verify(audienceToken, SECRET_256, { ...HS256, audience: 'api://svc-a' });
    await assertRejectsWithCode(lib.verify(audienceToken, SECRET_256, { ...HS256, audience: 'api://svc' }), 'ERR_JWT_CLAIM_INVALID', 'audience prefix');
  });

  add('clockTolerance widens only by its amount', async () => {
    const expired = await signClaims({ exp: NOW - 30 });
    const early = await signClaims({ nbf: NOW + 30 });
    await assertRejectsWithCode(lib.verify(expired, SECRET_256, HS256), 'ERR_JWT_EXPIRED', 'exp without tolerance');
    await assertRejectsWithCode(lib.verify(early, SECRET_256, HS256), 'ERR_JWT_NOT_YET_VALID', 'nbf without tolerance');
    for (const token of [expired, early]) {
      await lib.verify(token, SECRET_256, { ...HS256, clockTolerance: '1m' });
      await assertRejectsWithCode(lib.verify(token, SECRET_256, { ...HS256, clockTolerance: 29 }), token === expired ? 'ERR_JWT_EXPIRED' : 'ERR_JWT_NOT_YET_VALID', 'tolerance of 29 s');
    }
    await assertRejectsWithType(lib.verify(expired, SECRET_256, { ...HS256, clockTolerance: -1 }), TypeError, 'negative tolerance');
  });

  add('size limits apply before decoding', async () => {
    const large = await signClaims({ blob: 'x'.repeat(16 * 1024) });
    await assertRejectsWithCode(lib.verify(large, SECRET_256, HS256), 'ERR_JWT_TOO_LARGE', 'verify over 16 KiB');
    assertThrowsWithCode(() => lib.decode(large), 'ERR_JWT_TOO_LARGE', 'decode over 16 KiB');
    await lib.verify(large, SECRET_256, { ...HS256, maxTokenLength: 64 * 1024 });
    const small = await signClaims({ sub: 'user-1' });
    await assertRejectsWithCode(lib.verify(small, SECRET_256, { ...HS256, maxTokenLength: 20 }), 'ERR_JWT_TOO_LARGE', 'maxTokenLength 20');
    const nested = await lib.compactSign(`{"a":${'['.repeat(1000)}${']'.repeat(1000)}}`, SECRET_256, { alg: 'HS256' });
    await assertRejectsWithCode(lib.verify(nested, SECRET_256, { ...HS256, maxTokenLength: 100_000 }), 'ERR_JWT_MALFORMED', 'nesting 1000 deep');
  });
}
