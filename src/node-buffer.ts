/**
 * Native byte helpers where the runtime has them: Node's `Buffer` (also in Bun and Deno) for
 * base64url and Latin-1, and `node:buffer`'s `isAscii`. They are found at load time, never
 * imported, so browser bundles stay free of Node references, and every caller keeps a portable
 * fallback. The browser build replaces this file with one that exports no helpers at all.
 */

/** The parts of Node's `Buffer` that jwtkit uses. */
export interface BufferClass {
  from(text: string, encoding: 'base64url' | 'utf8' | 'latin1'): Uint8Array & { toString(encoding: 'base64url' | 'latin1'): string };
  from(bytes: ArrayBufferLike, byteOffset: number, length: number): Uint8Array & { toString(encoding: 'base64url' | 'latin1'): string };
}

/** Byte conversions done natively. */
export interface NativeBytes {
  /** Encodes bytes as unpadded base64url. */
  encode(bytes: Uint8Array): string;
  /** Encodes the UTF-8 bytes of `text` as unpadded base64url. */
  encodeText(text: string): string;
  /** Decodes base64url that the caller has already checked to be canonical. */
  decode(input: string): Uint8Array;
  /** Returns the bytes of a string whose characters are all below U+0100. */
  latin1(text: string): Uint8Array<ArrayBuffer>;
  /** Returns the text of ASCII bytes, or undefined when a byte is not ASCII or `isAscii` is missing. */
  asciiText(bytes: Uint8Array): string | undefined;
}

/** The native helpers, when the runtime has a `Buffer` that supports base64url. */
export const nativeBytes: NativeBytes | undefined = /* @__PURE__ */ createNativeBytes(findBuffer(), findIsAscii());

/** Builds the helpers on `buffer`, or returns undefined without one. Exported for tests. */
export function createNativeBytes(buffer: BufferClass | undefined, isAscii: ((bytes: Uint8Array) => boolean) | undefined): NativeBytes | undefined {
  if (buffer === undefined) return undefined;
  const view = (bytes: Uint8Array) => buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    encode: (bytes) => view(bytes).toString('base64url'),
    encodeText: (text) => buffer.from(text, 'utf8').toString('base64url'),
    decode: (input) => {
      const decoded = buffer.from(input, 'base64url');
      return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    },
    latin1: (text) => buffer.from(text, 'latin1') as Uint8Array<ArrayBuffer>,
    // ASCII is valid UTF-8 and decodes byte for byte, which the native latin1 path does fastest.
    asciiText: (bytes) => (isAscii?.(bytes) === true ? view(bytes).toString('latin1') : undefined),
  };
}

function findBuffer(): BufferClass | undefined {
  const candidate = (globalThis as { Buffer?: BufferClass }).Buffer;
  try {
    // Older or partial Buffer implementations may lack base64url; use them only if it round-trips.
    return candidate?.from('_-8', 'base64url').toString('base64url') === '_-8' ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function findIsAscii(): ((bytes: Uint8Array) => boolean) | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const module = process?.getBuiltinModule?.('node:buffer') as { isAscii?: (bytes: Uint8Array) => boolean } | undefined;
    return typeof module?.isAscii === 'function' ? module.isAscii : undefined;
  } catch {
    return undefined;
  }
}
