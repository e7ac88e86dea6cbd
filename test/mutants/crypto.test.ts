/**
 * Edge cases of the crypto backends, the error classes, the verified-token cache and deep
 * freezing. They cover how node:crypto work is scheduled, how each backend handles input that
 * the library normally rejects earlier, and the portable paths that browsers take.
 */

import { type KeyObject, createSecretKey, generateKeyPairSync } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { JwtClaimError, JwtError, createVerifier, isJwtError } from '../../src/index.js';
import { type AlgorithmSpec, findAlgorithm } from '../../src/algorithms.js';
import type { CryptoBackend } from '../../src/crypto/backend.js';
import * as browserNode from '../../src/crypto/node.browser.js';
import { nodeCrypto, nodeCryptoBackend } from '../../src/crypto/node.js';
import * as webcrypto from '../../src/crypto/webcrypto.js';
import { describeValue } from '../../src/errors.js';
import { deepFreeze } from '../../src/freeze.js';
import { expectSoundMessage } from '../matchers.js';
import { NOW, NOW_DATE, SECRET_256, countingResolver, loadWithout, signClaims } from '../helpers.js';

const INPUT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ';

function specOf(alg: string): AlgorithmSpec {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new Error(`unknown algorithm ${alg}`);
  return spec;
}

function nodeBackend(): CryptoBackend {
  if (nodeCryptoBackend === undefined) throw new Error('node:crypto backend is missing on Node');
  return nodeCryptoBackend;
}

/** Applies `instanceof`, which TypeScript rejects on a literal null. */
function isInstance(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  return value instanceof type;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('node backend scheduling', () => {
  let ec: { privateKey: KeyObject; publicKey: KeyObject };
  const ES256 = specOf('ES256');

  beforeAll(() => {
    ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  });

  test('single sign runs inline', async () => {
    const spy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'sign');
    const signature = nodeBackend().sign(ES256, ec.privateKey, INPUT);
    expect(typeof signature).toBe('string');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toHaveLength(3);
    expect(await nodeBackend().verify(ES256, ec.publicKey, INPUT, await signature)).toBe(true);
  });

  test('batched signs after the first use callbacks', async () => {
    const spy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'sign');
    const signatures = await Promise.all([1, 2, 3].map(async () => nodeBackend().sign(ES256, ec.privateKey, INPUT)));
    expect(spy).toHaveBeenCalledTimes(3);
    expect(spy.mock.calls.map((call) => typeof call[3])).toEqual(['undefined', 'function', 'function']);
    for (const signature of signatures) {
      expect(await nodeBackend().verify(ES256, ec.publicKey, INPUT, signature)).toBe(true);
    }
  });

  test('next turn runs inline again', async () => {
    const spy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'sign');
    await nodeBackend().sign(ES256, ec.privateKey, INPUT);
    await nodeBackend().sign(ES256, ec.privateKey, INPUT);
    expect(spy.mock.calls.map((call) => call.length)).toEqual([3, 3]);
  });

  test('single verify runs inline', async () => {
    const signature = await nodeBackend().sign(ES256, ec.privateKey, INPUT);
    const spy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'verify');
    expect(nodeBackend().verify(ES256, ec.publicKey, INPUT, signature)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toHaveLength(4);
  });

  test('batched verifies after the first use callbacks', async () => {
    const signature = await nodeBackend().sign(ES256, ec.privateKey, INPUT);
    const forged = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const spy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'verify');
    const results = await Promise.all([signature, forged, signature].map(async (candidate) => nodeBackend().verify(ES256, ec.publicKey, INPUT, candidate)));
    expect(results).toEqual([true, false, true]);
    expect(spy.mock.calls.map((call) => typeof call[4])).toEqual(['undefined', 'function', 'function']);
  });

  test('inline failure throws the node error', () => {
    // A 512-bit modulus is too short for PS512's 64-byte salt, so OpenSSL fails to sign.
    const small = generateKeyPairSync('rsa', { modulusLength: 512 });
    const failure = thrownBy(() => nodeBackend().sign(specOf('PS512'), small.privateKey, INPUT));
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE' });
  }, 5000);

  test('pooled key type errors reject', async () => {
    // node:crypto's callback form throws at once for a public key, and that throw must become a rejection.
    const first = nodeBackend().sign(ES256, ec.privateKey, INPUT);
    const second = nodeBackend().sign(ES256, ec.publicKey, INPUT);
    expect(typeof first).toBe('string');
    await expect(second).rejects.toBeInstanceOf(Error);
  });

  test('pooled failure rejects every job', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 512 });
    const outcomes = await Promise.allSettled([1, 2, 3].map(async () => nodeBackend().sign(specOf('PS512'), small.privateKey, INPUT)));
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason: unknown = outcome.status === 'rejected' ? outcome.reason : undefined;
      expect(reason).toBeInstanceOf(Error);
      expect(reason).not.toBeInstanceOf(TypeError);
    }
  }, 5000);
});

