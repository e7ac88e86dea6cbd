/**
 * Boundaries of claim validation, verify option checks, durations, payload JSON and strict
 * base64url. Each rejection is checked for its code, for its claim and reason where it has
 * them, and for a message that reads as a sentence.
 */

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JwtClaimError, compactVerify, createVerifier, decode, exportJWK, generateKeyPair, sign, verify } from '../../src/index.js';
import * as native from '../../src/base64url.ts';
import { isSameOperation } from '../../src/algorithms.ts';
import { durationToSeconds, isNumericDate } from '../../src/time.ts';
import { NOW, NOW_DATE, SECRET_256, loadWithout, signClaims, signRaw, withSegment } from '../helpers.ts';

const HS256 = { algorithms: ['HS256' as const], currentDate: NOW_DATE };

/** Signs `claims` with HS256 and verifies them at NOW, with `options` added to the verify options. */
async function verifyClaims(claims: unknown, options: object = {}): Promise<unknown> {
  const token = await signClaims(claims, SECRET_256);
  return verify(token, SECRET_256, { ...HS256, ...options });
}

describe('claim validation', () => {
  it('typ mismatch names typ', async () => {
    await expect(verifyClaims({}, { typ: 'at+jwt' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'typ', reason: 'mismatch' });
  });

  it('typ missing from header', async () => {
    const token = await signRaw({ alg: 'HS256' }, '{}', SECRET_256, 'HS256');
    await expect(verify(token, SECRET_256, { ...HS256, typ: 'JWT' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'typ', reason: 'missing' });
  });

  const mistyped: readonly (readonly [string, unknown])[] = [
    ['exp', '1700000000'],
    ['nbf', true],
    ['iat', null],
    ['iss', 1],
    ['sub', ['user-1']],
    ['jti', { id: 1 }],
    ['aud', ['api', 1]],
  ];
  for (const [claim, value] of mistyped) {
    it(`mistyped ${claim} is invalid`, async () => {
      await expect(verifyClaims({ [claim]: value })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim, reason: 'invalid' });
    });
  }

  it('required inherited name is missing', async () => {
    for (const claim of ['constructor', 'toString', '__proto__']) {
      await expect(verifyClaims({ sub: 'user-1' }, { requiredClaims: [claim] })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim, reason: 'missing' });
    }
  });

  it('required claim may be null', async () => {
    const { payload } = (await verifyClaims({ role: null }, { requiredClaims: ['role'] })) as { payload: Record<string, unknown> };
    expect(payload).toEqual({ role: null });
  });

  it('exp at now is expired', async () => {
    await expect(verifyClaims({ exp: NOW })).rejects.toBeJwtError('ERR_JWT_EXPIRED', { claim: 'exp', reason: 'invalid' });
    await expect(verifyClaims({ exp: NOW + 1 })).resolves.toBeDefined();
  });

  it('nbf after now is not valid yet', async () => {
    await expect(verifyClaims({ nbf: NOW + 1 })).rejects.toBeJwtError('ERR_JWT_NOT_YET_VALID', { claim: 'nbf', reason: 'invalid' });
    await expect(verifyClaims({ nbf: NOW })).resolves.toBeDefined();
  });

  it('iat after now is invalid', async () => {
    await expect(verifyClaims({ iat: NOW + 1 })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat', reason: 'invalid' });
    await expect(verifyClaims({ iat: NOW + 1 }, { clockTolerance: 1 })).resolves.toBeDefined();
  });

  it('maxTokenAge exceeded is invalid', async () => {
    await expect(verifyClaims({ iat: NOW - 61 }, { maxTokenAge: '1m' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iat', reason: 'invalid' });
    await expect(verifyClaims({ iat: NOW - 60 }, { maxTokenAge: '1m' })).resolves.toBeDefined();
  });

  it('iss, sub and aud mismatches', async () => {
    const claims = { iss: 'issuer-a', sub: 'user-1', aud: ['api-a', 'api-b'] };
    await expect(verifyClaims(claims, { issuer: 'issuer-b' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'iss', reason: 'mismatch' });
    await expect(verifyClaims(claims, { subject: 'user-2' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'sub', reason: 'mismatch' });
    await expect(verifyClaims(claims, { audience: 'api-c' })).rejects.toBeJwtError('ERR_JWT_CLAIM_INVALID', { claim: 'aud', reason: 'mismatch' });
    await expect(verifyClaims(claims, { issuer: ['issuer-b', 'issuer-a'], subject: 'user-1', audience: ['api-c', 'api-b'] })).resolves.toBeDefined();
  });

  it('claim error carries the payload', async () => {
    const error = await verifyClaims({ sub: 'user-1', exp: NOW - 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JwtClaimError);
    expect((error as JwtClaimError).payload).toEqual({ sub: 'user-1', exp: NOW - 1 });
  });
});

describe('verify options', () => {
  it('unknown option name is rejected', async () => {
    await expect(verifyClaims({}, { audiance: 'api' })).rejects.toBeUsageError();
    expect(() => createVerifier(SECRET_256, { ...HS256, audiance: 'api' } as never)).toThrowUsageError();
  });

  it('negative durations are rejected', async () => {
    await expect(verifyClaims({}, { clockTolerance: -1 })).rejects.toBeUsageError();
    await expect(verifyClaims({}, { maxTokenAge: '-1s' })).rejects.toBeUsageError();
  });

  it('empty or non-string subject and typ', async () => {
    for (const value of ['', 5]) {
      await expect(verifyClaims({ sub: 'user-1' }, { subject: value })).rejects.toBeUsageError();
      await expect(verifyClaims({}, { typ: value })).rejects.toBeUsageError();
    }
  });

  it('createVerifier rejects bad options at once', () => {
    for (const options of [{ typ: 5 }, { typ: '' }, { subject: 5 }, { subject: '' }, { clockTolerance: '-1s' }, { requiredClaims: ['sub', ''] }]) {
      expect(() => createVerifier(SECRET_256, { ...HS256, ...options } as never)).toThrowUsageError();
    }
  });

  it('invalid issuer, audience and requiredClaims', async () => {
    const invalid: readonly object[] = [
      { issuer: [] },
      { issuer: '' },
      { audience: [] },
      { audience: ['api', ''] },
      { audience: 5 },
      { requiredClaims: 'sub' },
      { requiredClaims: ['sub', ''] },
      { requiredClaims: [''] },
    ];
    for (const options of invalid) {
      await expect(verifyClaims({ iss: 'a', aud: 'api', sub: 'b' }, options)).rejects.toBeUsageError();
    }
  });

  it('empty requiredClaims requires nothing', async () => {
    await expect(verifyClaims({}, { requiredClaims: [] })).resolves.toBeDefined();
  });

  it('invalid currentDate is rejected', async () => {
    await expect(verifyClaims({}, { currentDate: new Date(Number.NaN) })).rejects.toBeUsageError();
    await expect(verifyClaims({}, { currentDate: NOW })).rejects.toBeUsageError();
  });
});

describe('durations', () => {
  it('unparsable duration names the option', () => {
    for (const value of ['60', '5 parsec', 'soon', true]) {
      expect(() => durationToSeconds(value, 'maxTokenAge', false)).toThrowUsageError();
      expect(() => durationToSeconds(value, 'maxTokenAge', false)).toThrow(/maxTokenAge/);
    }
  });

  it('numeric date excludes non-finite numbers', () => {
    expect(isNumericDate(Number.NaN)).toBe(false);
    expect(isNumericDate(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isNumericDate('5')).toBe(false);
    expect(isNumericDate(-5)).toBe(true);
  });
});

describe('payload JSON', () => {
  it('non-JSON payload is malformed', async () => {
    const token = await signRaw({ alg: 'HS256', typ: 'JWT' }, '{"sub":', SECRET_256, 'HS256');
    await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
  });

  it('non-object payload is malformed', async () => {
    for (const text of ['[]', 'null', '"sub"', '5']) {
      const token = await signRaw({ alg: 'HS256', typ: 'JWT' }, text, SECRET_256, 'HS256');
      await expect(verify(token, SECRET_256, HS256)).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    }
  });

  it('nesting limit counts arrays and objects', async () => {
    const nest = (depth: number, leaf: unknown, array: boolean): unknown => {
      let value = leaf;
      for (let level = 0; level < depth; level++) value = array ? [value] : { n: value };
      return value;
    };
    // The payload is level 1, so 30 wrappers put the leaf at level 32, the deepest accepted.
    for (const array of [false, true]) {
      await expect(verifyClaims({ n: nest(30, ['x', 1, null], array) })).resolves.toBeDefined();
      await expect(verifyClaims({ n: nest(30, { x: 'x', one: 1, none: null }, array) })).resolves.toBeDefined();
      await expect(verifyClaims({ n: nest(31, ['x', 1, null], array) })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
      await expect(verifyClaims({ n: nest(31, {}, array) })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    }
  });

  it('strings and nulls do not count as nesting', async () => {
    const claims = { aud: ['api-a', 'api-b'], names: { first: 'Ada', last: null }, list: [null, 'x', [null, 'y']] };
    const { payload } = (await verifyClaims(claims)) as { payload: Record<string, unknown> };
    expect(payload).toEqual(claims);
  });
});

describe('base64url segments', () => {
  it('impossible segment length is malformed', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.e30.AAAAA';
    expect(() => decode(withSegment(token, 0, 'eyJhb'))).toThrowJwtError('ERR_JWT_MALFORMED');
  });

  it('signature outside the alphabet', async () => {
    const token = await signClaims({}, SECRET_256);
    for (const signature of ['AA+A', 'A=', 'AAAAA', 'AB']) {
      await expect(compactVerify(withSegment(token, 2, signature), SECRET_256, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_MALFORMED');
    }
  });

  it('invalid UTF-8 keeps the decoder error', async () => {
    const token = await signRaw({ alg: 'HS256', typ: 'JWT' }, new Uint8Array([0x7b, 0xff, 0x7d]), SECRET_256, 'HS256');
    const error = await verify(token, SECRET_256, HS256).catch((caught: unknown) => caught);
    expect(error).toBeJwtError('ERR_JWT_MALFORMED');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('portable base64url', () => {
  let portable: typeof native;

  beforeAll(async () => {
    portable = await loadWithout(['Buffer'], () => import('../../src/base64url.ts'));
  });

  afterAll(() => {
    vi.resetModules();
  });

  it('rejects non-canonical final characters', () => {
    for (const input of ['QR', 'QUF', 'AAAAQR', 'AAAAQUF']) {
      expect(() => portable.decodeBase64url(input, 'payload')).toThrowJwtError('ERR_JWT_MALFORMED');
    }
  });

  it('rejects an impossible length', () => {
    expect(() => portable.decodeBase64url('AAAAA', 'payload')).toThrowJwtError('ERR_JWT_MALFORMED');
  });

  it('decodes the same bytes as native', () => {
    for (const input of ['', 'QQ', 'QUE', 'QUFB', '_-8']) {
      expect(portable.decodeBase64url(input, 'payload')).toEqual(native.decodeBase64url(input, 'payload'));
    }
  });
});

describe('UTF-8 without native isAscii', () => {
  let withoutIsAscii: typeof native;
  let asciiFastPath: unknown;

  beforeAll(async () => {
    vi.resetModules();
    // A runtime without process.getBuiltinModule, or whose node:buffer lacks isAscii, loads Buffer alone.
    vi.doMock('../../src/node-buffer.ts', async (importOriginal) => {
      const original = await importOriginal<typeof import('../../src/node-buffer.ts')>();
      return { ...original, nativeBytes: original.createNativeBytes(Buffer, undefined) };
    });
    try {
      withoutIsAscii = await import('../../src/base64url.ts');
      asciiFastPath = (await import('../../src/node-buffer.ts')).nativeBytes?.asciiText(new Uint8Array([0x41]));
    } finally {
      vi.doUnmock('../../src/node-buffer.ts');
    }
  });

  afterAll(() => {
    vi.resetModules();
  });

  it('decodes ASCII and non-ASCII text', () => {
    expect(asciiFastPath).toBeUndefined();
    expect(withoutIsAscii).not.toBe(native);
    for (const text of ['{"sub":"user-1"}', '{"name":"Zoë"}', '']) {
      expect(withoutIsAscii.decodeUtf8(native.encodeUtf8(text), 'payload')).toBe(text);
    }
  });

  it('rejects invalid UTF-8', () => {
    expect(() => withoutIsAscii.decodeUtf8(new Uint8Array([0x7b, 0xff]), 'payload')).toThrowJwtError('ERR_JWT_MALFORMED');
  });
});

describe('algorithm binding', () => {
  it('EdDSA and Ed25519 share keys', () => {
    expect(isSameOperation('EdDSA', 'Ed25519')).toBe(true);
    expect(isSameOperation('Ed25519', 'EdDSA')).toBe(true);
    expect(isSameOperation('EdDSA', 'ES256')).toBe(false);
    expect(isSameOperation('RS256', 'Ed25519')).toBe(false);
    expect(isSameOperation('HS256', 'HS384')).toBe(false);
  });

  it('Ed25519 JWK bound to another alg', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256' };
    await expect(sign({}, jwk, { alg: 'EdDSA' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
  });
});
