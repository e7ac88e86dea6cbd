/** Hands the portable cases to vitest, in Node and in the browser. */

import { describe, it } from 'vitest';
import { PortableSuite } from './harness.ts';
import type { Jwtkit } from './context.ts';
import { definePortableSuite } from './suite.ts';

/** Registers the portable suite for `lib` under one `describe` block named `title`. */
export async function registerPortableSuite(lib: Jwtkit, title: string): Promise<void> {
  const suite = new PortableSuite();
  await definePortableSuite(lib, suite);
  describe(title, () => {
    for (const entry of suite.cases) {
      if (entry.skipReason === undefined) it(entry.name, entry.run);
      else it.skip(entry.name, entry.run);
    }
  });
}