describe('node backend keys and signatures', () => {
  test('CryptoKeys go to WebCrypto', async () => {
    const spec = specOf('ES256');
    const pair = await webcrypto.generateKeyPair(spec, 0, false);
    const signSpy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'sign');
    const verifySpy = vi.spyOn(nodeCrypto as NonNullable<typeof nodeCrypto>, 'verify');
    const signature = await nodeBackend().sign(spec, pair.privateKey, INPUT);
    await expect(nodeBackend().verify(spec, pair.publicKey, INPUT, signature)).resolves.toBe(true);
    expect(signSpy).not.toHaveBeenCalled();
    expect(verifySpy).not.toHaveBeenCalled();
  });

  test('unconvertible CryptoKey is kept', async () => {
    const spec = specOf('HS256');
    const key = await webcrypto.importSecret(spec, SECRET_256, ['sign']);
    const crypto = nodeCrypto as NonNullable<typeof nodeCrypto>;
    vi.spyOn(crypto.KeyObject, 'from').mockImplementation(() => {
      throw new TypeError('KeyObject.from is not supported here');
    });
    await expect(nodeBackend().fromCryptoKey(key, spec, 'sign')).resolves.toBe(key);
  });

  test('HMAC verify rejects other lengths', async () => {
    const spec = specOf('HS256');
    const key = createSecretKey(SECRET_256);
    const signature = await nodeBackend().sign(spec, key, INPUT);
    expect(await nodeBackend().verify(spec, key, INPUT, signature)).toBe(true);
    expect(await nodeBackend().verify(spec, key, INPUT, `${signature}AAAA`)).toBe(false);
    expect(await nodeBackend().verify(spec, key, INPUT, signature.slice(0, -4))).toBe(false);
  });

  test('malformed signature segment throws', () => {
    const key = createSecretKey(SECRET_256);
    expect(() => webcrypto.webCryptoBackend.verify(specOf('ES256'), key as never, INPUT, 'A')).toThrowJwtError('ERR_JWT_MALFORMED');
  });

  test('browser build has no KeyObjects', () => {
    expect(browserNode.nodeCryptoBackend).toBeUndefined();
    expect(browserNode.isKeyObject(createSecretKey(SECRET_256))).toBe(false);
  });
});

describe('webcrypto availability', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  for (const [name, value] of [['no crypto global', undefined], ['crypto without subtle', {}]] as const) {
    test(`${name} is a plain Error`, () => {
      vi.stubGlobal('crypto', value);
      const error = thrownBy(() => webcrypto.webCryptoBackend.importJwk(specOf('HS256'), { kty: 'oct', k: 'AA' }, 'verify'));
      vi.unstubAllGlobals();
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TypeError);
      expectSoundMessage((error as Error).message);
    });
  }
});

describe('portable webcrypto module', () => {
  let portable: typeof webcrypto;

  beforeAll(async () => {
    portable = await loadWithout(['Buffer', 'CryptoKey'], () => import('../../src/crypto/webcrypto.js'));
  });

  afterAll(() => {
    vi.resetModules();
  });

  test('signatures match the native path', async () => {
    const spec = specOf('HS256');
    const key = await webcrypto.importSecret(spec, SECRET_256, ['sign', 'verify']);
    const expected = await webcrypto.webCryptoBackend.sign(spec, key, INPUT);
    expect(portable).not.toBe(webcrypto);
    await expect(portable.webCryptoBackend.sign(spec, key, INPUT)).resolves.toBe(expected);
    await expect(portable.webCryptoBackend.verify(spec, key, INPUT, expected)).resolves.toBe(true);
  });

  test('isCryptoKey falls back to the tag', async () => {
    const key = await webcrypto.importSecret(specOf('HS256'), SECRET_256, ['sign']);
    const tagged = (): void => undefined;
    Object.defineProperty(tagged, Symbol.toStringTag, { value: 'CryptoKey' });
    expect(portable.isCryptoKey(key)).toBe(true);
    expect(portable.isCryptoKey({})).toBe(false);
    expect(portable.isCryptoKey(null)).toBe(false);
    expect(portable.isCryptoKey('[object CryptoKey]')).toBe(false);
    expect(portable.isCryptoKey(tagged)).toBe(false);
    expect(portable.isCryptoKey(createSecretKey(SECRET_256))).toBe(false);
  });
});

