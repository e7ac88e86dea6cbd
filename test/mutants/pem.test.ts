/**
 * Edge cases of PEM decoding, the DER reader and the PEM and JWK import functions that
 * test/keys.test.ts does not reach. They cover boundary lengths, swapped armour lines,
 * relabelled key bodies, String objects and functions passed as keys, and error causes.
 */

import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type JWK, importJWK, importPKCS8, importSPKI, importX509 } from '../../src/index.js';
import {
  type DerElement,
  ecPrivateKeyToPkcs8,
  keyAlgorithmOf,
  oidName,
  readChildren,
  readElement,
  rsaPrivateKeyToPkcs8,
  rsaPublicKeyToSpki,
} from '../../src/keys/der.js';
import { decodePem, encodePem } from '../../src/keys/pem.js';
import { p256Certificate, rsaPrivateKey } from '../fixtures/certificates.js';

// DER content octets of the object identifiers the tests build AlgorithmIdentifiers from.
const EC_PUBLIC_KEY_OID = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const P256_OID = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384_OID = [0x2b, 0x81, 0x04, 0x00, 0x22];
const P521_OID = [0x2b, 0x81, 0x04, 0x00, 0x23];
const ED25519_OID = [0x2b, 0x65, 0x70];
const RSA_ENCRYPTION_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/** Encodes one DER element with a short-form length (content under 128 bytes). */
function shortTlv(tag: number, content: number[]): number[] {
  expect(content.length).toBeLessThan(0x80);
  return [tag, content.length, ...content];
}

/** Encodes DER as PEM with Node's base64, independently of `encodePem`. */
function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Decodes the body of a single-block PEM text with Node's base64. */
function pemBody(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, ''), 'base64'));
}

/** Returns the rejection reason of `promise`, or undefined when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

/** Returns the curve or key type named by the AlgorithmIdentifier inside a PKCS #8 PrivateKeyInfo. */
function pkcs8KeyAlgorithm(pkcs8: Uint8Array): string | undefined {
  const [, algorithmIdentifier] = readChildren(pkcs8, readElement(pkcs8, 0));
  return keyAlgorithmOf(pkcs8, algorithmIdentifier as DerElement);
}

interface EcPair {
  spki: string;
  sec1: Uint8Array;
}

const keys = {} as { p256: EcPair; p384: EcPair; ed25519Spki: Uint8Array; ed448Spki: string; rsaPkcs1Public: string };

beforeAll(() => {
  for (const [name, namedCurve] of [['p256', 'P-256'], ['p384', 'P-384']] as const) {
    const pair = generateKeyPairSync('ec', { namedCurve });
    keys[name] = {
      spki: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      sec1: new Uint8Array(pair.privateKey.export({ format: 'der', type: 'sec1' })),
    };
  }
  keys.ed25519Spki = new Uint8Array(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }));
  keys.ed448Spki = generateKeyPairSync('ed448').publicKey.export({ format: 'pem', type: 'spki' }).toString();
  keys.rsaPkcs1Public = createPublicKey(createPrivateKey(rsaPrivateKey)).export({ format: 'pem', type: 'pkcs1' }).toString();
});

/** Returns the SEC 1 ECPrivateKey with its optional [0] curve parameters removed. */
function sec1WithoutCurve(sec1: Uint8Array): Uint8Array {
  const children = readChildren(sec1, readElement(sec1, 0)).filter((child) => child.tag !== 0xa0);
  const content = children.flatMap((child) => [...sec1.slice(child.offset, child.end)]);
  return Uint8Array.from(shortTlv(0x30, content));
}

