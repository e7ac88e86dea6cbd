/**
 * Tests of the jwtkit command-line tool. Most run `runCli` in-process with a fake `CliIo`
 * and a fixed clock; the last few spawn the built dist/cli.js to check the real process glue.
 * Keys are generated per run and written to a temporary folder.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type JWK, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, sign, verify } from '../src/index.ts';
import { parseDate } from '../src/cli/args.ts';
import { describeTimeClaim, escapeControlCharacters, formatSpan } from '../src/cli/format.ts';
import { type CliIo, runCli } from '../src/cli/run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2024-05-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

/** A 40-byte HS256 secret; tests check that no output ever contains it. */
const SECRET = 'cli-test-secret-0123456789-abcdefghijklm';

/** A self-signed P-256 certificate and its private key, generated with OpenSSL for these tests only. */
const CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----
MIIBijCCATCgAwIBAgITdlRuGPqeckAw3fQbNLs8GcedfjAKBggqhkjOPQQDAjAa
MRgwFgYDVQQDDA9qd3RraXQgQ0xJIHRlc3QwIBcNMjYxMjA0MjAxMzUzWhgPMjEy
NjExMTAyMDEzNTNaMBoxGDAWBgNVBAMMD2p3dGtpdCBDTEkgdGVzdDBZMBMGByqG
SM49AgEGCCqGSM49AwEHA0IABMo7iy5oEbkGHYhQxTbs2d+92vodODKznTSDvDYO
PArQfCrygJ077Ymt4MhsvEmoGPskF990mG2s4XXfQ/vWfOijUzBRMB0GA1UdDgQW
BBTTvHy2CAsFSqIzILIt8Vu5etoj1DAfBgNVHSMEGDAWgBTTvHy2CAsFSqIzILIt
8Vu5etoj1DAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIGqn0NVa
uO1RTVaVJmpARd/6MvezClSjrVC1sr9tFoiTAiEAw4qAGgIUaPkHIW74A6EybxdM
6qu4nNEHthM+ch8sW7U=
-----END CERTIFICATE-----
`;
const CERTIFICATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgd9ZxpP3NWMsZsOah
tfIjzXefK3TiZ/L6NWttOFDn1wehRANCAATKO4suaBG5Bh2IUMU27Nnfvdr6HTgy
s500g7w2DjwK0Hwq8oCdO+2JreDIbLxJqBj7JBffdJhtrOF130P71nzo
-----END PRIVATE KEY-----
`;

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  stdinRead: boolean;
}

interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** Whether stdout and stderr are terminals. */
  tty?: boolean;
  stdinTTY?: boolean;
  now?: Date;
}

/** Runs the CLI in-process with a fake `CliIo` and collects what it wrote. */
async function run(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const result: RunResult = { code: -1, stdout: '', stderr: '', stdinRead: false };
  const io: CliIo = {
    stdin: () => {
      result.stdinRead = true;
      return Promise.resolve(options.stdin ?? '');
    },
    stdout: (text) => {
      result.stdout += text;
    },
    stderr: (text) => {
      result.stderr += text;
    },
    env: options.env ?? {},
    isTTY: { stdin: options.stdinTTY ?? false, stdout: options.tty ?? false, stderr: options.tty ?? false },
    now: () => options.now ?? NOW,
  };
  result.code = await runCli(args, io);
  return result;
}

let folder: string;
const paths: Record<string, string> = {};
let ecPrivateJwk: JWK;
let ecPublicJwk: JWK;
let ec2PrivateJwk: JWK;
let ec2PublicJwk: JWK;
let rsaPrivateKey: CryptoKey;
let rsaPublicJwk: JWK;

function writeFixture(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  paths[name] = path;
  return path;
}