describe('error classes', () => {
  const errorBrand = Symbol.for('jwtkit.JwtError');
  const claimBrand = Symbol.for('jwtkit.JwtClaimError');

  test('JwtError names itself', () => {
    const error = new JwtError('ERR_JWT_MALFORMED', 'token is malformed');
    expect(error.name).toBe('JwtError');
    expect(isJwtError(error)).toBe(true);
    expect(isJwtError(error, 'ERR_JWT_MALFORMED')).toBe(true);
    expect(isJwtError(error, 'ERR_JWT_EXPIRED')).toBe(false);
  });

  test('instanceof rejects non-objects and false brands', () => {
    const branded = (): void => undefined;
    Object.defineProperty(branded, errorBrand, { value: true });
    expect(isInstance(null, JwtError)).toBe(false);
    expect(isJwtError(null)).toBe(false);
    expect(isJwtError('ERR_JWT_MALFORMED')).toBe(false);
    expect(branded instanceof JwtError).toBe(false);
    expect({ [errorBrand]: 1 } instanceof JwtError).toBe(false);
    expect({ [errorBrand]: 'true' } instanceof JwtError).toBe(false);
  });

  test('foreign claim errors match JwtClaimError', () => {
    const foreign = Object.assign(new Error('exp check failed'), { code: 'ERR_JWT_EXPIRED' });
    Object.defineProperty(foreign, errorBrand, { value: true });
    Object.defineProperty(foreign, claimBrand, { value: true });
    expect(foreign).toBeInstanceOf(JwtClaimError);
    expect(foreign).toBeInstanceOf(JwtError);
    expect(isInstance(null, JwtClaimError)).toBe(false);
  });
});

describe('describeValue', () => {
  test('quotes strings and numbers', () => {
    expect(describeValue('RS256')).toBe('"RS256"');
    expect(describeValue(42)).toBe('42');
    expect(describeValue('')).toBe('""');
  });

  test('names the type of others', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ alg: 'RS256' })).toBe('object');
    expect(describeValue(['RS256'])).toBe('object');
    expect(describeValue(true)).toBe('boolean');
  });

  test('cuts text past 40 characters', () => {
    const fits = 'x'.repeat(38);
    expect(describeValue(fits)).toBe(`"${fits}"`);
    const long = 'y'.repeat(39);
    expect(describeValue(long)).toBe(`"${'y'.repeat(38)}…`);
    expect(describeValue(long)).toHaveLength(40);
  });
});

describe('deepFreeze', () => {
  test('freezes nested values', () => {
    const value = { roles: ['reader', { scope: 'orders' }], name: 'user-1', empty: null };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.roles)).toBe(true);
    expect(Object.isFrozen(value.roles[1])).toBe(true);
  });

  test('returns primitives unchanged', () => {
    expect(deepFreeze('reader')).toBe('reader');
    expect(deepFreeze(7)).toBe(7);
    expect(deepFreeze(null)).toBeNull();
  });

  test('stops at already frozen objects', () => {
    const inner = { scope: 'orders' };
    deepFreeze(Object.freeze({ inner }));
    expect(Object.isFrozen(inner)).toBe(false);
  });
});

describe('verified-token cache', () => {
  test('cache option must be an object', () => {
    const withMax = Object.assign(() => undefined, { max: 5 });
    for (const cache of [withMax, null, 5, 'max=5']) {
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: cache as never })).toThrowUsageError();
    }
  });

  test('cache.max must be a positive integer', () => {
    for (const max of [1.5, 2 ** 53, '5', -1, 0, Number.NaN, undefined]) {
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: { max: max as never } })).toThrowUsageError();
    }
  });

  test('cache.ttl must be a duration', () => {
    for (const ttl of ['soon', -1, true]) {
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: { max: 1, ttl: ttl as never } })).toThrowUsageError();
    }
  });

  test('expiring token is never stored', async () => {
    const { resolver, calls } = countingResolver(SECRET_256);
    const verifier = createVerifier(resolver, { algorithms: ['HS256'], currentDate: NOW_DATE, clockTolerance: 5, cache: { max: 1 } });
    const longLived = await signClaims({ sub: 'long-lived', exp: NOW + 60 }, SECRET_256);
    const expiring = await signClaims({ sub: 'expiring', exp: NOW }, SECRET_256);
    await verifier(longLived);
    await expect(verifier(expiring)).resolves.toMatchObject({ payload: { sub: 'expiring' } });
    await verifier(longLived);
    expect(calls()).toBe(2);
  });
});

describe('runtime without process.getBuiltinModule', () => {
  let library: typeof import('../../src/index.js');

  beforeAll(async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
    vi.resetModules();
    Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true, writable: true });
    try {
      library = await import('../../src/index.js');
    } finally {
      if (descriptor === undefined) Reflect.deleteProperty(process, 'getBuiltinModule');
      else Object.defineProperty(process, 'getBuiltinModule', descriptor);
    }
  });

  afterAll(() => {
    vi.resetModules();
  });

  test('only webcrypto is available', () => {
    expect(library.availableCryptoBackends()).toEqual(['webcrypto']);
  });

  test('KeyObject keys are rejected', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(library.sign({}, pair.privateKey, { alg: 'ES256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    await expect(library.sign({}, createSecretKey(SECRET_256), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });

  test('other keys still work', async () => {
    const token = await library.sign({ sub: 'user-1' }, SECRET_256, { alg: 'HS256' });
    await expect(library.verify(token, SECRET_256, { algorithms: ['HS256'] })).resolves.toMatchObject({ payload: { sub: 'user-1' } });
  });
});
