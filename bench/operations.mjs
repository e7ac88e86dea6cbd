// The measured operations with their targets, and the (operation, library) cases built from the
// adapters: which function each case calls, and which pairs are skipped and why.

import { ALGORITHMS } from './fixtures.mjs';

/** Operations started together by one measured call in the "in flight" cases. */
export const IN_FLIGHT = 64;

/**
 * One operation. `kind` names the adapter table the function comes from. `target` applies to the
 * `jwtkit` row: `minRatio` is the lowest ratio of its ops/s to raw's, and `atLeast` names a library
 * whose ops/s jwtkit must reach. Every sign and verify operation also checks `jwtkit-webcrypto`
 * against `subtle` (see SUBTLE_TARGET).
 */
export const OPERATIONS = [
  ...ALGORITHMS.flatMap((alg) => {
    const minRatio = alg === 'HS256' ? 0.9 : 0.95;
    return [
      { name: `${alg} sign`, kind: 'sign', alg, target: { minRatio } },
      { name: `${alg} verify`, kind: 'verify', alg, target: { minRatio } },
    ];
  }),
  { name: 'decode', kind: 'decode', alg: 'ES256', target: { minRatio: 0.6 } },
  { name: 'ES256 verify, cached', kind: 'cachedVerify', alg: 'ES256', target: { atLeast: 'fast-jwt' } },
  { name: 'HS256 verify, cached', kind: 'cachedVerify', alg: 'HS256', target: { atLeast: 'fast-jwt' } },
  { name: `RS256 sign, ${IN_FLIGHT} in flight`, kind: 'sign', alg: 'RS256', inFlight: IN_FLIGHT, target: { minRatio: 1.6 } },
  { name: `RS256 verify, ${IN_FLIGHT} in flight`, kind: 'verify', alg: 'RS256', inFlight: IN_FLIGHT },
  { name: `ES256 sign, ${IN_FLIGHT} in flight`, kind: 'sign', alg: 'ES256', inFlight: IN_FLIGHT },
  { name: `ES256 verify, ${IN_FLIGHT} in flight`, kind: 'verify', alg: 'ES256', inFlight: IN_FLIGHT },
];

/** Highest accepted ratio of jwtkit-webcrypto's time per operation to subtle's. */
export const SUBTLE_TARGET = 1.1;

/** Table row order. */
export const LIBRARY_ORDER = [
  'raw', 'subtle', 'jwtkit', 'jwtkit-webcrypto', 'jose', 'jsonwebtoken', 'fast-jwt', 'hono/jwt', '@tsndr/cloudflare-worker-jwt',
];

/** Wraps `operation` so that one call starts `count` of them and resolves when all have finished. */
function startInFlight(operation, count) {
  return () => {
    const pending = new Array(count);
    for (let i = 0; i < count; i++) pending[i] = operation();
    return Promise.all(pending);
  };
}

/** Returns the function `adapter` offers for `operation`, taking the token or claims as its argument. */
function functionFor(adapter, operation) {
  if (operation.kind === 'decode') return adapter.decode;
  return adapter[operation.kind]?.[operation.alg];
}

/**
 * Builds the cases to measure. Each case has a zero-argument `run` function bound to the
 * fixture claims or token, and `operationsPerCall`, the number of operations one call does.
 * Returns the cases and the pairs skipped because the library lacks the algorithm.
 */
export function buildCases(adapters, fixtures) {
  const byName = new Map(adapters.map((adapter) => [adapter.name, adapter]));
  const cases = [];
  const skipped = [];

  for (const operation of OPERATIONS) {
    for (const library of LIBRARY_ORDER) {
      const adapter = byName.get(library);
      const fn = functionFor(adapter, operation);
      if (fn === undefined) {
        const gap = adapter.unsupported?.find((entry) => entry.algorithm === operation.alg);
        if (gap !== undefined) skipped.push({ operation: operation.name, library, reason: gap.reason });
        continue;
      }

      const argument = operation.kind === 'sign' ? fixtures.claims : fixtures.tokens[operation.alg].valid;
      const single = () => fn(argument);
      const count = operation.inFlight ?? 1;
      cases.push({
        operation,
        library,
        adapter,
        run: count === 1 ? single : startInFlight(single, count),
        operationsPerCall: count,
      });
    }
  }
  return { cases, skipped };
}
