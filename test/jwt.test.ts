/**
 * The JWT layer's options: what `sign` adds to a token, what each `verify` option checks,
 * key resolvers, `typ`, `crit`, and what `decode` returns. Clocks are fixed.
 */

import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  type Algorithm,
  JwtClaimError,
  JwtError,
  compactSign,
  compactVerify,
  decode,
  exportJWK,
  generateKeyPair,
  generateSecret,
  isJwtError,
  sign,
  verify,
} from '../src/index.ts';
import { encodeBase64urlText } from '../src/base64url.ts';
import { NOW, NOW_DATE, SECRET_256, signClaims, signRaw, forEachBackend } from './helpers.ts';

const HS256 = { algorithms: ['HS256' as const], currentDate: NOW_DATE };

forEachBackend(() => {
  describe('sign', () => {
    it('sets iat, typ and alg by default', async () => {
      const token = await sign({ sub: 'user-1' }, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE });
      const { header, payload } = decode(token);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toEqual({ sub: 'user-1', iat: NOW });
    });

    it('adds the registered claims from options', async () => {
      const token = await sign({ role: 'reader' }, SECRET_256, {
        alg: 'HS256',
        currentDate: new Date(NOW * 1000 + 999),
        expiresIn: '15m',
        notBefore: 10,
        issuer: 'https://issuer.example.com',
        subject: 'user-1',
        audience: ['api://svc-a', 'api://svc-b'],
        jwtId: 'id-1',
      });
      expect(decode(token).payload).toEqual({
        role: 'reader',
        iat: NOW,
        exp: NOW + 900,
        nbf: NOW + 10,
        iss: 'https://issuer.example.com',
        sub: 'user-1',
        aud: ['api://svc-a', 'api://svc-b'],
        jti: 'id-1',
      });
    });

    it('iat false omits iat', async () => {
      const token = await sign({ sub: 'user-1' }, SECRET_256, { alg: 'HS256', iat: false });
      expect(decode(token).payload).toEqual({ sub: 'user-1' });
    });

    it('keeps an iat given in the payload', async () => {
      const token = await sign({ iat: 1234 }, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE });
      expect(decode(token).payload.iat).toBe(1234);
    });

    it('negative expiresIn makes an expired token', async () => {
      const token = await sign({}, SECRET_256, { alg: 'HS256', expiresIn: '-1h', currentDate: NOW_DATE });
      expect(decode(token).payload.exp).toBe(NOW - 3600);
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_EXPIRED');
    });

    it('rejects an option that repeats a payload claim', async () => {
      await expect(sign({ exp: NOW }, SECRET_256, { alg: 'HS256', expiresIn: 60 })).rejects.toBeUsageError();
      await expect(sign({ iss: 'a' }, SECRET_256, { alg: 'HS256', issuer: 'b' })).rejects.toBeUsageError();
    });

    it('rejects registered claims of the wrong type', async () => {
      for (const payload of [{ exp: '1700000000' }, { nbf: Number.NaN }, { iat: Infinity }, { iss: 1 }, { aud: [1] }, { jti: {} }]) {
        await expect(sign(payload as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      }
    });

    it('rejects payloads that are not objects', async () => {
      for (const payload of [null, undefined, 'text', 42, ['a']]) {
        await expect(sign(payload as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
      }
    });

    it('rejects bad durations and options', async () => {
      await expect(sign({}, SECRET_256, { alg: 'HS256', expiresIn: '60' })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', expiresIn: 'soon' })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS256', currentDate: new Date(Number.NaN) })).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, undefined as never)).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, {})).rejects.toBeUsageError();
      await expect(sign({}, SECRET_256, { alg: 'HS1' as never })).rejects.toBeUsageError();
    });

    it('puts kid, typ and extra header parameters in the header', async () => {
      const token = await sign({}, SECRET_256, { alg: 'HS256', kid: 'key-1', typ: 'at+jwt', header: { cty: 'example' } });
      expect(decode(token).header).toEqual({ alg: 'HS256', typ: 'at+jwt', cty: 'example', kid: 'key-1' });
    });

    it('kid with quotes cannot inject header members', async () => {
      for (const kid of ['a","crit":["x-evil"],"z":"', 'back\\slash', 'nul\u0000byte', 'line\u2028separator', 'clé-ключ-鍵']) {
        const token = await sign({ sub: 'user-1' }, SECRET_256, { alg: 'HS256', kid });
        const { header } = decode(token);
        expect(header.kid).toBe(kid);
        expect(header).not.toHaveProperty('crit');
        expect(header).not.toHaveProperty('z');
        await expect(verify(token, SECRET_256, { algorithms: ['HS256'] })).resolves.toBeDefined();
      }
    });

    it('takes alg from a JWK or a CryptoKey', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
      const fromKey = await sign({}, privateKey, {});
      expect(decode(fromKey).header.alg).toBe('ES384');
      const jwk = { ...(await exportJWK(privateKey)), alg: 'ES384' };
      const fromJwk = await sign({}, jwk, {});
      expect(decode(fromJwk).header.alg).toBe('ES384');
      await expect(verify(fromJwk, publicKey, { algorithms: ['ES384'] })).resolves.toBeDefined();
    });

    it('round-trips every algorithm', async () => {
      for (const alg of ALGORITHMS) {
        const keys = alg.startsWith('HS') ? { privateKey: generateSecret(alg), publicKey: undefined } : await generateKeyPair(alg);
        const verifyKey = keys.publicKey ?? keys.privateKey;
        const token = await sign({ sub: 'user-1', n: 1 }, keys.privateKey, { alg, expiresIn: '5m' });
        const { header, payload } = await verify(token, verifyKey, { algorithms: [alg] });
        expect(header.alg).toBe(alg);
        expect(payload.sub).toBe('user-1');
      }
    });
  });

  describe('verify options', () => {
    it('issuer accepts any of a list', async () => {
      const token = await signClaims({ iss: 'https://b.example.com' }, SECRET_256);
      await expect(verify(token, SECRET_256, { ...HS256, issuer: ['https://a.example.com', 'https://b.example.com'] })).resolves.toBeDefined();
      await expect(verify(token, SECRET_256, { ...HS256, issuer: ['https://a.example.com'] })).rejects.toMatchObject({ claim: 'iss', reason: 'mismatch' });
    });

    it('audience accepts any overlap', async () => {
      const token = await signClaims({ aud: ['api://svc-a', 'api://svc-b'] }, SECRET_256);
      await expect(verify(token, SECRET_256, { ...HS256, audience: ['api://svc-c', 'api://svc-b'] })).resolves.toBeDefined();
      await expect(verify(token, SECRET_256, { ...HS256, audience: 'api://svc-c' })).rejects.toMatchObject({ claim: 'aud', reason: 'mismatch' });
    });

    it('expected claims must be present', async () => {
      const token = await signClaims({ name: 'user-1' }, SECRET_256);
      const cases = [
        [{ issuer: 'https://a.example.com' }, 'iss'],
        [{ audience: 'api://svc-a' }, 'aud'],
        [{ subject: 'user-2' }, 'sub'],
        [{ maxTokenAge: 60 }, 'iat'],
        [{ requiredClaims: ['jti'] }, 'jti'],
        [{ requiredClaims: ['exp'] }, 'exp'],
      ] as const;
      for (const [options, claim] of cases) {
        await expect(verify(token, SECRET_256, { ...HS256, ...options })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim, reason: 'missing' });
      }
    });

    it('maxTokenAge rejects old tokens', async () => {
      const token = await signClaims({ iat: NOW - 120 }, SECRET_256);
      await expect(verify(token, SECRET_256, { ...HS256, maxTokenAge: '2m' })).resolves.toBeDefined();
      await expect(verify(token, SECRET_256, { ...HS256, maxTokenAge: 119 })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat', reason: 'invalid' });
      await expect(verify(token, SECRET_256, { ...HS256, maxTokenAge: 119, clockTolerance: 1 })).resolves.toBeDefined();
    });

    it('iat in the future is rejected', async () => {
      const token = await signClaims({ iat: NOW + 5 }, SECRET_256);
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat' });
    });

    it('fractional times are compared exactly', async () => {
      const token = await signClaims({ exp: NOW + 0.5 }, SECRET_256);
      await expect(verify(token, SECRET_256, HS256)).resolves.toBeDefined();
      await expect(verify(token, SECRET_256, { ...HS256, currentDate: new Date(NOW * 1000 + 500) })).rejects.toBeJwtError('ERR_JWT_EXPIRED');
    });

    it('typ is compared as a media type', async () => {
      const jwt = await signRaw({ alg: 'HS256', typ: 'JWT' }, '{}', SECRET_256, 'HS256');
      const atJwt = await signRaw({ alg: 'HS256', typ: 'application/at+jwt' }, '{}', SECRET_256, 'HS256');
      const none = await signRaw({ alg: 'HS256' }, '{}', SECRET_256, 'HS256');
      await expect(verify(jwt, SECRET_256, { ...HS256, typ: 'application/jwt' })).resolves.toBeDefined();
      await expect(verify(atJwt, SECRET_256, { ...HS256, typ: 'AT+JWT' })).resolves.toBeDefined();
      await expect(verify(jwt, SECRET_256, { ...HS256, typ: 'at+jwt' })).rejects.toMatchObject({ claim: 'typ', reason: 'mismatch' });
      await expect(verify(none, SECRET_256, { ...HS256, typ: 'JWT' })).rejects.toMatchObject({ claim: 'typ', reason: 'missing' });
    });

    it('crit extensions need the crit option', async () => {
      const header = { alg: 'HS256', typ: 'JWT', crit: ['x-policy'], 'x-policy': 'require-mfa' };
      const token = await signRaw(header, '{"sub":"user-1"}', SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      await expect(verify(token, SECRET_256, { ...HS256, crit: ['x-policy'] })).resolves.toBeDefined();
    });

    it('malformed crit is rejected', async () => {
      const headers = [
        { alg: 'HS256', crit: [] },
        { alg: 'HS256', crit: 'x-policy', 'x-policy': 1 },
        { alg: 'HS256', crit: ['x-policy', 'x-policy'], 'x-policy': 1 },
        { alg: 'HS256', crit: ['x-policy'] },
        { alg: 'HS256', crit: ['alg'] },
        { alg: 'HS256', crit: [1] },
      ];
      for (const header of headers) {
        const token = await signRaw(header, '{}', SECRET_256, 'HS256');
        await expect(verify(token, SECRET_256, { ...HS256, crit: ['x-policy', 'alg'] })).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      }
    });

    it('b64 false is never honoured', async () => {
      const withoutCrit = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9.eyJzdWIiOiJ1c2VyLTEifQ.njwKdUaoaXTT91xHeEN7YrpS5UbgxpeIQEOkSCvmwwU';
      const withCrit = `${encodeBase64urlText('{"alg":"HS256","b64":false,"crit":["b64"]}')}.{"sub":"user-1"}.jY4PytrWyEnIWXA7zdk41DKUrnmM_3FPFJcYYpmFGfQ`;
      await expect(verify(withoutCrit, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      await expect(verify(withCrit, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
      await expect(verify(withCrit, SECRET_256, { ...HS256, crit: ['b64'] })).rejects.toBeJwtError('ERR_JWT_CRIT_UNSUPPORTED');
    });

    it('rejects invalid option values', async () => {
      const token = await signClaims({}, SECRET_256);
      const bad = [
        { issuer: '' },
        { issuer: [] },
        { issuer: 7 },
        { audience: [''] },
        { subject: '' },
        { typ: 1 },
        { clockTolerance: 'soon' },
        { maxTokenAge: -1 },
        { requiredClaims: 'exp' },
      { requiredClaims: '' },
        { requiredClaims: [1] },
        { currentDate: 'yesterday' },
        { crit: 'x' },
      ];
      for (const options of bad) {
        await expect(verify(token, SECRET_256, { ...HS256, ...options } as never)).rejects.toBeUsageError();
      }
    });

    it('returns the header and payload', async () => {
      const token = await sign({ sub: 'user-1', nested: { a: [1, 'two', null] } }, SECRET_256, { alg: 'HS256', kid: 'k1', currentDate: NOW_DATE });
      const result = await verify<{ nested: { a: unknown[] } }>(token, SECRET_256, HS256);
      expect(result.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
      expect(result.payload.nested.a).toEqual([1, 'two', null]);
    });
  });

  describe('key resolver', () => {
    it('picks the key by kid', async () => {
      const keys: Record<string, Uint8Array> = { 'tenant/key-1': SECRET_256, other: generateSecret('HS256') };
      const token = 'eyJhbGciOiJIUzI1NiIsImtpZCI6InRlbmFudFwva2V5LTEifQ.eyJzdWIiOiJ1c2VyLTEifQ.qREl8VTCLxuFjV9ZcU3MsepbiL9EIgi0fKvh_OWTdp8';
      const seen: unknown[] = [];
      const { header } = await verify(token, (protectedHeader, compact) => {
        seen.push(protectedHeader.kid, compact);
        return keys[protectedHeader.kid ?? ''] as Uint8Array;
      }, { algorithms: ['HS256'] });
      expect(header.kid).toBe('tenant/key-1');
      expect(seen).toEqual(['tenant/key-1', token]);
    });

    it('may return a promise', async () => {
      const token = await signClaims({}, SECRET_256);
      await expect(verify(token, () => Promise.resolve(SECRET_256), HS256)).resolves.toBeDefined();
    });

    it('returning no key is a key error', async () => {
      const token = await signClaims({}, SECRET_256);
      await expect(verify(token, () => undefined as never, HS256)).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('errors from the resolver reach the caller', async () => {
      const token = await signClaims({}, SECRET_256);
      const failure = new JwtError('ERR_JWKS_NO_MATCHING_KEY', 'no key with that kid');
      await expect(verify(token, () => { throw failure; }, HS256)).rejects.toBe(failure);
    });

    it('is not called for a disallowed alg', async () => {
      const token = await signClaims({}, SECRET_256);
      let calls = 0;
      await expect(verify(token, () => { calls++; return SECRET_256; }, { algorithms: ['HS384'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      expect(calls).toBe(0);
    });
  });

  describe('decode', () => {
    it('returns header, payload and signature bytes', async () => {
      const token = await sign({ sub: 'user-1' }, SECRET_256, { alg: 'HS256', currentDate: NOW_DATE });
      const { header, payload, signature } = decode(token);
      expect(header.alg).toBe('HS256');
      expect(payload).toEqual({ sub: 'user-1', iat: NOW });
      expect(signature).toHaveLength(32);
    });

    it('does not check claims or the signature', async () => {
      const token = await signClaims({ exp: 1, iss: 5 }, SECRET_256);
      const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA`;
      expect(decode(forged).payload).toEqual({ exp: 1, iss: 5 });
    });

    it('keeps non-ASCII claims intact', async () => {
      const claims = { name: 'Zoë Ñandú 東京 🎉', emoji: '\u{1F600}' };
      const token = await sign(claims, SECRET_256, { alg: 'HS256', iat: false });
      expect(decode(token).payload).toEqual(claims);
      await expect(verify(token, SECRET_256, { algorithms: ['HS256'] })).resolves.toMatchObject({ payload: claims });
    });
  });

  describe('JWS layer', () => {
    it('compactSign and compactVerify carry any bytes', async () => {
      const bytes = new Uint8Array(256).map((_, i) => i);
      const token = await compactSign(bytes, SECRET_256, { alg: 'HS256', kid: 'k', header: { cty: 'octets' } });
      const { header, payload } = await compactVerify(token, SECRET_256, { algorithms: ['HS256'] });
      expect(header).toEqual({ alg: 'HS256', cty: 'octets', kid: 'k' });
      expect(payload).toEqual(bytes);
    });

    it('compactVerify accepts an empty payload', async () => {
      const token = await compactSign(new Uint8Array(0), SECRET_256, { alg: 'HS256' });
      expect(token.split('.')[1]).toBe('');
      await expect(compactVerify(token, SECRET_256, { algorithms: ['HS256'] })).resolves.toMatchObject({ payload: new Uint8Array(0) });
      await expect(verify(token, SECRET_256, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    });

    it('compactSign rejects header alg disagreeing with alg', async () => {
      await expect(compactSign('x', SECRET_256, { alg: 'HS256', header: { alg: 'HS384' } })).rejects.toBeUsageError();
      await expect(compactSign('x', SECRET_256, { alg: 'HS256', header: { b64: false } })).rejects.toBeUsageError();
      await expect(compactSign(42 as never, SECRET_256, { alg: 'HS256' })).rejects.toBeUsageError();
    });
  });

  describe('errors', () => {
    it('claim errors are JwtClaimError and JwtError', async () => {
      const token = await signClaims({ nbf: NOW + 60 }, SECRET_256);
      const error: unknown = await verify(token, SECRET_256, HS256).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JwtClaimError);
      expect(error).toBeInstanceOf(JwtError);
      expect(isJwtError(error, 'ERR_JWT_NOT_YET_VALID')).toBe(true);
      expect(isJwtError(error, 'ERR_JWT_EXPIRED')).toBe(false);
      expect(isJwtError(new Error('x'))).toBe(false);
      expect((error as JwtClaimError).name).toBe('JwtClaimError');
    });

    it('subclasses keep the prototype check', () => {
    class AppError extends JwtError {}
    expect(new JwtError('ERR_JWT_MALFORMED', 'x')).not.toBeInstanceOf(AppError);
    expect(new AppError('ERR_JWT_MALFORMED', 'x')).toBeInstanceOf(AppError);
    expect(new AppError('ERR_JWT_MALFORMED', 'x')).toBeInstanceOf(JwtError);
    expect(new JwtError('ERR_JWT_MALFORMED', 'x')).not.toBeInstanceOf(JwtClaimError);
  });

  it('errors from another copy of the module match', () => {
    const foreign = Object.assign(new Error('x'), { code: 'ERR_JWT_MALFORMED' });
    expect(foreign).not.toBeInstanceOf(JwtError);
    Object.defineProperty(foreign, Symbol.for('jwtkit.JwtError'), { value: true });
    expect(foreign).toBeInstanceOf(JwtError);
    expect(isJwtError(foreign, 'ERR_JWT_MALFORMED')).toBe(true);
    expect(foreign).not.toBeInstanceOf(JwtClaimError);
  });

  it('messages never contain the token or the secret', async () => {
      const secret = 'recognizable-secret-value-0123456789';
      const token = await sign({ sub: 'recognizable-subject' }, secret, { alg: 'HS256', expiresIn: -10 });
      const attempts: (() => Promise<unknown>)[] = [
        () => verify(token, secret, { algorithms: ['HS256'] }),
        () => verify(token, `${secret}x`, { algorithms: ['HS256'] }),
        () => verify(`${token}!`, secret, { algorithms: ['HS256'] }),
        () => verify(token, secret.slice(0, 20), { algorithms: ['HS256'] }),
        () => verify(token, secret, { algorithms: ['HS256'], subject: 'someone' }),
      ];
      for (const attempt of attempts) {
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(JwtError);
        const text = `${(error as Error).message} ${String((error as Error).cause)}`;
        expect(text).not.toContain(secret);
        expect(text).not.toContain(token.split('.')[1]);
        expect(text).not.toContain(token.split('.')[2]);
        expect(text).not.toContain('recognizable-subject');
      }
    });
  });

  describe('algorithm list', () => {
    it('contains every supported algorithm once', () => {
      const expected: Algorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
      expect([...ALGORITHMS].sort()).toEqual([...expected].sort());
    });

    it('Ed25519 and EdDSA names share a key but not an allow-list entry', async () => {
      const { privateKey, publicKey } = await generateKeyPair('Ed25519');
      const token = await sign({}, privateKey, { alg: 'Ed25519' });
      expect(decode(token).header.alg).toBe('Ed25519');
      await expect(verify(token, publicKey, { algorithms: ['Ed25519'] })).resolves.toBeDefined();
      await expect(verify(token, publicKey, { algorithms: ['EdDSA'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      const jwk = { ...(await exportJWK(publicKey)), alg: 'EdDSA' };
      await expect(verify(token, jwk, { algorithms: ['Ed25519'] })).resolves.toBeDefined();
    });
  });
});
