/**
 * The portable suite in headless Chromium, through vitest browser mode and Playwright. It uses
 * Debian's chromium at /usr/bin/chromium and never downloads a browser. Every server listens on
 * 127.0.0.1 only. `jwtkit` resolves to the file a browser bundler picks from package.json
 * `exports` (conditions `browser`, `import`, `default`), which is the built dist/browser.js.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Resolves the package's "." export the way a bundler targeting browsers does. */
function browserEntry(): string {
  const manifest = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
  let target: unknown = manifest.exports['.'];
  while (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    const match = ['browser', 'import', 'default'].find((condition) => condition in conditions);
    if (match === undefined) throw new Error('package.json exports["."] has no browser, import or default condition');
    target = conditions[match];
  }
  if (typeof target !== 'string') throw new Error('package.json exports["."] does not resolve to a file');
  return fileURLToPath(new URL(target, import.meta.url));
}

export default defineConfig({
  resolve: { alias: { jwtkit: browserEntry() } },
  server: { host: '127.0.0.1', strictPort: false },
  test: {
    include: ['test/portable/browser.portable.js'],
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      api: { host: '127.0.0.1' },
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      }),
      instances: [{ browser: 'chromium' }],
      screenshotFailures: false,
    },
  },
});
