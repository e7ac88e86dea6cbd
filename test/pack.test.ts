/**
 * The packed package as a user installs it: `npm pack`, `npm install` of the tarball into a
 * temporary project (offline, since jwtkit has no dependencies), then `import` and
 * `require('jwtkit')` there, each signing and verifying, plus the installed `jwtkit` binary.
 * Needs the build in dist/, which `npm test` makes first.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
/** Upper bound for each npm or node child process, in milliseconds. */
const CHILD_TIMEOUT_MS = 60_000;

/** Signs, verifies and provokes one JwtError. It runs once with each module system's copy of jwtkit. */
const consumerBody = `
const secret = new TextEncoder().encode('pack-test-secret-0123456789abcdef');
const token = await jwtkit.sign({ sub: 'user-1' }, secret, { alg: 'HS256', expiresIn: '5m' });
const { payload } = await jwtkit.verify(token, secret, { algorithms: ['HS256'] });
const otherSecret = new TextEncoder().encode('another-secret-0123456789abcdef!');
const error = await jwtkit.verify(token, otherSecret, { algorithms: ['HS256'] }).catch((caught) => caught);
const result = {
  sub: payload.sub,
  code: error.code,
  instanceOfOwnJwtError: error instanceof jwtkit.JwtError,
  isJwtError: jwtkit.isJwtError(error, 'ERR_JWT_SIGNATURE_INVALID'),
  errorName: error.name,
};
`;

const consumers = {
  'esm.mjs': `import * as jwtkit from 'jwtkit';\n${consumerBody}\nconsole.log(JSON.stringify(result));\n`,
  'cjs.cjs': `const jwtkit = require('jwtkit');\n(async () => {\n${consumerBody}\nconsole.log(JSON.stringify(result));\n})().catch((error) => { console.error(error); process.exit(1); });\n`,
  'both.mjs': [
    "import { createRequire } from 'node:module';",
    "import * as esm from 'jwtkit';",
    "const cjs = createRequire(import.meta.url)('jwtkit');",
    "const esmError = (() => { try { esm.decode('not a token'); } catch (error) { return error; } })();",
    "const cjsError = (() => { try { cjs.decode('not a token'); } catch (error) { return error; } })();",
    'console.log(JSON.stringify({',
    '  sameModule: esm.JwtError === cjs.JwtError,',
    '  esmOwn: esmError instanceof esm.JwtError, cjsOwn: cjsError instanceof cjs.JwtError,',
    '  esmInCjs: esmError instanceof cjs.JwtError, cjsInEsm: cjsError instanceof esm.JwtError,',
    '  codes: [esmError.code, cjsError.code],',
    '}));',
    '',
  ].join('\n'),
};

let project = '';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before this test');
  project = mkdtempSync(join(tmpdir(), 'jwtkit-pack-'));
  const output = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], root);
  const [entry] = JSON.parse(output) as { filename: string }[];
  if (entry === undefined) throw new Error(`npm pack printed no entry: ${output}`);

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'jwtkit-pack-consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', join(project, entry.filename)], project);
  for (const [name, source] of Object.entries(consumers)) writeFileSync(join(project, name), source);
}, 3 * CHILD_TIMEOUT_MS);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('installed tarball', () => {
  const expected = { sub: 'user-1', code: 'ERR_JWT_SIGNATURE_INVALID', instanceOfOwnJwtError: true, isJwtError: true, errorName: 'JwtError' };

  it('works through import (ESM)', () => {
    expect(JSON.parse(run(process.execPath, ['esm.mjs'], project))).toEqual(expected);
  });

  it('works through require (CommonJS)', () => {
    expect(JSON.parse(run(process.execPath, ['cjs.cjs'], project))).toEqual(expected);
  });

  it('JwtError matches across ESM and CommonJS', () => {
    const result = JSON.parse(run(process.execPath, ['both.mjs'], project)) as Record<string, unknown>;
    // Two module systems load two copies of the classes; instanceof still holds across them.
    expect(result).toEqual({ sameModule: false, esmOwn: true, cjsOwn: true, esmInCjs: true, cjsInEsm: true, codes: ['ERR_JWT_MALFORMED', 'ERR_JWT_MALFORMED'] });
  });

  it('jsr.json has the package.json version', () => {
    const jsr = JSON.parse(readFileSync(join(root, 'jsr.json'), 'utf8')) as { version: string; exports: string };
    expect(jsr.version).toBe(manifest.version);
    expect(jsr.exports).toBe('./src/index.ts');
  });

  it('installs the jwtkit binary', () => {
    const binary = join(project, 'node_modules', '.bin', 'jwtkit');
    expect(run(binary, ['--version'], project).trim()).toContain(manifest.version);
  });
});
