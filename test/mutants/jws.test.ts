/**
 * Edge cases of the JWS and JWT layers. They cover option validation in `compactSign`,
 * `compactVerify`, `sign`, `createSigner` and `createVerifier`, and the algorithm a key fixes
 * by itself. They also cover the verifier's header memo, backend failures while signing and
 * verifying, and the structural rules of `decode` and the compact serialization.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  JwtError,
  compactSign,
  compactVerify,
  createSigner,
  createVerifier,
  decode,
  generateKeyPair,
  getCryptoBackend,
  importPKCS8,
  setCryptoBackend,
  sign,
  verify,
} from '../../src/index.js';
import { decodeBase64urlText, encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../../src/base64url.js';
import { splitCompact } from '../../src/compact.js';
import { activeBackend } from '../../src/crypto/backend.js';
import { prepareJwsSigner } from '../../src/jws/signer.js';
import { keySourceFor, prepareJwsOptions, verifyJws } from '../../src/jws/verify.js';
import { ed25519PrivateKey, rsaPrivateKey } from '../fixtures/certificates.js';
import { NOW, NOW_DATE, SECRET_256, SECRET_384, SECRET_512, forEachBackend, signRaw, withSegment } from '../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const HS256 = { algorithms: ['HS256' as const] };

/** Returns the error a promise rejects with, failing the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Returns the decoded protected header of a compact JWS. */
function headerOf(token: string): unknown {
  return JSON.parse(decodeBase64urlText(token.split('.')[0] ?? '', 'protected header'));
}

describe('compactVerify options', () => {
  it('rejects options that are not objects', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, SECRET_256, null as never)).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, 'HS256' as never)).rejects.toBeUsageError();
  });

  it('requires a non-empty algorithms array', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, SECRET_256, {} as never)).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { algorithms: [] })).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { algorithms: 'HS256' as never })).rejects.toBeUsageError();
  });

  it('rejects none and unknown algorithms', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, SECRET_256, { algorithms: ['HS256', 'none' as never] })).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { algorithms: ['HS256', 'HS999' as never] })).rejects.toBeUsageError();
  });

  it('rejects unknown option names', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, SECRET_256, { ...HS256, issuer: 'x' } as never)).rejects.toBeUsageError();
  });

  it('rejects a missing key', async () => {
    expect(() => createVerifier(undefined as never, HS256)).toThrowJwtError('ERR_JWT_KEY_INVALID');
    expect(() => createVerifier(null as never, HS256)).toThrowJwtError('ERR_JWT_KEY_INVALID');
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, undefined as never, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(compactVerify(token, null as never, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  it('validates maxTokenLength', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    for (const maxTokenLength of [0, -5, 1.5, '100', Number.MAX_SAFE_INTEGER + 1]) {
      await expect(compactVerify(token, SECRET_256, { ...HS256, maxTokenLength: maxTokenLength as never })).rejects.toBeUsageError();
    }
  });

  it('validates the crit option', async () => {
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    await expect(compactVerify(token, SECRET_256, { ...HS256, crit: 'ext' as never })).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { ...HS256, crit: [5] as never })).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { ...HS256, crit: ['ext', 5] as never })).rejects.toBeUsageError();
    await expect(compactVerify(token, SECRET_256, { ...HS256, crit: new Uint8Array(0) as never })).rejects.toBeUsageError();
  });
});

