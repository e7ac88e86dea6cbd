/**
 * Native byte helpers where the runtime has them: Node's `Buffer` (also in Bun and Deno) for
 * base64url and `node:buffer`'s `isAscii`. They are found at load time, never imported, so
 * browser bundles stay free of Node references, and every caller keeps a portable fallback.
 */

/** The parts of Node's `Buffer` that jwtkit uses. */
interface BufferClass {
  from(text: string, encoding: 'base64url' | 'utf8' | 'latin1'): Uint8Array & { toString(encoding: 'base64url' | 'latin1'): string };
  from(bytes: ArrayBufferLike, byteOffset: number, length: number): Uint8Array & { toString(encoding: 'base64url' | 'latin1'): string };
}

/** Node's `Buffer`, when the runtime provides one that supports base64url. */
export const NativeBuffer: BufferClass | undefined = findBuffer();

/** `isAscii` from node:buffer, when available (Node 18.15 and later). */
export const isAscii: ((bytes: Uint8Array) => boolean) | undefined = findIsAscii();

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
