// The portable suite on Deno, against the built dist/index.js: `deno test test/portable/deno.portable.js`.
import * as jwtkit from '../../dist/index.js';
import { PortableSuite } from './harness.ts';
import { definePortableSuite } from './suite.ts';

const suite = new PortableSuite();
await definePortableSuite(jwtkit, suite);
for (const entry of suite.cases) {
  globalThis.Deno.test({ name: entry.name, ignore: entry.skipReason !== undefined, fn: entry.run });
}