describe('readElement', () => {
  test('rejects a lone tag byte', () => {
    expect(() => readElement(Uint8Array.of(0x05), 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects length octets past the end', () => {
    expect(() => readElement(Uint8Array.of(0x04, 0x82, 0x01), 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => readElement(Uint8Array.of(0x04, 0x81), 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects contents past the end', () => {
    expect(() => readElement(Uint8Array.of(0x04, 0x05, 0x01), 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects a child overrunning its parent', () => {
    // The SEQUENCE contains 3 bytes, but its OCTET STRING child claims 2 content bytes after its header.
    const der = Uint8Array.of(0x30, 0x03, 0x04, 0x02, 0x00, 0x00);
    const parent = readElement(der, 0);

    expect(parent.end).toBe(5);
    expect(() => readChildren(der, parent)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('accepts long form of 128', () => {
    const der = new Uint8Array(3 + 0x80);
    der.set([0x04, 0x81, 0x80]);

    expect(readElement(der, 0)).toEqual({ tag: 0x04, offset: 0, start: 3, end: 3 + 0x80 });
  });

  test('accepts four length octets', () => {
    const contentLength = 2 ** 24;
    const der = new Uint8Array(6 + contentLength);
    der.set([0x04, 0x84, 0x01, 0x00, 0x00, 0x00]);

    expect(readElement(der, 0)).toEqual({ tag: 0x04, offset: 0, start: 6, end: 6 + contentLength });
  });

  test('rejects a leading zero length octet', () => {
    const der = new Uint8Array(4 + 0x80);
    der.set([0x04, 0x82, 0x00, 0x80]);

    expect(() => readElement(der, 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects the indefinite length form', () => {
    expect(() => readElement(Uint8Array.of(0x30, 0x80, 0x00, 0x00), 0)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });
});

describe('oidName and keyAlgorithmOf', () => {
  test('oidName needs an OBJECT IDENTIFIER', () => {
    const oid = Uint8Array.from(shortTlv(0x06, P256_OID));
    const octetString = Uint8Array.from(shortTlv(0x04, P256_OID));

    expect(oidName(oid, readElement(oid, 0))).toBe('P-256');
    expect(oidName(octetString, readElement(octetString, 0))).toBeUndefined();
    expect(oidName(oid, undefined)).toBeUndefined();
  });

  test.each([
    { name: 'rsaEncryption with NULL', content: [...shortTlv(0x06, RSA_ENCRYPTION_OID), 0x05, 0x00], expected: 'rsaEncryption' },
    { name: 'ecPublicKey on P-384', content: [...shortTlv(0x06, EC_PUBLIC_KEY_OID), ...shortTlv(0x06, P384_OID)], expected: 'P-384' },
    { name: 'ecPublicKey on Ed25519', content: [...shortTlv(0x06, EC_PUBLIC_KEY_OID), ...shortTlv(0x06, ED25519_OID)], expected: undefined },
    { name: 'ecPublicKey without curve', content: shortTlv(0x06, EC_PUBLIC_KEY_OID), expected: undefined },
    { name: 'Ed25519 alone', content: shortTlv(0x06, ED25519_OID), expected: 'Ed25519' },
  ])('keyAlgorithmOf $name', ({ content, expected }) => {
    const der = Uint8Array.from(shortTlv(0x30, content));
    expect(keyAlgorithmOf(der, readElement(der, 0))).toBe(expected);
  });
});

describe('PKCS #1 and SEC 1 wrapping', () => {
  test('RSA wrappers need one SEQUENCE', () => {
    for (const wrap of [rsaPublicKeyToSpki, rsaPrivateKeyToPkcs8]) {
      expect(() => wrap(Uint8Array.of(0x04, 0x01, 0x00))).toThrowJwtError('ERR_JWT_KEY_INVALID');
      expect(() => wrap(Uint8Array.of(0x30, 0x01, 0x00, 0x00))).toThrowJwtError('ERR_JWT_KEY_INVALID');
      expect(() => wrap(Uint8Array.of(0x30, 0x00))).not.toThrow();
    }
  });

  test.each([126, 127])('SPKI wrapper encodes %i-byte input', (inputLength) => {
    // The BIT STRING adds one octet, so a 127-byte input makes its content exactly 128 bytes,
    // the first length that needs the long form.
    const pkcs1 = new Uint8Array(inputLength).fill(0x11);
    pkcs1.set([0x30, inputLength - 2]);

    const spki = rsaPublicKeyToSpki(pkcs1);
    const outer = readElement(spki, 0);
    const [algorithmIdentifier, bitString] = readChildren(spki, outer) as [DerElement, DerElement];

    expect(outer.end).toBe(spki.length);
    expect(keyAlgorithmOf(spki, algorithmIdentifier)).toBe('rsaEncryption');
    expect(bitString.tag).toBe(0x03);
    expect(bitString.end - bitString.start).toBe(inputLength + 1);
    expect(spki.slice(bitString.start, bitString.end)).toEqual(Uint8Array.of(0, ...pkcs1));
  });

  test('SEC 1 curve overrides the fallback', () => {
    expect(pkcs8KeyAlgorithm(ecPrivateKeyToPkcs8(keys.p384.sec1, 'P-256'))).toBe('P-384');
    expect(pkcs8KeyAlgorithm(ecPrivateKeyToPkcs8(keys.p256.sec1, undefined))).toBe('P-256');
  });

  test('SEC 1 without curve uses fallback', () => {
    const sec1 = sec1WithoutCurve(keys.p256.sec1);

    expect(pkcs8KeyAlgorithm(ecPrivateKeyToPkcs8(sec1, 'P-521'))).toBe('P-521');
    expect(() => ecPrivateKeyToPkcs8(sec1, undefined)).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('fallback curve OID bytes', () => {
    const pkcs8 = ecPrivateKeyToPkcs8(sec1WithoutCurve(keys.p256.sec1), 'P-521');
    const [, algorithmIdentifier] = readChildren(pkcs8, readElement(pkcs8, 0)) as [DerElement, DerElement];
    const [, curve] = readChildren(pkcs8, algorithmIdentifier) as [DerElement, DerElement];

    expect(pkcs8.slice(curve.start, curve.end)).toEqual(Uint8Array.from(P521_OID));
  });
});

describe('decodePem', () => {
  const wrap = (body: string): string => `-----BEGIN TEST-----\n${body}\n-----END TEST-----\n`;

  test('decodes a padded body', () => {
    expect(decodePem(wrap('AAA='))).toEqual({ label: 'TEST', der: Uint8Array.of(0, 0) });
    expect(decodePem(wrap('+/8='))).toEqual({ label: 'TEST', der: Uint8Array.of(0xfb, 0xff) });
  });

  test('rejects unpadded body', () => {
    expect(() => decodePem(wrap('AAA'))).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => decodePem(wrap('AAAAAA'))).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects base64url characters', () => {
    for (const body of ['-AAA', '_AAA', 'A-AA', 'AAA_']) {
      expect(() => decodePem(wrap(body)), body).toThrowJwtError('ERR_JWT_KEY_INVALID');
    }
  });

  test('rejects an empty body', () => {
    expect(() => decodePem(wrap(''))).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => decodePem(wrap(' \n\t'))).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('non-canonical tail keeps its cause', () => {
    let error: unknown;
    try {
      decodePem(wrap('AB=='));
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
    expect((error as Error).cause).toBeJwtError('ERR_JWT_MALFORMED');
  });

  test('rejects swapped BEGIN and END', () => {
    expect(() => decodePem('-----END TEST-----\nAAA=\n-----END TEST-----\n')).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => decodePem('-----BEGIN TEST-----\nAAA=\n-----BEGIN TEST-----\n')).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => decodePem('-----END TEST-----\nAAA=\n-----BEGIN TEST-----\n')).toThrowJwtError('ERR_JWT_KEY_INVALID');
  });

  test('rejects a String object', () => {
    expect(() => decodePem(new String(wrap('AAA=')))).toThrowUsageError();
  });
});

describe('encodePem', () => {
  test('empty DER has no body lines', () => {
    expect(encodePem('TEST', new Uint8Array(0))).toBe('-----BEGIN TEST-----\n\n-----END TEST-----\n');
  });

  test('round-trips through decodePem', () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);
    const pem = encodePem('TEST', der);

    // 100 bytes make 136 base64 characters: two full 64-character lines and one of 8.
    expect(pem.split('\n').map((line) => line.length)).toEqual([20, 64, 64, 8, 18, 0]);
    expect(decodePem(pem)).toEqual({ label: 'TEST', der });
  });
});

describe('PEM import labels', () => {
  test('String object PEM is TypeError', async () => {
    await expect(importSPKI(new String(keys.p256.spki) as unknown as string, 'ES256')).rejects.toBeUsageError();
    await expect(importX509(new String(p256Certificate) as unknown as string, 'ES256')).rejects.toBeUsageError();
  });

  test('swapped armour lines are rejected', async () => {
    const endEnd = keys.p256.spki.replace('-----BEGIN PUBLIC KEY-----', '-----END PUBLIC KEY-----');
    const beginBegin = keys.p256.spki.replace('-----END PUBLIC KEY-----', '-----BEGIN PUBLIC KEY-----');

    await expect(importSPKI(endEnd, 'ES256')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(importSPKI(beginBegin, 'ES256')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('importSPKI checks RSA PUBLIC KEY label', async () => {
    const key = await importSPKI(keys.rsaPkcs1Public, 'RS256');
    expect(key.type).toBe('public');

    for (const label of ['RSA PRIVATE KEY', 'RSA KEY', 'PUBLIC RSA KEY']) {
      const relabelled = toPem(label, pemBody(keys.rsaPkcs1Public));
      await expect(importSPKI(relabelled, 'RS256'), label).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    }
  });

  test('importPKCS8 checks EC PRIVATE KEY label', async () => {
    const key = await importPKCS8(toPem('EC PRIVATE KEY', keys.p256.sec1), 'ES256');
    expect(key.type).toBe('private');

    for (const label of ['EC KEY', 'ENCRYPTED PRIVATE KEY', 'PRIVATE EC KEY']) {
      await expect(importPKCS8(toPem(label, keys.p256.sec1), 'ES256'), label).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    }
  });

  test('importX509 needs a SEQUENCE certificate', async () => {
    const der = pemBody(p256Certificate);
    const asSet = Uint8Array.of(0x31, ...der.slice(1));

    expect((await importX509(toPem('CERTIFICATE', der), 'ES256')).type).toBe('public');
    await expect(importX509(toPem('CERTIFICATE', asSet), 'ES256')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('unknown key algorithm is rejected', async () => {
    await expect(importSPKI(keys.ed448Spki, 'EdDSA')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(importSPKI(keys.ed448Spki, 'RS256')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('WebCrypto failure is the cause', async () => {
    // A well-formed P-256 SubjectPublicKeyInfo whose point is not on the curve.
    const der = pemBody(keys.p256.spki);
    der.fill(0x07, der.length - 64);

    const error = await rejectionOf(importSPKI(toPem('PUBLIC KEY', der), 'ES256'));
    expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('key algorithm check before WebCrypto', () => {
  // jwtkit runs on runtimes whose WebCrypto may check less than Node's, so a key of the wrong
  // type or curve must be rejected by jwtkit itself, without an importKey call.
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Builds the Ed25519 public key with an ecPublicKey identifier naming Ed25519 as its curve. */
  function ecPublicKeyOnEd25519(): Uint8Array {
    const spki = keys.ed25519Spki;
    const [, bitString] = readChildren(spki, readElement(spki, 0)) as [DerElement, DerElement];
    const algorithmIdentifier = shortTlv(0x30, [...shortTlv(0x06, EC_PUBLIC_KEY_OID), ...shortTlv(0x06, ED25519_OID)]);
    return Uint8Array.from(shortTlv(0x30, [...algorithmIdentifier, ...spki.slice(bitString.offset, bitString.end)]));
  }

  const cases: { name: string; run: () => Promise<CryptoKey> }[] = [
    { name: 'P-384 key for ES256', run: () => importSPKI(keys.p384.spki, 'ES256') },
    { name: 'P-256 key for RS256', run: () => importSPKI(keys.p256.spki, 'RS256') },
    { name: 'P-256 key for EdDSA', run: () => importSPKI(keys.p256.spki, 'EdDSA') },
    { name: 'RSA key for ES256', run: () => importSPKI(keys.rsaPkcs1Public, 'ES256') },
    { name: 'P-384 SEC 1 for ES256', run: () => importPKCS8(toPem('EC PRIVATE KEY', keys.p384.sec1), 'ES256') },
    { name: 'ecPublicKey on Ed25519', run: () => importSPKI(toPem('PUBLIC KEY', ecPublicKeyOnEd25519()), 'EdDSA') },
    { name: 'SET instead of SEQUENCE', run: () => importSPKI(toPem('PUBLIC KEY', Uint8Array.of(0x31, ...pemBody(keys.p256.spki).slice(1))), 'ES256') },
  ];

  test.each(cases)('rejects $name', async ({ run }) => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');

    await expect(run()).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    expect(importKey).not.toHaveBeenCalled();
  });

  test('matching key reaches WebCrypto', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');

    await importSPKI(keys.p256.spki, 'ES256');
    expect(importKey).toHaveBeenCalledTimes(1);
  });
});

describe('importJWK input checks', () => {
  const secret = Buffer.from('jwt-test-secret-0123456789abcdef').toString('base64url');

  test('function with kty is TypeError', async () => {
    const jwkLike = Object.assign(() => undefined, { kty: 'oct', k: secret });
    await expect(importJWK(jwkLike as unknown as JWK, 'HS256')).rejects.toBeUsageError();
  });

  test('non-string kty is TypeError', async () => {
    for (const kty of [5, undefined, null, ['oct']]) {
      await expect(importJWK({ kty, k: secret } as unknown as JWK, 'HS256')).rejects.toBeUsageError();
    }
  });

  test('oct key_ops without sign or verify', async () => {
    for (const keyOps of [[''], ['encrypt'], []]) {
      const error = await rejectionOf(importJWK({ kty: 'oct', k: secret, key_ops: keyOps }, 'HS256'));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
    }
  });

  test('oct String object k is rejected', async () => {
    const key = await importJWK({ kty: 'oct', k: secret }, 'HS256');
    expect(key.type).toBe('secret');

    const jwk = { kty: 'oct', k: new String(secret) } as unknown as JWK;
    await expect(importJWK(jwk, 'HS256')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('oct invalid k keeps its cause', async () => {
    const error = await rejectionOf(importJWK({ kty: 'oct', k: `${secret}+` }, 'HS256'));

    expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
    expect((error as Error).cause).toBeJwtError('ERR_JWT_MALFORMED');
  });
});
