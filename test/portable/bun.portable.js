// The portable suite on Bun, against the built dist/index.js: `bun test ./test/portable/bun.portable.js`.
import { test } from 'bun:test';
import * as jwtkit from '../../dist/index.js';
import { PortableSuite } from './harness.ts';
import { definePortableSuite } from './suite.ts';

const suite = new PortableSuite();
await definePortableSuite(jwtkit, suite);
for (const entry of suite.cases) {
  if (entry.skipReason === undefined) test(entry.name, entry.run);
  else test.skip(entry.name, entry.run);
}
