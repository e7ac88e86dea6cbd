/**
 * Per-backend memo of one prepared key, shared by signers and verifiers: the key is prepared
 * once for each backend, and served without a promise once it is ready, which saves the hot
 * path a turn of the event loop. Keys are kept per backend, so switching backends never hands
 * a key to the wrong one.
 */

import type { BackendKey, CryptoBackend } from '../crypto/backend.ts';

/** Returns the prepared key for a backend, or the promise of it while it is being prepared. */
export type PreparedKeyFor = (backend: CryptoBackend) => BackendKey | Promise<BackendKey>;

/**
 * Wraps `prepare` so it runs once per backend. A failed preparation is kept too, because the
 * same key fails the same way for every later call.
 */
export function preparedOnce(prepare: (backend: CryptoBackend) => Promise<BackendKey>): PreparedKeyFor {
  const pending = new Map<CryptoBackend, Promise<BackendKey>>();
  const ready = new Map<CryptoBackend, BackendKey>();

  return (backend) => {
    const found = ready.get(backend);
    if (found !== undefined) return found;

    let preparing = pending.get(backend);
    if (preparing === undefined) {
      preparing = prepare(backend);
      pending.set(backend, preparing);
      preparing.then(
        (backendKey) => ready.set(backend, backendKey),
        () => undefined,
      );
    }
    return preparing;
  };
}
