// Turns per-round throughput into the report, with medians, ratios to raw from the same round and
// the jwtkit targets with PASS or MISS, and formats it as Markdown tables or JSON lines.

import { LIBRARY_ORDER, OPERATIONS, SUBTLE_TARGET } from './operations.mjs';

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Divides two per-round series element by element. */
function perRound(numerators, denominators) {
  return numerators.map((value, round) => value / denominators[round]);
}

/** Returns the target of one row with its text and verdict, or undefined for rows without one. */
function targetFor(operation, library, ratios, libraryResults) {
  const { target } = operation;
  if (library === 'jwtkit' && target?.minRatio !== undefined) {
    const value = median(ratios);
    return { text: `≥ ${target.minRatio.toFixed(2)} × raw`, pass: value >= target.minRatio };
  }
  if (library === 'jwtkit' && target?.atLeast !== undefined) {
    const value = median(perRound(libraryResults.get('jwtkit'), libraryResults.get(target.atLeast)));
    return { text: `≥ ${target.atLeast} ops/s`, pass: value >= 1, detail: `${value.toFixed(2)} × ${target.atLeast}` };
  }
  if (library === 'jwtkit-webcrypto' && libraryResults.has('subtle')) {
    const value = median(perRound(libraryResults.get('subtle'), libraryResults.get('jwtkit-webcrypto')));
    return { text: `≤ ${SUBTLE_TARGET.toFixed(2)} × subtle time`, pass: value <= SUBTLE_TARGET };
  }
  return undefined;
}

/**
 * Summarizes the rounds into one row per (operation, library). Ratios are computed within each
 * round and then reduced to their median, and ops/s is the median over rounds.
 */
export function summarize(results) {
  const rows = [];
  for (const operation of OPERATIONS) {
    const libraryResults = results.get(operation.name);
    if (libraryResults === undefined) continue;
    const raw = libraryResults.get('raw');
    const subtle = libraryResults.get('subtle');

    for (const library of LIBRARY_ORDER) {
      const opsPerRound = libraryResults.get(library);
      if (opsPerRound === undefined) continue;
      const ratios = perRound(opsPerRound, raw);
      const target = targetFor(operation, library, ratios, libraryResults);
      rows.push({
        operation: operation.name,
        library,
        opsPerSecond: median(opsPerRound),
        ratioToRaw: median(ratios),
        ratioToRawMin: Math.min(...ratios),
        ratioToRawMax: Math.max(...ratios),
        timeVsSubtle: subtle === undefined ? undefined : median(perRound(subtle, opsPerRound)),
        target,
        rounds: opsPerRound.length,
      });
    }
  }
  return rows;
}

function formatOps(value) {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function formatResult(target) {
  if (target === undefined) return '';
  const verdict = target.pass ? 'PASS' : 'MISS';
  return target.detail === undefined ? verdict : `${verdict} (${target.detail})`;
}

/** Formats the rows as one Markdown table per operation, followed by the skipped pairs. */
export function formatTables(rows, skipped) {
  const lines = [];
  for (const operation of OPERATIONS) {
    const operationRows = rows.filter((row) => row.operation === operation.name);
    if (operationRows.length === 0) continue;
    const withSubtle = operationRows.some((row) => row.timeVsSubtle !== undefined);

    lines.push(`### ${operation.name}`, '');
    const header = ['library', 'ops/s', 'ratio to raw', 'ratio range', ...(withSubtle ? ['time ÷ subtle'] : []), 'target', 'jwtkit'];
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 || i >= header.length - 2 ? '---' : '---:')).join(' | ')} |`);
    for (const row of operationRows) {
      const cells = [
        row.library,
        formatOps(row.opsPerSecond),
        row.ratioToRaw.toFixed(2),
        `${row.ratioToRawMin.toFixed(2)}–${row.ratioToRawMax.toFixed(2)}`,
        ...(withSubtle ? [row.timeVsSubtle.toFixed(2)] : []),
        row.target?.text ?? '',
        formatResult(row.target),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }

  if (skipped.length > 0) {
    lines.push('### Not measured', '');
    for (const { operation, library, reason } of skipped) lines.push(`- ${operation}, ${library}: ${reason}`);
    lines.push('');
  }
  return lines.join('\n');
}

function round(value, digits) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

/** Formats each row as one JSON line. */
export function formatJsonLines(rows) {
  return rows.map((row) => JSON.stringify({
    operation: row.operation,
    library: row.library,
    opsPerSecond: round(row.opsPerSecond, 1),
    ratioToRaw: round(row.ratioToRaw, 4),
    ratioToRawMin: round(row.ratioToRawMin, 4),
    ratioToRawMax: round(row.ratioToRawMax, 4),
    timeVsSubtle: row.timeVsSubtle === undefined ? null : round(row.timeVsSubtle, 4),
    target: row.target?.text ?? null,
    result: row.target === undefined ? null : (row.target.pass ? 'PASS' : 'MISS'),
    rounds: row.rounds,
  })).join('\n');
}
