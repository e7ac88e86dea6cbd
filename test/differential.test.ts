/**
 * Differential and interoperability tests against jose 6.2.19, jsonwebtoken 9.0.3 and fast-jwt
 * 6.3.6. A shared corpus of valid and invalid tokens runs through jwtkit and jose, which must
 * agree on accept or reject except where jwtkit is deliberately stricter (the table below).
 * Then tokens signed by each library must verify in jwtkit and the other way round, for every
 * algorithm both sides implement. The algorithm lists come from the installed code:
 * jose lib/jws_algorithms.js (all 14 of jwtkit's), jsonwebtoken sign.js SUPPORTED_ALGS
 * (HS*, RS*, PS*, ES*, no EdDSA), fast-jwt src/crypto.js (HS*, RS*, PS*, ES*, EdDSA).
 */

import { createPrivateKey, createPublicKey } from 'node:crypto';

import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  ALGORITHMS,
  type Algorithm,
  type JWK,
  availableCryptoBackends,
  compactSign,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  setCryptoBackend,
  sign,
  verify,
} from '../src/index.ts';
import { encodeBase64url, encodeBase64urlText } from '../src/base64url.ts';
import { NOW, NOW_DATE, SECRET_256, SECRET_384, SECRET_512, withSegment } from './helpers.ts';

const HMAC_SECRETS: Partial<Record<Algorithm, Uint8Array>> = { HS256: SECRET_256, HS384: SECRET_384, HS512: SECRET_512 };
const JSONWEBTOKEN_ALGORITHMS: readonly Algorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const FAST_JWT_ALGORITHMS: readonly Algorithm[] = [...JSONWEBTOKEN_ALGORITHMS, 'EdDSA'];

/**
 * Corpus entries that jwtkit rejects on purpose although jose 6.2.19 accepts them, for some or
 * all algorithms. jwtkit must reject every entry named here; every other entry must get the
 * same answer from both libraries.
 */
const JWTKIT_STRICTER: Readonly<Record<string, string>> = {
  'HMAC secret shorter than the hash': 'RFC 7518 §3.2 requires a key at least as long as the hash output; jose checks only that the key is non-empty.',
  'iat in the future': 'A token issued after now is evidence of clock trouble or forgery; jose checks iat only for maxTokenAge.',
  'payload nested 40 levels deep': 'jwtkit caps header and payload nesting at 32 levels so hostile JSON cannot exhaust the stack of a consumer.',
  'JWK n with padding': 'jwtkit decodes every JWK member as strict base64url; jose 6.2.19 hands the JWK to WebCrypto, whose import tolerates padding.',
  'JWK x with padding': 'jwtkit decodes every JWK member as strict base64url; jose 6.2.19 hands the JWK to WebCrypto, whose import tolerates padding.',
  'space after the token': 'RFC 7515 §7.1 allows only base64url characters and dots; trimming an HTTP header is the caller\'s job, and jose 6.2.19 ignores the space.',
  'standard base64 signature': 'the standard alphabet and its padding are not base64url; when the signature happens to hold no + or / characters, jose 6.2.19 accepts the padded form.',
  'padding after the signature': 'JWS base64url has no padding (RFC 7515 §2); jose 6.2.19 ignores a padding character where its decoder tolerates one.',
  'exp beyond the Date range': 'jwtkit requires NumericDates a Date can hold (±8.64e12 s); jose takes any finite number.',
};

interface KeySetup {
  signKey: CryptoKey | Uint8Array;
  verifyKey: CryptoKey | Uint8Array;
  privatePem?: string;
  publicPem?: string;
  publicJwk?: JWK;
}

const keys = new Map<Algorithm, KeySetup>();

