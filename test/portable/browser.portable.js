// The portable suite in a browser, through vitest browser mode (vitest.browser.config.ts).
// `jwtkit` resolves to the package's browser entry, as a bundler would resolve it.
import * as jwtkit from 'jwtkit';
import { registerPortableSuite } from './vitest-adapter.ts';

await registerPortableSuite(jwtkit, 'portable suite (browser, browser entry)');
