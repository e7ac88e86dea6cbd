import { type KeyObject, X509Certificate, createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  type Algorithm,
  type JWK,
  type JwtErrorCode,
  calculateJwkThumbprint,
  compactSign,
  compactVerify,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  generateSecret,
  importJWK,
  importPKCS8,
  importSPKI,
  importX509,
  sign,
  verify,
} from '../src/index.ts';
import {
  ed25519Certificate,
  ed25519PrivateKey,
  p256Certificate,
  p256PrivateKey,
  p256V1Certificate,
  p256V1PrivateKey,
  rsaCertificate,
  rsaPrivateKey,
} from './fixtures/certificates.ts';
import { forEachBackend } from './helpers.ts';
import { RFC7515_PAYLOAD_TEXT, rfc7515, rfc7638, rfc8037 } from './vectors/rfc.ts';

// ---------------------------------------------------------------------------------------------
// Key pairs made with node:crypto, an implementation independent of jwtkit's import code.

type PairName = 'rsa' | 'rsa1024' | 'p256' | 'p384' | 'p521' | 'ed25519';

interface NodePair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

const pairs = {} as Record<PairName, NodePair>;

beforeAll(() => {
  pairs.rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pairs.rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
  pairs.p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  pairs.p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  pairs.p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  pairs.ed25519 = generateKeyPairSync('ed25519');
});

