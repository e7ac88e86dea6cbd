// Timing of the cases. One case is one call of mitata's measure() over a fixed time budget, and a
// round measures every case once, in an order rotated from round to round.

import { measure } from 'mitata';
import { withAdapter } from './check.mjs';

/**
 * mitata options for a time budget in milliseconds. mitata keeps sampling until both the budget
 * and `min_samples` are reached. Calls under about 65 µs are timed in batches of `batch_samples`, which
 * is kept small so that one sample of the slower batched cases (EdDSA sign, ES256 verify) stays
 * short next to the budget.
 */
function mitataOptions(budgetMs) {
  return {
    min_cpu_time: budgetMs * 1e6,
    min_samples: 2,
    max_samples: 1_000_000,
    batch_samples: 64,
    batch_unroll: 4,
    // Without --expose-gc, mitata's fallback for gc() allocates 1 GiB, so collection is skipped instead.
    ...(typeof globalThis.gc === 'function' ? {} : { gc: false }),
  };
}

/**
 * Measures one case and returns its throughput in operations per second. The mean time per call
 * is used, not the median, so that garbage collection caused by a library counts against it.
 */
export async function measureCase(testCase, budgetMs) {
  const stats = await withAdapter(testCase.adapter, () => measure(testCase.run, mitataOptions(budgetMs)));
  return (testCase.operationsPerCall * 1e9) / stats.avg;
}

/** Returns `items` rotated left by `offset` places. */
function rotate(items, offset) {
  const start = offset % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/**
 * Orders the cases of round `round`: operations rotated by the round number, and the libraries
 * of each operation rotated by it too, so no library is always measured first or last.
 */
export function orderForRound(cases, round) {
  const groups = new Map();
  for (const testCase of cases) {
    const group = groups.get(testCase.operation.name) ?? [];
    group.push(testCase);
    groups.set(testCase.operation.name, group);
  }
  return rotate([...groups.values()], round).flatMap((group) => rotate(group, round));
}

/**
 * Runs `rounds` rounds and returns, per operation name and library, the ops/s of each round in
 * round order. `onProgress(round, done, total)` is called after each measurement.
 */
export async function runRounds(cases, { rounds, budgetMs, onProgress }) {
  const results = new Map();
  for (const testCase of cases) {
    if (!results.has(testCase.operation.name)) results.set(testCase.operation.name, new Map());
    results.get(testCase.operation.name).set(testCase.library, new Array(rounds));
  }

  for (let round = 0; round < rounds; round++) {
    const ordered = orderForRound(cases, round);
    for (let index = 0; index < ordered.length; index++) {
      const testCase = ordered[index];
      results.get(testCase.operation.name).get(testCase.library)[round] = await measureCase(testCase, budgetMs);
      onProgress?.(round, index + 1, ordered.length);
    }
  }
  return results;
}

/** Measures every case once with a short budget and discards the result, so the JIT has compiled each path. */
export async function warmUp(cases, budgetMs) {
  for (const testCase of cases) await measureCase(testCase, budgetMs);
}