beforeAll(async () => {
  for (const alg of ALGORITHMS) {
    const secret = HMAC_SECRETS[alg];
    if (secret !== undefined) {
      keys.set(alg, { signKey: secret, verifyKey: secret });
      continue;
    }
    const pair = await generateKeyPair(alg, { extractable: true });
    keys.set(alg, {
      signKey: pair.privateKey,
      verifyKey: pair.publicKey,
      privatePem: await exportPKCS8(pair.privateKey),
      publicPem: await exportSPKI(pair.publicKey),
      publicJwk: await exportJWK(pair.publicKey),
    });
  }
});

function setupFor(alg: Algorithm): KeySetup {
  const setup = keys.get(alg);
  if (setup === undefined) throw new Error(`no key for ${alg}`);
  return setup;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is missing`);
  return value;
}

interface CorpusEntry {
  name: string;
  token: string;
  /** The key both libraries verify with; the algorithm's own key when undefined. */
  key?: CryptoKey | Uint8Array | JWK;
}

/** Flips the lowest bit of the first signature byte. */
function flipSignature(token: string): string {
  const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url');
  signature[0] = (signature[0] ?? 0) ^ 1;
  return withSegment(token, 2, encodeBase64url(signature));
}

/** Builds the valid and invalid tokens of one algorithm. */
async function corpusFor(alg: Algorithm): Promise<CorpusEntry[]> {
  const { signKey } = setupFor(alg);
  const now = { currentDate: NOW_DATE };
  const valid = await sign({ sub: 'user-1', exp: NOW + 3600 }, signKey, { alg, ...now });
  const [header = '', payload = '', signature = ''] = valid.split('.');
  const signed = (claims: Record<string, unknown>, extraHeader: Record<string, unknown> = {}): Promise<string> =>
    sign(claims, signKey, { alg, iat: false, header: extraHeader, ...now });
  const signedBytes = (bytes: string): Promise<string> => compactSign(bytes, signKey, { alg });

  const entries: CorpusEntry[] = [
    { name: 'valid', token: valid },
    { name: 'valid with kid and typ', token: await signed({ sub: 'user-1' }, { kid: 'k1', typ: 'at+jwt' }) },
    { name: 'valid with unicode claims', token: await signed({ name: 'Zoë 測試 😀', nested: { a: [1, 2, { b: null }] } }) },
    { name: 'valid nested 30 levels deep', token: await signedBytes(`{"a":${'['.repeat(29)}${']'.repeat(29)}}`) },
    { name: 'signature bit flipped', token: flipSignature(valid) },
    { name: 'signature empty', token: withSegment(valid, 2, '') },
    { name: 'signature truncated', token: withSegment(valid, 2, signature.slice(0, 20)) },
    { name: 'payload replaced', token: withSegment(valid, 1, encodeBase64urlText('{"sub":"admin"}')) },
    { name: 'header alg none', token: `${encodeBase64urlText('{"alg":"none"}')}.${payload}.` },
    { name: 'header alg changed', token: withSegment(valid, 0, encodeBase64urlText(JSON.stringify({ alg: alg === 'HS256' ? 'HS384' : 'HS256' }))) },
    { name: 'padding after the signature', token: `${valid}=` },
    { name: 'space after the token', token: `${valid} ` },
    { name: 'two segments', token: `${header}.${payload}` },
    { name: 'four segments', token: `${valid}.${signature}` },
    { name: 'expired', token: await signed({ exp: NOW - 1 }) },
    { name: 'expires exactly now', token: await signed({ exp: NOW }) },
    { name: 'not yet valid', token: await signed({ nbf: NOW + 60 }) },
    { name: 'nbf exactly now', token: await signed({ nbf: NOW }) },
    { name: 'iat in the future', token: await signed({ iat: NOW + 3600 }) },
    { name: 'exp as a string', token: await signedBytes('{"exp":"1700003600"}') },
    { name: 'nbf as a string', token: await signedBytes('{"nbf":"99999999999"}') },
    { name: 'exp beyond the Date range', token: await signedBytes('{"exp":1e50}') },
    { name: 'array payload', token: await signedBytes('["admin"]') },
    { name: 'null payload', token: await signedBytes('null') },
    { name: 'non-JSON payload', token: await signedBytes('hello') },
    { name: 'invalid UTF-8 payload', token: await compactSign(Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d), signKey, { alg }) },
    { name: 'payload nested 40 levels deep', token: await signedBytes(`{"a":${'['.repeat(39)}${']'.repeat(39)}}`) },
    { name: 'unknown crit extension', token: await signed({ sub: 'user-1' }, { crit: ['x-policy'], 'x-policy': 1 }) },
    { name: 'crit listing a missing member', token: await signed({ sub: 'user-1' }, { crit: ['x-policy'] }) },
    { name: 'b64 true', token: await signed({ sub: 'user-1' }, { b64: true }) },
  ];

  // The standard alphabet differs only where the signature holds - or _ or needs padding; a
  // random signature without them (about 2 % of ES384 ones) is the same string and stays out.
  const standard = Buffer.from(signature, 'base64url').toString('base64');
  if (standard !== signature) entries.push({ name: 'standard base64 signature', token: withSegment(valid, 2, standard) });

  const secret = HMAC_SECRETS[alg];
  if (secret !== undefined) {
    const short = secret.subarray(0, secret.length - 1);
    entries.push({ name: 'HMAC secret shorter than the hash', token: await compactSign('{"sub":"user-1"}', short, { alg }).catch(() => forgeHmacToken(alg, short)), key: short });
    entries.push({ name: 'wrong secret', token: valid, key: new Uint8Array(secret.length).fill(7) });
  } else {
    const other = await generateKeyPair(alg);
    entries.push({ name: 'wrong public key', token: valid, key: other.publicKey });
    const jwk = required(setupFor(alg).publicJwk, 'publicJwk');
    const member = jwk.kty === 'RSA' ? 'n' : 'x';
    entries.push({ name: 'JWK from the same key', token: valid, key: jwk });
    const value = String(jwk[member]);
    if (value.length % 4 !== 0) entries.push({ name: `JWK ${member} with padding`, token: valid, key: { ...jwk, [member]: padded(value) } });
  }
  return entries;
}

/** Adds base64 padding, which strict base64url forbids, to a JWK member. */
function padded(value: string): string {
  return `${value}${'='.repeat(4 - (value.length % 4))}`;
}

/** Builds an HMAC token with WebCrypto directly, for keys jwtkit refuses to sign with. */
async function forgeHmacToken(alg: Algorithm, key: Uint8Array): Promise<string> {
  const hash = `SHA-${alg.slice(2)}`;
  const cryptoKey = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
  const signingInput = `${encodeBase64urlText(JSON.stringify({ alg }))}.${encodeBase64urlText('{"sub":"user-1"}')}`;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(signingInput)));
  return `${signingInput}.${encodeBase64url(mac)}`;
}

async function jwtkitAccepts(entry: CorpusEntry, alg: Algorithm): Promise<boolean> {
  const key = entry.key ?? setupFor(alg).verifyKey;
  return verify(entry.token, key, { algorithms: [alg], currentDate: NOW_DATE }).then(
    () => true,
    () => false,
  );
}

async function joseAccepts(entry: CorpusEntry, alg: Algorithm): Promise<boolean> {
  const given = entry.key ?? setupFor(alg).verifyKey;
  try {
    const key = given instanceof Uint8Array || typeof (given as CryptoKey).type === 'string' ? (given as CryptoKey | Uint8Array) : await jose.importJWK(given as jose.JWK, alg);
    await jose.jwtVerify(entry.token, key, { algorithms: [alg], currentDate: NOW_DATE });
    return true;
  } catch {
    return false;
  }
}

for (const backend of availableCryptoBackends()) {
  describe(`${backend} backend`, () => {
    beforeAll(() => {
      setCryptoBackend(backend);
    });

    for (const alg of ALGORITHMS) {
      it(`${alg} corpus agrees with jose`, async () => {
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const entry of await corpusFor(alg)) {
          const ours = await jwtkitAccepts(entry, alg);
          const theirs = await joseAccepts(entry, alg);
          outcomes.push(`${entry.name}: jwtkit ${ours ? 'accepts' : 'rejects'}, jose ${theirs ? 'accepts' : 'rejects'}`);
          const oursExpected = Object.hasOwn(JWTKIT_STRICTER, entry.name) ? false : theirs;
          expected.push(`${entry.name}: jwtkit ${oursExpected ? 'accepts' : 'rejects'}, jose ${theirs ? 'accepts' : 'rejects'}`);
        }
        expect(outcomes).toEqual(expected);
      });
    }

    describe('interop with jose', () => {
      for (const alg of ALGORITHMS) {
        it(`${alg} tokens cross in both directions`, async () => {
          const { signKey, verifyKey } = setupFor(alg);
          const fromJose = await new jose.SignJWT({ sub: 'user-1', role: 'reader' }).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('5m').sign(signKey);
          await expect(verify(fromJose, verifyKey, { algorithms: [alg] })).resolves.toMatchObject({ payload: { sub: 'user-1', role: 'reader' } });

          const fromJwtkit = await sign({ sub: 'user-1', role: 'reader' }, signKey, { alg, expiresIn: '5m' });
          await expect(jose.jwtVerify(fromJwtkit, verifyKey, { algorithms: [alg] })).resolves.toMatchObject({ payload: { sub: 'user-1', role: 'reader' } });
        });
      }
    });

    describe('interop with jsonwebtoken', () => {
      for (const alg of JSONWEBTOKEN_ALGORITHMS) {
        it(`${alg} tokens cross in both directions`, async () => {
          const setup = setupFor(alg);
          const secret = HMAC_SECRETS[alg];
          const signingKey = secret === undefined ? createPrivateKey(required(setup.privatePem, 'privatePem')) : Buffer.from(secret);
          const verifyingKey = secret === undefined ? createPublicKey(required(setup.publicPem, 'publicPem')) : Buffer.from(secret);

          const fromJsonwebtoken = jsonwebtoken.sign({ sub: 'user-1', role: 'reader' }, signingKey, { algorithm: alg as jsonwebtoken.Algorithm, expiresIn: '5m' });
          await expect(verify(fromJsonwebtoken, setup.verifyKey, { algorithms: [alg] })).resolves.toMatchObject({ payload: { sub: 'user-1' } });

          const fromJwtkit = await sign({ sub: 'user-1', role: 'reader' }, setup.signKey, { alg, expiresIn: '5m' });
          expect(jsonwebtoken.verify(fromJwtkit, verifyingKey, { algorithms: [alg as jsonwebtoken.Algorithm] })).toMatchObject({ sub: 'user-1', role: 'reader' });
        });
      }
    });

    describe('interop with fast-jwt', () => {
      for (const alg of FAST_JWT_ALGORITHMS) {
        it(`${alg} tokens cross in both directions`, async () => {
          const setup = setupFor(alg);
          const secret = HMAC_SECRETS[alg];
          const signingKey = secret === undefined ? required(setup.privatePem, 'privatePem') : Buffer.from(secret);
          const verifyingKey = secret === undefined ? required(setup.publicPem, 'publicPem') : Buffer.from(secret);

          // fast-jwt types its algorithm option as its own string union, which holds every name used here.
          const fastSign = createSigner({ key: signingKey, algorithm: alg as never, expiresIn: 300_000 });
          const fromFastJwt = fastSign({ sub: 'user-1', role: 'reader' });
          await expect(verify(fromFastJwt, setup.verifyKey, { algorithms: [alg] })).resolves.toMatchObject({ payload: { sub: 'user-1' } });

          const fromJwtkit = await sign({ sub: 'user-1', role: 'reader' }, setup.signKey, { alg, expiresIn: '5m' });
          const fastVerify = createVerifier({ key: verifyingKey, algorithms: [alg as never] });
          expect(fastVerify(fromJwtkit)).toMatchObject({ sub: 'user-1', role: 'reader' });
        });
      }
    });
  });
}
