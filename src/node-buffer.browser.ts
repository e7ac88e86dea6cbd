/** The browser build's stand-in for the native byte helpers: it always takes the portable path. */

/** Always undefined in the browser build. */
export const NativeBuffer = undefined;

/** Always undefined in the browser build. */
export const isAscii: ((bytes: Uint8Array) => boolean) | undefined = undefined;