function spkiPem(name: PairName): string {
  return pairs[name].publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

function pkcs8Pem(name: PairName): string {
  return pairs[name].privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function rsaPublicKeyPem(name: 'rsa' | 'rsa1024'): string {
  return pairs[name].publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
}

function rsaPrivateKeyPem(name: 'rsa' | 'rsa1024'): string {
  return pairs[name].privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
}

function ecPrivateKeyPem(name: 'p256' | 'p384' | 'p521'): string {
  return pairs[name].privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

function spkiDer(name: PairName): Uint8Array {
  return new Uint8Array(pairs[name].publicKey.export({ format: 'der', type: 'spki' }));
}

function publicJwk(name: PairName): JWK {
  return pairs[name].publicKey.export({ format: 'jwk' }) as JWK;
}

function privateJwk(name: PairName): JWK {
  return pairs[name].privateKey.export({ format: 'jwk' }) as JWK;
}

/** Encodes DER as PEM with Node's base64, in 64-character lines. */
function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Returns the DER body of a single-block PEM text, decoded with Node's base64. */
function pemBody(pem: string): Uint8Array {
  const base64 = pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Returns a certificate's public key as PUBLIC KEY PEM, extracted by Node's X.509 parser. */
function certificatePublicPem(certificatePem: string): string {
  return new X509Certificate(certificatePem).publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** Types a deliberately malformed JWK as a JWK, for rejection tests. */
function asJwk(value: Record<string, unknown>): JWK {
  return value as JWK;
}

/** Replaces the label on the BEGIN and END lines. */
function relabel(pem: string, label: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, `-----$1 ${label}-----`);
}

/** Splits the outer DER SEQUENCE into its children, each with its own tag and length bytes. */
function derChildren(der: Uint8Array): Uint8Array[] {
  const readLength = (offset: number): [length: number, start: number] => {
    const first = der[offset + 1] ?? 0;
    if (first < 0x80) return [first, offset + 2];
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
    return [length, offset + 2 + (first & 0x7f)];
  };

  const children: Uint8Array[] = [];
  const [outerLength, outerStart] = readLength(0);
  for (let offset = outerStart; offset < outerStart + outerLength;) {
    const [length, start] = readLength(offset);
    children.push(der.slice(offset, start + length));
    offset = start + length;
  }
  return children;
}

/** Encodes a DER SEQUENCE of already encoded children. */
function derSequence(children: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(children);
  let length = [0x82, body.length >> 8, body.length & 0xff];
  if (body.length < 0x100) length = [0x81, body.length];
  if (body.length < 0x80) length = [body.length];
  return new Uint8Array(Buffer.concat([Uint8Array.of(0x30, ...length), body]));
}

// ---------------------------------------------------------------------------------------------
// Assertions

async function expectJwtError(promise: Promise<unknown>, code: JwtErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeJwtError(code);
}

async function expectKeyInvalid(promise: Promise<unknown>): Promise<void> {
  await expectJwtError(promise, 'ERR_JWT_KEY_INVALID');
}

/** Signs a JWT with `privateKey` and checks that `publicKey` verifies it under `alg`. */
async function expectSignAndVerify(privateKey: CryptoKey | JWK | Uint8Array, publicKey: CryptoKey | JWK | Uint8Array, alg: Algorithm): Promise<void> {
  const token = await sign({ sub: 'key-test' }, privateKey, { alg });
  const { header, payload } = await verify(token, publicKey, { algorithms: [alg] });

  expect(header.alg).toBe(alg);
  expect(payload.sub).toBe('key-test');
}

function expectPublicKey(key: CryptoKey, extractable = false): void {
  expect(key.type).toBe('public');
  expect(key.usages).toEqual(['verify']);
  expect(key.extractable).toBe(extractable);
}

function expectPrivateKey(key: CryptoKey, extractable = false): void {
  expect(key.type).toBe('private');
  expect(key.usages).toEqual(['sign']);
  expect(key.extractable).toBe(extractable);
}

/** Returns the PEM text with the surrounding whitespace a file or an environment variable may add. */
function whitespaceVariants(pem: string): [string, string][] {
  return [
    ['leading newlines', `\n\n\n${pem}`],
    ['leading spaces and tabs', ` \t  \n\t ${pem}`],
    ['CRLF line ends', pem.replace(/\n/g, '\r\n')],
    ['trailing blank lines', `${pem}\n\n   \n\t\n`],
    ['no final newline', pem.trimEnd()],
    ['all combined', `\r\n \t${pem.replace(/\n/g, '\r\n')}\r\n\r\n`],
  ];
}

// ---------------------------------------------------------------------------------------------
// RFC example keys, from the vectors shared with the conformance suite. Spread copies keep
// the vector objects themselves out of the per-object key caches of these tests.

/** RFC 7515 Appendix A.2: RSA 2048-bit private key, and its public half. */
const rfc7515RsaPrivate = { ...rfc7515.a2.privateJwk };
const rfc7515RsaPublic = { ...rfc7515.a2.publicJwk };

/** RFC 7515 Appendix A.3: EC P-256 private key, and its public half. */
const rfc7515EcPrivate = { ...rfc7515.a3.privateJwk };
const rfc7515EcPublic = { ...rfc7515.a3.publicJwk };

/** RFC 7515 Appendix A.1: the 64-byte HS256 key. */
const rfc7515OctKey = { ...rfc7515.a1.jwk };

/** The payload of RFC 7515 A.1 to A.3, with its CRLF line breaks. */
const rfc7515Payload = RFC7515_PAYLOAD_TEXT;

/** RFC 7515 Appendix A.1 to A.3: the HS256, RS256 and ES256 JWS over `rfc7515Payload`. */
const rfc7515HmacJws = rfc7515.a1.compact;
const rfc7515RsaJws = rfc7515.a2.compact;
const rfc7515EcJws = rfc7515.a3.compact;

/** RFC 8037 Appendix A.1 and A.2: Ed25519 private key, and its public half. */
const rfc8037Private = { ...rfc8037.privateJwk };
const rfc8037Public = { ...rfc8037.publicJwk };

/** RFC 7638 §3.1: RSA public key with `alg` and `kid`. */
const rfc7638Jwk = { ...rfc7638.jwk };

const ASYMMETRIC_ALGORITHMS: readonly Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** One algorithm per key kind, with the Node key pair that fits it. */
const PEM_CASES: readonly { alg: Algorithm; pair: PairName }[] = [
  { alg: 'RS256', pair: 'rsa' },
  { alg: 'PS256', pair: 'rsa' },
  { alg: 'ES256', pair: 'p256' },
  { alg: 'ES384', pair: 'p384' },
  { alg: 'ES512', pair: 'p521' },
  { alg: 'EdDSA', pair: 'ed25519' },
];

// ---------------------------------------------------------------------------------------------

forEachBackend(() => {
  describe('importSPKI', () => {
    test.each(PEM_CASES)('$alg PUBLIC KEY verifies', async ({ alg, pair }) => {
      const publicKey = await importSPKI(spkiPem(pair), alg);
      const privateKey = await importPKCS8(pkcs8Pem(pair), alg);

      expectPublicKey(publicKey);
      await expectSignAndVerify(privateKey, publicKey, alg);
    });

    test.each(['RS256', 'PS256'] as const)('%s RSA PUBLIC KEY verifies', async (alg) => {
      const publicKey = await importSPKI(rsaPublicKeyPem('rsa'), alg);
      const privateKey = await importPKCS8(pkcs8Pem('rsa'), alg);

      expectPublicKey(publicKey);
      await expectSignAndVerify(privateKey, publicKey, alg);
    });

    test('Ed25519 alias imports Ed25519 keys', async () => {
      const publicKey = await importSPKI(spkiPem('ed25519'), 'Ed25519');
      const privateKey = await importPKCS8(pkcs8Pem('ed25519'), 'Ed25519');
      await expectSignAndVerify(privateKey, publicKey, 'Ed25519');
    });

    test('other public key fails verification', async () => {
      const token = await sign({ sub: 'key-test' }, await importPKCS8(pkcs8Pem('p256'), 'ES256'), { alg: 'ES256' });
      const otherP256Key = await importSPKI(certificatePublicPem(p256Certificate), 'ES256');
      const p384Key = await importSPKI(spkiPem('p384'), 'ES384');

      await expectJwtError(verify(token, otherP256Key, { algorithms: ['ES256'] }), 'ERR_JWT_SIGNATURE_INVALID');
      await expectJwtError(verify(token, p384Key, { algorithms: ['ES256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    });

    test('accepts surrounding whitespace', async () => {
      for (const [name, pem] of whitespaceVariants(spkiPem('p256'))) {
        const key = await importSPKI(pem, 'ES256');
        expect(key.type, name).toBe('public');
      }
      for (const [name, pem] of whitespaceVariants(rsaPublicKeyPem('rsa'))) {
        const key = await importSPKI(pem, 'RS256');
        expect(key.type, name).toBe('public');
      }
    });

    test('extractable option allows export', async () => {
      const key = await importSPKI(spkiPem('p256'), 'ES256', { extractable: true });
      expectPublicKey(key, true);
      expect(await exportSPKI(key)).toBe(spkiPem('p256'));
    });

    test.each(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE', 'ENCRYPTED PRIVATE KEY', 'EC PUBLIC KEY', 'PUBLICKEY'])(
      'rejects %s label',
      async (label) => {
        await expectKeyInvalid(importSPKI(relabel(spkiPem('p256'), label), 'ES256'));
      },
    );

    test('rejects private key PEMs', async () => {
      await expectKeyInvalid(importSPKI(pkcs8Pem('p256'), 'ES256'));
      await expectKeyInvalid(importSPKI(ecPrivateKeyPem('p256'), 'ES256'));
      await expectKeyInvalid(importSPKI(rsaPrivateKeyPem('rsa'), 'RS256'));
      await expectKeyInvalid(importSPKI(p256Certificate, 'ES256'));
    });

    test('rejects two PEM blocks', async () => {
      await expectKeyInvalid(importSPKI(spkiPem('p256') + spkiPem('p256'), 'ES256'));
      await expectKeyInvalid(importSPKI(`${spkiPem('p256')}\n${pkcs8Pem('p256')}`, 'ES256'));
      await expectKeyInvalid(importSPKI(`${pkcs8Pem('p256')}\n${spkiPem('p256')}`, 'ES256'));
    });

    test('rejects text without a block', async () => {
      const body = spkiPem('p256').replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '');
      await expectKeyInvalid(importSPKI('', 'ES256'));
      await expectKeyInvalid(importSPKI('not a key', 'ES256'));
      await expectKeyInvalid(importSPKI(body, 'ES256'));
      await expectKeyInvalid(importSPKI('-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n', 'ES256'));
    });

    test('rejects unpaired BEGIN and END', async () => {
      const pem = spkiPem('p256');
      await expectKeyInvalid(importSPKI(pem.replace(/-----END PUBLIC KEY-----/, ''), 'ES256'));
      await expectKeyInvalid(importSPKI(pem.replace(/-----BEGIN PUBLIC KEY-----/, ''), 'ES256'));
      await expectKeyInvalid(importSPKI(pem.replace('-----END PUBLIC KEY-----', '-----END PRIVATE KEY-----'), 'ES256'));
      await expectKeyInvalid(importSPKI(`-----BEGIN PUBLIC KEY-----\n${pem}`, 'ES256'));
      await expectKeyInvalid(importSPKI(`${pem}-----END PUBLIC KEY-----\n`, 'ES256'));
    });

    test('rejects many BEGIN lines quickly', async () => {
      // About 1 MB of unpaired BEGIN lines. A scan that restarts at every BEGIN line takes time
      // quadratic in the length, seconds for this input.
      const text = '-----BEGIN PUBLIC KEY-----\n'.repeat(40_000);
      const started = performance.now();

      await expectKeyInvalid(importSPKI(text, 'ES256'));
      expect(performance.now() - started).toBeLessThan(2000);
    });

    test('rejects invalid base64 bodies', async () => {
      const pem = spkiPem('p256');
      const [begin = '', ...rest] = pem.split('\n');
      const body = rest.slice(0, -2).join('');
      const wrap = (text: string): string => `${begin}\n${text}\n-----END PUBLIC KEY-----\n`;

      await expectKeyInvalid(importSPKI(wrap(`${body.slice(0, 10)}!${body.slice(11)}`), 'ES256'));
      await expectKeyInvalid(importSPKI(wrap(body.slice(1)), 'ES256'));
      await expectKeyInvalid(importSPKI(wrap(`${body.slice(0, 8)}====${body.slice(12)}`), 'ES256'));
      await expectKeyInvalid(importSPKI(wrap(body.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')), 'ES256'));
      await expectKeyInvalid(importSPKI(wrap(`${body}====`), 'ES256'));
      await expectKeyInvalid(importSPKI(wrap('Proc-Type: 4,ENCRYPTED\n\nAAAA'), 'ES256'));
    });

    test('rejects non-canonical base64 tail', async () => {
      // A 91-byte P-256 SPKI ends in one padded byte, whose last base64 character keeps 4 unused bits.
      const pem = toPem('PUBLIC KEY', spkiDer('p256'));
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const withSetBits = pem.replace(/([A-Za-z0-9+/])==\n/, (_, last: string) => `${alphabet.charAt(alphabet.indexOf(last) + 1)}==\n`);
      expect(withSetBits).not.toBe(pem);
      await expectKeyInvalid(importSPKI(withSetBits, 'ES256'));
    });

    test('rejects truncated DER', async () => {
      const der = spkiDer('p256');
      for (const length of [1, 2, 10, der.length - 20, der.length - 1]) {
        await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', der.slice(0, length)), 'ES256'));
      }
      await expectKeyInvalid(importSPKI(toPem('RSA PUBLIC KEY', pemBody(rsaPublicKeyPem('rsa')).slice(0, 100)), 'RS256'));
    });

    test('rejects data after the DER', async () => {
      const der = spkiDer('p256');
      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', Uint8Array.of(...der, 0, 0)), 'ES256'));
      await expectKeyInvalid(importSPKI(toPem('RSA PUBLIC KEY', Uint8Array.of(...pemBody(rsaPublicKeyPem('rsa')), 5, 0)), 'RS256'));
    });

    test('rejects non-minimal DER lengths', async () => {
      const der = spkiDer('p256');
      const outerLength = der[1] ?? 0;
      expect(outerLength).toBeLessThan(0x80);

      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', Uint8Array.of(0x30, 0x81, outerLength, ...der.slice(2))), 'ES256'));
      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', Uint8Array.of(0x30, 0x82, 0x00, outerLength, ...der.slice(2))), 'ES256'));
    });

    test('rejects DER that is no key', async () => {
      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', Uint8Array.of(0x30, 0x00)), 'ES256'));
      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', Uint8Array.of(0x04, 0x02, 0x01, 0x02)), 'ES256'));
      await expectKeyInvalid(importSPKI(toPem('PUBLIC KEY', new Uint8Array(64).fill(0x41)), 'ES256'));
      await expectKeyInvalid(importSPKI(toPem('RSA PUBLIC KEY', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05)), 'RS256'));
    });

    test.each([
      { name: 'P-384 key for ES256', pair: 'p384', alg: 'ES256' },
      { name: 'P-256 key for ES512', pair: 'p256', alg: 'ES512' },
      { name: 'RSA key for ES256', pair: 'rsa', alg: 'ES256' },
      { name: 'Ed25519 key for RS256', pair: 'ed25519', alg: 'RS256' },
      { name: 'Ed25519 key for ES256', pair: 'ed25519', alg: 'ES256' },
      { name: 'P-256 key for EdDSA', pair: 'p256', alg: 'EdDSA' },
      { name: 'RSA key for EdDSA', pair: 'rsa', alg: 'EdDSA' },
      { name: 'RSA 1024 for RS256', pair: 'rsa1024', alg: 'RS256' },
      { name: 'RSA 1024 for PS256', pair: 'rsa1024', alg: 'PS256' },
    ] as const)('rejects $name', async ({ pair, alg }) => {
      await expectKeyInvalid(importSPKI(spkiPem(pair), alg));
    });

    test('rejects RSA 1024 PKCS #1', async () => {
      await expectKeyInvalid(importSPKI(rsaPublicKeyPem('rsa1024'), 'RS256'));
    });

    test('rejects RSA PUBLIC KEY for ES256', async () => {
      await expectKeyInvalid(importSPKI(rsaPublicKeyPem('rsa'), 'ES256'));
      await expectKeyInvalid(importSPKI(rsaPublicKeyPem('rsa'), 'EdDSA'));
    });

    test('rejects id-RSASSA-PSS keys', async () => {
      const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
      await expectKeyInvalid(importSPKI(pss.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'PS256'));
      await expectKeyInvalid(importSPKI(pss.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'RS256'));
    });

    test.each(['HS256', 'HS384', 'HS512'])('%s is a TypeError', async (alg) => {
      await expect(importSPKI(spkiPem('p256'), alg as Algorithm)).rejects.toBeUsageError();
    });

    test.each(['none', 'RS1', 'ES256K', 'rs256', '', undefined, 256])('unknown alg %j is TypeError', async (alg) => {
      await expect(importSPKI(spkiPem('p256'), alg as Algorithm)).rejects.toBeUsageError();
    });

    test('non-string PEM is TypeError', async () => {
      for (const value of [undefined, null, 42, {}, Buffer.from('pem')]) {
        await expect(importSPKI(value as string, 'ES256')).rejects.toBeUsageError();
      }
      await expect(importSPKI(Buffer.from(spkiPem('p256')) as unknown as string, 'ES256')).rejects.toBeUsageError();
    });
  });

  describe('importPKCS8', () => {
    test.each(PEM_CASES)('$alg PRIVATE KEY signs', async ({ alg, pair }) => {
      const privateKey = await importPKCS8(pkcs8Pem(pair), alg);

      expectPrivateKey(privateKey);
      await expectSignAndVerify(privateKey, await importSPKI(spkiPem(pair), alg), alg);
    });

    test.each(['RS256', 'PS256'] as const)('%s RSA PRIVATE KEY signs', async (alg) => {
      const privateKey = await importPKCS8(rsaPrivateKeyPem('rsa'), alg);

      expectPrivateKey(privateKey);
      await expectSignAndVerify(privateKey, await importSPKI(spkiPem('rsa'), alg), alg);
    });

    test.each([
      { alg: 'ES256', pair: 'p256' },
      { alg: 'ES384', pair: 'p384' },
      { alg: 'ES512', pair: 'p521' },
    ] as const)('$alg EC PRIVATE KEY signs', async ({ alg, pair }) => {
      const privateKey = await importPKCS8(ecPrivateKeyPem(pair), alg);

      expectPrivateKey(privateKey);
      await expectSignAndVerify(privateKey, await importSPKI(spkiPem(pair), alg), alg);
    });

    test('EC PRIVATE KEY without curve', async () => {
      // RFC 5915 makes the [0] parameters optional, so the curve then comes from the algorithm.
      const children = derChildren(pemBody(ecPrivateKeyPem('p256')));
      const withoutParameters = derSequence(children.filter((child) => child[0] !== 0xa0));
      expect(withoutParameters.length).toBeLessThan(pemBody(ecPrivateKeyPem('p256')).length);

      const privateKey = await importPKCS8(toPem('EC PRIVATE KEY', withoutParameters), 'ES256');
      await expectSignAndVerify(privateKey, await importSPKI(spkiPem('p256'), 'ES256'), 'ES256');
      await expectKeyInvalid(importPKCS8(toPem('EC PRIVATE KEY', withoutParameters), 'ES384'));
    });

    test('accepts surrounding whitespace', async () => {
      for (const [name, pem] of [...whitespaceVariants(pkcs8Pem('ed25519')), ...whitespaceVariants(ecPrivateKeyPem('p256'))]) {
        const key = await importPKCS8(pem, pem.includes('EC PRIVATE') ? 'ES256' : 'EdDSA');
        expect(key.type, name).toBe('private');
      }
      for (const [name, pem] of whitespaceVariants(rsaPrivateKeyPem('rsa'))) {
        const key = await importPKCS8(pem, 'RS256');
        expect(key.type, name).toBe('private');
      }
    });

    test('extractable option allows export', async () => {
      const key = await importPKCS8(pkcs8Pem('p256'), 'ES256', { extractable: true });
      expectPrivateKey(key, true);
      expect(await exportPKCS8(key)).toBe(pkcs8Pem('p256'));
    });

    test.each(['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'PRIVATEKEY', 'EC PARAMETERS', 'OPENSSH PRIVATE KEY'])('rejects %s label', async (label) => {
      await expectKeyInvalid(importPKCS8(relabel(pkcs8Pem('p256'), label), 'ES256'));
    });

    test('rejects public key PEMs', async () => {
      await expectKeyInvalid(importPKCS8(spkiPem('p256'), 'ES256'));
      await expectKeyInvalid(importPKCS8(rsaPublicKeyPem('rsa'), 'RS256'));
      await expectKeyInvalid(importPKCS8(p256Certificate, 'ES256'));
    });

    test('rejects ENCRYPTED PRIVATE KEY', async () => {
      const encrypted = pairs.p256.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'test only' }).toString();
      expect(encrypted).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
      await expectKeyInvalid(importPKCS8(encrypted, 'ES256'));
    });

    test('rejects legacy encrypted RSA PRIVATE KEY', async () => {
      const encrypted = pairs.rsa.privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'test only' }).toString();
      expect(encrypted).toContain('Proc-Type: 4,ENCRYPTED');
      await expectKeyInvalid(importPKCS8(encrypted, 'RS256'));
    });

    test('rejects two PEM blocks', async () => {
      await expectKeyInvalid(importPKCS8(pkcs8Pem('p256') + pkcs8Pem('p256'), 'ES256'));
      await expectKeyInvalid(importPKCS8(`${p256Certificate}${p256PrivateKey}`, 'ES256'));
    });

    test('rejects text without a block', async () => {
      await expectKeyInvalid(importPKCS8('', 'ES256'));
      await expectKeyInvalid(importPKCS8(pkcs8Pem('p256').replace(/-----(BEGIN|END) PRIVATE KEY-----/g, ''), 'ES256'));
    });

    test('rejects invalid base64 body', async () => {
      const pem = pkcs8Pem('p256');
      await expectKeyInvalid(importPKCS8(pem.replace(/\n([A-Za-z0-9+/])/, '\n*'), 'ES256'));
      await expectKeyInvalid(importPKCS8(pem.replace(/\n[A-Za-z0-9+/]/, '\n'), 'ES256'));
    });

    test('rejects truncated DER', async () => {
      const pkcs8 = pemBody(pkcs8Pem('p256'));
      const pkcs1 = pemBody(rsaPrivateKeyPem('rsa'));
      const sec1 = pemBody(ecPrivateKeyPem('p256'));

      for (const length of [1, 2, 30, pkcs8.length - 1]) {
        await expectKeyInvalid(importPKCS8(toPem('PRIVATE KEY', pkcs8.slice(0, length)), 'ES256'));
      }
      await expectKeyInvalid(importPKCS8(toPem('RSA PRIVATE KEY', pkcs1.slice(0, pkcs1.length - 1)), 'RS256'));
      await expectKeyInvalid(importPKCS8(toPem('EC PRIVATE KEY', sec1.slice(0, sec1.length - 1)), 'ES256'));
    });

    test('rejects data after the DER', async () => {
      await expectKeyInvalid(importPKCS8(toPem('PRIVATE KEY', Uint8Array.of(...pemBody(pkcs8Pem('p256')), 0, 0)), 'ES256'));
      await expectKeyInvalid(importPKCS8(toPem('RSA PRIVATE KEY', Uint8Array.of(...pemBody(rsaPrivateKeyPem('rsa')), 0, 0)), 'RS256'));
      await expectKeyInvalid(importPKCS8(toPem('EC PRIVATE KEY', Uint8Array.of(...pemBody(ecPrivateKeyPem('p256')), 0, 0)), 'ES256'));
    });

    test.each([
      { name: 'P-384 key for ES256', pair: 'p384', alg: 'ES256' },
      { name: 'P-521 key for ES384', pair: 'p521', alg: 'ES384' },
      { name: 'RSA key for ES256', pair: 'rsa', alg: 'ES256' },
      { name: 'Ed25519 key for RS256', pair: 'ed25519', alg: 'RS256' },
      { name: 'P-256 key for EdDSA', pair: 'p256', alg: 'EdDSA' },
      { name: 'RSA 1024 for RS256', pair: 'rsa1024', alg: 'RS256' },
      { name: 'RSA 1024 for PS256', pair: 'rsa1024', alg: 'PS256' },
    ] as const)('rejects $name', async ({ pair, alg }) => {
      await expectKeyInvalid(importPKCS8(pkcs8Pem(pair), alg));
    });

    test('rejects mismatched EC PRIVATE KEY', async () => {
      await expectKeyInvalid(importPKCS8(ecPrivateKeyPem('p384'), 'ES256'));
      await expectKeyInvalid(importPKCS8(ecPrivateKeyPem('p256'), 'ES512'));
      await expectKeyInvalid(importPKCS8(ecPrivateKeyPem('p256'), 'RS256'));
      await expectKeyInvalid(importPKCS8(ecPrivateKeyPem('p256'), 'EdDSA'));
    });

    test('rejects mismatched RSA PRIVATE KEY', async () => {
      await expectKeyInvalid(importPKCS8(rsaPrivateKeyPem('rsa'), 'ES256'));
      await expectKeyInvalid(importPKCS8(rsaPrivateKeyPem('rsa'), 'EdDSA'));
      await expectKeyInvalid(importPKCS8(rsaPrivateKeyPem('rsa1024'), 'RS256'));
    });

    test('rejects id-RSASSA-PSS keys', async () => {
      const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
      await expectKeyInvalid(importPKCS8(pss.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'PS256'));
    });

    test.each(['HS256', 'HS512', 'none', 'RS1', undefined])('alg %j is TypeError', async (alg) => {
      await expect(importPKCS8(pkcs8Pem('p256'), alg as Algorithm)).rejects.toBeUsageError();
    });

    test('non-string PEM is TypeError', async () => {
      for (const value of [undefined, null, 42, {}, Buffer.from(pkcs8Pem('p256'))]) {
        await expect(importPKCS8(value as string, 'ES256')).rejects.toBeUsageError();
      }
    });
  });

  describe('importX509', () => {
    test.each([
      { name: 'RSA certificate RS256', certificate: () => rsaCertificate, privatePem: () => rsaPrivateKey, alg: 'RS256' },
      { name: 'RSA certificate PS256', certificate: () => rsaCertificate, privatePem: () => rsaPrivateKey, alg: 'PS256' },
      { name: 'RSA certificate RS512', certificate: () => rsaCertificate, privatePem: () => rsaPrivateKey, alg: 'RS512' },
      { name: 'P-256 certificate ES256', certificate: () => p256Certificate, privatePem: () => p256PrivateKey, alg: 'ES256' },
      { name: 'Ed25519 certificate EdDSA', certificate: () => ed25519Certificate, privatePem: () => ed25519PrivateKey, alg: 'EdDSA' },
      { name: 'Ed25519 certificate Ed25519', certificate: () => ed25519Certificate, privatePem: () => ed25519PrivateKey, alg: 'Ed25519' },
      { name: 'version 1 certificate', certificate: () => p256V1Certificate, privatePem: () => p256V1PrivateKey, alg: 'ES256' },
    ] as const)('$name verifies', async ({ certificate, privatePem, alg }) => {
      const publicKey = await importX509(certificate(), alg);
      const privateKey = await importPKCS8(privatePem(), alg);

      expectPublicKey(publicKey);
      await expectSignAndVerify(privateKey, publicKey, alg);
    });

    test('matches the certificate public key', async () => {
      const cases: [string, Algorithm][] = [
        [rsaCertificate, 'RS256'],
        [p256Certificate, 'ES256'],
        [ed25519Certificate, 'EdDSA'],
        [p256V1Certificate, 'ES256'],
      ];
      for (const [certificate, alg] of cases) {
        const key = await importX509(certificate, alg, { extractable: true });

        expectPublicKey(key, true);
        expect(await exportSPKI(key)).toBe(certificatePublicPem(certificate));
      }
    });

    test('other certificate fails verification', async () => {
      const token = await sign({ sub: 'key-test' }, await importPKCS8(p256PrivateKey, 'ES256'), { alg: 'ES256' });
      await expectJwtError(verify(token, await importX509(p256V1Certificate, 'ES256'), { algorithms: ['ES256'] }), 'ERR_JWT_SIGNATURE_INVALID');
    });

    test('accepts surrounding whitespace', async () => {
      for (const [name, pem] of whitespaceVariants(p256Certificate)) {
        const key = await importX509(pem, 'ES256');
        expect(key.type, name).toBe('public');
      }
    });

    test.each(['PUBLIC KEY', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE', 'CERTIFICATE REQUEST', 'PRIVATE KEY'])('rejects %s label', async (label) => {
      await expectKeyInvalid(importX509(relabel(p256Certificate, label), 'ES256'));
    });

    test('rejects key PEMs', async () => {
      await expectKeyInvalid(importX509(spkiPem('p256'), 'ES256'));
      await expectKeyInvalid(importX509(p256PrivateKey, 'ES256'));
    });

    test('rejects two certificates', async () => {
      await expectKeyInvalid(importX509(p256Certificate + p256V1Certificate, 'ES256'));
      await expectKeyInvalid(importX509(`${p256Certificate}\n${p256PrivateKey}`, 'ES256'));
    });

    test('rejects text without a block', async () => {
      await expectKeyInvalid(importX509('', 'ES256'));
      await expectKeyInvalid(importX509(p256Certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, ''), 'ES256'));
    });

    test('rejects truncated certificate', async () => {
      const der = pemBody(p256Certificate);
      for (const length of [1, 2, 40, 200, der.length - 1]) {
        await expectKeyInvalid(importX509(toPem('CERTIFICATE', der.slice(0, length)), 'ES256'));
      }
    });

    test('rejects data after the certificate', async () => {
      await expectKeyInvalid(importX509(toPem('CERTIFICATE', Uint8Array.of(...pemBody(p256Certificate), 0, 0)), 'ES256'));
    });

    test('rejects DER that is no certificate', async () => {
      await expectKeyInvalid(importX509(toPem('CERTIFICATE', spkiDer('p256')), 'ES256'));
      await expectKeyInvalid(importX509(toPem('CERTIFICATE', Uint8Array.of(0x30, 0x00)), 'ES256'));
      await expectKeyInvalid(importX509(toPem('CERTIFICATE', Uint8Array.of(0x02, 0x01, 0x00)), 'ES256'));
    });

    test.each([
      { name: 'RSA certificate for ES256', certificate: () => rsaCertificate, alg: 'ES256' },
      { name: 'P-256 certificate for ES384', certificate: () => p256Certificate, alg: 'ES384' },
      { name: 'P-256 certificate for RS256', certificate: () => p256Certificate, alg: 'RS256' },
      { name: 'Ed25519 certificate for RS256', certificate: () => ed25519Certificate, alg: 'RS256' },
      { name: 'Ed25519 certificate for ES256', certificate: () => ed25519Certificate, alg: 'ES256' },
    ] as const)('rejects $name', async ({ certificate, alg }) => {
      await expectKeyInvalid(importX509(certificate(), alg));
    });

    test.each(['HS256', 'none', 'RS1', undefined])('alg %j is TypeError', async (alg) => {
      await expect(importX509(p256Certificate, alg as Algorithm)).rejects.toBeUsageError();
    });

    test('non-string PEM is TypeError', async () => {
      for (const value of [undefined, null, 42, {}, Buffer.from(p256Certificate)]) {
        await expect(importX509(value as string, 'ES256')).rejects.toBeUsageError();
      }
    });
  });

  describe('importJWK', () => {
    test('RFC 7515 A.2 reproduces signature', async () => {
      const privateKey = await importJWK(rfc7515RsaPrivate, 'RS256');

      expectPrivateKey(privateKey);
      expect(await compactSign(rfc7515Payload, privateKey, { alg: 'RS256' })).toBe(rfc7515RsaJws);
    });

    test('RFC 7515 A.2 public verifies', async () => {
      const publicKey = await importJWK(rfc7515RsaPublic, 'RS256');
      const { payload } = await compactVerify(rfc7515RsaJws, publicKey, { algorithms: ['RS256'] });

      expectPublicKey(publicKey);
      expect(new TextDecoder().decode(payload)).toBe(rfc7515Payload);
    });

    test('RFC 7515 A.3 public verifies', async () => {
      const publicKey = await importJWK(rfc7515EcPublic, 'ES256');
      const { payload } = await compactVerify(rfc7515EcJws, publicKey, { algorithms: ['ES256'] });

      expectPublicKey(publicKey);
      expect(new TextDecoder().decode(payload)).toBe(rfc7515Payload);
    });

    test('RFC 7515 A.3 private signs', async () => {
      const privateKey = await importJWK(rfc7515EcPrivate, 'ES256');

      expectPrivateKey(privateKey);
      await expectSignAndVerify(privateKey, await importJWK(rfc7515EcPublic, 'ES256'), 'ES256');
    });

    test('RFC 8037 A.1 private signs', async () => {
      const privateKey = await importJWK(rfc8037Private, 'EdDSA');
      await expectSignAndVerify(privateKey, await importJWK(rfc8037Public, 'EdDSA'), 'EdDSA');
      await expectSignAndVerify(await importJWK(rfc8037Private, 'Ed25519'), await importJWK(rfc8037Public, 'Ed25519'), 'Ed25519');
    });

    test('alg member picks algorithm', async () => {
      const publicKey = await importJWK({ ...rfc7515RsaPublic, alg: 'RS256' });
      const ecKey = await importJWK({ ...rfc7515EcPrivate, alg: 'ES256' });

      await compactVerify(rfc7515RsaJws, publicKey, { algorithms: ['RS256'] });
      expect(publicKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
      expect(ecKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    });

    test('alg argument matching alg member', async () => {
      const publicKey = await importJWK({ ...rfc7515EcPublic, alg: 'ES256', use: 'sig', key_ops: ['verify'], kid: 'a' }, 'ES256');
      const privateKey = await importJWK({ ...rfc7515EcPrivate, alg: 'ES256', use: 'sig', key_ops: ['sign'] }, 'ES256');
      await expectSignAndVerify(privateKey, publicKey, 'ES256');
    });

    test('EdDSA and Ed25519 alg members', async () => {
      await expectSignAndVerify(await importJWK({ ...rfc8037Private, alg: 'Ed25519' }, 'EdDSA'), await importJWK({ ...rfc8037Public, alg: 'EdDSA' }, 'Ed25519'), 'EdDSA');
    });

    test('same RSA key for PS256', async () => {
      const privateKey = await importJWK(rfc7515RsaPrivate, 'PS256');
      const publicKey = await importJWK(rfc7515RsaPublic, 'PS256');

      expect(privateKey.algorithm.name).toBe('RSA-PSS');
      await expectSignAndVerify(privateKey, publicKey, 'PS256');
    });

    test.each(PEM_CASES)('Node $alg JWK round trip', async ({ alg, pair }) => {
      await expectSignAndVerify(await importJWK(privateJwk(pair), alg), await importJWK(publicJwk(pair), alg), alg);
    });

    test('missing alg is TypeError', async () => {
      await expect(importJWK(rfc7515EcPublic)).rejects.toBeUsageError();
      await expect(importJWK(rfc7515OctKey)).rejects.toBeUsageError();
    });

    test.each(['none', 'ES256K', 'es256', 'HS1', ''])('unknown alg %j is TypeError', async (alg) => {
      await expect(importJWK(rfc7515EcPublic, alg as Algorithm)).rejects.toBeUsageError();
      await expect(importJWK({ ...rfc7515EcPublic, alg })).rejects.toBeUsageError();
    });

    test('non-object JWK is TypeError', async () => {
      for (const value of [null, undefined, 'jwk', 42, {}, { kty: 1 }, { kty: null }]) {
        await expect(importJWK(value as JWK, 'ES256')).rejects.toBeUsageError();
      }
    });

    test('rejects alg member mismatch', async () => {
      await expectKeyInvalid(importJWK({ ...rfc7515RsaPublic, alg: 'RS256' }, 'PS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515RsaPublic, alg: 'RS384' }, 'RS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515RsaPrivate, alg: 'PS256' }, 'RS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, alg: 'ES384' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, alg: 'HS256' }, 'ES256'));
      await expectKeyInvalid(importJWK(asJwk({ ...rfc7515EcPublic, alg: 42 }), 'ES256'));
    });

    test('rejects use mismatch', async () => {
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, use: 'enc' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPrivate, use: 'enc' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, use: 'SIG' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515OctKey, use: 'enc' }, 'HS256'));
    });

    test('rejects key_ops mismatch', async () => {
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, key_ops: ['encrypt'] }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, key_ops: ['sign'] }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, key_ops: [] }, 'ES256'));
      await expectKeyInvalid(importJWK(asJwk({ ...rfc7515EcPublic, key_ops: 'verify' }), 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPrivate, key_ops: ['verify'] }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515OctKey, key_ops: ['encrypt'] }, 'HS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515OctKey, key_ops: [] }, 'HS256'));
      await expectKeyInvalid(importJWK(asJwk({ ...rfc7515OctKey, key_ops: 'sign' }), 'HS256'));
    });

    test('rejects kty and crv mismatch', async () => {
      await expectKeyInvalid(importJWK(rfc7515EcPublic, 'RS256'));
      await expectKeyInvalid(importJWK(rfc7515RsaPublic, 'ES256'));
      await expectKeyInvalid(importJWK(rfc8037Public, 'ES256'));
      await expectKeyInvalid(importJWK(rfc7515EcPublic, 'EdDSA'));
      await expectKeyInvalid(importJWK(rfc7515EcPublic, 'ES384'));
      await expectKeyInvalid(importJWK(rfc7515OctKey, 'RS256'));
      await expectKeyInvalid(importJWK(rfc7515RsaPublic, 'HS256'));
      await expectKeyInvalid(importJWK({ ...rfc8037Public, crv: 'Ed448' }, 'EdDSA'));
      await expectKeyInvalid(importJWK({ ...rfc8037Public, crv: 'X25519' }, 'EdDSA'));
    });

    test('rejects RSA 1024 JWK', async () => {
      await expectKeyInvalid(importJWK(publicJwk('rsa1024'), 'RS256'));
      await expectKeyInvalid(importJWK(privateJwk('rsa1024'), 'RS256'));
      await expectKeyInvalid(importJWK(publicJwk('rsa1024'), 'PS256'));
    });

    test('rejects malformed key members', async () => {
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: 'not base64url!' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: 'AAAA' }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: 42 as unknown as string }, 'ES256'));
      await expectKeyInvalid(importJWK({ kty: 'EC', crv: 'P-256', x: rfc7515EcPublic.x }, 'ES256'));
      await expectKeyInvalid(importJWK({ kty: 'RSA', e: 'AQAB' }, 'RS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515RsaPublic, n: 'not base64url!' }, 'RS256'));
      await expectKeyInvalid(importJWK({ ...rfc7515RsaPrivate, oth: [{ r: 'AQAB', d: 'AQAB', t: 'AQAB' }] }, 'RS256'));
      await expectKeyInvalid(importJWK({ ...rfc8037Public, x: 'AAAA' }, 'EdDSA'));
    });

    // Node 20's WebCrypto JWK import alone accepts padding, whitespace, the standard alphabet and
    // non-zero unused bits, so these pass only because jwtkit decodes every member strictly first.
    test('rejects non-canonical base64url members', async () => {
      const x = rfc7515EcPublic.x;
      const y = rfc7515EcPublic.y;

      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: `${x}=` }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: `${x.slice(0, 10)} ${x.slice(10)}` }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, y: y.replace('_', '/') }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, x: `${x.slice(0, -1)}V` }, 'ES256'));
      await expectKeyInvalid(importJWK({ ...rfc8037Public, x: `${rfc8037Public.x}=` }, 'EdDSA'));
    });

    test('rejects point off the curve', async () => {
      const y = rfc7515EcPublic.y;
      const otherY = (y.startsWith('x') ? 'y' : 'x') + y.slice(1);
      await expectKeyInvalid(importJWK({ ...rfc7515EcPublic, y: otherY }, 'ES256'));
    });

    test('oct JWK signs and verifies', async () => {
      const key = await importJWK(rfc7515OctKey, 'HS256');

      expect(key.type).toBe('secret');
      expect([...key.usages].sort()).toEqual(['sign', 'verify']);
      await compactVerify(rfc7515HmacJws, key, { algorithms: ['HS256'] });
      await expectSignAndVerify(key, key, 'HS256');
      await expectSignAndVerify(await importJWK(rfc7515OctKey, 'HS512'), rfc7515OctKey, 'HS512');
    });

    test('oct key_ops limit usages', async () => {
      const verifyOnly = await importJWK({ ...rfc7515OctKey, key_ops: ['verify'] }, 'HS256');
      const signOnly = await importJWK({ ...rfc7515OctKey, key_ops: ['sign'] }, 'HS256');

      expect(verifyOnly.usages).toEqual(['verify']);
      expect(signOnly.usages).toEqual(['sign']);
      await expectKeyInvalid(sign({}, verifyOnly, { alg: 'HS256' }));
      await expectSignAndVerify(signOnly, verifyOnly, 'HS256');
    });

    test('rejects short oct k', async () => {
      const bytes = (length: number): string => Buffer.alloc(length, 7).toString('base64url');

      await expectKeyInvalid(importJWK({ kty: 'oct', k: bytes(31) }, 'HS256'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: bytes(47) }, 'HS384'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: bytes(63) }, 'HS512'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: bytes(32) }, 'HS384'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: '' }, 'HS256'));
      expect((await importJWK({ kty: 'oct', k: bytes(32) }, 'HS256')).type).toBe('secret');
      expect((await importJWK({ kty: 'oct', k: bytes(64) }, 'HS512')).type).toBe('secret');
    });

    test('rejects malformed oct k', async () => {
      await expectKeyInvalid(importJWK({ kty: 'oct' }, 'HS256'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: 42 as unknown as string }, 'HS256'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: `${rfc7515OctKey.k}==` }, 'HS256'));
      await expectKeyInvalid(importJWK({ kty: 'oct', k: rfc7515OctKey.k.replace(/-/g, '+') }, 'HS256'));
    });
  });

  describe('generateKeyPair', () => {
    test.each(ASYMMETRIC_ALGORITHMS)('%s round trip', async (alg) => {
      const { privateKey, publicKey } = await generateKeyPair(alg);

      expectPrivateKey(privateKey);
      expectPublicKey(publicKey, true);
      await expectSignAndVerify(privateKey, publicKey, alg);
    });

    test('key algorithms fit the alg', async () => {
      const rsa = await generateKeyPair('PS384');
      const ec = await generateKeyPair('ES512');
      const ed = await generateKeyPair('EdDSA');

      expect(rsa.privateKey.algorithm).toMatchObject({ name: 'RSA-PSS', modulusLength: 2048, hash: { name: 'SHA-384' } });
      expect(ec.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-521' });
      expect(ed.privateKey.algorithm).toMatchObject({ name: 'Ed25519' });
    });

    test('default private key not extractable', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');

      await expectKeyInvalid(exportJWK(privateKey));
      await expectKeyInvalid(exportPKCS8(privateKey));
      expect((await exportJWK(publicKey)).kty).toBe('EC');
    });

    test('extractable private key exports', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const jwk = await exportJWK(privateKey);

      expectPrivateKey(privateKey, true);
      expect(typeof jwk.d).toBe('string');
      await expectSignAndVerify(await importPKCS8(await exportPKCS8(privateKey), 'ES256'), publicKey, 'ES256');
    });

    test.each(['HS256', 'HS384', 'HS512'])('%s is a TypeError', async (alg) => {
      await expect(generateKeyPair(alg as Algorithm)).rejects.toBeUsageError();
    });

    test.each(['none', 'RS1', 'ES256K', '', undefined])('unknown alg %j is TypeError', async (alg) => {
      await expect(generateKeyPair(alg as Algorithm)).rejects.toBeUsageError();
    });

    test.each([1024, 2049, 2047, 2040, 0, -2048, 2048.5, Number.NaN, Number.POSITIVE_INFINITY, '2048'])('modulusLength %j is TypeError', async (modulusLength) => {
      await expect(generateKeyPair('RS256', { modulusLength: modulusLength as number })).rejects.toBeUsageError();
    });
  });

  describe('generateSecret', () => {
    test.each([
      ['HS256', 32],
      ['HS384', 48],
      ['HS512', 64],
    ] as const)('%s secret has %i bytes', async (alg, length) => {
      const first = generateSecret(alg);
      const second = generateSecret(alg);

      expect(first).toBeInstanceOf(Uint8Array);
      expect(first.length).toBe(length);
      expect(second.length).toBe(length);
      expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
      expect(first.some((byte) => byte !== 0)).toBe(true);

      const token = await sign({ sub: 'key-test' }, first, { alg });
      expect((await verify(token, first, { algorithms: [alg] })).payload.sub).toBe('key-test');
      await expectJwtError(verify(token, second, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE_INVALID');
    });

    test.each(['RS256', 'ES256', 'EdDSA', 'none', 'HS1', undefined])('alg %j is TypeError', (alg) => {
      expect(() => generateSecret(alg as Algorithm)).toThrowUsageError();
    });
  });

  describe('exportJWK', () => {
    test.each(PEM_CASES)('$alg keys export and reimport', async ({ alg, pair }) => {
      const privateKey = await importPKCS8(pkcs8Pem(pair), alg, { extractable: true });
      const publicKey = await importSPKI(spkiPem(pair), alg, { extractable: true });
      const privateExport = await exportJWK(privateKey);
      const publicExport = await exportJWK(publicKey);

      for (const jwk of [privateExport, publicExport]) {
        expect(jwk).not.toHaveProperty('ext');
        expect(jwk).not.toHaveProperty('key_ops');
      }
      expect(privateExport).toMatchObject(privateJwk(pair));
      expect(publicExport).toMatchObject(publicJwk(pair));
      expect(publicExport).not.toHaveProperty('d');
      await expectSignAndVerify(await importJWK(privateExport, alg), await importJWK(publicExport, alg), alg);
    });

    test('RSA private JWK members', async () => {
      const jwk = await exportJWK(await importPKCS8(pkcs8Pem('rsa'), 'RS256', { extractable: true }));
      for (const member of ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi']) {
        expect(typeof jwk[member], member).toBe('string');
      }
      expect(jwk.kty).toBe('RSA');
    });

    test('generated public key exports', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES384');
      const jwk = await exportJWK(publicKey);

      expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
      await expectSignAndVerify(privateKey, jwk, 'ES384');
    });

    test('Uint8Array gives oct JWK', async () => {
      const secret = generateSecret('HS256');
      const jwk = await exportJWK(secret);

      expect(jwk).toEqual({ kty: 'oct', k: Buffer.from(secret).toString('base64url') });
      await expectSignAndVerify(await importJWK(jwk, 'HS256'), secret, 'HS256');
      expect(await exportJWK(Buffer.from([0xfb, 0xff]))).toEqual({ kty: 'oct', k: '-_8' });
    });

    test('rejects non-extractable keys', async () => {
      await expectKeyInvalid(exportJWK(await importPKCS8(pkcs8Pem('p256'), 'ES256')));
      await expectKeyInvalid(exportJWK(await importSPKI(spkiPem('p256'), 'ES256')));
      await expectKeyInvalid(exportJWK(await importJWK(rfc7515OctKey, 'HS256')));
    });

    test('non-key is TypeError', async () => {
      for (const value of [undefined, null, 'secret', 42, {}, rfc7515EcPublic, [1, 2]]) {
        await expect(exportJWK(value as CryptoKey)).rejects.toBeUsageError();
      }
    });
  });

  describe('exportSPKI and exportPKCS8', () => {
    function expectPemLayout(pem: string, label: string): void {
      const lines = pem.split('\n');
      const body = lines.slice(1, -2);

      expect(lines[0]).toBe(`-----BEGIN ${label}-----`);
      expect(lines.at(-2)).toBe(`-----END ${label}-----`);
      expect(lines.at(-1)).toBe('');
      expect(body.length).toBeGreaterThan(0);
      for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
      expect(body.at(-1)?.length).toBeGreaterThan(0);
      expect(body.at(-1)?.length).toBeLessThanOrEqual(64);
      expect(body.join('')).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    }

    test.each(PEM_CASES)('$alg PEM round trip', async ({ alg, pair }) => {
      const privatePem = await exportPKCS8(await importPKCS8(pkcs8Pem(pair), alg, { extractable: true }));
      const publicPem = await exportSPKI(await importSPKI(spkiPem(pair), alg, { extractable: true }));

      expectPemLayout(privatePem, 'PRIVATE KEY');
      expectPemLayout(publicPem, 'PUBLIC KEY');
      expect(publicPem).toBe(spkiPem(pair));
      expect(createPrivateKey(privatePem).equals(pairs[pair].privateKey)).toBe(true);
      await expectSignAndVerify(await importPKCS8(privatePem, alg), await importSPKI(publicPem, alg), alg);
    });

    test('generated keys export as PEM', async () => {
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
      const privatePem = await exportPKCS8(privateKey);
      const publicPem = await exportSPKI(publicKey);

      expectPemLayout(privatePem, 'PRIVATE KEY');
      expectPemLayout(publicPem, 'PUBLIC KEY');
      await expectSignAndVerify(await importPKCS8(privatePem, 'EdDSA'), await importSPKI(publicPem, 'EdDSA'), 'EdDSA');
    });

    test('wrong key type is TypeError', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });

      await expect(exportSPKI(privateKey)).rejects.toBeUsageError();
      await expect(exportPKCS8(publicKey)).rejects.toBeUsageError();
      await expect(exportSPKI(await importJWK(rfc7515OctKey, 'HS256'))).rejects.toBeUsageError();
      await expect(exportPKCS8(generateSecret('HS256') as unknown as CryptoKey)).rejects.toBeUsageError();
      await expect(exportSPKI(spkiPem('p256') as unknown as CryptoKey)).rejects.toBeUsageError();
    });

    test('rejects non-extractable keys', async () => {
      await expectKeyInvalid(exportPKCS8(await importPKCS8(pkcs8Pem('p256'), 'ES256')));
      await expectKeyInvalid(exportSPKI(await importSPKI(spkiPem('p256'), 'ES256')));
      await expectKeyInvalid(exportSPKI(await importX509(p256Certificate, 'ES256')));
    });
  });

  describe('calculateJwkThumbprint', () => {
    test('RFC 7638 example', async () => {
      expect(await calculateJwkThumbprint(rfc7638Jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
      expect(await calculateJwkThumbprint(rfc7638Jwk, 'sha256')).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    });

    test('RFC 8037 A.3 example', async () => {
      expect(await calculateJwkThumbprint(rfc8037Public)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    });

    test('private JWK matches public half', async () => {
      expect(await calculateJwkThumbprint(rfc8037Private)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
      expect(await calculateJwkThumbprint(rfc7515EcPrivate)).toBe(await calculateJwkThumbprint(rfc7515EcPublic));
      expect(await calculateJwkThumbprint(rfc7515RsaPrivate)).toBe(await calculateJwkThumbprint(rfc7515RsaPublic));
      expect(await calculateJwkThumbprint(privateJwk('p521'), 'sha512')).toBe(await calculateJwkThumbprint(publicJwk('p521'), 'sha512'));
    });

    test('matches hand-built canonical JSON', async () => {
      const ecJson = `{"crv":"P-256","kty":"EC","x":"${rfc7515EcPublic.x}","y":"${rfc7515EcPublic.y}"}`;
      const octJson = `{"k":"${rfc7515OctKey.k}","kty":"oct"}`;

      expect(await calculateJwkThumbprint(rfc7515EcPrivate)).toBe(createHash('sha256').update(ecJson).digest('base64url'));
      expect(await calculateJwkThumbprint(rfc7515OctKey)).toBe(createHash('sha256').update(octJson).digest('base64url'));
      expect(await calculateJwkThumbprint(rfc7515EcPublic, 'sha384')).toBe(createHash('sha384').update(ecJson).digest('base64url'));
      expect(await calculateJwkThumbprint(rfc7515OctKey, 'sha512')).toBe(createHash('sha512').update(octJson).digest('base64url'));
    });

    test('ignores member order and extras', async () => {
      const reversed = Object.fromEntries(Object.entries(rfc7638Jwk).reverse()) as JWK;
      const extended: JWK = { ...rfc7638Jwk, use: 'sig', key_ops: ['verify'], x5c: ['AAAA'], ext: true, d: 'AQAB', kid: 'other' };

      expect(Object.keys(reversed)[0]).toBe('kid');
      expect(await calculateJwkThumbprint(reversed)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
      expect(await calculateJwkThumbprint(extended)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
      expect(await calculateJwkThumbprint({ x: rfc8037Public.x, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    });

    test('digest lengths', async () => {
      expect(await calculateJwkThumbprint(rfc7638Jwk, 'sha256')).toHaveLength(43);
      expect(await calculateJwkThumbprint(rfc7638Jwk, 'sha384')).toHaveLength(64);
      expect(await calculateJwkThumbprint(rfc7638Jwk, 'sha512')).toHaveLength(86);
      expect(await calculateJwkThumbprint(rfc7638Jwk, 'sha384')).not.toBe((await calculateJwkThumbprint(rfc7638Jwk, 'sha512')).slice(0, 64));
    });

    test.each([
      ['RSA', rfc7515RsaPublic, ['e', 'n']],
      ['EC', rfc7515EcPublic, ['crv', 'x', 'y']],
      ['OKP', rfc8037Public, ['crv', 'x']],
      ['oct', rfc7515OctKey, ['k']],
    ] as [string, JWK, string[]][])('%s rejects missing members', async (_kty, jwk, members) => {
      expect(await calculateJwkThumbprint(jwk)).toHaveLength(43);
      for (const member of members) {
        const withoutMember = asJwk(Object.fromEntries(Object.entries(jwk).filter(([name]) => name !== member)));
        await expectKeyInvalid(calculateJwkThumbprint(withoutMember));
        await expectKeyInvalid(calculateJwkThumbprint({ ...jwk, [member]: '' }));
        await expectKeyInvalid(calculateJwkThumbprint({ ...jwk, [member]: 42 }));
      }
    });

    test.each(['oct2', 'ec', 'rsa', 'OKP ', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('rejects kty %j', async (kty) => {
      await expectKeyInvalid(calculateJwkThumbprint({ ...rfc7515EcPublic, kty }));
    });

    test('rejects non-string kty', async () => {
      await expectKeyInvalid(calculateJwkThumbprint({ ...rfc7515EcPublic, kty: 42 as unknown as string }));
      await expectKeyInvalid(calculateJwkThumbprint({ x: 'AAAA' } as unknown as JWK));
    });

    test('non-object JWK is TypeError', async () => {
      for (const value of [null, undefined, 'jwk', 42]) {
        await expect(calculateJwkThumbprint(value as unknown as JWK)).rejects.toBeUsageError();
      }
    });

    test.each(['sha1', 'SHA-256', 'sha-256', '', 'toString', 'constructor'])('digest %j is TypeError', async (digest) => {
      await expect(calculateJwkThumbprint(rfc7638Jwk, digest as 'sha256')).rejects.toBeUsageError();
    });
  });
});
