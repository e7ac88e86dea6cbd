/**
 * The browser entry is free of Node.js: neither dist/index.js nor a browser bundle of `jwtkit`
 * may import a `node:` module or a bare Node built-in, or call `require`. The node:crypto
 * backend reaches node:crypto only through `process.getBuiltinModule` at run time, so the one
 * `node:` string allowed is the argument of that call. The bundle is made with esbuild (the
 * one tsup uses), resolving `jwtkit` through package.json `exports` with the `browser` platform.
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let consumer = '';

/** Returns every way `code` reaches Node.js: imports of built-ins, `require(` calls and stray `node:` strings. */
function findNodeReferences(code: string): string[] {
  const found: string[] = [];
  const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
  const specifiers = [
    ...code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g),
    ...code.matchAll(/\bexport\s*[\w*{}\s,$]+\s*from\s*["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? '');
  for (const specifier of specifiers) {
    if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) found.push(`import of ${specifier}`);
  }
  for (const match of code.matchAll(/\brequire\s*\(/g)) found.push(`require( at offset ${match.index}`);
  const rest = code
    .replace(/getBuiltinModule\?*\.?\(\s*["']node:[a-z_/]+["']\s*\)/g, '')
    .replace(/\bfrom\s*["'][^"']+["']|\bimport\s*\(\s*["'][^"']+["']\s*\)|\bimport\s*["'][^"']+["']/g, '');
  for (const match of rest.matchAll(/["']node:[a-z_/]+["']/g)) found.push(`${match[0]} outside getBuiltinModule`);
  return found;
}

async function bundleForBrowser(source: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents: source, resolveDir: consumer, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]?.text ?? '', inputs: Object.keys(result.metafile.inputs) };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before this test');
  // A consumer folder whose node_modules/jwtkit is this project, as after an install.
  consumer = mkdtempSync(join(tmpdir(), 'jwtkit-bundle-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules', 'jwtkit'), 'dir');
});

afterAll(() => {
  if (consumer !== '') rmSync(consumer, { recursive: true, force: true });
});

describe('browser entry', () => {
  it('scanner finds Node references', () => {
    expect(findNodeReferences('import { createHash } from "node:crypto";')).toHaveLength(1);
    expect(findNodeReferences('import fs from "fs";')).toHaveLength(1);
    expect(findNodeReferences('const m = await import("node:crypto");')).toHaveLength(1);
    expect(findNodeReferences('const c = require("crypto");')).toHaveLength(1);
    expect(findNodeReferences('x = "node:crypto";')).toHaveLength(1);
    expect(findNodeReferences('process?.getBuiltinModule?.("node:crypto")')).toEqual([]);
  });

  it('dist/index.js has no Node imports', () => {
    expect(findNodeReferences(readFileSync(join(root, 'dist', 'index.js'), 'utf8'))).toEqual([]);
  });

  it('browser bundle resolves to dist/browser.js', async () => {
    const { code, inputs } = await bundleForBrowser("export * from 'jwtkit';");
    expect(inputs.some((input) => input.endsWith('dist/browser.js'))).toBe(true);
    expect(code).not.toContain('getBuiltinModule');
    expect(inputs.some((input) => input.endsWith('dist/index.cjs'))).toBe(false);
    expect(findNodeReferences(code)).toEqual([]);
  });

  it('unused exports are tree-shaken', async () => {
    const full = await bundleForBrowser("export * from 'jwtkit';");
    const decodeOnly = await bundleForBrowser("export { decode } from 'jwtkit';");
    expect(decodeOnly.code).not.toContain('generateKeyPair');
    expect(decodeOnly.code.length).toBeLessThan(full.code.length / 2);
  });
});
