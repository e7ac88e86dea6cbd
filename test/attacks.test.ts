/**
 * Known attacks on JWT libraries, restated as inputs with the outcome jwtkit must give, and the
 * sibling inputs of each fault's class. The clock is fixed at NOW; every rejection asserts the
 * error code. Each block runs once per available crypto backend.
 */

import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  type Algorithm,
  type JWK,
  type JwsHeader,
  type JwtErrorCode,
  JwtError,
  availableCryptoBackends,
  compactVerify,
  decode,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  importX509,
  setCryptoBackend,
  sign,
  verify,
} from '../src/index.ts';
import { decodeBase64url, encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../src/base64url.ts';
import { activeBackend } from '../src/crypto/backend.ts';
import { selectJwkForToken } from '../src/cli/keyfile.ts';
import { rsaCertificate, rsaPrivateKey as certificatePrivateKeyPem } from './fixtures/certificates.ts';
import { NOW, NOW_DATE, type RsaFixture, SECRET_256, SECRET_384, SECRET_512, makeRsaFixture, signRaw, toDer, withSegment } from './helpers.ts';

/** HS256 key of 32 bytes, and the 48-byte HS384 key. */
const K = SECRET_256;
const K48 = SECRET_384;

/** A valid HS256 token made with K: payload {"sub":"user-1","iat":NOW,"exp":NOW+3600}. */
const T0 = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.DGysKajfn5PN1jTCS5WcjW8ScbGJTyswEXsdM-qPCK0';
/** A valid HS384 token made with K48: payload {"sub":"user-1","exp":NOW+3600}. */
const T384 = 'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDM2MDB9.BgyA0hfibk2ZhelX33JNrc2zx0wnAz7lX8ktrieZpLUqoDnm-rNT0PJGdQ8TxHvJ';
const [T0_HEADER = '', T0_PAYLOAD = '', T0_SIGNATURE = ''] = T0.split('.');

const HS256 = { algorithms: ['HS256'], currentDate: NOW_DATE } as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Awaits `promise` and checks that it rejects with a JwtError carrying `code`. */
async function expectCode(promise: Promise<unknown>, code: JwtErrorCode): Promise<JwtError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeJwtError(code);
  return error as JwtError;
}

/** Calls `run` and checks that it throws a JwtError carrying `code`. */
function expectThrowCode(run: () => unknown, code: JwtErrorCode): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeJwtError(code);
}

/** Builds an HMAC token with node:crypto, outside the library's key checks, as an attacker would forge one. */
function forgeHmac(header: object, payload: object | string, key: Uint8Array | string, hash = 'sha256'): string {
  const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signingInput = `${encodeBase64urlText(JSON.stringify(header))}.${encodeBase64urlText(payloadText)}`;
  const mac = createHmac(hash, key).update(signingInput).digest();
  return `${signingInput}.${encodeBase64url(mac)}`;
}

const ADMIN_CLAIMS = { sub: 'user-1', admin: true };
const HS256_HEADER = { alg: 'HS256', typ: 'JWT' };

