/** The portable suite on Node, against the source in src/. */

import * as jwtkit from '../../src/index.ts';
import { registerPortableSuite } from './vitest-adapter.ts';

await registerPortableSuite(jwtkit, 'portable suite (node, src)');
