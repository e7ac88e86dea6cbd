import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * Swaps each module that has a `.browser.ts` stand-in beside it for that stand-in, so the
 * browser build carries neither the node:crypto backend, nor the Buffer fast paths, nor
 * KeyObject support.
 */
const browserModules: Plugin = {
  name: 'browser-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
      const standIn = resolve(args.resolveDir, args.path.replace(/\.ts$/, '.browser.ts'));
      return existsSync(standIn) ? { path: standIn } : undefined;
    });
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    target: 'es2022',
    platform: 'neutral',
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    clean: false,
    sourcemap: false,
  },
  {
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    target: 'es2022',
    platform: 'browser',
    esbuildPlugins: [browserModules],
    clean: false,
    sourcemap: false,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
  },
]);
