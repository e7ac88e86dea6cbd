/**
 * Errors never echo secrets: every failure path of sign, verify, decode, compactSign,
 * compactVerify, the key imports and the CLI runs with a recognizable token, payload, secret
 * and private JWK, and no error message, no message in its cause chain and no CLI output may
 * contain any of them.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type JWK,
  availableCryptoBackends,
  compactSign,
  compactVerify,
  decode,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  importX509,
  setCryptoBackend,
  sign,
  verify,
} from '../src/index.ts';
import { encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../src/base64url.ts';
import { type CliIo, runCli } from '../src/cli/run.ts';
import { NOW_DATE } from './helpers.ts';

/** Recognizable values; none of them may appear in any error text. */
const SECRET = 'canary-secret-7Qm2-0123456789abcdefXYZ';
const PAYLOAD_MARKER = 'canary-payload-value-5b1e';
const CLAIMS = { sub: 'user-1', note: PAYLOAD_MARKER };

let token: string;
let ecPrivateJwk: JWK;
let rsaPrivateJwk: JWK;
let ecPrivatePem: string;
let folder: string;

beforeAll(async () => {
  token = await sign(CLAIMS, SECRET, { alg: 'HS256', currentDate: NOW_DATE, expiresIn: '1h' });
  const ec = await generateKeyPair('ES256', { extractable: true });
  ecPrivateJwk = await exportJWK(ec.privateKey);
  ecPrivatePem = await exportPKCS8(ec.privateKey);
  const rsa = await generateKeyPair('RS256', { extractable: true });
  rsaPrivateJwk = await exportJWK(rsa.privateKey);
  folder = mkdtempSync(join(tmpdir(), 'jwtkit-no-secrets-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Every recognizable string, including encoded forms an error might print. */
function forbiddenStrings(): string[] {
  const [, payloadSegment = '', signatureSegment = ''] = token.split('.');
  const pemBody = ecPrivatePem.split('\n')[1] ?? '';
  return [
    token,
    payloadSegment,
    signatureSegment,
    PAYLOAD_MARKER,
    // V8's JSON.parse messages quote up to about ten characters around the error.
    PAYLOAD_MARKER.slice(0, 10),
    encodeBase64urlText(PAYLOAD_MARKER).slice(0, 16),
    SECRET,
    SECRET.slice(0, 16),
    encodeBase64url(encodeUtf8(SECRET)),
    String(ecPrivateJwk.d),
    String(rsaPrivateJwk.d).slice(0, 24),
    String(rsaPrivateJwk.p).slice(0, 24),
    pemBody.slice(0, 24),
  ];
}

/** Collects the message of `error` and of every error in its cause chain. */
function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && current !== null && !seen.has(current); ) {
    seen.add(current);
    if (current instanceof Error) {
      messages.push(current.message, String(current));
      current = current.cause;
    } else {
      messages.push(typeof current === 'string' ? current : JSON.stringify(current));
      current = undefined;
    }
  }
  return messages;
}

function expectClean(text: string, what: string): void {
  for (const forbidden of forbiddenStrings()) {
    expect(text.includes(forbidden), `${what} contains ${JSON.stringify(forbidden.slice(0, 12))}…`).toBe(false);
  }
}

/** Runs `operation`, requires it to fail, and checks every message in the error's cause chain. */
async function expectFailsCleanly(what: string, operation: () => unknown): Promise<void> {
  let error: unknown;
  try {
    await operation();
  } catch (caught) {
    error = caught;
  }
  expect(error, `${what} should fail`).toBeDefined();
  for (const message of messagesOf(error)) expectClean(message, what);
}

/** Returns a copy of `jwk` without `member`. */
function withoutMember(jwk: JWK, member: string): JWK {
  const copy: JWK = { ...jwk };
  Reflect.deleteProperty(copy, member);
  return copy;
}

/** Replaces the payload of `token` with `payloadText` and keeps its header and signature. */
function withPayload(payloadText: string | Uint8Array): string {
  const [header = '', , signature = ''] = token.split('.');
  const bytes = typeof payloadText === 'string' ? encodeUtf8(payloadText) : payloadText;
  return `${header}.${encodeBase64url(bytes)}.${signature}`;
}

for (const backend of availableCryptoBackends()) {
  describe(`${backend} backend`, () => {
    beforeAll(() => {
      setCryptoBackend(backend);
    });

    it('verify failures name no secret', async () => {
      const hs = { algorithms: ['HS256' as const], currentDate: NOW_DATE };
      const [header = '', payload = '', signature = ''] = token.split('.');
      const cases: [string, () => Promise<unknown>][] = [
        ['wrong secret', () => verify(token, `${SECRET}-other`, hs)],
        ['secret one byte short', () => verify(token, SECRET.slice(0, 31), hs)],
        ['expired', () => verify(token, SECRET, { ...hs, currentDate: new Date(NOW_DATE.getTime() + 7_200_000) })],
        ['audience mismatch', () => verify(token, SECRET, { ...hs, audience: 'api://svc-a' })],
        ['issuer mismatch', () => verify(token, SECRET, { ...hs, issuer: 'https://issuer.example.com' })],
        ['subject mismatch', () => verify(token, SECRET, { ...hs, subject: 'user-2' })],
        ['required claim', () => verify(token, SECRET, { ...hs, requiredClaims: ['jti'] })],
        ['typ mismatch', () => verify(token, SECRET, { ...hs, typ: 'at+jwt' })],
        ['alg not allowed', () => verify(token, SECRET, { algorithms: ['HS384'] })],
        ['too large', () => verify(token, SECRET, { ...hs, maxTokenLength: 10 })],
        ['trailing space', () => verify(`${token} `, SECRET, hs)],
        ['two segments', () => verify(`${header}.${payload}`, SECRET, hs)],
        ['four segments', () => verify(`${token}.${signature}`, SECRET, hs)],
        ['payload not JSON', () => verify(withPayload(`{"note":${PAYLOAD_MARKER}}`), SECRET, hs)],
        ['payload truncated JSON', () => verify(withPayload(`{"note":"${PAYLOAD_MARKER}"`), SECRET, hs)],
        ['payload array', () => verify(withPayload(`["${PAYLOAD_MARKER}"]`), SECRET, hs)],
        ['payload invalid UTF-8', () => verify(withPayload(Uint8Array.of(...encodeUtf8(`{"note":"${PAYLOAD_MARKER}`), 0xff, 0x22, 0x7d)), SECRET, hs)],
        ['payload nested too deep', () => verify(withPayload(`{"note":"${PAYLOAD_MARKER}","a":${'['.repeat(40)}${']'.repeat(40)}}`), SECRET, hs)],
        ['header not JSON', () => verify(`${encodeBase64urlText(`{"alg":"HS256","kid":${PAYLOAD_MARKER}}`)}.${payload}.${signature}`, SECRET, hs)],
        ['secret as an RSA key', () => verify(token, SECRET, { algorithms: ['HS256', 'RS256'] }).then(() => verify(token.replace(/^[^.]+/, encodeBase64urlText('{"alg":"RS256"}')), SECRET, { algorithms: ['RS256'] }))],
        ['private JWK for another algorithm', () => verify(token, ecPrivateJwk, hs)],
        ['private RSA JWK for HS256', () => verify(token, rsaPrivateJwk, hs)],
        ['resolver returns nothing', () => verify(token, () => undefined as never, hs)],
        ['missing algorithms', () => verify(token, SECRET, {} as never)],
        ['unknown option', () => verify(token, SECRET, { ...hs, secret: SECRET } as never)],
        ['non-string token', () => verify({ token } as never, SECRET, hs)],
      ];
      for (const [what, operation] of cases) await expectFailsCleanly(what, operation);
    });

    it('decode failures name no secret', async () => {
      const cases: [string, () => unknown][] = [
        ['payload not JSON', () => decode(withPayload(`{"note":${PAYLOAD_MARKER}}`))],
        ['payload JSON with trailing text', () => decode(withPayload(`{"note":"${PAYLOAD_MARKER}"} ${PAYLOAD_MARKER}`))],
        ['payload string', () => decode(withPayload(JSON.stringify(PAYLOAD_MARKER)))],
        ['payload invalid UTF-8', () => decode(withPayload(Uint8Array.of(0xc3, 0x28, ...encodeUtf8(PAYLOAD_MARKER))))],
        ['bad base64url', () => decode(`${token}!`)],
        ['too large', () => decode(token, { maxTokenLength: 20 })],
        ['not a string', () => decode([token] as never)],
      ];
      for (const [what, operation] of cases) await expectFailsCleanly(what, operation);
    });

    it('sign failures name no secret', async () => {
      const cases: [string, () => Promise<unknown>][] = [
        ['secret for RS256', () => sign(CLAIMS, SECRET, { alg: 'RS256' })],
        ['secret too short for HS512', () => sign(CLAIMS, SECRET, { alg: 'HS512' })],
        ['no alg', () => sign(CLAIMS, SECRET, {})],
        ['unknown alg', () => sign(CLAIMS, SECRET, { alg: 'HS257' as never })],
        ['exp of the wrong type', () => sign({ ...CLAIMS, exp: PAYLOAD_MARKER } as never, SECRET, { alg: 'HS256' })],
        ['claim set twice', () => sign({ ...CLAIMS, iss: PAYLOAD_MARKER }, SECRET, { alg: 'HS256', issuer: 'https://issuer.example.com' })],
        ['payload not an object', () => sign(PAYLOAD_MARKER as never, SECRET, { alg: 'HS256' })],
        ['circular payload', () => {
          const circular: Record<string, unknown> = { note: PAYLOAD_MARKER };
          circular.self = circular;
          return sign(circular, SECRET, { alg: 'HS256' });
        }],
        ['private EC JWK for ES384', () => sign(CLAIMS, ecPrivateJwk, { alg: 'ES384' })],
        ['private EC JWK limited to verify', () => sign(CLAIMS, { ...ecPrivateJwk, key_ops: ['verify'] }, { alg: 'ES256' })],
        ['private RSA JWK with a broken d', () => sign(CLAIMS, { ...rsaPrivateJwk, d: `${String(rsaPrivateJwk.d)}=` }, { alg: 'RS256' })],
        ['none', () => sign(CLAIMS, SECRET, { alg: 'none' as never })],
      ];
      for (const [what, operation] of cases) await expectFailsCleanly(what, operation);
    });

    it('compact JWS failures name no secret', async () => {
      const jws = await compactSign(PAYLOAD_MARKER, SECRET, { alg: 'HS256' });
      const cases: [string, () => Promise<unknown>][] = [
        ['compactSign with a short secret', () => compactSign(PAYLOAD_MARKER, SECRET.slice(0, 20), { alg: 'HS256' })],
        ['compactSign with the secret for ES256', () => compactSign(PAYLOAD_MARKER, SECRET, { alg: 'ES256' })],
        ['compactSign with a non-byte payload', () => compactSign({ note: PAYLOAD_MARKER } as never, SECRET, { alg: 'HS256' })],
        ['compactSign with b64 false', () => compactSign(PAYLOAD_MARKER, SECRET, { alg: 'HS256', header: { b64: false } })],
        ['compactVerify with a wrong secret', () => compactVerify(jws, `${SECRET}!`, { algorithms: ['HS256'] })],
        ['compactVerify with a disallowed alg', () => compactVerify(jws, SECRET, { algorithms: ['HS512'] })],
        ['compactVerify with a private JWK', () => compactVerify(jws, ecPrivateJwk, { algorithms: ['HS256'] })],
        ['compactVerify with trailing data', () => compactVerify(`${jws}.x`, SECRET, { algorithms: ['HS256'] })],
      ];
      for (const [what, operation] of cases) await expectFailsCleanly(what, operation);
    });

    it('key import failures name no key material', async () => {
      const cases: [string, () => Promise<unknown>][] = [
        ['importJWK private EC JWK for RS256', () => importJWK(ecPrivateJwk, 'RS256')],
        ['importJWK private EC JWK with padding in d', () => importJWK({ ...ecPrivateJwk, d: `${String(ecPrivateJwk.d)}=` }, 'ES256')],
        ['importJWK private EC JWK with a wrong d', () => importJWK({ ...ecPrivateJwk, d: encodeBase64url(new Uint8Array(32).fill(255)) }, 'ES256')],
        ['importJWK private RSA JWK for PS256 with alg RS256', () => importJWK({ ...rsaPrivateJwk, alg: 'RS256' }, 'PS256')],
        ['importJWK private RSA JWK without a modulus', () => importJWK(withoutMember(rsaPrivateJwk, 'n'), 'RS256')],
        ['importJWK oct JWK with a short key', () => importJWK({ kty: 'oct', k: encodeBase64url(encodeUtf8(SECRET.slice(0, 20))) }, 'HS256')],
        ['importJWK oct JWK for ES256', () => importJWK({ kty: 'oct', k: encodeBase64url(encodeUtf8(SECRET)) }, 'ES256')],
        ['importJWK without an algorithm', () => importJWK(withoutMember(ecPrivateJwk, 'alg'))],
        ['importPKCS8 for another curve', () => importPKCS8(ecPrivatePem, 'ES384')],
        ['importPKCS8 for RSA', () => importPKCS8(ecPrivatePem, 'RS256')],
        ['importPKCS8 with a damaged body', () => importPKCS8(ecPrivatePem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'), 'ES256')],
        ['importPKCS8 with a truncated body', () => importPKCS8(ecPrivatePem.replace(/\n[^\n]+\n-----END/, '\n-----END'), 'ES256')],
        ['importSPKI given the private PEM', () => importSPKI(ecPrivatePem, 'ES256')],
        ['importX509 given the private PEM', () => importX509(ecPrivatePem, 'ES256')],
        ['importSPKI given a secret', () => importSPKI(SECRET, 'ES256')],
        ['importPKCS8 for HS256', () => importPKCS8(ecPrivatePem, 'HS256')],
      ];
      for (const [what, operation] of cases) await expectFailsCleanly(what, operation);
    });
  });
}

describe('CLI', () => {
  interface Output {
    code: number;
    text: string;
  }

  async function run(args: string[], stdin = ''): Promise<Output> {
    let text = '';
    const io: CliIo = {
      stdin: () => Promise.resolve(stdin),
      stdout: (chunk) => {
        text += chunk;
      },
      stderr: (chunk) => {
        text += chunk;
      },
      env: { JWT_SECRET: SECRET, WRONG_SECRET: `${SECRET}-wrong`, SHORT_SECRET: SECRET.slice(0, 20) },
      isTTY: { stdin: false, stdout: false, stderr: false },
      now: () => NOW_DATE,
    };
    const code = await runCli(args, io);
    return { code, text };
  }

  function file(name: string, content: string): string {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  }

  it('failing commands print no secret', async () => {
    const privateJwkFile = file('private.jwk.json', JSON.stringify(ecPrivateJwk));
    const rsaJwkFile = file('rsa-private.jwk.json', JSON.stringify(rsaPrivateJwk));
    const pemFile = file('private.pem', ecPrivatePem);
    const brokenJwkFile = file('broken.jwk.json', JSON.stringify({ ...ecPrivateJwk, d: `${String(ecPrivateJwk.d)}=` }));
    const notJsonFile = file('not-json.json', `{"kty":"EC","d":"${String(ecPrivateJwk.d)}",`);
    const payloadFile = file('payload.json', JSON.stringify(CLAIMS));
    const badPayloadFile = file('bad-payload.json', `{"note":${PAYLOAD_MARKER}}`);

    const commands: string[][] = [
      ['verify', token, '--alg', 'HS256', '--secret-env', 'WRONG_SECRET'],
      ['verify', token, '--alg', 'HS256', '--secret-env', 'SHORT_SECRET'],
      ['verify', token, '--alg', 'HS384', '--secret-env', 'JWT_SECRET'],
      ['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET', '--aud', 'api://svc-a'],
      ['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET', '--at', '2030-01-01T00:00:00Z'],
      ['verify', `${token}x`, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'],
      ['verify', withPayload(`{"note":${PAYLOAD_MARKER}}`), '--alg', 'HS256', '--secret-env', 'JWT_SECRET'],
      ['verify', token, '--alg', 'HS256', '--key', privateJwkFile],
      ['verify', token, '--alg', 'ES256', '--key', pemFile],
      ['verify', token, '--alg', 'ES256', '--key', brokenJwkFile],
      ['verify', token, '--alg', 'ES256', '--key', notJsonFile],
      ['verify', token, '--alg', 'HS256', '--secret-env', 'MISSING_VARIABLE'],
      ['verify', '-', '--alg', 'HS256', '--secret-env', 'WRONG_SECRET'],
      ['sign', payloadFile, '--alg', 'HS512', '--secret-env', 'JWT_SECRET'],
      ['sign', payloadFile, '--alg', 'ES384', '--key', privateJwkFile],
      ['sign', payloadFile, '--alg', 'RS256', '--key', privateJwkFile],
      ['sign', payloadFile, '--alg', 'ES256', '--key', brokenJwkFile],
      ['sign', payloadFile, '--alg', 'ES256', '--key', notJsonFile],
      ['sign', payloadFile, '--alg', 'PS256', '--key', rsaJwkFile],
      ['sign', badPayloadFile, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'],
      ['sign', payloadFile, '--alg', 'ES384', '--key', pemFile],
      ['sign', payloadFile, '--alg', 'ES256', '--secret-env', 'JWT_SECRET'],
      ['sign', '--alg', 'HS256', '--secret-env', 'JWT_SECRET', '--claim', `exp=${PAYLOAD_MARKER}`],
      ['decode', `${token}!`],
      ['decode', withPayload(`{"note":${PAYLOAD_MARKER}}`)],
      ['decode', `${token}.${token}`],
    ];
    for (const args of commands) {
      const { code, text } = await run(args, token);
      expect(code, args.join(' ')).not.toBe(0);
      expectClean(text, `jwtkit ${args[0] ?? ''} ${args.slice(2).join(' ')}`);
    }
  });
});
