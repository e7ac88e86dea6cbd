import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * Swaps the Node-only modules for their `.browser.ts` stand-ins, so the browser build carries
 * neither the node:crypto backend nor the Buffer fast paths.
 */
const browserModules: Plugin = {
  name: 'browser-modules',
  setup(build) {
    build.onResolve({ filter: /\/(node|node-buffer)\.ts$/ }, (args) => ({
      path: `${args.resolveDir}/${args.path.replace(/\.ts$/, '.browser.ts')}`,
    }));
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