/** Encodes `bytes` as an SSH wire-format string: a 4-byte big-endian length, then the bytes. */
function sshString(bytes: Uint8Array | string): Uint8Array {
  const data = typeof bytes === 'string' ? encodeUtf8(bytes) : bytes;
  const out = new Uint8Array(4 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(data, 4);
  return out;
}

/** Encodes an unsigned big-endian integer as an SSH mpint. */
function sshMpint(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}

/** Formats an OpenSSH public key line: type, base64 blob, comment. */
function sshLine(type: string, ...fields: Uint8Array[]): string {
  const blob = Buffer.concat([sshString(type), ...fields]);
  return `${type} ${blob.toString('base64')} test`;
}

let rsaA: RsaFixture;
let rsaX: RsaFixture;
let pubAPkcs1Pem: string;
let pubASpkiDer: Uint8Array;
let ecA: CryptoKeyPair;
let ecAPublicJwk: JWK;
let ecX: CryptoKeyPair;
let ecXPublicJwk: JWK;
let ecA384: CryptoKeyPair;
let ecA521: CryptoKeyPair;
let edA: CryptoKeyPair;
let edAPublicJwk: JWK;
let rsaAToken: string;

beforeAll(async () => {
  rsaA = await makeRsaFixture('RS256');
  rsaX = await makeRsaFixture('RS256');
  pubAPkcs1Pem = createPublicKey(rsaA.publicPem).export({ type: 'pkcs1', format: 'pem' }).toString();
  pubASpkiDer = new Uint8Array(createPublicKey(rsaA.publicPem).export({ type: 'spki', format: 'der' }));
  ecA = await generateKeyPair('ES256', { extractable: true });
  ecAPublicJwk = await exportJWK(ecA.publicKey);
  ecX = await generateKeyPair('ES256', { extractable: true });
  ecXPublicJwk = await exportJWK(ecX.publicKey);
  ecA384 = await generateKeyPair('ES384');
  ecA521 = await generateKeyPair('ES512');
  edA = await generateKeyPair('EdDSA', { extractable: true });
  edAPublicJwk = await exportJWK(edA.publicKey);
  rsaAToken = await sign({ sub: 'user-1' }, rsaA.privateKey, { alg: 'RS256', iat: false });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Text forms of the main RSA public key that a careless caller might pass as an HMAC secret. */
function rsaKeyTexts(): Record<string, string> {
  return {
    'SPKI PEM': rsaA.publicPem,
    'SPKI PEM without the final newline': rsaA.publicPem.trimEnd(),
    'SPKI PEM with CRLF line ends': rsaA.publicPem.replace(/\n/g, '\r\n'),
    'PKCS #1 PEM': pubAPkcs1Pem,
    'JWK JSON': JSON.stringify(rsaA.publicJwk),
    'pretty-printed JWK JSON': JSON.stringify(rsaA.publicJwk, null, 2),
    'JWKS JSON': JSON.stringify({ keys: [rsaA.publicJwk] }),
    'certificate PEM': rsaCertificate,
  };
}

for (const backend of availableCryptoBackends()) {
  describe(`${backend} backend`, () => {
    beforeAll(() => {
      setCryptoBackend(backend);
    });

    describe('algorithm selection and key-type confusion', () => {
      it('RS256 control token verifies with every form of the key', async () => {
        const options = { algorithms: ['RS256'] as Algorithm[] };
        await expect(verify(rsaAToken, rsaA.publicKey, options)).resolves.toBeDefined();
        await expect(verify(rsaAToken, rsaA.publicJwk, options)).resolves.toBeDefined();
        await expect(verify(rsaAToken, await importSPKI(rsaA.publicPem, 'RS256'), options)).resolves.toBeDefined();
        await expect(verify(rsaAToken, await importSPKI(pubAPkcs1Pem, 'RS256'), options)).resolves.toBeDefined();
      });

      it('HS256 token keyed by RSA key text fails under RS256', async () => {
        const variants = { ...rsaKeyTexts(), 'SPKI DER': pubASpkiDer };
        for (const hmacKey of Object.values(variants)) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, hmacKey);
          for (const key of [rsaA.publicPem, rsaA.publicJwk, rsaA.publicKey]) {
            await expectCode(verify(forged, key, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
            await expect(verify(forged, key, undefined as never)).rejects.toBeUsageError();
            await expect(verify(forged, key, {} as never)).rejects.toBeUsageError();
          }
        }
      });

      it('RSA key objects never verify HS256 even when allowed', async () => {
        const both = { algorithms: ['RS256', 'HS256'] as Algorithm[] };
        for (const hmacKey of [rsaA.publicPem, JSON.stringify(rsaA.publicJwk)]) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, hmacKey);
          await expectCode(verify(forged, rsaA.publicKey, both), 'ERR_JWT_ALG_NOT_ALLOWED');
          await expectCode(verify(forged, rsaA.publicJwk, both), 'ERR_JWT_ALG_NOT_ALLOWED');
        }
      });

      it('key text as a string is never an HMAC secret', async () => {
        const both = { algorithms: ['RS256', 'HS256'] as Algorithm[] };
        for (const text of Object.values(rsaKeyTexts())) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, text);
          await expectCode(verify(forged, text, both), 'ERR_JWT_KEY_INVALID');
          await expectCode(verify(forged, text, { algorithms: ['HS256'] }), 'ERR_JWT_KEY_INVALID');
          await expectCode(sign({ sub: 'user-1' }, text, { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID');
        }
      });

      it('key text as bytes is never an HMAC secret', async () => {
        // A Buffer from readFileSync('public.pem') is a Uint8Array, the usual way keys are loaded.
        const both = { algorithms: ['RS256', 'HS256'] as Algorithm[] };
        const byteForms = [...Object.values(rsaKeyTexts()).map((text) => encodeUtf8(text)), pubASpkiDer];
        for (const bytes of byteForms) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, bytes);
          await expectCode(verify(forged, bytes, both), 'ERR_JWT_KEY_INVALID');
          await expectCode(verify(forged, { kty: 'oct', k: encodeBase64url(bytes) }, both), 'ERR_JWT_KEY_INVALID');
        }
      });

      it('certificate and key DER bytes are never an HMAC secret', async () => {
        const certificateDer = new Uint8Array(Buffer.from(rsaCertificate.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
        const pkcs1Der = new Uint8Array(createPublicKey(rsaA.publicPem).export({ type: 'pkcs1', format: 'der' }));
        const ecDer = new Uint8Array(createPublicKey({ key: ecAPublicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'der' }));
        for (const bytes of [certificateDer, pkcs1Der, ecDer]) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, bytes);
          await expectCode(verify(forged, bytes, HS256), 'ERR_JWT_KEY_INVALID');
        }
      });

      it('random secrets that start like DER still work', async () => {
        // 0x30 0x1e looks like a SEQUENCE header whose length covers the rest of a 32-byte secret.
        const secret = new Uint8Array(32).fill(7);
        secret[0] = 0x30;
        secret[1] = 30;
        const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
        await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
      });

      it('PEM string under an RSA algorithm asks for an import', async () => {
        await expectCode(verify(rsaAToken, rsaA.publicPem, { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(rsaAToken, pubAPkcs1Pem, { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID');
      });

      it('rejects unsecured tokens in every spelling', async () => {
        const tokens = [
          'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyLTEiLCJhZG1pbiI6dHJ1ZX0.',
          'eyJhbGciOiJOb25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyLTEiLCJhZG1pbiI6dHJ1ZX0.',
          'eyJhbGciOiJOT05FIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyLTEiLCJhZG1pbiI6dHJ1ZX0.',
          `${encodeBase64urlText('{"alg":"none"}')}.${encodeBase64urlText('{"sub":"user-1"}')}.${T0_SIGNATURE}`,
          `${encodeBase64urlText('{"alg":"none "}')}.${encodeBase64urlText('{"sub":"user-1"}')}.`,
          `${encodeBase64urlText('{"alg":""}')}.${encodeBase64urlText('{"sub":"user-1"}')}.`,
        ];
        for (const token of tokens) {
          // No options at all is a caller mistake, reported before the token is read.
          for (const key of [undefined, null, '']) {
            await expect(verify(token, key as never, undefined as never)).rejects.toBeUsageError();
          }
          for (const key of [undefined, null]) {
            await expectCode(verify(token, key as never, HS256), 'ERR_JWT_KEY_INVALID');
          }
          await expectCode(verify(token, '', HS256), 'ERR_JWT_ALG_NOT_ALLOWED');
          await expectCode(verify(token, K, HS256), 'ERR_JWT_ALG_NOT_ALLOWED');
          await expectCode(compactVerify(token, K, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
          await expect(verify(token, K, {} as never)).rejects.toBeUsageError();
          await expect(verify(token, K, { algorithms: ['none'] as never })).rejects.toBeUsageError();
        }
        // decode reads the token but returns nothing that claims it was verified.
        expect(Object.keys(decode(tokens[0] ?? '')).sort()).toEqual(['header', 'payload', 'signature']);
      });

      it('header alg must be one of the allowed algorithms', async () => {
        const hs512 = 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhZG1pbiI6dHJ1ZX0.Rg5kjaqO_EvYT65MMsPDnTiLF_MkuynscIFEIKvFXdhUwQhu4mBVnov8YYP3E59bk0NJShPgl4jx8KHajJ0Iig';
        await expectCode(verify(hs512, K, HS256), 'ERR_JWT_ALG_NOT_ALLOWED');
        const [, payload = '', mac = ''] = hs512.split('.');
        await expectCode(verify(`${T0_HEADER}.${payload}.${mac}`, K, HS256), 'ERR_JWT_SIGNATURE_INVALID');
        const hs384Mac = encodeBase64url(createHmac('sha384', K).update(`${T0_HEADER}.${payload}`).digest());
        await expectCode(verify(`${T0_HEADER}.${payload}.${hs384Mac}`, K, HS256), 'ERR_JWT_SIGNATURE_INVALID');
        await expect(verify(T0, K, HS256)).resolves.toMatchObject({ payload: { sub: 'user-1' } });
      });

      it('leading whitespace before PEM text is still key text', async () => {
        const both = { algorithms: ['RS256', 'HS256'] as Algorithm[] };
        const prefixed = ['\n', ' ', '\t', '\r\n', '\n\n  \t'].map((prefix) => prefix + rsaA.publicPem);
        prefixed.push(`${rsaA.publicPem}\n\n\n`, `key: |\n  ${rsaA.publicPem.replace(/\n/g, '\n  ')}`);
        for (const text of prefixed) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, text);
          await expectCode(verify(forged, text, both), 'ERR_JWT_KEY_INVALID');
          await expectCode(verify(rsaAToken, text, { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID');
        }
        for (const text of prefixed.slice(0, 6)) {
          await expect(verify(rsaAToken, await importSPKI(text, 'RS256'), { algorithms: ['RS256'] })).resolves.toBeDefined();
        }
      });

      it('certificate control token verifies through importX509', async () => {
        const token = await sign({ sub: 'user-1' }, await importPKCS8(certificatePrivateKeyPem, 'RS256'), { alg: 'RS256' });
        await expect(verify(token, await importX509(rsaCertificate, 'RS256'), { algorithms: ['RS256'] })).resolves.toBeDefined();
        const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, rsaCertificate);
        await expectCode(verify(forged, rsaCertificate, { algorithms: ['RS256', 'HS256'] }), 'ERR_JWT_KEY_INVALID');
      });

      it('public JWK text of any key type is never an HMAC secret', async () => {
        const texts = [
          JSON.stringify(ecAPublicJwk),
          JSON.stringify(edAPublicJwk),
          JSON.stringify({ keys: [ecAPublicJwk, edAPublicJwk] }),
          `\uFEFF${JSON.stringify(ecAPublicJwk)}`,
          `\n  ${JSON.stringify(edAPublicJwk, null, 4)}\n`,
          JSON.stringify({ ...ecAPublicJwk, kid: 'k1', use: 'sig' }),
        ];
        for (const text of texts) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, text);
          await expectCode(verify(forged, text, HS256), 'ERR_JWT_KEY_INVALID');
          await expectCode(verify(forged, encodeUtf8(text), HS256), 'ERR_JWT_KEY_INVALID');
        }
        const octToken = await sign({ sub: 'user-1' }, K, { alg: 'HS256' });
        await expect(verify(octToken, { kty: 'oct', k: encodeBase64url(K) }, { algorithms: ['HS256'] })).resolves.toBeDefined();
      });

      it('no algorithm option never defaults to HS256', async () => {
        const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, rsaA.publicPem);
        await expect(verify(forged, rsaA.publicPem, undefined as never)).rejects.toBeUsageError();
        await expect(verify(forged, rsaA.publicPem, { algorithms: undefined } as never)).rejects.toBeUsageError();
        await expectCode(verify(forged, rsaA.publicPem, { algorithms: ['HS256'] }), 'ERR_JWT_KEY_INVALID');
      });

      it('JWK without alg never lets the header pick the algorithm', async () => {
        const keys = [{ ...rsaA.publicJwk, kid: 'k1' }];
        const keySet = (header: JwsHeader): JWK => selectJwkForToken('keys.json', keys, header);
        const pssKey = await crypto.subtle.importKey('jwk', withoutAlg(rsaA.privateJwk), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
        const pss = await signRaw({ alg: 'PS256', kid: 'k1' }, '{"sub":"user-1"}', pssKey, 'PS256');
        const forged = forgeHmac({ alg: 'HS256', kid: 'k1' }, { sub: 'user-1' }, JSON.stringify(keys[0]));
        const good = await signRaw({ alg: 'RS256', kid: 'k1' }, '{"sub":"user-1"}', rsaA.privateKey, 'RS256');

        await expectCode(verify(pss, keySet, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectCode(verify(forged, keySet, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expect(verify(good, keySet, { algorithms: ['RS256'] })).resolves.toBeDefined();
        // HS256 allowed as well: the key set has no key that can do HMAC.
        await expectCode(verify(forged, keySet, { algorithms: ['RS256', 'HS256'] }), 'ERR_JWKS_NO_MATCHING_KEY');
        await expectCode(verify(forged, keys[0] as JWK, { algorithms: ['RS256', 'HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
      });

      it('OpenSSH public key lines are never HMAC secrets', async () => {
        const jwk = rsaA.publicJwk;
        const lines = [
          sshLine('ssh-ed25519', sshString(decodeBase64url(edAPublicJwk.x ?? '', 'x'))),
          sshLine('ssh-rsa', sshMpint(decodeBase64url(jwk.e ?? '', 'e')), sshMpint(decodeBase64url(jwk.n ?? '', 'n'))),
          sshLine('ecdsa-sha2-nistp256', sshString('nistp256'), sshString(Uint8Array.of(4, ...decodeBase64url(ecAPublicJwk.x ?? '', 'x'), ...decodeBase64url(ecAPublicJwk.y ?? '', 'y')))),
        ];
        // authorized_keys lines may carry options or follow a comment line.
        const siblings = lines.flatMap((line) => [line, `no-pty,no-port-forwarding ${line}`, `# deploy key\n${line}\n`, `  ${line}`]);
        for (const text of siblings) {
          const forged = forgeHmac(HS256_HEADER, ADMIN_CLAIMS, text);
          await expectCode(verify(forged, text, { algorithms: ['EdDSA', 'HS256'] }), 'ERR_JWT_KEY_INVALID');
          await expectCode(verify(forged, encodeUtf8(text), { algorithms: ['EdDSA', 'HS256'] }), 'ERR_JWT_KEY_INVALID');
        }
      });

      it('passphrases that mention SSH key names still work', async () => {
        const secret = 'my ssh-rsa passphrase is long enough for HS256';
        const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
        await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
      });

      it('key ring entries serve only their own algorithm', async () => {
        const ring: Record<string, unknown> = { 'hmac-1': K, 'rsa-1': rsaA.publicKey };
        const resolver = (header: JwsHeader) => ring[header.kid ?? ''] as CryptoKey;
        const both = { algorithms: ['HS256', 'RS256'] as Algorithm[] };
        const hsWithRsaKid = forgeHmac({ alg: 'HS256', kid: 'rsa-1' }, { sub: 'user-1' }, rsaA.publicPem);
        const rsWithHmacKid = `${encodeBase64urlText('{"alg":"RS256","kid":"hmac-1"}')}.${encodeBase64urlText('{"sub":"user-1"}')}.${encodeBase64url(new Uint8Array(256).fill(1))}`;
        const good = forgeHmac({ alg: 'HS256', kid: 'hmac-1' }, { sub: 'user-1' }, K);

        await expectCode(verify(hsWithRsaKid, resolver, both), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectCode(verify(rsWithHmacKid, resolver, both), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expect(verify(good, resolver, both)).resolves.toBeDefined();

        ring['rsa-1'] = rsaA.publicPem;
        await expectCode(verify(hsWithRsaKid, resolver, both), 'ERR_JWT_KEY_INVALID');

        const jwks = [
          { kty: 'oct', k: encodeBase64url(K), kid: 'hmac-1', alg: 'HS256' },
          { ...rsaA.publicJwk, kid: 'rsa-1', alg: 'RS256' },
        ];
        const keySet = (header: JwsHeader): JWK => selectJwkForToken('keys.json', jwks, header);
        await expectCode(verify(hsWithRsaKid, keySet, both), 'ERR_JWKS_NO_MATCHING_KEY');
        await expectCode(verify(rsWithHmacKid, keySet, both), 'ERR_JWKS_NO_MATCHING_KEY');
        await expect(verify(good, keySet, both)).resolves.toBeDefined();
      });

      it('JWK alg must match the header alg', async () => {
        const rs512Key = await crypto.subtle.importKey('jwk', withoutAlg(rsaA.privateJwk), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, false, ['sign']);
        const signingInput = `${encodeBase64urlText('{"alg":"RS256","kid":"k1"}')}.${encodeBase64urlText('{"sub":"user-1"}')}`;
        const sha512Signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', rs512Key, encodeUtf8(signingInput)));
        const token = `${signingInput}.${encodeBase64url(sha512Signature)}`;

        await expectCode(verify(token, { ...rsaA.publicJwk, kid: 'k1', alg: 'RS512' }, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectCode(verify(token, { ...rsaA.publicJwk, kid: 'k1' }, { algorithms: ['RS256'] }), 'ERR_JWT_SIGNATURE_INVALID');
        const rs512Public = await crypto.subtle.importKey('jwk', rsaA.publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, false, ['verify']);
        await expectCode(verify(token, rs512Public, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectCode(verify(token, await importJWK({ ...rsaA.publicJwk, alg: 'RS512' }), { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
      });
    });

    describe('key material taken from the token', () => {
      it('embedded jwk header is never the key', async () => {
        const token = await signRaw({ alg: 'RS256', jwk: rsaX.publicJwk }, JSON.stringify(ADMIN_CLAIMS), rsaX.privateKey, 'RS256');
        await expectCode(verify(token, rsaA.publicKey, { algorithms: ['RS256'] }), 'ERR_JWT_SIGNATURE_INVALID');
        await expectCode(verify(token, () => rsaA.publicKey, { algorithms: ['RS256'] }), 'ERR_JWT_SIGNATURE_INVALID');

        const ecToken = await signRaw({ alg: 'ES256', jwk: ecXPublicJwk }, JSON.stringify(ADMIN_CLAIMS), ecX.privateKey, 'ES256');
        await expectCode(verify(ecToken, ecA.publicKey, { algorithms: ['ES256'] }), 'ERR_JWT_SIGNATURE_INVALID');
        await expectCode(verify(ecToken, () => ecAPublicJwk, { algorithms: ['ES256'] }), 'ERR_JWT_SIGNATURE_INVALID');
      });

      it('embedded x5c certificate is never the key', async () => {
        const attackerKey = await importPKCS8(certificatePrivateKeyPem, 'RS256');
        const x5c = [rsaCertificate.replace(/-----[^-]+-----|\s/g, '')];
        const token = await signRaw({ alg: 'RS256', x5c }, JSON.stringify(ADMIN_CLAIMS), attackerKey, 'RS256');
        await expectCode(verify(token, rsaA.publicKey, { algorithms: ['RS256'] }), 'ERR_JWT_SIGNATURE_INVALID');
      });

      it('missing key fails before signature math', async () => {
        const token = await signRaw({ alg: 'RS256', jwk: rsaX.publicJwk }, JSON.stringify(ADMIN_CLAIMS), rsaX.privateKey, 'RS256');
        const spy = vi.spyOn(activeBackend(), 'verify');
        for (const key of [undefined, null, () => undefined, () => null, () => Promise.resolve(undefined)]) {
          await expectCode(verify(token, key as never, { algorithms: ['RS256'] }), 'ERR_JWT_KEY_INVALID');
        }
        expect(spy).not.toHaveBeenCalled();
      });

      it('remote key URLs in the header are never fetched', async () => {
        const fetchSpy = vi.fn(() => {
          throw new Error('fetch must not be called');
        });
        vi.stubGlobal('fetch', fetchSpy);
        const header = { alg: 'RS256', kid: 'k1', jku: 'https://attacker.example/jwks.json', x5u: 'file:///etc/hostname' };
        const token = await signRaw(header, '{"sub":"user-1"}', rsaX.privateKey, 'RS256');
        const keys: Record<string, CryptoKey> = { k1: rsaA.publicKey };
        await expectCode(verify(token, (h) => keys[h.kid ?? ''] as CryptoKey, { algorithms: ['RS256'] }), 'ERR_JWT_SIGNATURE_INVALID');
        expect(fetchSpy).not.toHaveBeenCalled();
      });
    });

    describe('kid handling', () => {
      const kids = ['a","crit":["x-evil"],"z":"', 'back\\slash', 'nul\u0000byte', 'line\u2028separator', 'Zoë 測試 😀', 'lone \ud800 surrogate', '"', '}'];

      for (const kid of kids) {
        it(`kid ${JSON.stringify(kid)} stays one header value`, async () => {
          const token = await sign({ sub: 'user-1' }, K, { alg: 'HS256', kid });
          const { header } = decode(token);
          expect(header.kid).toBe(kid);
          expect(header).not.toHaveProperty('crit');
          expect(header).not.toHaveProperty('z');
          await expect(verify(token, K, { algorithms: ['HS256'] })).resolves.toMatchObject({ header: { kid } });
        });
      }

      it('header and typ options cannot inject members', async () => {
        const token = await sign({ sub: 'user-1' }, K, { alg: 'HS256', typ: 'JWT","crit":["x"],"b64":false,"t":"', header: { cty: '","alg":"none' } });
        const { header } = decode(token);
        expect(header.alg).toBe('HS256');
        expect(header).not.toHaveProperty('crit');
        expect(header).not.toHaveProperty('b64');
        await expect(verify(token, K, { algorithms: ['HS256'] })).resolves.toBeDefined();
      });

      it('escaped slash in kid is unescaped', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsImtpZCI6InRlbmFudFwva2V5LTEifQ.eyJzdWIiOiJ1c2VyLTEifQ.qREl8VTCLxuFjV9ZcU3MsepbiL9EIgi0fKvh_OWTdp8';
        const seen: unknown[] = [];
        const keys: Record<string, Uint8Array> = { 'tenant/key-1': K };
        const result = await verify(token, (header) => {
          seen.push(header.kid);
          return keys[header.kid ?? ''] as Uint8Array;
        }, { algorithms: ['HS256'] });
        expect(result.header.kid).toBe('tenant/key-1');
        expect(seen).toEqual(['tenant/key-1']);
        expect(decode(token).header.kid).toBe('tenant/key-1');

        const unicodeEscaped = forgeHmac({ alg: 'HS256' }, { sub: 'user-1' }, K).replace(/^[^.]+/, encodeBase64urlText('{"alg":"HS256","kid":"\\u0074enant\\/key-1"}'));
        const resigned = `${unicodeEscaped.split('.').slice(0, 2).join('.')}.${encodeBase64url(createHmac('sha256', K).update(unicodeEscaped.split('.').slice(0, 2).join('.')).digest())}`;
        await expect(verify(resigned, (header) => keys[header.kid ?? ''] as Uint8Array, { algorithms: ['HS256'] })).resolves.toMatchObject({ header: { kid: 'tenant/key-1' } });
      });

      it('path-like kid reaches the resolver verbatim and fails', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLy4uLy4uLy4uL2Rldi9udWxsIn0.eyJzdWIiOiJ1c2VyLTEiLCJhZG1pbiI6dHJ1ZX0.yXn7kuALn5UIWanF3gdxBu3L62Wmi1p-jTWB7kro5YM';
        const jwks = [{ kty: 'oct', k: encodeBase64url(K), kid: 'k1' }];
        await expectCode(verify(token, (header) => selectJwkForToken('keys.json', jwks, header), HS256), 'ERR_JWKS_NO_MATCHING_KEY');

        const seen: unknown[] = [];
        const emptyKey = (header: JwsHeader) => {
          seen.push(header.kid);
          return new Uint8Array(0);
        };
        await expectCode(verify(token, emptyKey, HS256), 'ERR_JWT_KEY_INVALID');
        expect(seen).toEqual(['../../../../dev/null']);
        await expectCode(verify(token, () => '', HS256), 'ERR_JWT_KEY_INVALID');
      });
    });

    describe('critical and extension header parameters', () => {
      const critToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOlsieC1wb2xpY3kiXSwieC1wb2xpY3kiOiJyZXF1aXJlLW1mYSJ9.eyJzdWIiOiJ1c2VyLTEifQ.oQR5ZyDCWwS2KZ9juC58iBsIcAK31E2_ztC2ayw1Rlc';

      it('unknown crit extension is rejected unless declared', async () => {
        await expectCode(verify(critToken, K, HS256), 'ERR_JWT_CRIT_UNSUPPORTED');
        await expectCode(compactVerify(critToken, K, { algorithms: ['HS256'] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        await expectCode(verify(critToken, K, { ...HS256, crit: ['x-other'] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        await expect(verify(critToken, K, { ...HS256, crit: ['x-policy'] })).resolves.toMatchObject({ header: { 'x-policy': 'require-mfa' } });
      });

      it('malformed crit values are rejected', async () => {
        const headers: object[] = [
          { alg: 'HS256', crit: [] },
          { alg: 'HS256', crit: 'x-policy', 'x-policy': 1 },
          { alg: 'HS256', crit: ['x-policy', 'x-policy'], 'x-policy': 1 },
          { alg: 'HS256', crit: [''], '': 1 },
          { alg: 'HS256', crit: [1] },
          { alg: 'HS256', crit: ['alg'] },
          { alg: 'HS256', crit: ['kid'], kid: 'k1' },
          { alg: 'HS256', crit: ['x-policy'] },
          { alg: 'HS256', crit: null },
        ];
        for (const header of headers) {
          const token = await signRaw(header, '{"sub":"user-1"}', K, 'HS256');
          await expectCode(verify(token, K, { ...HS256, crit: ['x-policy', '', 'alg', 'kid'] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        }
      });

      it('crit member inherited from Object.prototype is missing', async () => {
        for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
          const token = await signRaw({ alg: 'HS256', crit: [name] }, '{"sub":"user-1"}', K, 'HS256');
          await expectCode(verify(token, K, { ...HS256, crit: [name] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        }
      });

      it('b64 false without crit is rejected by verify and decode', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9.eyJzdWIiOiJ1c2VyLTEifQ.njwKdUaoaXTT91xHeEN7YrpS5UbgxpeIQEOkSCvmwwU';
        await expectCode(verify(token, K, HS256), 'ERR_JWT_CRIT_UNSUPPORTED');
        await expectCode(compactVerify(token, K, { algorithms: ['HS256'] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
      });

      it('every b64 value other than true is rejected', async () => {
        for (const b64 of [false, 'false', 0, null, 'true', []]) {
          const token = await signRaw({ alg: 'HS256', b64 }, '{"sub":"user-1"}', K, 'HS256');
          await expectCode(verify(token, K, HS256), 'ERR_JWT_CRIT_UNSUPPORTED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
        }
        const explicit = await signRaw({ alg: 'HS256', b64: true }, '{"sub":"user-1"}', K, 'HS256');
        await expect(verify(explicit, K, HS256)).resolves.toBeDefined();
      });

      it('unencoded payload with crit b64 is rejected early', async () => {
        const header = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19';
        const token = `${header}.{"sub":"user-1"}.jY4PytrWyEnIWXA7zdk41DKUrnmM_3FPFJcYYpmFGfQ`;
        await expectCode(verify(token, K, HS256), 'ERR_JWT_CRIT_UNSUPPORTED');
        await expectCode(verify(token, K, { ...HS256, crit: ['b64'] }), 'ERR_JWT_CRIT_UNSUPPORTED');
        expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');

        const huge = `${header}.${'A'.repeat(8 * 1024 * 1024)}.AAAA`;
        await expectCode(verify(huge, K, HS256), 'ERR_JWT_TOO_LARGE');
        const elapsed = await fastestRun(() => expectCode(verify(huge, K, { ...HS256, maxTokenLength: 16 * 1024 * 1024 }), 'ERR_JWT_CRIT_UNSUPPORTED'));
        expect(elapsed).toBeLessThan(100);
      });
    });

    describe('signature bytes', () => {
      it('ECDSA signature must be the raw 64 bytes', async () => {
        const token = await sign({ sub: 'user-1' }, ecA.privateKey, { alg: 'ES256' });
        const options = { algorithms: ['ES256'] as Algorithm[] };
        const signature = decode(token).signature;
        await expect(verify(token, ecA.publicKey, options)).resolves.toBeDefined();
        await expectCode(verify(withSegment(token, 2, encodeBase64url(Uint8Array.of(...signature, 0))), ecA.publicKey, options), 'ERR_JWT_SIGNATURE_INVALID');
        await expectCode(verify(withSegment(token, 2, encodeBase64url(toDer(signature))), ecA.publicKey, options), 'ERR_JWT_SIGNATURE_INVALID');
        await expectCode(verify(`${token}a`, ecA.publicKey, options), 'ERR_JWT_MALFORMED');
        await expectCode(verify(`${token}A`, ecA.publicKey, options), 'ERR_JWT_SIGNATURE_INVALID');
        await expectCode(verify(`${token}AA`, ecA.publicKey, options), 'ERR_JWT_SIGNATURE_INVALID');
      });

      it('ES384 and ES512 reject DER and appended characters', async () => {
        for (const [alg, pair] of [['ES384', ecA384], ['ES512', ecA521]] as const) {
          const token = await sign({ sub: 'user-1' }, pair.privateKey, { alg });
          const signature = decode(token).signature;
          await expectCode(verify(withSegment(token, 2, encodeBase64url(toDer(signature))), pair.publicKey, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE_INVALID');
          await expectCode(verify(`${token}a`, pair.publicKey, { algorithms: [alg] }), 'ERR_JWT_MALFORMED');
          await expectCode(verify(`${token}AAAA`, pair.publicKey, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE_INVALID');
        }
      });

      it('ES256 signatures are 64 bytes, leading zero included', async () => {
        let zeroLed: string | undefined;
        for (let i = 0; i < 500 || (zeroLed === undefined && i < 6000); i++) {
          const token = await sign({ n: i }, ecA.privateKey, { alg: 'ES256', iat: false });
          const signature = decode(token).signature;
          expect(signature).toHaveLength(64);
          if (signature[0] === 0) zeroLed ??= token;
        }
        expect(zeroLed).toBeDefined();
        await expect(verify(zeroLed ?? '', ecA.publicKey, { algorithms: ['ES256'] })).resolves.toBeDefined();

        const signingInput = `${encodeBase64urlText('{"alg":"ES256"}')}.${encodeBase64urlText('{"sub":"user-1"}')}`;
        const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ecA.privateKey, encodeUtf8(signingInput)));
        await expect(verify(`${signingInput}.${encodeBase64url(raw)}`, ecA.publicKey, { algorithms: ['ES256'] })).resolves.toBeDefined();
      });

      it('ES384 and ES512 signatures keep their full length', async () => {
        for (let i = 0; i < 100; i++) {
          const token = await sign({ n: i }, ecA384.privateKey, { alg: 'ES384', iat: false });
          expect(decode(token).signature).toHaveLength(96);
        }
        let stripped: string | undefined;
        for (let i = 0; i < 500; i++) {
          const token = await sign({ n: i }, ecA521.privateKey, { alg: 'ES512', iat: false });
          const signature = decode(token).signature;
          expect(signature).toHaveLength(132);
          if (stripped === undefined && signature[0] === 0 && signature[66] === 0) {
            stripped = withSegment(token, 2, encodeBase64url(Uint8Array.of(...signature.subarray(1, 66), ...signature.subarray(67))));
          }
        }
        expect(stripped).toBeDefined();
        expect(decode(stripped ?? '').signature).toHaveLength(130);
        await expectCode(verify(stripped ?? '', ecA521.publicKey, { algorithms: ['ES512'] }), 'ERR_JWT_SIGNATURE_INVALID');
      });

      it('empty, truncated and one-byte MACs are rejected', async () => {
        const tokens = [
          `${T0_HEADER}.${T0_PAYLOAD}.`,
          `${T0_HEADER}.${T0_PAYLOAD}.DGysKajfn5PN1jTCS5WcjQ`,
          `${T0_HEADER}.${T0_PAYLOAD}.DA`,
          `${T0_HEADER}.${T0_PAYLOAD}.${T0_SIGNATURE.slice(0, 40)}`,
        ];
        for (const token of tokens) {
          await expectCode(verify(token, K, HS256), 'ERR_JWT_SIGNATURE_INVALID');
        }
      });

      it('RSA-PSS salt must be as long as the hash', async () => {
        const cases = [['PS256', 'SHA-256', 32], ['PS384', 'SHA-384', 48], ['PS512', 'SHA-512', 64]] as const;
        for (const [alg, hash, saltLength] of cases) {
          const privateKey = await crypto.subtle.importKey('jwk', withoutAlg(rsaA.privateJwk), { name: 'RSA-PSS', hash }, false, ['sign']);
          const signingInput = `${encodeBase64urlText(JSON.stringify({ alg }))}.${encodeBase64urlText('{"sub":"user-1"}')}`;
          const signWith = async (salt: number): Promise<string> => {
            const signature = await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: salt }, privateKey, encodeUtf8(signingInput));
            return `${signingInput}.${encodeBase64url(new Uint8Array(signature))}`;
          };
          const options = { algorithms: [alg] as Algorithm[] };
          await expect(verify(await signWith(saltLength), rsaA.publicJwk, options)).resolves.toBeDefined();
          for (const wrongSalt of [0, 20, saltLength - 1, saltLength + 1, 256 - saltLength - 2]) {
            await expectCode(verify(await signWith(wrongSalt), rsaA.publicJwk, options), 'ERR_JWT_SIGNATURE_INVALID');
          }

          const own = await sign({ sub: 'user-1' }, { ...withoutAlg(rsaA.privateJwk), kty: 'RSA' }, { alg });
          const publicKey = await crypto.subtle.importKey('jwk', rsaA.publicJwk, { name: 'RSA-PSS', hash }, false, ['verify']);
          const [header = '', payload = ''] = own.split('.');
          const valid = await crypto.subtle.verify({ name: 'RSA-PSS', saltLength }, publicKey, decode(own).signature as Uint8Array<ArrayBuffer>, encodeUtf8(`${header}.${payload}`));
          expect(valid).toBe(true);
        }
      });

      it('HMAC check is delegated to the crypto backend', async () => {
        const spy = vi.spyOn(activeBackend(), 'verify');
        const signature = decodeBase64url(T0_SIGNATURE, 'signature');
        for (const index of [0, 31]) {
          const altered = signature.slice();
          altered[index] = (altered[index] as number) ^ 0x80;
          await expectCode(verify(withSegment(T0, 2, encodeBase64url(altered)), K, HS256), 'ERR_JWT_SIGNATURE_INVALID');
        }
        expect(spy).toHaveBeenCalledTimes(2);
      });

      it('bad signature wins over expiry', async () => {
        const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTY0MDB9.SExQ3LDiqWF0nqJylBmsxfoC3N_C9UF0-5417xd5Md0';
        const genuine = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTY0MDB9.tA5Z503_PZN6N6jvLxgVvCe1_cpL_66_Suq4SqEDIY4';
        const error = await expectCode(verify(forged, K, HS256), 'ERR_JWT_SIGNATURE_INVALID');
        expect(error).not.toHaveProperty('payload');
        expect(error).not.toHaveProperty('claim');
        await expectCode(verify(genuine, K, HS256), 'ERR_JWT_EXPIRED');
        await expectCode(verify(forged, K, { ...HS256, clockTolerance: 7200 }), 'ERR_JWT_SIGNATURE_INVALID');
        await expect(verify(genuine, K, { ...HS256, clockTolerance: 7200 })).resolves.toBeDefined();
      });
    });

    describe('token syntax and base64url', () => {
      it('characters outside the alphabet are malformed in every segment', async () => {
        const outside = ['!', '\\', '%', '@', '$', '*', '+', '/', '=', ' ', '\u0000', '\u00a0', 'é', '\uff21', '\ud83d\ude00', '\u200b'];
        for (const character of outside) {
          for (const index of [0, 1, 2] as const) {
            const segment = T0.split('.')[index] ?? '';
            const mutated = withSegment(T0, index, `${segment.slice(0, 20)}${character}${segment.slice(20)}`);
            await expectCode(verify(mutated, K, HS256), 'ERR_JWT_MALFORMED');
            expectThrowCode(() => decode(mutated), 'ERR_JWT_MALFORMED');
          }
        }
      });

      it('whitespace and padding anywhere are malformed', async () => {
        const variants = [
          `${T0} `, `${T0}\t`, `${T0}\n`, `${T0}\r\n`, `${T0}\v`, `${T0}\u00a0`, `${T0}\u2028`,
          ` ${T0}`, `\n${T0}`,
          `${T0_HEADER}.${T0_PAYLOAD}.DGysKajfn5 PN1jTCS5WcjW8ScbGJTyswEXsdM-qPCK0`,
          `${T0}=`, `${T0}==`,
          `${T0_HEADER}.${T0_PAYLOAD}.DGysKajfn5PN1jTCS5WcjW8ScbGJTyswEXsdM+qPCK0=`,
          `${T0_HEADER} .${T0_PAYLOAD}.${T0_SIGNATURE}`,
          `${T0_HEADER}.\n${T0_PAYLOAD}.${T0_SIGNATURE}`,
        ];
        for (const token of variants) {
          await expectCode(verify(token, K, HS256), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
        }
      });

      it('any character appended to a 64-character HS384 MAC is malformed', async () => {
        await expect(verify(T384, K48, { algorithms: ['HS384'], currentDate: NOW_DATE })).resolves.toBeDefined();
        for (const character of ALPHABET) {
          await expectCode(verify(`${T384}${character}`, K48, { algorithms: ['HS384'], currentDate: NOW_DATE }), 'ERR_JWT_MALFORMED');
        }
      });

      it('ES384 signature with a dangling character is malformed', async () => {
        const token = await sign({ sub: 'user-1' }, ecA384.privateKey, { alg: 'ES384' });
        expect((token.split('.')[2] ?? '').length % 4).toBe(0);
        await expectCode(verify(`${token}a`, ecA384.publicKey, { algorithms: ['ES384'] }), 'ERR_JWT_MALFORMED');
      });

      it('decode and verify agree on segment count', async () => {
        const shapes = [
          '', 'abc', '.', '..', '...', '....',
          `${T0_HEADER}.${T0_PAYLOAD}`,
          `${T0}.`, `${T0}.x`, `${T0_HEADER}..${T0_SIGNATURE}`,
          `.${T0_PAYLOAD}.${T0_SIGNATURE}`,
          `${T0_HEADER}.${T0_PAYLOAD}.${T0_SIGNATURE}.${T0_SIGNATURE}.${T0_SIGNATURE}`,
          T0_HEADER, `${T0_HEADER}.`,
        ];
        for (const shape of shapes) {
          await expectCode(verify(shape, K, HS256), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(shape), 'ERR_JWT_MALFORMED');
        }
      });

      it('JSON serialization and polyglots are malformed', async () => {
        const json = JSON.stringify({ protected: T0_HEADER, payload: T0_PAYLOAD, signature: T0_SIGNATURE });
        const forgedPayload = encodeBase64urlText('{"sub":"admin","admin":true}');
        const polyglot = `{"${T0_HEADER}.${forgedPayload}.":"","protected":"${T0_HEADER}","payload":"${T0_PAYLOAD}","signature":"${T0_SIGNATURE}"}`;
        const general = JSON.stringify({ payload: T0_PAYLOAD, signatures: [{ protected: T0_HEADER, signature: T0_SIGNATURE }] });
        for (const token of [json, polyglot, general, `"${T0}"`, `Bearer ${T0}`, JSON.stringify(json)]) {
          await expectCode(verify(token, K, HS256), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
        }
      });

      it('JWE never reaches the key resolver', async () => {
        const jwes = [
          'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AQEBAQEBAQE.AgICAgICAgICAgIC.Y2lwaGVydGV4dA.AwMDAwMDAwMDAwMDAwMDAw',
          `${encodeBase64urlText('{"alg":"dir","enc":"A128GCM"}')}..AgICAgICAgICAgIC.Y2lwaGVydGV4dA.AwMDAwMDAwMDAwMDAwMDAw`,
        ];
        let calls = 0;
        const resolver = () => {
          calls++;
          return K;
        };
        for (const jwe of jwes) {
          await expectCode(verify(jwe, resolver, { algorithms: ['HS256', 'RS256'] }), 'ERR_JWT_MALFORMED');
          await expectCode(compactVerify(jwe, resolver, { algorithms: ['HS256'] }), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(jwe), 'ERR_JWT_MALFORMED');
        }
        const encHeader = forgeHmac({ alg: 'RSA-OAEP', enc: 'A256GCM' }, { sub: 'user-1' }, K);
        await expectCode(verify(encHeader, resolver, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
        expect(calls).toBe(0);
      });
    });

    describe('header and payload JSON structure', () => {
      const nonObjects = [
        ['array', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.WyJhZG1pbiJd.lbEUKVcf5F3hfPj7LLz7ND8jD4hNLj662hmV0D6rEdA'],
        ['string', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.InVzZXItMSI.7M7rqCxJzBdHrT5rHGVSFP8i5SyauM14hjYIBT40JN0'],
        ['number', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.MTIz._ThpYz-OmRCAGU3FqZC4HxpiV6ae-k3HK0Qu19ms2ow'],
        ['non-JSON', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.aGVsbG8.X_5uWuL0Uz5xcDam9Oh9EXBwzjm2UuH3-RDd4eKK9fM'],
        ['null', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bnVsbA.iX8u0wRRUIDe7Q0x9Bk_AfqbalqMohLXnWXmhuIP-p0'],
      ] as const;

      for (const [name, token] of nonObjects) {
        it(`signed ${name} payload is malformed`, async () => {
          const options = { ...HS256, issuer: 'https://issuer.example.com', audience: 'api://svc-a' };
          await expectCode(verify(token, K, options), 'ERR_JWT_MALFORMED');
          await expectCode(verify(token, K, HS256), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
          await expect(compactVerify(token, K, { algorithms: ['HS256'] })).resolves.toBeDefined();
        });
      }

      it('other signed non-object payloads are malformed', async () => {
        for (const payload of ['true', 'false', '[]', '[{"iss":"https://issuer.example.com"}]', '0', '-1e400', '"{}"', '{}x', '{"a":1}{"b":2}']) {
          const token = forgeHmac(HS256_HEADER, payload, K);
          await expectCode(verify(token, K, { ...HS256, issuer: 'https://issuer.example.com' }), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
        }
        const empty = forgeHmac(HS256_HEADER, '{}', K);
        await expectCode(verify(empty, K, { ...HS256, issuer: 'https://issuer.example.com' }), 'ERR_JWT_CLAIM_INVALID');
      });

      it('__proto__ members never pollute prototypes', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsIl9fcHJvdG9fXyI6eyJwb2xsdXRlZCI6InllcyJ9fQ.eyJzdWIiOiJ1c2VyLTEiLCJfX3Byb3RvX18iOnsiaXNBZG1pbiI6dHJ1ZX0sImNvbnN0cnVjdG9yIjp7InByb3RvdHlwZSI6eyJwb2xsdXRlZDIiOiJ5ZXMifX19.az4DOpVShDi_XGO-MVjheh2NSqwCEzC37jXmXI-M-0A';
        const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
        const results = [decode(token), await verify(token, K, { algorithms: ['HS256'] })];
        for (const { header, payload } of results) {
          expect(payload.isAdmin).not.toBe(true);
          expect(header.polluted).toBeUndefined();
          expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
          expect(Object.getPrototypeOf(header)).toBe(Object.prototype);
        }
        const probe: Record<string, unknown> = {};
        expect(probe.polluted).toBeUndefined();
        expect(probe.isAdmin).toBeUndefined();
        expect(probe.polluted2).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      });

      it('nested __proto__ members stay plain data', async () => {
        const payload = '{"sub":"user-1","a":{"__proto__":{"x":1}},"b":[{"__proto__":{"y":2}}]}';
        const token = forgeHmac(HS256_HEADER, payload, K);
        const result = await verify(token, K, { algorithms: ['HS256'] });
        const a = result.payload.a as Record<string, unknown>;
        expect(a.x).toBeUndefined();
        expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
        expect(Object.hasOwn(a, '__proto__')).toBe(true);

        const signed = await sign(JSON.parse('{"__proto__":{"isAdmin":true},"sub":"user-1"}') as Record<string, unknown>, K, { alg: 'HS256' });
        const round = await verify(signed, K, { algorithms: ['HS256'] });
        expect(round.payload.isAdmin).toBeUndefined();
        expect(Object.hasOwn(round.payload, '__proto__')).toBe(true);
      });
    });

    describe('time claims', () => {
      const typeCases = [
        ['exp "<not a number>"', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOiI8bm90IGEgbnVtYmVyPiJ9.sO7707zAmddwuM7w2bcqcpWo6k5ajb6TslW6zE6ZD0Y', 'exp'],
        ['exp as a numeric string', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOiIxNzAwMDAzNjAwIn0.TKkdw8PdQCEeX8AQE8mat3ZFRpNPx7AnC2cGq_dtnaI', 'exp'],
        ['iat "yesterday"', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOiJ5ZXN0ZXJkYXkiLCJleHAiOjE3MDAwMDM2MDB9.Fdl0twwZsAcN5I1hEiNcTupXkfGk8AfJOs0GQEMPjeU', 'iat'],
        ['nbf as a numeric string', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYmYiOiI5OTk5OTk5OTk5OSJ9.DOyxg9-sgyh-gYqnosRzP84rJec3dpJT60_NA8WNoWc', 'nbf'],
        ['exp of 1e50', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjFlNTB9.9b2utOxjldZXqYJ98Oivfh58VxqNSoUE7mUH6XLR48c', 'exp'],
      ] as const;

      for (const [name, token, claim] of typeCases) {
        it(`${name} is an invalid claim`, async () => {
          const error = await expectCode(verify(token, K, HS256), 'ERR_JWT_CLAIM_INVALID');
          expect(error).toMatchObject({ claim, reason: 'invalid' });
        });
      }

      it('wrong time claim types are never treated as absent', async () => {
        const badValues: unknown[] = ['1700003600', '', 'NaN', true, false, null, [], [NOW], {}, { value: NOW }, 1e50, -1e50, 8.64e12 + 1];
        for (const claim of ['exp', 'nbf', 'iat']) {
          for (const value of badValues) {
            const token = forgeHmac(HS256_HEADER, { sub: 'user-1', [claim]: value }, K);
            const error = await expectCode(verify(token, K, HS256), 'ERR_JWT_CLAIM_INVALID');
            expect(error).toMatchObject({ claim, reason: 'invalid' });
          }
        }
      });

      it('NumericDate range edges', async () => {
        const farFuture = forgeHmac(HS256_HEADER, { exp: 8.64e12 }, K);
        await expect(verify(farFuture, K, HS256)).resolves.toBeDefined();
        const farPast = forgeHmac(HS256_HEADER, { nbf: -8.64e12 }, K);
        await expect(verify(farPast, K, HS256)).resolves.toBeDefined();
        await expectCode(verify(forgeHmac(HS256_HEADER, { exp: -8.64e12 }, K), K, HS256), 'ERR_JWT_EXPIRED');
      });

      it('fractional NumericDates are compared exactly', async () => {
        const halfSecondLeft = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDAwMDAuNX0.uCTHkyuHWSVl2J701v_AfNQ0YPaloHoWnHADhm3eNz0';
        const justExpired = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTk5OTkuOX0.F0HZgDeeBxuvvsgyaMzc5yt28kKOrbh5gEw_5sO_x18';
        await expect(verify(halfSecondLeft, K, HS256)).resolves.toBeDefined();
        await expectCode(verify(justExpired, K, HS256), 'ERR_JWT_EXPIRED');
        await expectCode(verify(halfSecondLeft, K, { ...HS256, currentDate: new Date(NOW * 1000 + 500) }), 'ERR_JWT_EXPIRED');
        await expect(verify(halfSecondLeft, K, { ...HS256, currentDate: new Date(NOW * 1000 + 499) })).resolves.toBeDefined();
      });

      it('fresh tokens are not expired', async () => {
        const dayLeft = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwODY0MDB9.55IZeni5Yz--pm3m1RcyJd-gjJ7Ys_WMWneGWJimAxQ';
        const startedAgo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYmYiOjE2OTk5OTk5OTAsImV4cCI6MTcwMDAwMzYwMH0.GRBs8lr_A3eWW-A62jIjHmJsOhiMR-aGC130Ea5a2Yk';
        const expiredAgo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTk5NzB9.NLcWo7EVQomWq8KuODUMoJXHXjhnJrcYfemF7PYYKcM';
        await expect(verify(dayLeft, K, HS256)).resolves.toBeDefined();
        await expect(verify(startedAgo, K, HS256)).resolves.toBeDefined();
        await expectCode(verify(expiredAgo, K, HS256), 'ERR_JWT_EXPIRED');
      });

      it('boundaries: nbf at now is valid, exp at now is not', async () => {
        const cases = [
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYmYiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.1pXCPVTXsX_UvVEAZ9tNzzo1YAXvIdCiiprDDwB0oBE', undefined],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYmYiOjE3MDAwMDAwMDEsImV4cCI6MTcwMDAwMzYwMH0.VZGrvvRFbdXkPRc99aGBjZDMLGmlJo-ySJyeluQzssY', 'ERR_JWT_NOT_YET_VALID'],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDAwMDB9.QSIA623dWPpIsXkjDzDxy6g7q8QLA7EGlSyye-D4JUU', 'ERR_JWT_EXPIRED'],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDAwMDF9.wBcprjvhcnT1n-1eB6rVh-bzkmMndYp_VRfJ5J_2r88', undefined],
        ] as const;
        for (const [token, code] of cases) {
          if (code === undefined) await expect(verify(token, K, HS256)).resolves.toBeDefined();
          else await expectCode(verify(token, K, HS256), code);
        }
      });

      it('one leeway applies to exp, nbf and iat, leniently only', async () => {
        const options = { ...HS256, clockTolerance: 60 };
        const cases = [
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDAwMzAsImV4cCI6MTcwMDAwMzYwMH0.FjaCD8-gnxhQa1Sbh1mNiKQcWYSKC4OHnOVpQymtZkk', undefined],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDM2MDAsImV4cCI6MTcwMDAwNzIwMH0.7jyVypPvTWo3LrJHm_T1tQ859i9AfPtVw5k5EsATBoI', 'ERR_JWT_CLAIM_INVALID'],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYmYiOjE3MDAwMDAwMzAsImV4cCI6MTcwMDAwMzYwMH0.9xPnqZHMRdwvT6A8DPVh1EDpmL175-Ip6HDDdldjxZ0', undefined],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTk5NzB9.NLcWo7EVQomWq8KuODUMoJXHXjhnJrcYfemF7PYYKcM', undefined],
          ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE2OTk5OTk4ODB9.RIzYwvpj0Rtwum4bjN9YKj150apIApCtj6wLiPZf7nI', 'ERR_JWT_EXPIRED'],
        ] as const;
        for (const [token, code] of cases) {
          if (code === undefined) await expect(verify(token, K, options)).resolves.toBeDefined();
          else await expectCode(verify(token, K, options), code);
        }
        const future = await expectCode(verify(cases[1][0], K, options), 'ERR_JWT_CLAIM_INVALID');
        expect(future).toMatchObject({ claim: 'iat' });
      });

      it('leeway exactly at the boundary', async () => {
        const options = { ...HS256, clockTolerance: 60 };
        await expectCode(verify(forgeHmac(HS256_HEADER, { exp: NOW - 60 }, K), K, options), 'ERR_JWT_EXPIRED');
        await expect(verify(forgeHmac(HS256_HEADER, { exp: NOW - 59 }, K), K, options)).resolves.toBeDefined();
        await expect(verify(forgeHmac(HS256_HEADER, { nbf: NOW + 60 }, K), K, options)).resolves.toBeDefined();
        await expectCode(verify(forgeHmac(HS256_HEADER, { nbf: NOW + 61 }, K), K, options), 'ERR_JWT_NOT_YET_VALID');
        await expect(verify(forgeHmac(HS256_HEADER, { iat: NOW + 60 }, K), K, options)).resolves.toBeDefined();
        await expectCode(verify(forgeHmac(HS256_HEADER, { iat: NOW + 61 }, K), K, options), 'ERR_JWT_CLAIM_INVALID');
      });
    });

    describe('audience and issuer matching', () => {
      const audienceCases = [
        ['["api://svc-b"]', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOlsiYXBpOi8vc3ZjLWIiXSwiZXhwIjoxNzAwMDAzNjAwfQ.G8ituSjxbJCkbO9190bPVsoluoD8dAjMZiBGGA2uYJc', 'mismatch'],
        ['[]', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOltdLCJleHAiOjE3MDAwMDM2MDB9.TxPp-aNepEyeyGnnuwdfLDWwyopXq73jhqzLa6iFyCs', 'mismatch'],
        ['["api://other","api://svc-a"]', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOlsiYXBpOi8vb3RoZXIiLCJhcGk6Ly9zdmMtYSJdLCJleHAiOjE3MDAwMDM2MDB9.bxt-SZWQwEYi2tavQcdNy3UCZpD-QK-gu-st9ccAE_0', undefined],
        ['"api://svc-a"', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJhcGk6Ly9zdmMtYSIsImV4cCI6MTcwMDAwMzYwMH0.LKZONKax-WSsBRLibitS8-m1lltEBIMKmPQnAeqnxcA', undefined],
        ['"api://svc-a-evil"', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJhcGk6Ly9zdmMtYS1ldmlsIiwiZXhwIjoxNzAwMDAzNjAwfQ.29HLRf-qDgWT9OqqN70PFabc4h1_WHi3YknlvJYAhdg', 'mismatch'],
        ['[123]', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOlsxMjNdLCJleHAiOjE3MDAwMDM2MDB9.HC-GGjJmhqiaoZKLJX8Ae9ex5PehXzQx5Esex1NHtig', 'invalid'],
        ['missing', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDM2MDB9.IdtLFChu3ntJkoHByJtFYUn7AQnUR5K2G4Ny6YOEBqE', 'missing'],
      ] as const;

      for (const [name, token, reason] of audienceCases) {
        it(`aud ${name} against api://svc-a`, async () => {
          const options = { ...HS256, audience: 'api://svc-a' };
          if (reason === undefined) {
            await expect(verify(token, K, options)).resolves.toBeDefined();
          } else {
            const error = await expectCode(verify(token, K, options), 'ERR_JWT_CLAIM_INVALID');
            expect(error).toMatchObject({ claim: 'aud', reason });
          }
        });
      }

      it('aud of the wrong shape is invalid even without an expected audience', async () => {
        for (const aud of [[123], [null], ['api://svc-a', {}], { 0: 'api://svc-a' }, 5, null, true]) {
          const token = forgeHmac(HS256_HEADER, { sub: 'user-1', aud }, K);
          const error = await expectCode(verify(token, K, HS256), 'ERR_JWT_CLAIM_INVALID');
          expect(error).toMatchObject({ claim: 'aud', reason: 'invalid' });
        }
      });

      it('any listed audience matches exactly', async () => {
        const token = forgeHmac(HS256_HEADER, { aud: 'api://svc-a' }, K);
        await expect(verify(token, K, { ...HS256, audience: ['api://svc-x', 'api://svc-a'] })).resolves.toBeDefined();
        await expectCode(verify(token, K, { ...HS256, audience: ['api://svc-x', 'api://svc-'] }), 'ERR_JWT_CLAIM_INVALID');
      });

      it('RegExp matchers are refused as options', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJhcGk6Ly9zdmMtYSIsImV4cCI6MTcwMDAwMzYwMH0.LKZONKax-WSsBRLibitS8-m1lltEBIMKmPQnAeqnxcA';
        await expect(verify(token, K, { ...HS256, audience: /^api:\/\/svc-a$/g as never })).rejects.toBeUsageError();
        await expect(verify(token, K, { ...HS256, audience: [/^api:\/\/svc-a$/y] as never })).rejects.toBeUsageError();
        await expect(verify(token, K, { ...HS256, issuer: /issuer/g as never })).rejects.toBeUsageError();
        await expect(verify(token, K, { ...HS256, subject: /user/g as never })).rejects.toBeUsageError();
        const options = { ...HS256, audience: 'api://svc-a' };
        for (let i = 0; i < 4; i++) {
          await expect(verify(token, K, options)).resolves.toBeDefined();
        }
      });
    });

    describe('key strength', () => {
      it('HMAC keys shorter than the hash are invalid', async () => {
        const shortKey = encodeUtf8('short-key-16byte');
        const shortToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEifQ._iJa5LQox_0QUxCk90EgFZAKA8wh8rxo4szEbzlN3xM';
        const hs384WithK = 'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEifQ.CiyAi8X39u-p5P65ezIU9q5bkWcmk3dFUi7zJ9IvmfFCm0AYwFM9QnoNRaDVRFd9';
        const hs512WithK = forgeHmac({ alg: 'HS512', typ: 'JWT' }, { sub: 'user-1' }, K, 'sha512');
        const hs512WithK48 = forgeHmac({ alg: 'HS512', typ: 'JWT' }, { sub: 'user-1' }, K48, 'sha512');

        await expectCode(verify(shortToken, shortKey, HS256), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(shortToken, 'short-key-16byte', HS256), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(shortToken, { kty: 'oct', k: encodeBase64url(shortKey) }, HS256), 'ERR_JWT_KEY_INVALID');
        await expectCode(sign({ sub: 'user-1' }, shortKey, { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(hs384WithK, K, { algorithms: ['HS384'] }), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(hs512WithK, K, { algorithms: ['HS512'] }), 'ERR_JWT_KEY_INVALID');
        await expectCode(verify(hs512WithK48, K48, { algorithms: ['HS512'] }), 'ERR_JWT_KEY_INVALID');
        await expectCode(sign({}, K, { alg: 'HS512' }), 'ERR_JWT_KEY_INVALID');
        await expectCode(sign({}, 'x'.repeat(31), { alg: 'HS256' }), 'ERR_JWT_KEY_INVALID');

        await expect(verify(T0, K, HS256)).resolves.toBeDefined();
        await expect(verify(T384, K48, { algorithms: ['HS384'], currentDate: NOW_DATE })).resolves.toBeDefined();
        await expect(verify(await sign({}, SECRET_512, { alg: 'HS512' }), SECRET_512, { algorithms: ['HS512'] })).resolves.toBeDefined();
      });

      it('RSA keys under 2048 bits are invalid in every form', async () => {
        for (const modulusLength of [1024, 2040]) {
          const pair = generateKeyPairSync('rsa', { modulusLength });
          const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
          const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
          const publicJwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
          const privateJwk = pair.privateKey.export({ format: 'jwk' }) as JWK;

          for (const [alg, name, hash] of [['RS256', 'RSASSA-PKCS1-v1_5', 'SHA-256'], ['PS256', 'RSA-PSS', 'SHA-256']] as const) {
            const privateKey = await crypto.subtle.importKey('jwk', privateJwk, { name, hash }, false, ['sign']);
            const publicKey = await crypto.subtle.importKey('jwk', publicJwk, { name, hash }, false, ['verify']);
            const signingInput = `${encodeBase64urlText(JSON.stringify({ alg }))}.${encodeBase64urlText('{"sub":"user-1"}')}`;
            const params = name === 'RSA-PSS' ? { name, saltLength: 32 } : { name };
            const token = `${signingInput}.${encodeBase64url(new Uint8Array(await crypto.subtle.sign(params, privateKey, encodeUtf8(signingInput))))}`;

            await expectCode(verify(token, publicKey, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
            await expectCode(verify(token, publicJwk, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
            await expectCode(importSPKI(publicPem, alg), 'ERR_JWT_KEY_INVALID');
            await expectCode(importJWK(publicJwk, alg), 'ERR_JWT_KEY_INVALID');
            await expectCode(sign({ sub: 'user-1' }, privateKey, { alg }), 'ERR_JWT_KEY_INVALID');
            await expectCode(sign({ sub: 'user-1' }, privateJwk, { alg }), 'ERR_JWT_KEY_INVALID');
            await expectCode(importPKCS8(privatePem, alg), 'ERR_JWT_KEY_INVALID');
          }
        }
        await expect(verify(rsaAToken, rsaA.publicKey, { algorithms: ['RS256'] })).resolves.toBeDefined();
      });
    });

    describe('resource exhaustion', () => {
      it('a million dots are rejected quickly', async () => {
        const dots = `a${'.'.repeat(1_000_000)}`;
        await expectCode(verify(dots, K, HS256), 'ERR_JWT_TOO_LARGE');
        expectThrowCode(() => decode(dots), 'ERR_JWT_TOO_LARGE');
        const big = { ...HS256, maxTokenLength: 2_000_000 };
        expect(await fastestRun(() => expectCode(verify(dots, K, big), 'ERR_JWT_MALFORMED'))).toBeLessThan(50);
        expect(await fastestRun(() => {
          expectThrowCode(() => decode(dots, { maxTokenLength: 2_000_000 }), 'ERR_JWT_MALFORMED');
          return Promise.resolve();
        })).toBeLessThan(50);
      });

      it('a 9 MiB token is rejected before decoding', async () => {
        const token = `${T0_HEADER}.${'A'.repeat(9 * 1024 * 1024)}.${T0_SIGNATURE}`;
        expect(await fastestRun(() => expectCode(verify(token, K, HS256), 'ERR_JWT_TOO_LARGE'))).toBeLessThan(50);
        expectThrowCode(() => decode(token), 'ERR_JWT_TOO_LARGE');
        await expectCode(verify(token, K, { ...HS256, maxTokenLength: 10 * 1024 * 1024 }), 'ERR_JWT_SIGNATURE_INVALID');
      });

      it('deeply nested payload is a typed error', async () => {
        const depth = 100_000;
        const token = forgeHmac(HS256_HEADER, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, K);
        await expectCode(verify(token, K, HS256), 'ERR_JWT_TOO_LARGE');
        await expectCode(verify(token, K, { ...HS256, maxTokenLength: 2_000_000 }), 'ERR_JWT_MALFORMED');
        expectThrowCode(() => decode(token, { maxTokenLength: 2_000_000 }), 'ERR_JWT_MALFORMED');
        const arrays = forgeHmac(HS256_HEADER, `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`, K);
        expectThrowCode(() => decode(arrays, { maxTokenLength: 2_000_000 }), 'ERR_JWT_MALFORMED');
      });

      it('deeply nested header is rejected before the key is used', async () => {
        let calls = 0;
        const header = encodeBase64urlText(`{"alg":"HS256","x":${'['.repeat(2000)}${']'.repeat(2000)}}`);
        const token = `${header}.${T0_PAYLOAD}.${T0_SIGNATURE}`;
        await expectCode(verify(token, () => {
          calls++;
          return K;
        }, HS256), 'ERR_JWT_MALFORMED');
        expect(calls).toBe(0);
      });

      it('wide but shallow payload within the limit is accepted', async () => {
        const claims = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`c${i}`, i]));
        const token = forgeHmac(HS256_HEADER, claims, K);
        await expect(verify(token, K, { ...HS256, maxTokenLength: 64 * 1024 })).resolves.toBeDefined();
      });
    });

    describe('text encoding', () => {
      const unicodeToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYW1lIjoiWm_DqyDDnG7Dr2NvZGUg5ris6KmmIPCfmIAifQ.S2m_2ZpkX5V7q4pL6bidl7UyZZ0Y-dTDZAKAME2nOAs';
      const name = 'Zoë Ünïcode 測試 😀';

      it('non-ASCII claims round-trip exactly', async () => {
        expect((await verify(unicodeToken, K, HS256)).payload.name).toBe(name);
        expect(decode(unicodeToken).payload.name).toBe(name);
        const token = await sign({ name }, K, { alg: 'HS256', iat: false });
        expect(token.split('.')[1]).toBe(Buffer.from(JSON.stringify({ name }), 'utf8').toString('base64url'));
        await expect(verify(token, K, HS256)).resolves.toMatchObject({ payload: { name } });
      });

      it('invalid UTF-8 payloads are malformed', async () => {
        const tokens = [
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiLDKCJ9.aHldSaMILO8EXdrjcoGBeBcoTjTgMB3GPFg2bt2I-as',
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiLtoIAifQ.4bz1YmBUXRlVWN0QWyU4eJElO4W0w0VRJvRl-e_S1Co',
        ];
        // Overlong slash, a code point above U+10FFFF, a truncated sequence, a stray continuation byte, and 0xFE.
        for (const bad of [[0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe6, 0xb8], [0x80], [0xfe]]) {
          const bytes = Uint8Array.of(...encodeUtf8('{"sub":"'), ...bad, ...encodeUtf8('"}'));
          const signingInput = `${T0_HEADER}.${encodeBase64url(bytes)}`;
          tokens.push(`${signingInput}.${encodeBase64url(createHmac('sha256', K).update(signingInput).digest())}`);
        }
        for (const token of tokens) {
          await expectCode(verify(token, K, HS256), 'ERR_JWT_MALFORMED');
          expectThrowCode(() => decode(token), 'ERR_JWT_MALFORMED');
        }
      });

      it('escaped lone surrogate is kept as given', async () => {
        const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYW1lIjoiXHVkODAwIn0.kDnXvauxzD7jePgfF6OtpSl8M6yzJnEdwj0JhxaBSDs';
        const { payload } = await verify(token, K, HS256);
        expect(payload.name).toBe('\ud800');
        expect(decode(token).payload.name).toBe('\ud800');
      });
    });
  });
}

/** Returns `jwk` without its `alg` member, so WebCrypto can import it for another algorithm. */
function withoutAlg(jwk: JWK): JsonWebKey {
  const { alg: _alg, key_ops: _keyOps, ...rest } = jwk;
  return rest;
}

/** Runs `task` three times and returns the fastest run in milliseconds, to filter scheduler noise. */
async function fastestRun(task: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await task();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

