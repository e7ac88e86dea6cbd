/** The browser build's stand-in for KeyObject support: browsers have no KeyObjects. */

import type { prepareKeyObject as nodePrepareKeyObject } from './key-object.ts';

/** Always undefined in the browser build, where no input is a KeyObject. */
export const prepareKeyObject: typeof nodePrepareKeyObject = () => undefined;
