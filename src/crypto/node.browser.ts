/**
 * The browser build's stand-in for the node:crypto backend: browsers and workers have no
 * node:crypto, so this build leaves the backend and KeyObject support out entirely.
 */

import type { CryptoBackend } from './backend.ts';

export type { NodeCrypto, NodeKeyObject } from './node.ts';

/** Always undefined in the browser build. */
export const nodeCryptoBackend: CryptoBackend | undefined = undefined;

/** Always false in the browser build, which accepts no KeyObjects. */
export function isKeyObject(_value: unknown): _value is never {
  return false;
}
