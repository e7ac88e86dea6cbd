/**
 * Edge cases of key preparation, secret screening, KeyObject checks, thumbprints and key
 * generation: the branches the main key tests reach only on their usual path.
 */

import { type KeyObject, createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync } from 'node:crypto';

import { beforeAll, describe, expect, test } from 'vitest';

import {
  type Algorithm,
  type JWK,
  calculateJwkThumbprint,
  compactSign,
  compactVerify,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  generateSecret,
  importSPKI,
  sign,
  verify,
} from '../../src/index.js';
import { type AlgorithmSpec, findAlgorithm } from '../../src/algorithms.js';
import { encodeBase64url, encodeUtf8 } from '../../src/base64url.js';
import { activeBackend } from '../../src/crypto/backend.js';
import { prepareKey } from '../../src/keys/prepare.js';
import { preparedOnce } from '../../src/keys/prepared-once.js';
import { rsaCertificate, rsaPrivateKey } from '../fixtures/certificates.js';
import { SECRET_256, forEachBackend, signRaw } from '../helpers.js';

function specOf(alg: Algorithm): AlgorithmSpec {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new Error(`unknown algorithm ${alg}`);
  return spec;
}

function jwkOf(key: KeyObject): JWK {
  return key.export({ format: 'jwk' }) as JWK;
}

/** Builds one DER element from a tag and its contents, with a short or long length form. */
function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Uint8Array.from(contents.flatMap((part) => [...part]));
  let length = [body.length];
  if (body.length >= 0x100) length = [0x82, body.length >> 8, body.length & 0xff];
  else if (body.length >= 0x80) length = [0x81, body.length];
  return Uint8Array.from([tag, ...length, ...body]);
}

function filled(length: number, value: number): Uint8Array {
  return new Uint8Array(length).fill(value);
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const P256_OID = Uint8Array.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);

/** Signs a token with `secret` as HS256 bytes, then verifies it with the same bytes. */
async function verifyWithSecret(secret: Uint8Array): Promise<unknown> {
  const token = await compactSign('payload', secret, { alg: 'HS256' });
  return compactVerify(token, secret, { algorithms: ['HS256'] });
}

