/** The browser build's stand-in for the native byte helpers: it always takes the portable path. */

import type { NativeBytes } from './node-buffer.ts';

/** Always undefined in the browser build. */
export const nativeBytes: NativeBytes | undefined = undefined;
