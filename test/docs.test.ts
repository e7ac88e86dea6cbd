/**
 * Runs every fenced `ts` and `js` block of README.md and docs/*.md as an ES module on Node,
 * against the built dist/index.js. A block preceded by the line `<!-- docs-test: skip -->` is
 * for illustration only and is not run. A block that continues an earlier one may use these
 * globals, set up here beforehand: every export of jwtkit, `privateKey` and `publicKey` (an
 * ES256 key pair), `publicJwk`, `secret` (32 bytes, from JWT_SECRET) and `token` (ES256,
 * issuer https://auth.example.com, audience api://orders).
 * Types are stripped by esbuild, not checked.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules, so blocks that import jose or jsonwebtoken resolve them like a user's code.
const workDir = join(root, 'node_modules', '.cache', 'jwtkit-docs-test');
const distUrl = pathToFileURL(join(root, 'dist', 'index.js')).href;
const SKIP_MARKER = '<!-- docs-test: skip -->';

interface CodeBlock {
  file: string;
  line: number;
  code: string;
  skipped: boolean;
}

function extractBlocks(file: string): CodeBlock[] {
  const text = readFileSync(join(root, file), 'utf8');
  const blocks: CodeBlock[] = [];
  for (const match of text.matchAll(/^```(ts|typescript|js)\n([\s\S]*?)^```$/gm)) {
    const before = text.slice(0, match.index).trimEnd();
    blocks.push({
      file,
      line: before.split('\n').length + 1,
      code: match[2] ?? '',
      skipped: before.endsWith(SKIP_MARKER),
    });
  }
  return blocks;
}

const prelude = `
import * as jwtkit from ${JSON.stringify(distUrl)};
const { privateKey, publicKey } = await jwtkit.generateKeyPair('ES256', { extractable: true });
Object.assign(globalThis, jwtkit, {
  privateKey,
  publicKey,
  publicJwk: await jwtkit.exportJWK(publicKey),
  secret: new TextEncoder().encode(process.env.JWT_SECRET),
  token: await jwtkit.sign({ sub: 'user-1' }, privateKey, { alg: 'ES256', expiresIn: '15m', issuer: 'https://auth.example.com', audience: 'api://orders' }),
});
await import('./block.mjs');
`;

async function runBlock(block: CodeBlock, index: number): Promise<void> {
  const { code } = await transform(block.code, { loader: 'ts', format: 'esm', target: 'node20' });
  const dir = join(workDir, `block-${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'block.mjs'), code.replace(/(from\s*|import\s*\(\s*)(["'])jwtkit\2/g, `$1${JSON.stringify(distUrl)}`));
  writeFileSync(join(dir, 'run.mjs'), prelude);
  execFileSync(process.execPath, ['run.mjs'], {
    cwd: dir,
    env: { ...process.env, JWT_SECRET: 'docs-test-secret-0123456789abcdef' },
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const blocks = files.flatMap(extractBlocks);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('documentation examples', () => {
  it('there are examples to run', () => {
    expect(blocks.filter((block) => !block.skipped).length).toBeGreaterThan(10);
  });

  blocks.forEach((block, index) => {
    const name = `${block.file}:${block.line}`;
    if (block.skipped) {
      it.skip(`${name} (marked for illustration only)`, () => undefined);
      return;
    }
    it(name, async () => {
      try {
        await runBlock(block, index);
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? '';
        throw new Error(`the example at ${name} failed:\n${stderr || String(error)}`, { cause: error });
      }
    });
  });
});
