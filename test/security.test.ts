/**
 * The security rules: each block holds the tests that fail if its rule is removed from the
 * library. Clocks are fixed; every rejection asserts the error code.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import {
  JwtError,
  compactVerify,
  decode,
  exportJWK,
  generateKeyPair,
  sign,
  verify,
} from '../src/index.ts';
import { decodeBase64url, encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../src/base64url.ts';
import {
  NOW,
  NOW_DATE,
  type RsaFixture,
  SECRET_256,
  SECRET_384,
  SECRET_512,
  WRONG_SECRET_256,
  makeRsaFixture,
  signBytes,
  signClaims,
  signRaw,
  toDer,
  withSegment,
  forEachBackend,
} from './helpers.ts';

const HS256 = { algorithms: ['HS256' as const], currentDate: NOW_DATE };

let rsa: RsaFixture;
let attacker: RsaFixture;
let validHs256: string;

beforeAll(async () => {
  rsa = await makeRsaFixture('RS256');
  attacker = await makeRsaFixture('RS256');
  validHs256 = await signClaims({ sub: 'user-1', iat: NOW, exp: NOW + 3600 }, SECRET_256);
});

forEachBackend(() => {
  describe('rule 1: algorithms and key binding', () => {
    it('verify requires an algorithms option', async () => {
      await expect(verify(validHs256, SECRET_256, {} as never)).rejects.toBeUsageError();
      await expect(verify(validHs256, SECRET_256, undefined as never)).rejects.toBeUsageError();
      await expect(compactVerify(validHs256, SECRET_256, {} as never)).rejects.toBeUsageError();
    });

    it('verify rejects an empty algorithms list', async () => {
      await expect(verify(validHs256, SECRET_256, { algorithms: [] })).rejects.toBeUsageError();
    });

    it('verify rejects none in algorithms', async () => {
      await expect(verify(validHs256, SECRET_256, { algorithms: ['none' as never] })).rejects.toBeUsageError();
      await expect(verify(validHs256, SECRET_256, { algorithms: ['HS256', 'none' as never] })).rejects.toBeUsageError();
    });

    it('verify rejects unknown names in algorithms', async () => {
      await expect(verify(validHs256, SECRET_256, { algorithms: ['hs256' as never] })).rejects.toBeUsageError();
    });

    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      it(`verify never accepts alg ${alg}`, async () => {
        const token = `${encodeBase64urlText(JSON.stringify({ alg, typ: 'JWT' }))}.${encodeBase64urlText('{"sub":"user-1","admin":true}')}.`;
        await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
        await expect(compactVerify(token, SECRET_256, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      });
    }

    it('verify requires a key before reading the token', async () => {
      const token = `${encodeBase64urlText('{"alg":"none"}')}.${encodeBase64urlText('{"sub":"user-1"}')}.`;
      for (const key of [undefined, null]) {
        await expect(verify(token, key as never, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      }
      await expect(verify(token, '', HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(validHs256, '', HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('header alg outside algorithms is rejected', async () => {
      const hs512 = await signClaims({ sub: 'user-1' }, SECRET_512, 'HS512');
      await expect(verify(hs512, SECRET_512, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('header alg must match case exactly', async () => {
      const token = await signRaw({ alg: 'hs256' }, '{"sub":"user-1"}', SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('HS256 token keyed by the RSA public PEM is rejected', async () => {
      const forged = await signClaims({ sub: 'user-1', admin: true }, encodeUtf8(rsa.publicPem));
      const both = { algorithms: ['RS256' as const, 'HS256' as const], currentDate: NOW_DATE };
      await expect(verify(forged, rsa.publicKey, both)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(forged, rsa.publicJwk, both)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(forged, rsa.publicPem, both)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('RSA public key never verifies an HS256 token', async () => {
      const forged = await signClaims({ sub: 'user-1' }, encodeUtf8(JSON.stringify(rsa.publicJwk)));
      await expect(verify(forged, rsa.publicJwk, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(forged, rsa.publicKey, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('JWK without alg does not let the token pick PS256', async () => {
      const ps256Key = await makeRsaFixture('PS256');
      const token = await signClaims({ sub: 'user-1' }, ps256Key.privateJwk, 'PS256');
      await expect(verify(token, ps256Key.publicJwk, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(token, ps256Key.publicJwk, { algorithms: ['PS256'] })).resolves.toBeDefined();
    });

    it('JWK alg member narrows the key', async () => {
      const token = await signClaims({ sub: 'user-1' }, rsa.privateKey, 'RS256');
      const rs512Jwk = { ...rsa.publicJwk, alg: 'RS512' };
      await expect(verify(token, rs512Jwk, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(token, { ...rsa.publicJwk, alg: 'RS256' }, { algorithms: ['RS256'] })).resolves.toBeDefined();
    });

    it('JWK use member narrows the key', async () => {
      const token = await signClaims({ sub: 'user-1' }, rsa.privateKey, 'RS256');
      await expect(verify(token, { ...rsa.publicJwk, use: 'enc' }, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(token, { ...rsa.publicJwk, use: 'sig' }, { algorithms: ['RS256'] })).resolves.toBeDefined();
    });

    it('JWK key_ops member narrows the key', async () => {
      const token = await signClaims({ sub: 'user-1' }, rsa.privateKey, 'RS256');
      await expect(verify(token, { ...rsa.publicJwk, key_ops: ['encrypt'] }, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(token, { ...rsa.publicJwk, key_ops: ['verify'] }, { algorithms: ['RS256'] })).resolves.toBeDefined();
      await expect(sign({}, { ...rsa.privateJwk, key_ops: ['verify'] }, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('signature made with another hash than the header alg fails', async () => {
      const rs512 = await makeRsaFixture('RS512');
      const header = encodeBase64urlText('{"alg":"RS256","kid":"k1"}');
      const body = encodeBase64urlText('{"sub":"user-1"}');
      const signed = await signRaw({ alg: 'RS512', kid: 'k1' }, '{"sub":"user-1"}', rs512.privateKey, 'RS512');
      const token = `${header}.${body}.${signed.split('.')[2] ?? ''}`;
      await expect(verify(token, rs512.publicJwk, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      await expect(verify(token, { ...rs512.publicJwk, alg: 'RS512' }, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('CryptoKey algorithm narrows the key', async () => {
      const rsToken = await signClaims({ sub: 'user-1' }, rsa.privateKey, 'RS256');
      const psToken = withSegment(rsToken, 0, encodeBase64urlText('{"alg":"PS256","typ":"JWT"}'));
      await expect(verify(psToken, rsa.publicKey, { algorithms: ['PS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      const rs384Token = withSegment(rsToken, 0, encodeBase64urlText('{"alg":"RS384","typ":"JWT"}'));
      await expect(verify(rs384Token, rsa.publicKey, { algorithms: ['RS384'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('ECDSA key for one curve rejects another curve', async () => {
      const p256 = await generateKeyPair('ES256');
      const token = await signClaims({ sub: 'user-1' }, p256.privateKey, 'ES256');
      const es384 = withSegment(token, 0, encodeBase64urlText('{"alg":"ES384","typ":"JWT"}'));
      await expect(verify(es384, p256.publicKey, { algorithms: ['ES384'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('sign rejects a key of the wrong type for alg', async () => {
      await expect(sign({}, rsa.privateKey, { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, rsa.privateKey, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, SECRET_256, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, rsa.publicKey, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, rsa.publicJwk, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('sign never produces alg none', async () => {
      await expect(sign({}, SECRET_256, { alg: 'none' as never })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', header: { alg: 'none' } })).rejects.toBeUsageError();
    });

    it('key embedded in the jwk header is never used', async () => {
      const token = await signRaw({ alg: 'RS256', jwk: attacker.publicJwk }, '{"sub":"user-1","admin":true}', attacker.privateKey, 'RS256');
      await expect(verify(token, rsa.publicKey, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      await expect(verify(token, () => undefined as never, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });
  });

  describe('rule 2: signature before claims', () => {
    it('forged and expired token reports the signature', async () => {
      const forged = await signClaims({ sub: 'user-1', exp: NOW - 3600 }, WRONG_SECRET_256);
      const genuine = await signClaims({ sub: 'user-1', exp: NOW - 3600 }, SECRET_256);
      await expect(verify(forged, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      await expect(verify(forged, SECRET_256, { ...HS256, clockTolerance: 7200 })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      await expect(verify(genuine, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_EXPIRED');
    });

    it('forged token with wrong claims reports the signature', async () => {
      const forged = await signClaims({ iss: 'someone-else', aud: 'other', sub: 42, nbf: NOW + 999 }, WRONG_SECRET_256);
      const options = { ...HS256, issuer: 'https://issuer.example.com', audience: 'api://svc-a', requiredClaims: ['jti'] };
      await expect(verify(forged, SECRET_256, options)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('forged token with a non-object payload reports the signature', async () => {
      const forged = await signBytes('["admin"]', WRONG_SECRET_256, 'HS256');
      await expect(verify(forged, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('claim errors carry the verified payload', async () => {
      const token = await signClaims({ sub: 'user-1', exp: NOW - 1 }, SECRET_256);
      const error = await verify(token, SECRET_256, HS256).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'ERR_JWT_EXPIRED', claim: 'exp', reason: 'invalid', payload: { sub: 'user-1' } });
    });
  });

  describe('rule 3: key text is never an HMAC secret', () => {
    const jwkText = JSON.stringify({ kty: 'RSA', n: 'AQAB', e: 'AQAB' });
    const keyTexts: Record<string, () => string> = {
      'SPKI PEM': () => rsa.publicPem,
      'PEM after blank lines': () => `\n\n${rsa.publicPem}`,
      'PEM after spaces and tabs': () => ` \t${rsa.publicPem}`,
      'PEM with CRLF': () => rsa.publicPem.replace(/\n/g, '\r\n'),
      'PKCS #1 PEM': () => '-----BEGIN RSA PUBLIC KEY-----\nMAoCAwEAAQIDAQAB\n-----END RSA PUBLIC KEY-----\n',
      'certificate PEM': () => '-----BEGIN CERTIFICATE-----\nMAoCAwEAAQIDAQAB\n-----END CERTIFICATE-----\n',
      'private key PEM': () => '-----BEGIN PRIVATE KEY-----\nMAoCAwEAAQIDAQAB\n-----END PRIVATE KEY-----\n',
      'JWK JSON': () => jwkText,
      'pretty JWK JSON': () => JSON.stringify(JSON.parse(jwkText), null, 2),
      'JWKS JSON': () => JSON.stringify({ keys: [JSON.parse(jwkText)] }),
      'oct JWK JSON': () => JSON.stringify({ kty: 'oct', k: encodeBase64url(SECRET_256) }),
      'OpenSSH ed25519 line': () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa test',
      'OpenSSH RSA line': () => 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQaaaaaaaaaaaaaaaaaaaaaaaaaaaa test',
      'OpenSSH ECDSA line': () => 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYaaaaaaaaaaaaaaaaaaaa test',
      'SSH2 public key file': () => '---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n---- END SSH2 PUBLIC KEY ----\n',
    };

    for (const [name, text] of Object.entries(keyTexts)) {
      it(`${name} is rejected as a secret`, async () => {
        const secret = text();
        const forged = await signClaims({ sub: 'user-1', admin: true }, encodeUtf8(secret));
        await expect(verify(forged, secret, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        await expect(sign({ sub: 'user-1' }, secret, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        await expect(sign({ sub: 'user-1' }, encodeUtf8(secret), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      });
    }

    it('ordinary text secret still works', async () => {
      const secret = 'a perfectly ordinary passphrase, 32+ bytes long {not json}';
      const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
      await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
    });
  });

  describe('rule 3: HMAC secret length', () => {
    const cases = [
      ['HS256', SECRET_256],
      ['HS384', SECRET_384],
      ['HS512', SECRET_512],
    ] as const;

    for (const [alg, secret] of cases) {
      it(`${alg} rejects a secret one byte short`, async () => {
        const short = secret.subarray(1);
        await expect(sign({}, short, { alg })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        const token = await sign({}, secret, { alg });
        await expect(verify(token, short, { algorithms: [alg] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        await expect(verify(token, { kty: 'oct', k: encodeBase64url(short) }, { algorithms: [alg] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        await expect(verify(token, secret, { algorithms: [alg] })).resolves.toBeDefined();
      });
    }

    it('empty secret is rejected', async () => {
      await expect(sign({}, '', { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, new Uint8Array(0), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(verify(validHs256, new Uint8Array(0), HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('short HMAC CryptoKey is rejected', async () => {
      const shortKey = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
      await expect(sign({}, shortKey, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(verify(validHs256, shortKey, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });
  });

  describe('rule 3: RSA modulus size', () => {
    let small: CryptoKeyPair;

    beforeAll(async () => {
      const params = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
      small = (await crypto.subtle.generateKey(params, true, ['sign', 'verify']));
    });

    it('RSA-1024 CryptoKey cannot sign or verify', async () => {
      await expect(sign({}, small.privateKey, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const header = encodeBase64urlText('{"alg":"RS256"}');
      const body = encodeBase64urlText('{"sub":"user-1"}');
      const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', small.privateKey, encodeUtf8(`${header}.${body}`)));
      const token = `${header}.${body}.${encodeBase64url(signature)}`;
      await expect(verify(token, small.publicKey, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const publicJwk = await exportJWK(small.publicKey);
      await expect(verify(token, publicJwk, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('RSA-1024 JWK cannot sign', async () => {
      const privateJwk = await exportJWK(small.privateKey);
      await expect(sign({}, privateJwk, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });
  });

  describe('rule 4: strict base64url', () => {
    const variants: Record<string, (token: string) => string> = {
      'trailing space': (token) => `${token} `,
      'trailing newline': (token) => `${token}\n`,
      'trailing CRLF': (token) => `${token}\r\n`,
      'trailing tab': (token) => `${token}\t`,
      'leading space': (token) => ` ${token}`,
      'space inside the signature': (token) => `${token.slice(0, -10)} ${token.slice(-10)}`,
      'padding on the signature': (token) => `${token}=`,
      'padding on the header': (token) => withSegment(token, 0, `${token.split('.')[0] ?? ''}=`),
      'padding on the payload': (token) => withSegment(token, 1, `${token.split('.')[1] ?? ''}=`),
      'standard alphabet plus': (token) => withSegment(token, 2, (token.split('.')[2] ?? '').replace(/-/g, '+').replace(/^(.)/, '+')),
      'standard alphabet slash': (token) => withSegment(token, 2, `/${(token.split('.')[2] ?? '').slice(1)}`),
      'exclamation mark': (token) => `${token.slice(0, -5)}!${token.slice(-5)}`,
      'backslash': (token) => `${token.slice(0, -5)}\\${token.slice(-5)}`,
      'percent sign': (token) => `${token.slice(0, -5)}%${token.slice(-5)}`,
      'non-ASCII letter': (token) => `${token.slice(0, -5)}é${token.slice(-5)}`,
    };

    for (const [name, mutate] of Object.entries(variants)) {
      it(`verify rejects ${name}`, async () => {
        const mutated = mutate(validHs256);
        expect(mutated).not.toBe(validHs256);
        await expect(verify(mutated, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(mutated)).toThrowJwtError('ERR_JWT_MALFORMED');
      });
    }

    it('verify rejects non-zero unused bits in every segment', async () => {
      // A 32-byte signature is 43 characters; its last character carries 2 unused bits.
      const [header = '', payload = '', signature = ''] = validHs256.split('.');
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const bump = (segment: string): string => segment.slice(0, -1) + alphabet.charAt(alphabet.indexOf(segment.slice(-1)) + 1);
      expect(decodeBase64url(signature, 'signature')).toHaveLength(32);

      for (const index of [0, 1, 2] as const) {
        const segment = [header, payload, signature][index] ?? '';
        if (segment.length % 4 === 0) continue;
        const mutated = withSegment(validHs256, index, bump(segment));
        await expect(verify(mutated, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      }
    });

    it('verify rejects non-zero unused bits after two characters', async () => {
      // A 64-byte HS512 MAC is 86 characters: the last one carries 4 unused bits.
      const token = await signClaims({ sub: 'user-1' }, SECRET_512, 'HS512');
      const signature = token.split('.')[2] ?? '';
      expect(signature.length % 4).toBe(2);
      const mutated = withSegment(token, 2, `${signature.slice(0, -1)}${signature.endsWith('B') ? 'C' : 'B'}`);
      await expect(verify(token, SECRET_512, { algorithms: ['HS512'] })).resolves.toBeDefined();
      await expect(verify(mutated, SECRET_512, { algorithms: ['HS512'] })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('HS256 signature with an extra character is rejected', async () => {
      // 44 characters are valid base64url for 33 bytes, one more than an HS256 MAC.
      await expect(verify(`${validHs256}a`, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('HS384 token with a dangling character is rejected', async () => {
      const token = await signClaims({ sub: 'user-1', exp: NOW + 3600 }, SECRET_384, 'HS384');
      await expect(verify(token, SECRET_384, { algorithms: ['HS384'], currentDate: NOW_DATE })).resolves.toBeDefined();
      await expect(verify(`${token}a`, SECRET_384, { algorithms: ['HS384'], currentDate: NOW_DATE })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('JSON serialization is not a compact token', async () => {
      const [protectedHeader, payload, signature] = validHs256.split('.');
      const json = JSON.stringify({ protected: protectedHeader, payload, signature });
      await expect(verify(json, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });
  });

  describe('rule 4: segment count', () => {
    const shapes = (token: string): string[] => {
      const [h = '', p = '', s = ''] = token.split('.');
      return ['', 'abc', `${h}.${p}`, `${h}.${p}.${s}.`, `${h}.${p}.${s}.x`, `${h}..${s}`, `.${p}.${s}`, `${h}.${p}.${s}.${s}.${s}`];
    };

    it('verify and decode reject every other shape', async () => {
      for (const shape of shapes(validHs256)) {
        await expect(verify(shape, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(shape)).toThrow(JwtError);
      }
    });

    it('JWE-shaped token never reaches the key resolver', async () => {
      const jwe = 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AQEBAQEBAQE.AgICAgICAgICAgIC.Y2lwaGVydGV4dA.AwMDAwMDAwMDAwMDAwMDAw';
      let calls = 0;
      const resolver = () => {
        calls++;
        return SECRET_256;
      };
      await expect(verify(jwe, resolver, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      expect(calls).toBe(0);
    });

    it('non-string tokens are malformed', async () => {
      for (const token of [undefined, null, 42, {}, ['a.b.c'], new Uint8Array(3)]) {
        await expect(verify(token as never, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(token as never)).toThrow(JwtError);
      }
    });
  });

  describe('rule 5: UTF-8 and JSON objects', () => {
    it('invalid UTF-8 in the payload is rejected', async () => {
      for (const bytes of [[0x7b, 0xff, 0x7d], [0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d], [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]]) {
        const token = await signBytes(new Uint8Array(bytes), SECRET_256, 'HS256');
        await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(token)).toThrowJwtError('ERR_JWT_MALFORMED');
      }
    });

    it('invalid UTF-8 in the header is rejected', async () => {
      const header = encodeBase64url(new Uint8Array([...encodeUtf8('{"alg":"HS256","x":"'), 0xff, ...encodeUtf8('"}')]));
      const token = withSegment(validHs256, 0, header);
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('byte order mark before the JSON is rejected', async () => {
      const token = await signBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...encodeUtf8('{"sub":"user-1"}')]), SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    for (const [name, payload] of [['array', '["admin"]'], ['null', 'null'], ['string', '"user-1"'], ['number', '123'], ['boolean', 'true'], ['non-JSON text', 'hello'], ['empty', '']]) {
      it(`${name} payload is rejected`, async () => {
        const token = await signBytes(payload as string, SECRET_256, 'HS256');
        const options = { ...HS256, issuer: 'https://issuer.example.com', audience: 'api://svc-a' };
        await expect(verify(token, SECRET_256, options)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(token)).toThrowJwtError('ERR_JWT_MALFORMED');
      });
    }

    for (const [name, header] of [['array', '["HS256"]'], ['null', 'null'], ['missing alg', '{"typ":"JWT"}'], ['numeric alg', '{"alg":256}']]) {
      it(`${name} header is rejected`, async () => {
        const token = withSegment(validHs256, 0, encodeBase64urlText(header as string));
        await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(token)).toThrowJwtError('ERR_JWT_MALFORMED');
      });
    }

    it('__proto__ members never reach a prototype', async () => {
      // JSON.parse keeps "__proto__" as an own member, so signRaw serializes it back into the header.
      const header = JSON.parse('{"alg":"HS256","typ":"JWT","__proto__":{"polluted":"yes"}}') as object;
      const payload = '{"sub":"user-1","__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted2":"yes"}}}';
      const token = await signRaw(header, payload, SECRET_256, 'HS256');
      expect(decode(token).header).toHaveProperty('__proto__', { polluted: 'yes' });

      const results = [decode(token), await verify(token, SECRET_256, { algorithms: ['HS256'] })];
      for (const result of results) {
        expect(Object.getPrototypeOf(result.payload)).toBe(Object.prototype);
        expect(Object.getPrototypeOf(result.header)).toBe(Object.prototype);
        expect(result.payload.isAdmin).toBeUndefined();
        expect(result.header.polluted).toBeUndefined();
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('duplicate claims resolve to one value everywhere', async () => {
      const token = await signRaw({ alg: 'HS256' }, '{"sub":"admin","sub":"user-1"}', SECRET_256, 'HS256');
      const { payload } = await verify(token, SECRET_256, { algorithms: ['HS256'], subject: 'user-1' });
      expect(payload.sub).toBe('user-1');
      await expect(verify(token, SECRET_256, { algorithms: ['HS256'], subject: 'admin' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'sub' });
      expect(decode(token).payload.sub).toBe('user-1');
    });
  });

  describe('rule 6: raw ECDSA signatures', () => {
    const curves = [['ES256', 64], ['ES384', 96], ['ES512', 132]] as const;

    for (const [alg, length] of curves) {
      it(`${alg} signatures are exactly ${length} bytes`, async () => {
        const { privateKey, publicKey } = await generateKeyPair(alg);
        for (let i = 0; i < 20; i++) {
          const token = await sign({ n: i }, privateKey, { alg });
          expect(decode(token).signature).toHaveLength(length);
          await expect(verify(token, publicKey, { algorithms: [alg] })).resolves.toBeDefined();
        }
      });

      it(`${alg} rejects signatures of other lengths`, async () => {
        const { privateKey, publicKey } = await generateKeyPair(alg);
        const token = await sign({ sub: 'user-1' }, privateKey, { alg });
        const signature = decode(token).signature;
        const variants = [
          new Uint8Array([...signature, 0]),
          signature.subarray(0, length - 1),
          new Uint8Array([0, ...signature]),
          new Uint8Array(0),
          toDer(signature),
        ];
        for (const variant of variants) {
          const mutated = withSegment(token, 2, encodeBase64url(variant));
          await expect(verify(mutated, publicKey, { algorithms: [alg] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
        }
      });
    }
  });


  describe('rule 6: HMAC signatures', () => {
    it('truncated, empty and one-byte MACs are rejected', async () => {
      const signature = decode(validHs256).signature;
      for (const variant of [new Uint8Array(0), signature.subarray(0, 16), signature.subarray(0, 1), signature.subarray(0, 31)]) {
        const mutated = withSegment(validHs256, 2, encodeBase64url(variant));
        await expect(verify(mutated, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      }
    });

    it('HS512 MAC under an HS256 header is rejected', async () => {
      const hs512 = await signRaw({ alg: 'HS512', typ: 'JWT' }, '{"sub":"user-1"}', SECRET_512, 'HS512');
      const relabeled = withSegment(hs512, 0, encodeBase64urlText('{"alg":"HS256","typ":"JWT"}'));
      await expect(verify(relabeled, SECRET_512, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('a MAC differing in its first or last byte is rejected', async () => {
      const signature = decode(validHs256).signature;
      for (const index of [0, 31]) {
        const altered = signature.slice();
        altered[index] = (altered[index] as number) ^ 0x01;
        await expect(verify(withSegment(validHs256, 2, encodeBase64url(altered)), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      }
    });
  });

  describe('rule 7: claim types and exact matching', () => {
    const typeCases: [string, Record<string, unknown>, string][] = [
      ['string exp', { exp: '1700003600' }, 'exp'],
      ['null exp', { exp: null }, 'exp'],
      ['boolean nbf', { nbf: true }, 'nbf'],
      ['object iat', { iat: {} }, 'iat'],
      ['exp beyond the Date range', { exp: 1e300 }, 'exp'],
      ['nbf beyond the Date range', { nbf: -1e13 }, 'nbf'],
      ['numeric iss', { iss: 1 }, 'iss'],
      ['numeric sub', { sub: 1 }, 'sub'],
      ['array jti', { jti: ['a'] }, 'jti'],
      ['numeric aud', { aud: 1 }, 'aud'],
      ['aud with a number inside', { aud: ['api://svc-a', 1] }, 'aud'],
      ['object aud', { aud: { 0: 'api://svc-a' } }, 'aud'],
    ];

    for (const [name, claims, claim] of typeCases) {
      it(`${name} is rejected`, async () => {
        const token = await signClaims({ sub: 'user-1', ...claims }, SECRET_256);
        await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim, reason: 'invalid' });
      });
    }

    it('exp of 1e309 parses as Infinity and is rejected', async () => {
      const token = await signRaw({ alg: 'HS256' }, '{"exp":1e309}', SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'exp' });
    });

    it('issuer matches exactly', async () => {
      const expected = 'https://issuer.example.com';
      for (const iss of [`${expected}.evil`, `${expected}/`, 'https://issuer.example', 'HTTPS://ISSUER.EXAMPLE.COM', ` ${expected}`, '']) {
        const token = await signClaims({ iss }, SECRET_256);
        await expect(verify(token, SECRET_256, { ...HS256, issuer: expected })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iss', reason: 'mismatch' });
      }
      const good = await signClaims({ iss: expected }, SECRET_256);
      await expect(verify(good, SECRET_256, { ...HS256, issuer: expected })).resolves.toBeDefined();
    });

    it('audience matches exactly in arrays', async () => {
      const expected = 'api://svc-a';
      for (const aud of [['api://svc-b'], ['api://svc-a-admin'], ['api://svc'], [], 'api://svc-aa', 'api://SVC-A']) {
        const token = await signClaims({ aud }, SECRET_256);
        await expect(verify(token, SECRET_256, { ...HS256, audience: expected })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'aud' });
      }
      const good = await signClaims({ aud: ['api://svc-b', expected] }, SECRET_256);
      await expect(verify(good, SECRET_256, { ...HS256, audience: expected })).resolves.toBeDefined();
    });

    it('subject matches exactly', async () => {
      const token = await signClaims({ sub: 'user-10' }, SECRET_256);
      await expect(verify(token, SECRET_256, { ...HS256, subject: 'user-1' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'sub', reason: 'mismatch' });
    });

    it('checks behave the same on repeated calls', async () => {
      const token = await signClaims({ iss: 'https://issuer.example.com.evil' }, SECRET_256);
      const options = { ...HS256, issuer: 'https://issuer.example.com' };
      for (let i = 0; i < 4; i++) {
        await expect(verify(token, SECRET_256, options)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID');
      }
    });
  });

  describe('rule 8: clockTolerance', () => {
    it('negative clockTolerance is a caller mistake', async () => {
      await expect(verify(validHs256, SECRET_256, { ...HS256, clockTolerance: -1 })).rejects.toBeUsageError();
      await expect(verify(validHs256, SECRET_256, { ...HS256, clockTolerance: '-5m' })).rejects.toBeUsageError();
    });

    it('exp at now is expired, one second later is not', async () => {
      const atNow = await signClaims({ exp: NOW }, SECRET_256);
      const later = await signClaims({ exp: NOW + 1 }, SECRET_256);
      await expect(verify(atNow, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_EXPIRED');
      await expect(verify(later, SECRET_256, HS256)).resolves.toBeDefined();
    });

    it('nbf at now is valid, one second later is not', async () => {
      const atNow = await signClaims({ nbf: NOW }, SECRET_256);
      const later = await signClaims({ nbf: NOW + 1 }, SECRET_256);
      await expect(verify(atNow, SECRET_256, HS256)).resolves.toBeDefined();
      await expect(verify(later, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_NOT_YET_VALID', { claim: 'nbf' });
    });

    it('tolerance widens exp, nbf and iat only by its amount', async () => {
      const expired = await signClaims({ exp: NOW - 30 }, SECRET_256);
      const early = await signClaims({ nbf: NOW + 30 }, SECRET_256);
      const future = await signClaims({ iat: NOW + 30 }, SECRET_256);
      for (const token of [expired, early, future]) {
        await expect(verify(token, SECRET_256, HS256)).rejects.toBeInstanceOf(JwtError);
        await expect(verify(token, SECRET_256, { ...HS256, clockTolerance: 60 })).resolves.toBeDefined();
        await expect(verify(token, SECRET_256, { ...HS256, clockTolerance: '1m' })).resolves.toBeDefined();
        await expect(verify(token, SECRET_256, { ...HS256, clockTolerance: 29 })).rejects.toBeInstanceOf(JwtError);
      }
    });

    it('tolerance never rejects a token that is valid without it', async () => {
      const token = await signClaims({ iat: NOW - 10, nbf: NOW - 10, exp: NOW + 10 }, SECRET_256);
      for (const clockTolerance of [0, 5, 60, 86_400, '7d']) {
        await expect(verify(token, SECRET_256, { ...HS256, clockTolerance, maxTokenAge: 10 })).resolves.toBeDefined();
      }
    });
  });

  describe('rule 10: size limits before work', () => {
    it('token over 16 KiB is too large', async () => {
      const claims = { sub: 'user-1', blob: 'x'.repeat(16 * 1024) };
      const token = await signClaims(claims, SECRET_256);
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_TOO_LARGE');
      expect(() => decode(token)).toThrowJwtError('ERR_JWT_TOO_LARGE');
      await expect(verify(token, SECRET_256, { ...HS256, maxTokenLength: 64 * 1024 })).resolves.toBeDefined();
    });

    it('maxTokenLength lowers the limit', async () => {
      await expect(verify(validHs256, SECRET_256, { ...HS256, maxTokenLength: 100 })).rejects.toBeJwtError('ERR_JWT_TOO_LARGE');
      expect(() => decode(validHs256, { maxTokenLength: 100 })).toThrowJwtError('ERR_JWT_TOO_LARGE');
    });

    it('invalid maxTokenLength is a caller mistake', async () => {
      for (const maxTokenLength of [0, -1, 1.5, Number.NaN, '16k']) {
        await expect(verify(validHs256, SECRET_256, { ...HS256, maxTokenLength: maxTokenLength as number })).rejects.toBeUsageError();
      }
    });

    it('a million dots is too large, or malformed past the limit', async () => {
      const dots = '.'.repeat(1_000_000);
      await expect(verify(dots, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_TOO_LARGE');
      await expect(verify(dots, SECRET_256, { ...HS256, maxTokenLength: 2_000_000 })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      expect(() => decode(dots, { maxTokenLength: 2_000_000 })).toThrowJwtError('ERR_JWT_MALFORMED');
    });

    it('an 8 MiB payload segment is rejected without decoding', async () => {
      const token = `${encodeBase64urlText('{"alg":"HS256","b64":false,"crit":["b64"]}')}.${'A'.repeat(8 * 1024 * 1024)}.AAAA`;
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_TOO_LARGE');
    });

    it('deeply nested payload is malformed, not a RangeError', async () => {
      for (const depth of [33, 1000, 5000]) {
        const token = await signBytes(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`, SECRET_256, 'HS256');
        await expect(verify(token, SECRET_256, { ...HS256, maxTokenLength: 1_000_000 })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
        expect(() => decode(token, { maxTokenLength: 1_000_000 })).toThrowJwtError('ERR_JWT_MALFORMED');
      }
    });

    it('nesting up to the limit is accepted', async () => {
      const token = await signBytes(`{"a":${'['.repeat(31)}${']'.repeat(31)}}`, SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).resolves.toBeDefined();
    });

    it('brackets inside strings do not count as nesting', async () => {
      const token = await signClaims({ note: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\" {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{' }, SECRET_256);
      await expect(verify(token, SECRET_256, HS256)).resolves.toBeDefined();
    });

    it('deeply nested header is malformed', async () => {
      const header = encodeBase64urlText(`{"alg":"HS256","x":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`);
      await expect(verify(withSegment(validHs256, 0, header), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });
  });
});