function fixture(name: string): string {
  const path = paths[name];
  if (path === undefined) throw new Error(`no fixture named ${name}`);
  return path;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'jwtkit-cli-test-'));

  const ec = await generateKeyPair('ES256', { extractable: true });
  ecPrivateJwk = { ...(await exportJWK(ec.privateKey)), kid: 'ec-1' };
  ecPublicJwk = { ...(await exportJWK(ec.publicKey)), kid: 'ec-1' };
  const ecPkcs8 = await exportPKCS8(ec.privateKey);
  writeFixture('ec-private.jwk.json', JSON.stringify(ecPrivateJwk));
  writeFixture('ec-public.jwk.json', JSON.stringify(ecPublicJwk));
  writeFixture('ec-pkcs8.pem', ecPkcs8);
  writeFixture('ec-spki.pem', await exportSPKI(ec.publicKey));
  writeFixture('ec-sec1.pem', createPrivateKey(ecPkcs8).export({ type: 'sec1', format: 'pem' }).toString());

  const ec2 = await generateKeyPair('ES256', { extractable: true });
  ec2PrivateJwk = { ...(await exportJWK(ec2.privateKey)), kid: 'ec-2' };
  ec2PublicJwk = { ...(await exportJWK(ec2.publicKey)), kid: 'ec-2' };
  writeFixture('public.jwks.json', JSON.stringify({ keys: [ecPublicJwk, ec2PublicJwk] }));
  writeFixture('private.jwks.json', JSON.stringify({ keys: [ecPrivateJwk, ec2PrivateJwk] }));
  writeFixture('single.jwks.json', JSON.stringify({ keys: [ec2PublicJwk] }));

  const rsa = await generateKeyPair('RS256', { extractable: true });
  rsaPrivateKey = rsa.privateKey;
  rsaPublicJwk = await exportJWK(rsa.publicKey);
  const rsaPkcs8 = await exportPKCS8(rsa.privateKey);
  const rsaSpki = await exportSPKI(rsa.publicKey);
  writeFixture('rsa-pkcs8.pem', rsaPkcs8);
  writeFixture('rsa-spki.pem', rsaSpki);
  writeFixture('rsa-pkcs1-private.pem', createPrivateKey(rsaPkcs8).export({ type: 'pkcs1', format: 'pem' }).toString());
  writeFixture('rsa-pkcs1-public.pem', createPublicKey(rsaSpki).export({ type: 'pkcs1', format: 'pem' }).toString());
  writeFixture('rsa-public.jwk.json', JSON.stringify(rsaPublicJwk));
  writeFixture('mixed.jwks.json', JSON.stringify({ keys: [ecPublicJwk, ec2PublicJwk, rsaPublicJwk] }));

  writeFixture('certificate.pem', CERTIFICATE_PEM);
  writeFixture('certificate-key.pem', CERTIFICATE_KEY_PEM);
  writeFixture('not-a-key.txt', 'hello\n');
  writeFixture('broken.json', '{"kty": "EC", ');
  writeFixture('two-blocks.pem', CERTIFICATE_PEM + CERTIFICATE_PEM);
  writeFixture('claims.json', JSON.stringify({ role: 'reader', n: 1 }));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Signs an ES256 token with the first EC key, as of NOW unless `currentDate` is given. */
function signEc(payload: Record<string, unknown>, options: { kid?: string; expiresIn?: string; currentDate?: Date } = {}): Promise<string> {
  return sign(payload, ecPrivateJwk, { alg: 'ES256', currentDate: NOW, ...options });
}

/** Builds an unsigned-looking token from a header and payload; the signature is filler. */
function rawToken(header: unknown, payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.AAAA`;
}

/** Returns the JSON objects printed at the start of a line, such as keygen's JWKs. */
function printedJsonObjects(text: string): Record<string, unknown>[] {
  return (text.match(/^\{$[\s\S]*?^\}$/gm) ?? []).map((block) => JSON.parse(block) as Record<string, unknown>);
}

describe('jwtkit top level', () => {
  it('prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it('lists the commands with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['decode', 'verify', 'sign', 'keygen']) expect(result.stdout).toContain(command);
  });

  it('exits 2 without a command', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Commands:');
    expect(result.stdout).toBe('');
  });

  it('rejects an unknown command with exit 2', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--help');
  });

  it('prints command help with --help or help COMMAND', async () => {
    for (const args of [['verify', '--help'], ['help', 'verify'], ['verify', '-h', '--alg']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: jwtkit verify');
    }
  });

  it('has help for every command', async () => {
    for (const command of ['decode', 'verify', 'sign', 'keygen']) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: jwtkit ${command}`);
    }
  });
});

