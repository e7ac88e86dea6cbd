/**
 * Packaging: no runtime dependencies, and `npm pack` ships only the build output, the README,
 * the licence and package.json.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface PackEntry {
  files: { path: string }[];
}

describe('package', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

  it('has no runtime dependencies', () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
  });

  it('declares the jwtkit binary and Node 20', () => {
    expect(manifest.name).toBe('jwtkit');
    expect(manifest.bin).toEqual({ jwtkit: './dist/cli.js' });
    expect(manifest.engines).toEqual({ node: '>=20' });
  });

  it('packs only dist, README, LICENSE and package.json', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
    });
    const [entry] = JSON.parse(output) as PackEntry[];
    const paths = (entry?.files ?? []).map((file) => file.path);
    expect(paths.length).toBeGreaterThan(4);
    for (const path of paths) {
      expect(path.startsWith('dist/') || ['README.md', 'LICENSE', 'package.json'].includes(path), path).toBe(true);
    }
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli.js']));
  });
});
