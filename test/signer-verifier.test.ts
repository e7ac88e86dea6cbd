/**
 * `createSigner` and `createVerifier`: prepared once, equal to `sign` and `verify`, strict
 * about their options, and the verified-token cache with its guarantees: only the signature
 * check is skipped, claims are checked on every hit, failures are never kept, and no entry
 * outlives `exp`.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  JwtError,
  createSigner,
  createVerifier,
  decode,
  generateKeyPair,
  sign,
  verify,
} from '../src/index.ts';
import { NOW, NOW_DATE, SECRET_256, WRONG_SECRET_256, countingResolver, forEachBackend, signClaims } from './helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});


forEachBackend(() => {
  describe('createSigner', () => {
    it('makes the same token as sign', async () => {
      const options = { alg: 'HS256' as const, issuer: 'https://issuer.example.com', expiresIn: '1h', currentDate: NOW_DATE };
      const signer = createSigner(SECRET_256, options);
      expect(await signer({ sub: 'user-1' })).toBe(await sign({ sub: 'user-1' }, SECRET_256, options));
    });

    it('takes the time at each call', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000);
      const signer = createSigner(SECRET_256, { alg: 'HS256', expiresIn: 60 });
      const first = decode(await signer({})).payload;
      vi.setSystemTime((NOW + 100) * 1000);
      const second = decode(await signer({})).payload;
      expect(first).toEqual({ iat: NOW, exp: NOW + 60 });
      expect(second).toEqual({ iat: NOW + 100, exp: NOW + 160 });
    });

    it('rejects invalid options at creation', () => {
      expect(() => createSigner(SECRET_256, { alg: 'HS256', expiresIn: 'soon' })).toThrowUsageError();
      expect(() => createSigner(SECRET_256, { alg: 'HS256', issuer: 5 as never })).toThrowUsageError();
      expect(() => createSigner(SECRET_256, {})).toThrowUsageError();
      expect(() => createSigner(SECRET_256, { alg: 'HS256', expiresin: '1h' } as never)).toThrowUsageError();
    });

    it('always returns a promise', async () => {
      const signer = createSigner(SECRET_256, { alg: 'HS256' });
      const first = signer({ sub: 'user-1' });
      expect(first).toBeInstanceOf(Promise);
      await first;
      // Once the key is ready, HMAC on node:crypto signs at once, and the result is still a promise.
      const second = signer({ sub: 'user-1' });
      expect(second).toBeInstanceOf(Promise);
      expect(await second).toMatch(/^ey/);
      const mistaken = signer(null as never);
      expect(mistaken).toBeInstanceOf(Promise);
      await expect(mistaken).rejects.toBeUsageError();
    });

    it('rejects each call when the key cannot sign', async () => {
      const signer = createSigner(SECRET_256.subarray(1), { alg: 'HS256' });
      await expect(signer({})).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(signer({})).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('rejects payloads that repeat an option claim', async () => {
      const signer = createSigner(SECRET_256, { alg: 'HS256', subject: 'user-1', notBefore: 0 });
      await expect(signer({ sub: 'user-2' })).rejects.toBeUsageError();
      await expect(signer({ nbf: NOW })).rejects.toBeUsageError();
      await expect(signer({ other: 1 })).resolves.toMatch(/^ey/);
    });

    it('signs a complete payload unchanged', async () => {
      const payload = { sub: 'user-1', iat: NOW, exp: NOW + 60 };
      const signer = createSigner(SECRET_256, { alg: 'HS256' });
      expect(decode(await signer(payload)).payload).toEqual(payload);
      expect(payload).toEqual({ sub: 'user-1', iat: NOW, exp: NOW + 60 });
    });

    it('rejects payloads that serialize to a non-object', async () => {
      const signer = createSigner(SECRET_256, { alg: 'HS256', iat: false });
      await expect(signer({ toJSON: () => 'text' })).rejects.toBeUsageError();
      await expect(signer(new Date(NOW * 1000) as never)).rejects.toBeUsageError();
      await expect(signer({ toJSON: () => ({ sub: 'user-1' }) })).resolves.toMatch(/^ey/);
    });

    it('rejects payloads JSON cannot represent', async () => {
      const signer = createSigner(SECRET_256, { alg: 'HS256' });
      const circular: Record<string, unknown> = { sub: 'user-1' };
      circular.self = circular;
      for (const payload of [{ sub: 'user-1', count: 1n }, circular]) {
        const error: unknown = await signer(payload).catch((caught: unknown) => caught);
        expect(error).toBeUsageError();
        // The cause is the JSON error, whose message names the value that could not be serialized.
        expect((error as Error).cause).toBeInstanceOf(TypeError);
      }
    });

    it('signs many tokens with one asymmetric key', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const signer = createSigner(privateKey, { alg: 'ES256' });
      const tokens = await Promise.all(Array.from({ length: 64 }, (_, n) => signer({ n })));
      for (const [n, token] of tokens.entries()) {
        await expect(verify(token, publicKey, { algorithms: ['ES256'] })).resolves.toMatchObject({ payload: { n } });
      }
    });
  });

  describe('many operations in flight', () => {
    for (const alg of ['RS256', 'PS256', 'ES256', 'EdDSA'] as const) {
      it(`${alg} keeps each result with its own token`, async () => {
        const { privateKey, publicKey } = await generateKeyPair(alg);
        const other = await generateKeyPair(alg);
        const signer = createSigner(privateKey, { alg });
        const forger = createSigner(other.privateKey, { alg });
        const verifier = createVerifier(publicKey, { algorithms: [alg] });

        const tokens = await Promise.all(Array.from({ length: 24 }, (_, n) => (n % 3 === 0 ? forger : signer)({ n })));
        const outcomes = await Promise.all(tokens.map((token) => verifier(token).then((result) => result.payload.n, (error: unknown) => error)));
        for (const [n, outcome] of outcomes.entries()) {
          if (n % 3 === 0) expect(outcome).toMatchObject({ code: 'ERR_JWT_SIGNATURE_INVALID' });
          else expect(outcome).toBe(n);
        }
      });
    }
  });

  describe('createVerifier', () => {
    it('gives the same result as verify', async () => {
      const token = await signClaims({ sub: 'user-1', iss: 'https://issuer.example.com', exp: NOW + 60 }, SECRET_256);
      const options = { algorithms: ['HS256' as const], issuer: 'https://issuer.example.com', currentDate: NOW_DATE };
      const verifier = createVerifier(SECRET_256, options);
      expect(await verifier(token)).toEqual(await verify(token, SECRET_256, options));
    });

    it('rejects invalid options and keys at creation', () => {
      expect(() => createVerifier(SECRET_256, { algorithms: [] })).toThrowUsageError();
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], audiance: 'x' } as never)).toThrowUsageError();
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: { max: 0 } })).toThrowUsageError();
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: { max: 10, ttl: -1 } })).toThrowUsageError();
      expect(() => createVerifier(SECRET_256, { algorithms: ['HS256'], cache: { max: 10, tll: '1m' } as never })).toThrowUsageError();
      expect(() => createVerifier(undefined as never, { algorithms: ['HS256'] })).toThrow(JwtError);
    });

    it('verify rejects misspelled options', async () => {
      const token = await signClaims({ aud: 'api://svc-a' }, SECRET_256);
      await expect(verify(token, SECRET_256, { algorithms: ['HS256'], audiance: 'api://svc-b' } as never)).rejects.toBeUsageError();
      await expect(verify(token, SECRET_256, { algorithms: ['HS256'], cache: { max: 1 } } as never)).rejects.toBeUsageError();
    });

    it('always returns a promise', async () => {
      const token = await signClaims({ sub: 'user-1' }, SECRET_256);
      const verifier = createVerifier(SECRET_256, { algorithms: ['HS256'], currentDate: NOW_DATE });
      await verifier(token);
      const ready = verifier(token);
      expect(ready).toBeInstanceOf(Promise);
      await expect(ready).resolves.toMatchObject({ payload: { sub: 'user-1' } });
      const malformed = verifier('not a token');
      expect(malformed).toBeInstanceOf(Promise);
      await expect(malformed).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('keeps checking the key after a failure', async () => {
      const verifier = createVerifier(SECRET_256, { algorithms: ['HS256'], currentDate: NOW_DATE });
      const forged = await signClaims({ sub: 'user-1' }, WRONG_SECRET_256);
      const genuine = await signClaims({ sub: 'user-1' }, SECRET_256);
      await expect(verifier(forged)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      await expect(verifier(genuine)).resolves.toMatchObject({ payload: { sub: 'user-1' } });
    });
  });

  describe('verified-token cache', () => {
    it('skips only the signature check on a hit', async () => {
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], currentDate: NOW_DATE, cache: { max: 10 } });
      const token = await signClaims({ sub: 'user-1', exp: NOW + 60 }, SECRET_256);
      const first = await verifier(token);
      const second = await verifier(token);
      expect(calls()).toBe(1);
      expect(second).toEqual(first);
    });

    it('rechecks time claims on every hit', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000);
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], clockTolerance: 5, cache: { max: 10, ttl: '1h' } });
      const token = await signClaims({ sub: 'user-1', exp: NOW + 60 }, SECRET_256);
      await expect(verifier(token)).resolves.toBeDefined();
      vi.setSystemTime((NOW + 62) * 1000);
      await expect(verifier(token)).resolves.toBeDefined();
      vi.setSystemTime((NOW + 66) * 1000);
      await expect(verifier(token)).rejects.toBeJwtError('ERR_JWT_EXPIRED');
      await expect(verifier(token)).rejects.toBeJwtError('ERR_JWT_EXPIRED');
      expect(calls()).toBeGreaterThanOrEqual(2);
    });

    it('never keeps an entry past exp', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000);
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], clockTolerance: 30, cache: { max: 10, ttl: '1h' } });
      const token = await signClaims({ exp: NOW + 10 }, SECRET_256);
      await verifier(token);
      vi.setSystemTime((NOW + 20) * 1000);
      await expect(verifier(token)).resolves.toBeDefined();
      expect(calls()).toBe(2);
    });

    it('rechecks every other claim on a hit', async () => {
      let now = NOW;
      const { resolver } = countingResolver(SECRET_256);
      const token = await signClaims({ iat: NOW, nbf: NOW }, SECRET_256);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now * 1000);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], maxTokenAge: 30, cache: { max: 10, ttl: '1h' } });
      await expect(verifier(token)).resolves.toBeDefined();
      now += 31;
      vi.setSystemTime(now * 1000);
      await expect(verifier(token)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat' });
    });

    it('never caches failures', async () => {
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], audience: 'api://svc-a', currentDate: NOW_DATE, cache: { max: 10 } });
      const wrongAudience = await signClaims({ aud: 'api://svc-b' }, SECRET_256);
      const forged = await signClaims({ aud: 'api://svc-a' }, WRONG_SECRET_256);
      for (let i = 0; i < 3; i++) {
        await expect(verifier(wrongAudience)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID');
        await expect(verifier(forged)).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
      }
      expect(calls()).toBe(6);
    });

    it('evicts the least recently used token', async () => {
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], currentDate: NOW_DATE, cache: { max: 2 } });
      const [a, b, c] = await Promise.all([1, 2, 3].map((n) => signClaims({ n }, SECRET_256)));
      await verifier(a as string);
      await verifier(b as string);
      await verifier(a as string); // a is now the most recent
      await verifier(c as string); // evicts b
      expect(calls()).toBe(3);
      await verifier(a as string);
      expect(calls()).toBe(3);
      await verifier(b as string);
      expect(calls()).toBe(4);
    });

    // A token without exp, and one whose exp is later than the ttl.
    it.each([[{}], [{ exp: NOW + 3600 }]])('drops entries after the ttl: %j', async (claims) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW * 1000);
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], cache: { max: 10, ttl: 30 } });
      const token = await signClaims(claims, SECRET_256);
      await verifier(token);
      vi.setSystemTime((NOW + 29) * 1000);
      await verifier(token);
      expect(calls()).toBe(1);
      vi.setSystemTime((NOW + 30) * 1000);
      await verifier(token);
      expect(calls()).toBe(2);
    });

    it('keeps nothing with a ttl of 0', async () => {
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], currentDate: NOW_DATE, cache: { max: 10, ttl: 0 } });
      const token = await signClaims({ sub: 'user-1' }, SECRET_256);
      await verifier(token);
      await verifier(token);
      expect(calls()).toBe(2);
    });

    it('returns frozen results', async () => {
      const verifier = createVerifier(SECRET_256, { algorithms: ['HS256'], currentDate: NOW_DATE, cache: { max: 10 } });
      const token = await signClaims({ roles: ['reader'] }, SECRET_256);
      const { header, payload } = await verifier(token);
      expect(Object.isFrozen(header)).toBe(true);
      expect(Object.isFrozen(payload)).toBe(true);
      expect(Object.isFrozen(payload.roles)).toBe(true);
      expect((await verifier(token)).payload.roles).toEqual(['reader']);
    });

    it('a changed token is never a hit', async () => {
      const { resolver, calls } = countingResolver(SECRET_256);
      const verifier = createVerifier(resolver, { algorithms: ['HS256'], currentDate: NOW_DATE, cache: { max: 10 } });
      const token = await signClaims({ sub: 'user-1' }, SECRET_256);
      await verifier(token);
      await expect(verifier(`${token.slice(0, -2)}AA`)).rejects.toBeInstanceOf(JwtError);
      await expect(verifier(`${token} `)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      expect(calls()).toBe(2);
    });
  });
});