describe('jwtkit decode', () => {
  it('prints header and payload and warns on stderr', async () => {
    const token = await signEc({ sub: 'user-1' }, { kid: 'ec-1' });
    const result = await run(['decode', token]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"kid": "ec-1"');
    expect(result.stdout).toContain('"sub": "user-1"');
    expect(result.stderr).toContain('NOT verified');
  });

  it('reads the token from stdin for "-" or no argument', async () => {
    const token = await signEc({ sub: 'from-stdin' });
    for (const args of [['decode', '-'], ['decode']]) {
      const result = await run(args, { stdin: `${token}\n` });
      expect(result.code).toBe(0);
      expect(result.stdinRead).toBe(true);
      expect(result.stdout).toContain('"sub": "from-stdin"');
    }
  });

  it('does not wait on a terminal stdin without a token', async () => {
    const result = await run(['decode'], { stdinTTY: true });
    expect(result.code).toBe(2);
    expect(result.stdinRead).toBe(false);
  });

  it('rejects empty stdin with exit 2', async () => {
    const result = await run(['decode', '-'], { stdin: '  \n' });
    expect(result.code).toBe(2);
  });

  it('exits 1 with ERR_JWT_MALFORMED for a malformed token', async () => {
    for (const token of ['not-a-token', 'a.b', 'eyJhbGciOiJFUzI1NiJ9.!!!.AAAA']) {
      const result = await run(['decode', token]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ERR_JWT_MALFORMED');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('shows time claims as dates with relative phrases', async () => {
    const token = rawToken({ alg: 'ES256' }, { exp: NOW_SECONDS + 59 * 60 + 30, nbf: NOW_SECONDS - 2 * 86_400, iat: NOW_SECONDS - 5 });
    const result = await run(['decode', token]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exp: 2024-05-01T12:59:30Z (expires in 59 min)');
    expect(result.stdout).toContain('nbf: 2024-04-29T12:00:00Z (valid from 2 d ago)');
    expect(result.stdout).toContain('iat: 2024-05-01T11:59:55Z (issued 5 s ago)');
  });

  it('shows past expiry and future nbf and iat', async () => {
    const token = rawToken({ alg: 'ES256' }, { exp: NOW_SECONDS - 3 * 3600, nbf: NOW_SECONDS + 90, iat: NOW_SECONDS + 7200 });
    const result = await run(['decode', token]);
    expect(result.stdout).toContain('(expired 3 h ago)');
    expect(result.stdout).toContain('(becomes valid in 1 min)');
    expect(result.stdout).toContain('(issued 2 h in the future)');
  });

  it('flags a time claim that is not a NumericDate', async () => {
    const result = await run(['decode', rawToken({ alg: 'ES256' }, { exp: 'tomorrow' })]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exp: not a NumericDate');
  });

  it('rejects a second positional argument', async () => {
    const result = await run(['decode', 'a.b.c', 'extra']);
    expect(result.code).toBe(2);
  });
});

describe('relative time formatting', () => {
  it('picks s, min, h or d and rounds down', () => {
    const cases: [number, string][] = [
      [0, '0 s'],
      [59.9, '59 s'],
      [60, '1 min'],
      [3599, '59 min'],
      [3600, '1 h'],
      [86_399, '23 h'],
      [86_400, '1 d'],
      [-172_800, '2 d'],
    ];
    for (const [seconds, expected] of cases) expect(formatSpan(seconds)).toBe(expected);
  });

  it('treats exp equal to now as expired', () => {
    expect(describeTimeClaim('exp', 100, 100)).toBe('expired 0 s ago');
    expect(describeTimeClaim('exp', 101, 100)).toBe('expires in 1 s');
  });
});

describe('escapeControlCharacters', () => {
  it('escapes ESC and newlines and keeps other text', () => {
    expect(escapeControlCharacters('a\u001b[31mb\nc é')).toBe('a\\u001b[31mb\\u000ac é');
  });
});

describe('--at date parsing', () => {
  it('accepts ISO 8601 with Z or offset, dates and NumericDates', () => {
    expect(parseDate('2011-03-22T18:00:00Z', '--at').toISOString()).toBe('2011-03-22T18:00:00.000Z');
    expect(parseDate('2011-03-22T20:00:00+02:00', '--at').toISOString()).toBe('2011-03-22T18:00:00.000Z');
    expect(parseDate('2011-03-22', '--at').toISOString()).toBe('2011-03-22T00:00:00.000Z');
    expect(parseDate('1300819380', '--at').toISOString()).toBe('2011-03-22T18:43:00.000Z');
  });

  it('rejects local times, impossible dates and other text', () => {
    for (const value of ['2011-03-22T18:00:00', '2011-02-31', '2011-13-01', '2011-03-22T24:00:00Z', 'yesterday', '']) {
      expect(() => parseDate(value, '--at')).toThrow('--at');
    }
  });
});

describe('jwtkit verify', () => {
  it('prints valid with the claims for a public JWK', async () => {
    const token = await signEc({ sub: 'user-1' }, { expiresIn: '1h' });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('valid');
    expect(result.stdout).toContain('"sub": "user-1"');
    expect(result.stdout).toContain('(expires in 1 h)');
  });

  it('accepts a private JWK', async () => {
    const token = await signEc({});
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('ec-private.jwk.json')]);
    expect(result.code).toBe(0);
  });

  it('reads the token from stdin with "-"', async () => {
    const token = await signEc({});
    const result = await run(['verify', '-', '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')], { stdin: `${token}\n` });
    expect(result.code).toBe(0);
    expect(result.stdinRead).toBe(true);
  });

  it('picks the JWKS key by kid', async () => {
    const token = await sign({ sub: 'second' }, ec2PrivateJwk, { alg: 'ES256', kid: 'ec-2', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('public.jwks.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"sub": "second"');
  });

  it('fails for a kid missing from the JWKS', async () => {
    const token = await signEc({}, { kid: 'unknown-kid' });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('public.jwks.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('fails without kid when several JWKS keys fit', async () => {
    const { kid: _kid, ...withoutKid } = ecPrivateJwk;
    const token = await sign({}, withoutKid, { alg: 'ES256', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('public.jwks.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
  });

  it('uses the only JWKS key for a token without kid', async () => {
    const { kid: _kid, ...withoutKid } = ec2PrivateJwk;
    const token = await sign({}, withoutKid, { alg: 'ES256', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('single.jwks.json')]);
    expect(result.code).toBe(0);
  });

  it('picks the only JWKS key that fits the alg', async () => {
    const token = await sign({}, rsaPrivateKey, { alg: 'RS256', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'RS256', '--key', fixture('mixed.jwks.json')]);
    expect(result.code).toBe(0);
  });

  it('fails when no JWKS key fits the alg', async () => {
    const token = await sign({}, SECRET, { alg: 'HS256', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'HS256', '--key', fixture('mixed.jwks.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('verifies with each public PEM label', async () => {
    const ecToken = await signEc({});
    const rsaToken = await sign({}, rsaPrivateKey, { alg: 'RS256', currentDate: NOW });
    const certificateToken = await sign({}, createPrivateKeyJwk(CERTIFICATE_KEY_PEM), { alg: 'ES256', currentDate: NOW });

    const cases: [string, string, string][] = [
      [ecToken, 'ES256', 'ec-spki.pem'],
      [rsaToken, 'RS256', 'rsa-spki.pem'],
      [rsaToken, 'RS256', 'rsa-pkcs1-public.pem'],
      [certificateToken, 'ES256', 'certificate.pem'],
    ];
    for (const [token, alg, file] of cases) {
      const result = await run(['verify', token, '--alg', alg, '--key', fixture(file)]);
      expect(result.code, file).toBe(0);
    }
  });

  it('imports PEM for the token alg', async () => {
    const rsaToken = await sign({}, rsaPrivateKey, { alg: 'RS256', currentDate: NOW });
    for (const algs of [['--alg', 'ES256', '--alg', 'RS256'], ['--alg', 'PS256,RS256']]) {
      const result = await run(['verify', rsaToken, ...algs, '--key', fixture('rsa-spki.pem')]);
      expect(result.code).toBe(0);
    }
  });

  it('fails when the PEM key does not fit the token alg', async () => {
    const rsaToken = await sign({}, rsaPrivateKey, { alg: 'RS256', currentDate: NOW });
    const result = await run(['verify', rsaToken, '--alg', 'ES256,RS256', '--key', fixture('ec-spki.pem')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWT_KEY_INVALID');
  });

  it('rejects a private PEM key with exit 2', async () => {
    const token = await signEc({});
    for (const file of ['ec-pkcs8.pem', 'ec-sec1.pem', 'rsa-pkcs1-private.pem']) {
      const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture(file)]);
      expect(result.code, file).toBe(2);
      expect(result.stderr).toContain('public key');
    }
  });

  it('fails for an algorithm outside --alg', async () => {
    const token = await signEc({});
    const result = await run(['verify', token, '--alg', 'ES384', '--key', fixture('ec-public.jwk.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid: ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('accepts expired token only with --leeway or --at', async () => {
    const token = await signEc({}, { expiresIn: '1h', currentDate: new Date(NOW.getTime() - 2 * 3600 * 1000) });
    const key = ['--alg', 'ES256', '--key', fixture('ec-public.jwk.json')];

    const expired = await run(['verify', token, ...key]);
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain('ERR_JWT_EXPIRED');

    expect((await run(['verify', token, ...key, '--leeway', '2h'])).code).toBe(0);
    expect((await run(['verify', token, ...key, '--leeway', '3601'])).code).toBe(0);
    expect((await run(['verify', token, ...key, '--leeway', '59m'])).code).toBe(1);
    expect((await run(['verify', token, ...key, '--at', '2024-05-01T10:30:00Z'])).code).toBe(0);
    expect((await run(['verify', token, ...key, '--at', String(NOW_SECONDS - 5400)])).code).toBe(0);
  });

  it('fails for a token that is not valid yet', async () => {
    const token = await sign({}, ecPrivateJwk, { alg: 'ES256', currentDate: NOW, notBefore: '1h' });
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWT_NOT_YET_VALID');
  });

  it('checks --iss, --aud and --sub', async () => {
    const token = await sign({}, ecPrivateJwk, { alg: 'ES256', currentDate: NOW, issuer: 'https://issuer.example', audience: 'api://a', subject: 'user-1' });
    const key = ['--alg', 'ES256', '--key', fixture('ec-public.jwk.json')];

    expect((await run(['verify', token, ...key, '--iss', 'https://issuer.example', '--aud', 'api://b', '--aud', 'api://a', '--sub', 'user-1'])).code).toBe(0);

    for (const check of [['--iss', 'https://other.example'], ['--aud', 'api://b'], ['--sub', 'user-2']]) {
      const result = await run(['verify', token, ...key, ...check]);
      expect(result.code, check.join(' ')).toBe(1);
      expect(result.stderr).toContain('ERR_JWT_CLAIM_INVALID');
    }
  });

  it('fails for a tampered payload', async () => {
    const token = await signEc({ role: 'reader' });
    const [header, , signature] = token.split('.');
    const tampered = `${String(header)}.${Buffer.from('{"role":"admin"}').toString('base64url')}.${String(signature)}`;
    const result = await run(['verify', tampered, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWT_SIGNATURE_INVALID');
    expect(result.stdout).toBe('');
  });

  it('verifies an HMAC token with --secret-env', async () => {
    const token = await sign({ sub: 'hmac' }, SECRET, { alg: 'HS256', currentDate: NOW });
    const result = await run(['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env: { JWT_SECRET: SECRET } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"sub": "hmac"');

    const wrong = await run(['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env: { JWT_SECRET: `${SECRET}-other` } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('ERR_JWT_SIGNATURE_INVALID');
  });

  it('escapes control characters in messages', async () => {
    const token = rawToken({ alg: '\u001b[31mEVIL' }, {});
    const result = await run(['verify', token, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_JWT_ALG_NOT_ALLOWED');
    expect(result.stderr).not.toContain('\u001b');
  });

  it('exits 2 for usage errors', async () => {
    const token = await signEc({});
    const jwk = fixture('ec-public.jwk.json');
    const env = { JWT_SECRET: SECRET };
    const cases: string[][] = [
      ['verify', token, '--key', jwk],
      ['verify', token, '--alg', 'ES256'],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--secret-env', 'JWT_SECRET'],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--bogus'],
      ['verify', token, '--alg', 'ES256', '--key', join(folder, 'missing.json')],
      ['verify', token, '--alg', 'ES256', '--key', folder],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--leeway', 'soon'],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--leeway', '-5s'],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--at', 'yesterday'],
      ['verify', token, '--alg', 'none', '--key', jwk],
      ['verify', token, '--alg', 'XS256', '--key', jwk],
      ['verify', '--alg', 'ES256', '--key', jwk],
      ['verify', token, '--alg', 'RS256', '--secret-env', 'JWT_SECRET'],
      ['verify', token, '--alg', 'HS256', '--key', fixture('rsa-spki.pem')],
      ['verify', token, '--alg', 'ES256', '--key', fixture('not-a-key.txt')],
      ['verify', token, '--alg', 'ES256', '--key', fixture('broken.json')],
      ['verify', token, '--alg', 'ES256', '--key', fixture('two-blocks.pem')],
      ['verify', token, '--alg', 'ES256', '--key', jwk, '--sub', ''],
      ['verify', token, '--alg'],
    ];
    for (const args of cases) {
      const result = await run(args, { env });
      expect(result.code, args.slice(2).join(' ')).toBe(2);
      expect(result.stderr, args.slice(2).join(' ')).toContain('--help');
      expect(result.stdout).toBe('');
    }
  });
});

/** Converts a PKCS #8 PEM private key to a JWK with node:crypto, for signing test tokens. */
function createPrivateKeyJwk(pem: string): JWK {
  return createPrivateKey(pem).export({ format: 'jwk' }) as JWK;
}

describe('jwtkit sign', () => {
  it('signs registered claims from the options', async () => {
    const result = await run([
      'sign', '--alg', 'ES256', '--key', fixture('ec-private.jwk.json'),
      '--exp', '1h', '--nbf=-5m', '--iss', 'https://issuer.example', '--sub', 'user-1', '--aud', 'api://demo',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);

    const { header, payload } = await verify(result.stdout.trim(), ecPublicJwk, { algorithms: ['ES256'], currentDate: NOW });
    expect(header.kid).toBe('ec-1');
    expect(payload).toEqual({
      iss: 'https://issuer.example', sub: 'user-1', aud: 'api://demo',
      exp: NOW_SECONDS + 3600, nbf: NOW_SECONDS - 300, iat: NOW_SECONDS,
    });
  });

  it('merges the payload file with --claim values', async () => {
    const result = await run([
      'sign', fixture('claims.json'), '--alg', 'ES256', '--key', fixture('ec-private.jwk.json'), '--no-iat',
      '--claim', 'n=42', '--claim', 'admin=true', '--claim', 'roles=["a","b"]', '--claim', 'name=alice', '--claim', 'note=a=b',
      '--claim', '__proto__={"polluted":1}',
    ]);
    expect(result.code).toBe(0);

    const { payload } = await verify(result.stdout.trim(), ecPublicJwk, { algorithms: ['ES256'], currentDate: NOW });
    expect(payload.role).toBe('reader');
    expect(payload.n).toBe(42);
    expect(payload.admin).toBe(true);
    expect(payload.roles).toEqual(['a', 'b']);
    expect(payload.name).toBe('alice');
    expect(payload.note).toBe('a=b');
    expect(payload.iat).toBeUndefined();
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the payload from stdin with "-"', async () => {
    const result = await run(['sign', '-', '--alg', 'ES256', '--key', fixture('ec-private.jwk.json')], { stdin: '{"sub":"piped"}' });
    expect(result.code).toBe(0);
    const { payload } = await verify(result.stdout.trim(), ecPublicJwk, { algorithms: ['ES256'], currentDate: NOW });
    expect(payload.sub).toBe('piped');
  });

  it('sets kid and several audiences', async () => {
    const result = await run(['sign', '--alg', 'ES256', '--key', fixture('ec-private.jwk.json'), '--kid', 'other', '--aud', 'a', '--aud', 'b']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    const { header, payload } = await verify(token, ecPublicJwk, { algorithms: ['ES256'], currentDate: NOW });
    expect(header.kid).toBe('other');
    expect(payload.aud).toEqual(['a', 'b']);
  });

  it('signs with each private PEM label', async () => {
    const cases: [string, string, JWK][] = [
      ['ec-pkcs8.pem', 'ES256', ecPublicJwk],
      ['ec-sec1.pem', 'ES256', ecPublicJwk],
      ['rsa-pkcs8.pem', 'RS256', rsaPublicJwk],
      ['rsa-pkcs1-private.pem', 'RS256', rsaPublicJwk],
    ];
    for (const [file, alg, publicJwk] of cases) {
      const result = await run(['sign', '--alg', alg, '--key', fixture(file)]);
      expect(result.code, file).toBe(0);
      await expect(verify(result.stdout.trim(), publicJwk, { algorithms: [alg as 'ES256'], currentDate: NOW })).resolves.toBeDefined();
    }
  });

  it('picks a JWKS key with --kid', async () => {
    const result = await run(['sign', '--alg', 'ES256', '--key', fixture('private.jwks.json'), '--kid', 'ec-2']);
    expect(result.code).toBe(0);
    const verified = await run(['verify', result.stdout.trim(), '--alg', 'ES256', '--key', fixture('public.jwks.json')]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('"kid": "ec-2"');
  });

  it('signs with an HMAC secret from the environment', async () => {
    const result = await run(['sign', '--alg', 'HS256', '--secret-env', 'JWT_SECRET', '--sub', 'hmac'], { env: { JWT_SECRET: SECRET } });
    expect(result.code).toBe(0);
    const { payload } = await verify(result.stdout.trim(), SECRET, { algorithms: ['HS256'], currentDate: NOW });
    expect(payload.sub).toBe('hmac');
  });

  it('exits 1 when the key cannot sign with --alg', async () => {
    const short = await run(['sign', '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env: { JWT_SECRET: 'short' } });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('ERR_JWT_KEY_INVALID');

    const mismatch = await run(['sign', '--alg', 'RS256', '--key', fixture('ec-pkcs8.pem')]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('ERR_JWT_KEY_INVALID');
  });

  it('exits 2 for usage errors', async () => {
    const jwk = fixture('ec-private.jwk.json');
    const cases: { args: string[]; stdin?: string }[] = [
      { args: ['sign', '--key', jwk] },
      { args: ['sign', '--alg', 'ES256', '--alg', 'ES384', '--key', jwk] },
      { args: ['sign', '--alg', 'ES256'] },
      { args: ['sign', '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')] },
      { args: ['sign', '--alg', 'ES256', '--key', fixture('ec-spki.pem')] },
      { args: ['sign', '--alg', 'ES256', '--key', fixture('private.jwks.json')] },
      { args: ['sign', '--alg', 'ES256', '--key', fixture('private.jwks.json'), '--kid', 'nope'] },
      { args: ['sign', '--alg', 'HS256', '--key', fixture('ec-pkcs8.pem')] },
      { args: ['sign', fixture('not-a-key.txt'), '--alg', 'ES256', '--key', jwk] },
      { args: ['sign', join(folder, 'missing.json'), '--alg', 'ES256', '--key', jwk] },
      { args: ['sign', '-', '--alg', 'ES256', '--key', jwk], stdin: '[1, 2]' },
      { args: ['sign', '-', '--alg', 'ES256', '--key', jwk, '--sub', 'b'], stdin: '{"sub":"a"}' },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--claim', 'sub=a', '--sub', 'b'] },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--claim', 'noequals'] },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--claim', '=value'] },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--claim', 'exp="soon"'] },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--exp', 'later'] },
      { args: ['sign', '--alg', 'ES256', '--key', jwk, '--exp', '-1h'] },
      { args: ['sign', 'a.json', 'b.json', '--alg', 'ES256', '--key', jwk] },
    ];
    for (const { args, stdin } of cases) {
      const result = await run(args, stdin === undefined ? {} : { stdin });
      const label = `${args.slice(1).join(' ')} ${stdin ?? ''}`;
      expect(result.code, label).toBe(2);
      expect(result.stderr, label).toContain('--help');
    }
  });
});

describe('jwtkit keygen', () => {
  it('prints an ES256 JWK pair', async () => {
    const result = await run(['keygen', '--alg', 'ES256', '--kid', 'k1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Private key');
    expect(result.stdout).toContain('Public key');

    const [privateJwk, publicJwk] = printedJsonObjects(result.stdout);
    expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: 'k1' });
    expect(typeof privateJwk?.d).toBe('string');
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: 'k1' });
    expect(publicJwk?.d).toBeUndefined();

    const token = await sign({}, privateJwk as JWK, { alg: 'ES256', currentDate: NOW });
    await expect(verify(token, publicJwk as JWK, { algorithms: ['ES256'], currentDate: NOW })).resolves.toBeDefined();
  });

  it('prints PEM with --format pem', async () => {
    const result = await run(['keygen', '--alg', 'EdDSA', '--format', 'pem']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-----BEGIN PRIVATE KEY-----');
    expect(result.stdout).toContain('-----BEGIN PUBLIC KEY-----');
  });

  it('prints an HMAC secret as an oct JWK or base64url', async () => {
    const jwk = await run(['keygen', '--alg', 'HS384']);
    expect(jwk.code).toBe(0);
    const [secret] = printedJsonObjects(jwk.stdout);
    expect(secret).toMatchObject({ kty: 'oct', alg: 'HS384' });
    expect(Buffer.from(String(secret?.k), 'base64url')).toHaveLength(48);

    const pem = await run(['keygen', '--alg', 'HS256', '--format', 'pem']);
    expect(pem.code).toBe(0);
    const line = pem.stdout.split('\n').find((text) => /^[A-Za-z0-9_-]{43}$/.test(text));
    expect(line).toBeDefined();
    expect(Buffer.from(String(line), 'base64url')).toHaveLength(32);
    expect(pem.stderr).toContain('no PEM form');
  });

  it('writes key files that sign and verify', async () => {
    const privatePath = join(folder, 'generated-private.jwk.json');
    const publicPath = join(folder, 'generated-public.jwk.json');
    const result = await run(['keygen', '--alg', 'ES384', '--kid', 'gen', '--private-out', privatePath, '--public-out', publicPath]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('"d"');
    if (process.platform !== 'win32') {
      expect(statSync(privatePath).mode & 0o777).toBe(0o600);
    }

    const signed = await run(['sign', '--alg', 'ES384', '--key', privatePath, '--exp', '10m']);
    expect(signed.code).toBe(0);
    const verified = await run(['verify', signed.stdout.trim(), '--alg', 'ES384', '--key', publicPath]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('"kid": "gen"');
  });

  it('writes an HMAC secret that sign can use', async () => {
    const secretPath = join(folder, 'generated-secret.jwk.json');
    expect((await run(['keygen', '--alg', 'HS512', '--private-out', secretPath])).code).toBe(0);
    const signed = await run(['sign', '--alg', 'HS512', '--key', secretPath]);
    expect(signed.code).toBe(0);
    expect((await run(['verify', signed.stdout.trim(), '--alg', 'HS512', '--key', secretPath])).code).toBe(0);
  });

  it('never overwrites an existing file', async () => {
    const existing = writeFixture('existing.pem', 'keep me\n');
    const publicPath = join(folder, 'not-written.pem');
    const result = await run(['keygen', '--alg', 'ES256', '--format', 'pem', '--private-out', existing, '--public-out', publicPath]);
    expect(result.code).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('keep me\n');
    expect(existsSync(publicPath)).toBe(false);
  });

  it('removes the private file when the public file exists', async () => {
    const privatePath = join(folder, 'orphan-private.pem');
    const existing = writeFixture('existing-public.pem', 'keep me too\n');
    const result = await run(['keygen', '--alg', 'ES256', '--format', 'pem', '--private-out', privatePath, '--public-out', existing]);
    expect(result.code).toBe(2);
    expect(existsSync(privatePath)).toBe(false);
    expect(readFileSync(existing, 'utf8')).toBe('keep me too\n');
  });

  it('exits 2 for usage errors', async () => {
    const cases: string[][] = [
      ['keygen'],
      ['keygen', '--alg', 'ES256', '--alg', 'RS256'],
      ['keygen', '--alg', 'ES256', '--format', 'der'],
      ['keygen', '--alg', 'ES256', '--format', 'pem', '--kid', 'x'],
      ['keygen', '--alg', 'ES256', '--private-out', join(folder, 'only-private.pem')],
      ['keygen', '--alg', 'ES256', '--private-out', join(folder, 'same.pem'), '--public-out', join(folder, 'same.pem')],
      ['keygen', '--alg', 'HS256', '--private-out', join(folder, 'hs.json'), '--public-out', join(folder, 'hs-public.json')],
      ['keygen', '--alg', 'ES256', 'extra'],
    ];
    for (const args of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('--help');
    }
    expect(existsSync(join(folder, 'only-private.pem'))).toBe(false);
  });
});

describe('secret handling', () => {
  it('never prints the secret, even in errors', async () => {
    const env = { JWT_SECRET: SECRET };
    const token = await sign({}, SECRET, { alg: 'HS256', currentDate: NOW });
    const otherToken = await sign({}, `${SECRET}-other`, { alg: 'HS256', currentDate: NOW });
    const runs = [
      await run(['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env }),
      await run(['verify', otherToken, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env }),
      await run(['verify', token, '--alg', 'RS256', '--secret-env', 'JWT_SECRET'], { env }),
      await run(['sign', '--alg', 'HS512', '--secret-env', 'JWT_SECRET'], { env }),
      await run(['sign', '--alg', 'HS256', `--secret=${SECRET}`]),
      await run(['sign', '--alg', 'HS256', '--secret-env', SECRET]),
      await run(['verify', token, '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env: { JWT_SECRET: `{"kty":"oct","k":"${SECRET}"}` } }),
    ];
    expect(runs.map((result) => result.code)).toEqual([0, 1, 2, 1, 2, 2, 1]);
    for (const result of runs) {
      expect(result.stdout).not.toContain(SECRET);
      expect(result.stderr).not.toContain(SECRET);
    }
  });

  it('points --secret to --secret-env', async () => {
    const result = await run(['verify', 'a.b.c', '--alg', 'HS256', '--secret', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--secret-env');
  });

  it('reports an unset or empty variable with exit 2', async () => {
    expect((await run(['sign', '--alg', 'HS256', '--secret-env', 'JWT_SECRET'])).code).toBe(2);
    expect((await run(['sign', '--alg', 'HS256', '--secret-env', 'JWT_SECRET'], { env: { JWT_SECRET: '' } })).code).toBe(2);
  });
});

describe('colour', () => {
  const ESC = '\u001b[';

  it('colours only a terminal without NO_COLOR', async () => {
    const token = await signEc({});
    const args = ['verify', token, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')];

    expect((await run(args, { tty: true })).stdout).toContain(ESC);
    expect((await run(args, { tty: false })).stdout).not.toContain(ESC);
    expect((await run(args, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(args, { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain(ESC);
  });

  it('keeps plain errors off a terminal', async () => {
    const result = await run(['verify', 'x.y.z', '--key', 'k']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(ESC);
  });
});

/** Returns the newest modification time of the files under `directory`, in milliseconds. */
function newestModification(directory: string): number {
  const files = readdirSync(directory, { recursive: true, encoding: 'utf8' });
  return Math.max(...files.map((file) => statSync(join(directory, file)).mtimeMs));
}

describe('built executable', () => {
  let cliPath = join(ROOT, 'dist', 'cli.js');

  // A dist/cli.js older than the sources is not rebuilt in place, because other test files
  // read dist/ at the same time. The CLI alone is bundled into node_modules/.cache instead,
  // which is still under the package root, so --version finds package.json.
  beforeAll(() => {
    if (existsSync(cliPath) && statSync(cliPath).mtimeMs >= newestModification(join(ROOT, 'src'))) return;
    const outDir = join(ROOT, 'node_modules', '.cache', 'jwtkit-cli-test');
    const args = ['tsup', 'src/cli/main.ts', '--no-config', '--format', 'esm', '--platform', 'node', '--target', 'node20', '--out-dir', outDir];
    execFileSync('npx', args, { cwd: ROOT, stdio: 'ignore' });
    cliPath = join(outDir, 'main.js');
  }, 120_000);

  function spawnCli(args: string[], input?: string) {
    return spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', input: input ?? '', env: { ...process.env, NO_COLOR: '1' } });
  }

  it('prints the version', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = spawnCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it('decodes a token piped to stdin', async () => {
    const token = await signEc({ sub: 'spawned' });
    const result = spawnCli(['decode'], `${token}\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"sub": "spawned"');
    expect(result.stderr).toContain('NOT verified');
  });

  it('sets exit codes 1 and 2 without stack traces', async () => {
    const token = await signEc({}, { expiresIn: '1h', currentDate: new Date('2001-01-01T00:00:00Z') });
    const invalid = spawnCli(['verify', token, '--alg', 'ES256', '--key', fixture('ec-public.jwk.json')]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('ERR_JWT_EXPIRED');
    expect(invalid.stderr).not.toMatch(/\n\s+at /);

    const usage = spawnCli(['verify', token, '--key', join(folder, 'missing.json')]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