forEachBackend(() => {
  describe('compactVerify tokens', () => {
    it('accepts a token at the length limit', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      const { payload } = await compactVerify(token, SECRET_256, { ...HS256, maxTokenLength: token.length });
      expect(payload).toEqual(encodeUtf8('hello'));
      await expect(compactVerify(token, SECRET_256, { ...HS256, maxTokenLength: token.length - 1 })).rejects.toBeJwtError('ERR_JWT_TOO_LARGE');
    });

    it('accepts an empty payload', async () => {
      const token = await compactSign(new Uint8Array(0), SECRET_256, { alg: 'HS256' });
      expect(token.split('.')[1]).toBe('');
      const { payload } = await compactVerify(token, SECRET_256, HS256);
      expect(payload).toEqual(new Uint8Array(0));
    });

    it('rejects non-string tokens', async () => {
      for (const token of [null, undefined, 42, {}]) {
        await expect(compactVerify(token as never, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      }
    });

    it('rejects bad base64url segments', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      await expect(compactVerify(withSegment(token, 2, 'a*b'), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      await expect(compactVerify(withSegment(token, 1, 'a*b'), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      await expect(compactVerify(withSegment(token, 0, encodeBase64urlText('{"alg":')), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('rejects a header without string alg', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      const header = encodeBase64urlText(JSON.stringify({ alg: 256 }));
      await expect(compactVerify(withSegment(token, 0, header), SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('rejects alg none in any case', async () => {
      for (const alg of ['none', 'NONE', 'None']) {
        const header = encodeBase64urlText(JSON.stringify({ alg }));
        const token = `${header}.${encodeBase64urlText('hello')}.`;
        await expect(compactVerify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      }
    });

    it('rejects a known algorithm not allowed', async () => {
      const token = await compactSign('hello', SECRET_512, { alg: 'HS384' });
      await expect(compactVerify(token, SECRET_512, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      const unknown = withSegment(token, 0, encodeBase64urlText(JSON.stringify({ alg: 'HS999' })));
      await expect(compactVerify(unknown, SECRET_512, HS256)).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('passes header and token to resolvers', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256', kid: 'key-1' });
      const resolver = vi.fn(() => SECRET_256);
      await compactVerify(token, resolver, HS256);
      expect(resolver).toHaveBeenCalledWith({ alg: 'HS256', kid: 'key-1' }, token);
    });

    it('rejects ES256 signatures of wrong length', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const token = await compactSign('hello', privateKey, { alg: 'ES256' });
      const verifySpy = vi.spyOn(activeBackend(), 'verify');
      const short = withSegment(token, 2, encodeBase64url(new Uint8Array(63)));
      await expect(compactVerify(short, publicKey, { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      expect(verifySpy).not.toHaveBeenCalled();
      await expect(compactVerify(token, publicKey, { algorithms: ['ES256'] })).resolves.toBeDefined();
      expect(verifySpy).toHaveBeenCalledTimes(1);
    });

    it('reports a wrong signature without cause', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      const forged = withSegment(token, 2, encodeBase64url(new Uint8Array(32)));
      const error = await rejectionOf(compactVerify(forged, SECRET_256, HS256));
      expect(error).toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      expect(Object.hasOwn(error as object, 'cause')).toBe(false);
    });

    it('wraps a throwing backend verify', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      const failure = new Error('backend failed');
      vi.spyOn(activeBackend(), 'verify').mockImplementation(() => {
        throw failure;
      });
      const error = await rejectionOf(compactVerify(token, SECRET_256, HS256));
      expect(error).toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      expect((error as JwtError).cause).toBe(failure);
    });

    it('wraps a rejecting backend verify', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      const failure = new Error('backend failed');
      vi.spyOn(activeBackend(), 'verify').mockImplementation(() => Promise.reject(failure));
      const error = await rejectionOf(compactVerify(token, SECRET_256, HS256));
      expect(error).toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      expect((error as JwtError).cause).toBe(failure);
    });

    it('rejects asynchronous false from backend', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
      vi.spyOn(activeBackend(), 'verify').mockImplementation(() => Promise.resolve(false));
      const error = await rejectionOf(compactVerify(token, SECRET_256, HS256));
      expect(error).toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      expect(Object.hasOwn(error as object, 'cause')).toBe(false);
    });
  });

  describe('crit and b64 headers', () => {
    async function tokenWithHeader(header: Record<string, unknown>): Promise<string> {
      return signRaw({ alg: 'HS256', ...header }, 'hello', SECRET_256, 'HS256');
    }

    it('rejects malformed crit values', async () => {
      for (const crit of ['ext', [], [5], [''], ['ext', 'ext']]) {
        const token = await tokenWithHeader({ crit, ext: 1 });
        await expect(compactVerify(token, SECRET_256, { ...HS256, crit: ['ext'] })).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      }
    });

    it('rejects registered parameters in crit', async () => {
      const token = await tokenWithHeader({ crit: ['kid'], kid: 'a' });
      await expect(compactVerify(token, SECRET_256, { ...HS256, crit: ['kid'] })).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
    });

    it('rejects crit names missing from header', async () => {
      const token = await tokenWithHeader({ crit: ['ext'] });
      await expect(compactVerify(token, SECRET_256, { ...HS256, crit: ['ext'] })).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
    });

    it('rejects crit names not understood', async () => {
      const token = await tokenWithHeader({ crit: ['ext'], ext: 1 });
      await expect(compactVerify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      const { header } = await compactVerify(token, SECRET_256, { ...HS256, crit: ['ext'] });
      expect(header).toEqual({ alg: 'HS256', crit: ['ext'], ext: 1 });
    });

    it('rejects b64 false headers', async () => {
      const token = await tokenWithHeader({ b64: false });
      await expect(compactVerify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      const withTrue = await tokenWithHeader({ b64: true });
      await expect(compactVerify(withTrue, SECRET_256, HS256)).resolves.toBeDefined();
    });
  });

  describe('verifier header memo', () => {
    it('gives each call its own header', async () => {
      const token = await compactSign('{}', SECRET_256, { alg: 'HS256', kid: 'key-1', header: { ext: { level: 1 } } });
      const verifyToken = createVerifier(SECRET_256, HS256);
      const first = await verifyToken(token);
      first.header.kid = 'changed';
      const second = await verifyToken(token);
      expect(second.header).toEqual({ alg: 'HS256', kid: 'key-1', ext: { level: 1 } });
      expect(Object.isFrozen(second.header)).toBe(false);
      second.header.kid = 'changed again';
      const third = await verifyToken(token);
      expect(third.header.kid).toBe('key-1');
    });

    it('freezes nested header values', async () => {
      const token = await compactSign('{}', SECRET_256, { alg: 'HS256', header: { ext: { level: 1 } } });
      const verifyToken = createVerifier(SECRET_256, HS256);
      for (let call = 0; call < 2; call++) {
        const { header } = await verifyToken(token);
        expect(Object.isFrozen(header.ext)).toBe(true);
        expect(header.ext).toEqual({ level: 1 });
      }
    });

    it('remembers at most sixteen headers', async () => {
      const options = prepareJwsOptions(HS256);
      const keySource = keySourceFor(SECRET_256);
      for (let index = 0; index < 20; index++) {
        const token = await compactSign('hello', SECRET_256, { alg: 'HS256', kid: `key-${index}` });
        const { header } = await verifyJws(token, keySource, options);
        expect(header.kid).toBe(`key-${index}`);
        expect(options.checkedHeaders.size).toBe(Math.min(index + 1, 16));
      }
    });
  });

  describe('compactSign', () => {
    it('rejects payloads of other types', async () => {
      await expect(compactSign(42 as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      await expect(compactSign({ sub: 'a' } as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      await expect(compactSign([104, 105] as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      await expect(compactSign(new Uint16Array([104, 105]) as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      await expect(compactSign(new DataView(new ArrayBuffer(4)) as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
    });

    it('signs strings as UTF-8', async () => {
      const token = await compactSign('héllo', SECRET_256, { alg: 'HS256' });
      const { payload } = await compactVerify(token, SECRET_256, HS256);
      expect(payload).toEqual(encodeUtf8('héllo'));
    });

    it('rejects options that are not objects', async () => {
      const jwk = { kty: 'oct', k: encodeBase64url(SECRET_256), alg: 'HS256' };
      await expect(compactSign('hello', jwk, 'HS256' as never)).rejects.toBeUsageError();
      await expect(compactSign('hello', jwk, null as never)).rejects.toBeUsageError();
    });

    it('takes alg from the header option', async () => {
      const token = await compactSign('hello', SECRET_384, { header: { alg: 'HS384' } });
      expect(headerOf(token)).toEqual({ alg: 'HS384' });
      const same = await compactSign('hello', SECRET_384, { alg: 'HS384', header: { alg: 'HS384' } });
      expect(same).toBe(token);
    });

    it('rejects missing, none and unknown alg', async () => {
      await expect(compactSign('hello', SECRET_256, {})).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { alg: 'none' as never })).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { header: { alg: 'none' } })).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { alg: 'HS999' as never })).rejects.toBeUsageError();
    });

    it('rejects a conflicting header alg', async () => {
      await expect(compactSign('hello', SECRET_512, { alg: 'HS256', header: { alg: 'HS512' } })).rejects.toBeUsageError();
    });

    it('rejects header options of wrong type', async () => {
      await expect(compactSign('hello', SECRET_256, { alg: 'HS256', header: 'ab' as never })).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { alg: 'HS256', header: ['ab'] as never })).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { alg: 'HS256', kid: 5 as never })).rejects.toBeUsageError();
    });

    it('rejects b64 false, accepts true', async () => {
      await expect(compactSign('hello', SECRET_256, { alg: 'HS256', header: { b64: false } })).rejects.toBeUsageError();
      await expect(compactSign('hello', SECRET_256, { alg: 'HS256', header: { b64: 'no' } })).rejects.toBeUsageError();
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256', header: { b64: true } });
      expect(headerOf(token)).toEqual({ alg: 'HS256', b64: true });
    });

    it('keeps kid from the header option', async () => {
      const token = await compactSign('hello', SECRET_256, { alg: 'HS256', header: { kid: 'from-header' } });
      expect(headerOf(token)).toEqual({ alg: 'HS256', kid: 'from-header' });
      const overridden = await compactSign('hello', SECRET_256, { alg: 'HS256', kid: 'from-option', header: { kid: 'from-header' } });
      expect(headerOf(overridden)).toEqual({ alg: 'HS256', kid: 'from-option' });
    });

    it('wraps a throwing backend sign', async () => {
      const failure = new Error('backend failed');
      vi.spyOn(activeBackend(), 'sign').mockImplementation(() => {
        throw failure;
      });
      const error = await rejectionOf(compactSign('hello', SECRET_256, { alg: 'HS256' }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect((error as JwtError).cause).toBe(failure);
    });

    it('wraps a rejecting backend sign', async () => {
      const failure = new Error('backend failed');
      vi.spyOn(activeBackend(), 'sign').mockImplementation(() => Promise.reject(failure));
      const error = await rejectionOf(compactSign('hello', SECRET_256, { alg: 'HS256' }));
      expect(error).toBeJwtError('ERR_JWT_KEY_INVALID');
      expect((error as JwtError).cause).toBe(failure);
    });
  });

  describe('algorithm fixed by key', () => {
    async function algOfUnnamedSignature(key: Parameters<typeof compactSign>[1]): Promise<unknown> {
      return (headerOf(await compactSign('hello', key, {})) as { alg: unknown }).alg;
    }

    it('derives alg from CryptoKeys', async () => {
      const hmac = await crypto.subtle.importKey('raw', SECRET_384, { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']);
      expect(await algOfUnnamedSignature(hmac)).toBe('HS384');
      const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify']);
      expect(await algOfUnnamedSignature(ec.privateKey)).toBe('ES384');
      expect(await algOfUnnamedSignature(await importPKCS8(ed25519PrivateKey, 'EdDSA'))).toBe('EdDSA');
      expect(await algOfUnnamedSignature(await importPKCS8(rsaPrivateKey, 'PS512'))).toBe('PS512');
      expect(await algOfUnnamedSignature(await importPKCS8(rsaPrivateKey, 'RS256'))).toBe('RS256');
    });

    it('requires alg for other CryptoKeys', async () => {
      const sha1 = await crypto.subtle.importKey('raw', SECRET_256, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
      await expect(compactSign('hello', sha1, {})).rejects.toBeUsageError();
      const aes = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'AES-GCM' }, false, ['encrypt']);
      await expect(compactSign('hello', aes, {})).rejects.toBeUsageError();
    });

    it('derives alg from a JWK', async () => {
      const jwk = { kty: 'oct', k: encodeBase64url(SECRET_512), alg: 'HS512' };
      expect(await algOfUnnamedSignature(jwk)).toBe('HS512');
      const { alg: _alg, ...withoutAlg } = jwk;
      await expect(compactSign('hello', withoutAlg, {})).rejects.toBeUsageError();
    });

    it('never takes alg from secret bytes', async () => {
      const secret = Object.assign(Uint8Array.from(SECRET_256), { alg: 'HS256' });
      await expect(compactSign('hello', secret, {})).rejects.toBeUsageError();
      await expect(compactSign('hello', null as never, {})).rejects.toBeUsageError();
    });
  });

  describe('sign options', () => {
    it('rejects options that are not objects', async () => {
      await expect(sign({}, SECRET_256, null as never)).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, 'HS256' as never)).rejects.toBeUsageError();
      expect(() => createSigner(SECRET_256, 'HS256' as never)).toThrowUsageError();
    });

    it('rejects unknown option names', async () => {
      await expect(sign({}, SECRET_256, { alg: 'HS256', audiences: ['a'] } as never)).rejects.toBeUsageError();
    });

    it('rejects invalid durations', async () => {
      await expect(sign({}, SECRET_256, { alg: 'HS256', expiresIn: 'soon' })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', notBefore: 'later' })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', notBefore: true as never })).rejects.toBeUsageError();
    });

    it('accepts negative durations', async () => {
      const token = await sign({}, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE, expiresIn: -60, notBefore: '-2m' });
      expect(decode(token).payload).toEqual({ iat: NOW, exp: NOW - 60, nbf: NOW - 120 });
    });

    it('rejects non-boolean iat and non-string typ', async () => {
      await expect(sign({}, SECRET_256, { alg: 'HS256', iat: 'yes' as never })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', typ: 1 as never })).rejects.toBeUsageError();
    });

    it('sets typ from option and header', async () => {
      const token = await sign({}, SECRET_256, { alg: 'HS256', typ: 'at+jwt', iat: false });
      expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'at+jwt' });
      const fromHeader = await sign({}, SECRET_256, { alg: 'HS256', header: { typ: 'dpop+jwt' }, iat: false });
      expect(headerOf(fromHeader)).toEqual({ alg: 'HS256', typ: 'dpop+jwt' });
    });

    it('rejects mistyped claim options', async () => {
      for (const option of ['issuer', 'subject', 'jwtId', 'audience']) {
        await expect(sign({}, SECRET_256, { alg: 'HS256', [option]: 5 })).rejects.toBeUsageError();
      }
    });

    it('sets claims from options', async () => {
      const options = { alg: 'HS256' as const, issuer: 'iss-1', subject: 'sub-1', audience: ['aud-1'], jwtId: 'jti-1', iat: false };
      const token = await sign({ scope: 'read' }, SECRET_256, options);
      expect(decode(token).payload).toEqual({ scope: 'read', iss: 'iss-1', sub: 'sub-1', aud: ['aud-1'], jti: 'jti-1' });
    });
  });

  describe('sign payloads', () => {
    it('rejects payloads that are not objects', async () => {
      for (const payload of [null, [], 'claims', 5]) {
        await expect(sign(payload as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
        await expect(sign(payload as never, SECRET_256, { alg: 'HS256', expiresIn: 60 })).rejects.toBeUsageError();
      }
    });

    it('rejects claims an option also sets', async () => {
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ exp: NOW }, { expiresIn: 60 }],
        [{ nbf: NOW }, { notBefore: 60 }],
        [{ iss: 'a' }, { issuer: 'b' }],
        [{ aud: 'a' }, { audience: 'b' }],
      ];
      for (const [payload, options] of cases) {
        await expect(sign(payload, SECRET_256, { alg: 'HS256', ...options })).rejects.toBeUsageError();
      }
    });

    it('rejects mistyped payload claims', async () => {
      await expect(sign({ exp: 'tomorrow' } as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      await expect(sign({ sub: 7 } as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
    });

    it('keeps the payload iat', async () => {
      const token = await sign({ iat: NOW - 5 }, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE, expiresIn: 10 });
      expect(decode(token).payload).toEqual({ iat: NOW - 5, exp: NOW + 10 });
    });

    it('rounds the clock down to seconds', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000 + 999);
      const token = await sign({}, SECRET_256, { alg: 'HS256', expiresIn: 60, notBefore: 5 });
      expect(decode(token).payload).toEqual({ iat: NOW, exp: NOW + 60, nbf: NOW + 5 });
    });

    it('omits iat when disabled', async () => {
      const token = await sign({ sub: 'a' }, SECRET_256, { alg: 'HS256', iat: false, currentDate: NOW_DATE });
      expect(decode(token).payload).toEqual({ sub: 'a' });
      const withExp = await sign({}, SECRET_256, { alg: 'HS256', iat: false, currentDate: NOW_DATE, expiresIn: 30 });
      expect(decode(withExp).payload).toEqual({ exp: NOW + 30 });
      const withNbf = await sign({ iat: NOW - 5 }, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE, notBefore: 30 });
      expect(decode(withNbf).payload).toEqual({ iat: NOW - 5, nbf: NOW + 30 });
    });
  });

  describe('verify and createVerifier', () => {
    it('rejects unknown option names', async () => {
      const token = await sign({}, SECRET_256, { alg: 'HS256' });
      await expect(verify(token, SECRET_256, { ...HS256, cache: { max: 10 } } as never)).rejects.toBeUsageError();
      expect(() => createVerifier(SECRET_256, { ...HS256, maxAge: 5 } as never)).toThrowUsageError();
    });

    it('rejects an empty JWT payload', async () => {
      const token = await compactSign(new Uint8Array(0), SECRET_256, { alg: 'HS256' });
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      await expect(createVerifier(SECRET_256, HS256)(token)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('rejects a signed non-JSON payload', async () => {
      const token = await compactSign('not json', SECRET_256, { alg: 'HS256' });
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('rejects non-string tokens with a cache', async () => {
      const verifyToken = createVerifier(SECRET_256, { ...HS256, cache: { max: 10 } });
      await expect(verifyToken(42 as never)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      await expect(verifyToken(null as never)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('checks claims on cache hits', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000);
      const token = await sign({}, SECRET_256, { alg: 'HS256', expiresIn: 60 });
      const verifyToken = createVerifier(SECRET_256, { ...HS256, maxTokenAge: 30, cache: { max: 10, ttl: 3600 } });
      const first = await verifyToken(token);
      expect(Object.isFrozen(first.payload)).toBe(true);
      const verifySpy = vi.spyOn(activeBackend(), 'verify');
      expect((await verifyToken(token)).payload).toEqual({ iat: NOW, exp: NOW + 60 });
      expect(verifySpy).not.toHaveBeenCalled();
      vi.setSystemTime((NOW + 40) * 1000);
      await expect(verifyToken(token)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat' });
      expect(verifySpy).not.toHaveBeenCalled();
    });
  });

  describe('decode', () => {
    it('returns header, payload and signature', async () => {
      const token = await sign({ sub: 'a' }, SECRET_256, { alg: 'HS256', iat: false });
      const decoded = decode(token);
      expect(decoded.header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(decoded.payload).toEqual({ sub: 'a' });
      expect(encodeBase64url(decoded.signature)).toBe(token.split('.')[2]);
    });

    it('rejects bad segments', async () => {
      const token = await sign({ sub: 'a' }, SECRET_256, { alg: 'HS256' });
      expect(() => decode(withSegment(token, 0, encodeBase64urlText('[1]')))).toThrowJwtError('ERR_JWT_MALFORMED');
      expect(() => decode(withSegment(token, 0, encodeBase64urlText('{"alg":null}')))).toThrowJwtError('ERR_JWT_MALFORMED');
      expect(() => decode(withSegment(token, 1, encodeBase64urlText('"text"')))).toThrowJwtError('ERR_JWT_MALFORMED');
      expect(() => decode(withSegment(token, 2, 'a+b'))).toThrowJwtError('ERR_JWT_MALFORMED');
    });

    it('rejects b64 false, accepts true', async () => {
      const unencoded = await signRaw({ alg: 'HS256', b64: false }, '{"sub":"a"}', SECRET_256, 'HS256');
      expect(() => decode(unencoded)).toThrowJwtError('ERR_JWT_MALFORMED');
      const encoded = await signRaw({ alg: 'HS256', b64: true }, '{"sub":"a"}', SECRET_256, 'HS256');
      expect(decode(encoded).payload).toEqual({ sub: 'a' });
    });

    it('applies maxTokenLength', async () => {
      const token = await sign({ sub: 'a' }, SECRET_256, { alg: 'HS256' });
      expect(decode(token, { maxTokenLength: token.length }).payload.sub).toBe('a');
      expect(() => decode(token, { maxTokenLength: token.length - 1 })).toThrowJwtError('ERR_JWT_TOO_LARGE');
      expect(() => decode(token, { maxTokenLength: 0 })).toThrowUsageError();
    });
  });
});

describe('splitCompact', () => {
  it('splits three segments', () => {
    expect(splitCompact('a.b.c', 100)).toEqual({ protectedHeader: 'a', payload: 'b', signature: 'c', signingInput: 'a.b' });
    expect(splitCompact('ab..', 100)).toEqual({ protectedHeader: 'ab', payload: '', signature: '', signingInput: 'ab.' });
  });

  it('rejects other segment counts', () => {
    for (const token of ['abc', 'ab.c', 'a.b.c.d', 'a.b.c.', '...']) {
      expect(() => splitCompact(token, 100)).toThrowJwtError('ERR_JWT_MALFORMED');
    }
  });

  it('rejects an empty header segment', () => {
    expect(() => splitCompact('.b.c', 100)).toThrowJwtError('ERR_JWT_MALFORMED');
  });

  it('rejects non-string tokens', () => {
    expect(() => splitCompact(null, 100)).toThrowJwtError('ERR_JWT_MALFORMED');
    expect(() => splitCompact(5, 100)).toThrowJwtError('ERR_JWT_MALFORMED');
  });
});

describe('synchronous fast paths', () => {
  const initial = getCryptoBackend();
  afterEach(() => {
    setCryptoBackend(initial);
  });

  it('verifies without a promise once ready', async () => {
    setCryptoBackend('node');
    const token = await compactSign('hello', SECRET_256, { alg: 'HS256' });
    const options = prepareJwsOptions(HS256);
    const keySource = keySourceFor(SECRET_256);
    const first = verifyJws(token, keySource, options);
    expect(first).toBeInstanceOf(Promise);
    await first;
    const second = verifyJws(token, keySource, options);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toEqual({ header: { alg: 'HS256' }, payload: encodeUtf8('hello') });
  });

  it('signs without a promise once ready', async () => {
    setCryptoBackend('node');
    const signer = prepareJwsSigner(SECRET_256, { alg: 'HS256' }, {});
    const payloadSegment = encodeBase64urlText('hello');
    const first = signer.sign(payloadSegment);
    expect(first).toBeInstanceOf(Promise);
    const token = await first;
    const second = signer.sign(payloadSegment);
    expect(second).toBe(token);
  });
});