/** Returns the error `promise` rejects with, and throws when it resolves instead. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed25519 = generateKeyPairSync('ed25519');
const rsaPrivate = createPrivateKey(rsaPrivateKey);
const rsaPublic = createPublicKey(rsaPrivate);

describe('prepareKey input kinds', () => {
  test('null key from resolver is invalid', async () => {
    const token = await compactSign('payload', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, () => null as never, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(prepareKey(null, specOf('HS256'), 'sign')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('object without kty is invalid', async () => {
    for (const input of [{}, { kty: 5 }, 42, true]) {
      await expect(prepareKey(input, specOf('ES256'), 'verify')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    }
  });

  test('function with JWK members', async () => {
    const disguised = Object.assign(() => undefined, jwkOf(ec256.privateKey));
    await expect(compactSign('payload', disguised as unknown as JWK, { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });
});

describe('preparedOnce memo', () => {
  test('concurrent calls share one preparation', async () => {
    let calls = 0;
    const backendKey = {};
    const keyFor = preparedOnce(() => {
      calls++;
      return Promise.resolve(backendKey);
    });

    const first = keyFor(activeBackend());
    const second = keyFor(activeBackend());
    expect(second).toBe(first);
    expect(calls).toBe(1);

    expect(await first).toBe(backendKey);
    expect(keyFor(activeBackend())).toBe(backendKey);
    expect(calls).toBe(1);
  });
});

forEachBackend(() => {
  describe('CryptoKey checks', () => {
    async function hmacKey(bytes: Uint8Array, hash: string, usages: KeyUsage[]): Promise<CryptoKey> {
      return crypto.subtle.importKey('raw', Uint8Array.from(bytes), { name: 'HMAC', hash }, false, usages);
    }

    test('HMAC CryptoKey signs and verifies', async () => {
      const key = await hmacKey(SECRET_256, 'SHA-256', ['sign', 'verify']);
      const token = await compactSign('payload', key, { alg: 'HS256' });
      await expect(compactVerify(token, SECRET_256, { algorithms: ['HS256'] })).resolves.toBeDefined();
      await expect(compactVerify(token, key, { algorithms: ['HS256'] })).resolves.toBeDefined();
    });

    test('short HMAC CryptoKey is invalid', async () => {
      const key = await hmacKey(SECRET_256.subarray(0, 16), 'SHA-256', ['sign', 'verify']);
      await expect(compactSign('payload', key, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const token = await compactSign('payload', SECRET_256, { alg: 'HS256' });
      await expect(compactVerify(token, key, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('HMAC CryptoKey hash must match', async () => {
      const key = await hmacKey(filled(48, 7), 'SHA-256', ['sign', 'verify']);
      const token = await compactSign('payload', filled(48, 7), { alg: 'HS384' });
      await expect(compactVerify(token, key, { algorithms: ['HS384'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactSign('payload', key, { alg: 'HS384' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('CryptoKey without usage is invalid', async () => {
      const key = await hmacKey(SECRET_256, 'SHA-256', ['verify']);
      await expect(compactSign('payload', key, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('EC CryptoKey curve must match', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES384');
      await expect(compactSign('payload', privateKey, { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const token = await compactSign('payload', jwkOf(ec256.privateKey), { alg: 'ES256' });
      await expect(compactVerify(token, publicKey, { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactVerify(token, await hmacKey(SECRET_256, 'SHA-256', ['verify']), { algorithms: ['ES256'] })).rejects.toBeJwtError(
        'ERR_JWT_ALG_NOT_ALLOWED',
      );
    });
  });

  describe('prepared key cache', () => {
    test('JWK import reused per usage', async () => {
      const spec = specOf('ES256');
      const jwk = jwkOf(ec256.privateKey);
      const signing = await prepareKey(jwk, spec, 'sign', activeBackend());
      const verifying = await prepareKey(jwk, spec, 'verify', activeBackend());
      expect(verifying).not.toBe(signing);
      expect(await prepareKey(jwk, spec, 'sign', activeBackend())).toBe(signing);
      expect(await prepareKey(jwk, spec, 'verify', activeBackend())).toBe(verifying);
    });

    test('failed JWK import is retried', async () => {
      const spec = specOf('ES256');
      const good = jwkOf(ec256.publicKey);
      const jwk: JWK = { ...good, x: 'not+base64url' };
      await expect(prepareKey(jwk, spec, 'verify')).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      jwk.x = good.x as string;
      await expect(prepareKey(jwk, spec, 'verify')).resolves.toBeDefined();
    });
  });

  describe('JWK binding', () => {
    let esToken: string;
    let edToken: string;
    let rsToken: string;

    beforeAll(async () => {
      esToken = await compactSign('payload', ec256.privateKey, { alg: 'ES256' });
      edToken = await compactSign('payload', ed25519.privateKey, { alg: 'EdDSA' });
      rsToken = await compactSign('payload', rsaPrivate, { alg: 'RS256' });
    });

    test('EC JWK on wrong curve', async () => {
      await expect(compactVerify(esToken, jwkOf(ec384.publicKey), { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactSign('payload', jwkOf(ec384.privateKey), { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('OKP JWK with other curve', async () => {
      const jwk = { ...jwkOf(ed25519.publicKey), crv: 'Ed448' };
      await expect(compactVerify(edToken, jwk, { algorithms: ['EdDSA'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    test('RSA and oct JWKs ignore crv', async () => {
      const rsaJwk = { ...jwkOf(rsaPublic), crv: 'P-256' };
      await expect(compactVerify(rsToken, rsaJwk, { algorithms: ['RS256'] })).resolves.toBeDefined();
      const octJwk: JWK = { kty: 'oct', k: encodeBase64url(SECRET_256), crv: 'P-256' };
      const hsToken = await compactSign('payload', SECRET_256, { alg: 'HS256' });
      await expect(compactVerify(hsToken, octJwk, { algorithms: ['HS256'] })).resolves.toBeDefined();
    });

    test('JWK alg, use, key_ops mismatches', async () => {
      const publicJwk = jwkOf(ec256.publicKey);
      for (const jwk of [{ ...publicJwk, alg: 'ES384' }, { ...publicJwk, alg: 7 }, { ...publicJwk, use: 'enc' }, { ...publicJwk, key_ops: ['sign'] }]) {
        await expect(compactVerify(esToken, jwk as JWK, { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      }
    });

    test('public JWK cannot sign', async () => {
      const error = await rejectionOf(compactSign('payload', jwkOf(ec256.publicKey), { alg: 'ES256' }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      // jwtkit rejects the key itself, so no backend error becomes the cause.
      expect(error.cause).toBeUndefined();
    });

    test('private JWK verifies', async () => {
      await expect(compactVerify(esToken, jwkOf(ec256.privateKey), { algorithms: ['ES256'] })).resolves.toBeDefined();
      await expect(compactVerify(edToken, jwkOf(ed25519.privateKey), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    });

    test('oct JWK without k', async () => {
      const error = await rejectionOf(compactSign('payload', { kty: 'oct' }, { alg: 'HS256' }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeUndefined();
    });

    test('oct JWK holding PEM bytes', async () => {
      const pem = rsaPublic.export({ format: 'pem', type: 'spki' }).toString();
      const jwk: JWK = { kty: 'oct', k: encodeBase64url(encodeUtf8(pem)) };
      const token = await signRaw({ alg: 'HS256' }, 'payload', encodeUtf8(pem), 'HS256');
      await expect(compactSign('payload', jwk, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(compactVerify(token, jwk, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('multi-prime RSA JWK is invalid', async () => {
      const jwk = { ...jwkOf(rsaPublic), oth: [] };
      await expect(compactVerify(rsToken, jwk as JWK, { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('JWK member of wrong type', async () => {
      const error = await rejectionOf(compactVerify(esToken, { ...jwkOf(ec256.publicKey), x: 123 } as unknown as JWK, { algorithms: ['ES256'] }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeUndefined();
    });

    test('JWK import failure keeps cause', async () => {
      const { y: _y, ...withoutY } = jwkOf(ec256.publicKey);
      const error = await rejectionOf(compactVerify(esToken, withoutY, { algorithms: ['ES256'] }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeDefined();
    });

    test('JWK bad base64url keeps cause', async () => {
      const error = await rejectionOf(compactVerify(esToken, { ...jwkOf(ec256.publicKey), x: 'a+b/' }, { algorithms: ['ES256'] }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeInstanceOf(Error);
    });

    test('RSA JWK without n', async () => {
      const error = await rejectionOf(compactVerify(rsToken, { kty: 'RSA', e: 'AQAB' }, { algorithms: ['RS256'] }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeUndefined();
    });

    test('RSA modulus size ignores zeros', async () => {
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const smallJwk = jwkOf(small.publicKey);
      const modulus = Buffer.from(smallJwk.n as string, 'base64url');
      // Zero bytes in front of a 1024-bit modulus leave it a 1024-bit modulus.
      const padded = { ...smallJwk, n: encodeBase64url(Uint8Array.from([...filled(200, 0), ...modulus])) };
      await expect(compactSign('payload', jwkOf(small.privateKey), { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');

      const error = await rejectionOf(compactVerify(rsToken, padded, { algorithms: ['RS256'] }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect(error.cause).toBeUndefined();
    });
  });

  describe('KeyObject checks', () => {
    test('asymmetric KeyObject with HMAC', async () => {
      const token = await compactSign('payload', SECRET_256, { alg: 'HS256' });
      await expect(compactVerify(token, rsaPublic, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactSign('payload', rsaPrivate, { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('EC KeyObject with RSA-PSS', async () => {
      const token = await compactSign('payload', rsaPrivate, { alg: 'PS256' });
      await expect(compactVerify(token, ec256.publicKey, { algorithms: ['PS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactVerify(token, rsaPublic, { algorithms: ['PS256'] })).resolves.toBeDefined();
    });

    test('EC KeyObject curve must match', async () => {
      const token = await compactSign('payload', ec256.privateKey, { alg: 'ES256' });
      await expect(compactVerify(token, ec384.publicKey, { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactSign('payload', ec384.privateKey, { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('EC KeyObject with EdDSA', async () => {
      const token = await compactSign('payload', ed25519.privateKey, { alg: 'EdDSA' });
      await expect(compactVerify(token, ec256.publicKey, { algorithms: ['EdDSA'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactVerify(token, ed25519.publicKey, { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    });

    test('secret KeyObject checks', async () => {
      await expect(compactSign('payload', createSecretKey(SECRET_256), { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const token = await compactSign('payload', rsaPrivate, { alg: 'RS256' });
      await expect(compactVerify(token, createSecretKey(SECRET_256), { algorithms: ['RS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(compactSign('payload', createSecretKey(SECRET_256.subarray(0, 31)), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    test('private KeyObject cannot verify', async () => {
      const token = await compactSign('payload', ec256.privateKey, { alg: 'ES256' });
      await expect(compactVerify(token, ec256.privateKey, { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });
  });
});

// Runs on the default node backend: the webcrypto backend rejects rsa-pss KeyObjects.
test('RSA-PSS KeyObject signs PS256', async () => {
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
  const token = await compactSign('payload', pss.privateKey, { alg: 'PS256' });
  await expect(compactVerify(token, pss.publicKey, { algorithms: ['PS256'] })).resolves.toBeDefined();
});

describe('HMAC secret screening', () => {
  const ecSpki = new Uint8Array(ec256.publicKey.export({ format: 'der', type: 'spki' }));

  test('JSON array string secret', async () => {
    const secret = '["jwt-test-secret","0123456789abcdef"]';
    const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
    await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
  });

  test('JSON object string secret', async () => {
    const secret = '{"secret":"jwt-test-0123456789abcdef"}';
    const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
    await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
    await expect(sign({}, '{"kty":"oct","k":"jwt-test-0123456789abcdef"}', { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(sign({}, ' {"keys":[],"note":"jwt-test-0123456789abcdef"}', { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('brace text that is not JSON', async () => {
    const secret = '{jwt-test-secret 0123456789abcdef}';
    const token = await sign({ sub: 'user-1' }, secret, { alg: 'HS256' });
    await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
  });

  test('empty and short secrets', async () => {
    await expect(sign({}, '', { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(sign({}, new Uint8Array(0), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(sign({}, 'short', { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('SPKI DER bytes are rejected', async () => {
    await expect(verifyWithSecret(ecSpki)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('SPKI DER with trailing byte', async () => {
    await expect(verifyWithSecret(Uint8Array.from([...ecSpki, 0]))).resolves.toBeDefined();
  });

  test('SPKI content under SET tag', async () => {
    await expect(verifyWithSecret(Uint8Array.from([0x31, ...ecSpki.subarray(1)]))).resolves.toBeDefined();
  });

  test('SEQUENCE without key algorithm', async () => {
    await expect(verifyWithSecret(der(SEQUENCE, der(OCTET_STRING, filled(40, 1))))).resolves.toBeDefined();
    const unknownAlgorithm = der(SEQUENCE, Uint8Array.from([0x06, 0x03, 0x2a, 0x03, 0x04]));
    await expect(verifyWithSecret(der(SEQUENCE, unknownAlgorithm, der(OCTET_STRING, filled(40, 1))))).resolves.toBeDefined();
  });

  test('SEC 1 EC private key DER', async () => {
    const sec1 = new Uint8Array(ec256.privateKey.export({ format: 'der', type: 'sec1' }));
    await expect(verifyWithSecret(sec1)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('context tag without curve', async () => {
    const unknownOid = Uint8Array.from([0x06, 0x03, 0x2a, 0x03, 0x04]);
    await expect(verifyWithSecret(der(SEQUENCE, der(0xa0, unknownOid), der(OCTET_STRING, filled(30, 1))))).resolves.toBeDefined();
  });

  test('SEQUENCE naming curve only', async () => {
    const bytes = der(SEQUENCE, der(0xa0, P256_OID, der(OCTET_STRING, filled(30, 1))));
    await expect(verifyWithSecret(bytes)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('PKCS 1 RSA DER keys', async () => {
    const publicDer = new Uint8Array(rsaPublic.export({ format: 'der', type: 'pkcs1' }));
    const privateDer = new Uint8Array(rsaPrivate.export({ format: 'der', type: 'pkcs1' }));
    await expect(verifyWithSecret(publicDer)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(verifyWithSecret(privateDer)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('certificate DER is rejected', async () => {
    const body = rsaCertificate.replace(/-----[^-]+-----/g, '').replace(/\s/g, '');
    await expect(verifyWithSecret(new Uint8Array(Buffer.from(body, 'base64')))).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('INTEGER sequences near modulus shape', async () => {
    const modulusSized = der(INTEGER, filled(64, 0x41));
    // Two or more INTEGERs, one of them at least 64 content bytes long, look like a PKCS #1 key.
    await expect(verifyWithSecret(der(SEQUENCE, modulusSized, der(INTEGER, Uint8Array.of(3))))).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    // Anything else is an ordinary secret.
    await expect(verifyWithSecret(der(SEQUENCE, der(INTEGER, filled(63, 0x41)), der(INTEGER, filled(63, 0x41))))).resolves.toBeDefined();
    await expect(verifyWithSecret(der(SEQUENCE, der(INTEGER, filled(20, 0x41)), der(INTEGER, filled(20, 0x41))))).resolves.toBeDefined();
    await expect(verifyWithSecret(der(SEQUENCE, modulusSized))).resolves.toBeDefined();
    await expect(verifyWithSecret(der(SEQUENCE, modulusSized, der(OCTET_STRING, Uint8Array.of(3))))).resolves.toBeDefined();
  });
});

describe('JWK thumbprint input errors', () => {
  test('non-object JWK', async () => {
    await expect(calculateJwkThumbprint('{"kty":"oct"}' as unknown as JWK)).rejects.toBeUsageError();
    await expect(calculateJwkThumbprint(null as unknown as JWK)).rejects.toBeUsageError();
  });

  test('unknown digest name', async () => {
    await expect(calculateJwkThumbprint({ kty: 'oct', k: 'AAAA' }, 'md5' as never)).rejects.toBeUsageError();
  });

  test('unsupported kty or missing member', async () => {
    await expect(calculateJwkThumbprint({ kty: 'XYZ' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(calculateJwkThumbprint({ kty: 'oct', k: '' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });
});

describe('key generation and export errors', () => {
  test('generateKeyPair rejects bad requests', async () => {
    await expect(generateKeyPair('XX256' as Algorithm)).rejects.toBeUsageError();
    await expect(generateKeyPair('HS256')).rejects.toBeUsageError();
    await expect(generateKeyPair('RS256', { modulusLength: 2047 })).rejects.toBeUsageError();
  });

  test('generateSecret rejects asymmetric algorithms', () => {
    expect(() => generateSecret('RS256')).toThrowUsageError();
    expect(() => generateSecret('XX256' as Algorithm)).toThrowUsageError();
  });

  test('export functions check key kind', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    await expect(exportJWK('secret' as never)).rejects.toBeUsageError();
    await expect(exportJWK(privateKey)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(exportSPKI(privateKey)).rejects.toBeUsageError();
    await expect(exportPKCS8(publicKey)).rejects.toBeUsageError();
    await expect(exportPKCS8(privateKey)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    const imported = await importSPKI(ec256.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'ES256');
    await expect(exportSPKI(imported)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });
});
