/**
 * Output formatting: ANSI colour that is used only on terminals, pretty-printed JSON, and the
 * lines that show `exp`, `nbf` and `iat` as ISO 8601 dates with a relative phrase.
 */

import type { CliIo } from './io.ts';

/** Text styles for one output stream; each is the identity when colour is off. */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}

/**
 * Returns the styles for stdout or stderr. Colour is on only when that stream is a terminal,
 * `NO_COLOR` is not set (to any value, even empty) and `TERM` is not `dumb`.
 */
export function styleFor(io: CliIo, stream: 'stdout' | 'stderr'): Style {
  const enabled = io.isTTY[stream] && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  const paint = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    bold: paint(1, 22),
    dim: paint(2, 22),
    red: paint(31, 39),
    green: paint(32, 39),
    yellow: paint(33, 39),
  };
}

/** Formats a JSON value with two-space indentation. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Largest NumericDate a `Date` can represent: 8.64e15 ms (ECMA-262 §21.4.1.1), in seconds. */
const MAX_DATE_SECONDS = 8.64e12;

/**
 * Formats a span of seconds in one unit, rounded down: "42 s", "59 min", "3 h" or "12 d".
 * Negative spans are formatted by their absolute value.
 */
export function formatSpan(seconds: number): string {
  const span = Math.abs(seconds);
  if (span < 60) return `${Math.floor(span)} s`;
  if (span < 3600) return `${Math.floor(span / 60)} min`;
  if (span < 86_400) return `${Math.floor(span / 3600)} h`;
  return `${Math.floor(span / 86_400)} d`;
}

/**
 * Describes a time claim relative to `now` (in NumericDate seconds), such as "expires in
 * 59 min", "expired 3 h ago", "valid from 2 d ago" or "issued 5 s ago". A token expires at
 * the `exp` instant itself (RFC 7519 §4.1.4), so an `exp` equal to now reads "expired 0 s ago".
 */
export function describeTimeClaim(claim: 'exp' | 'nbf' | 'iat', value: number, now: number): string {
  const delta = value - now;
  const span = formatSpan(delta);

  switch (claim) {
    case 'exp':
      return delta > 0 ? `expires in ${span}` : `expired ${span} ago`;
    case 'nbf':
      return delta > 0 ? `becomes valid in ${span}` : `valid from ${span} ago`;
    case 'iat':
      return delta > 0 ? `issued ${span} in the future` : `issued ${span} ago`;
  }
}

/** Formats NumericDate seconds as ISO 8601 in UTC, leaving out zero milliseconds. */
export function formatNumericDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Returns one line for each of `exp`, `nbf` and `iat` present in `payload`, such as
 * `exp: 2011-03-22T18:43:00Z (expired 4990 d ago)`. A value that is not a NumericDate gets a
 * line saying so instead.
 */
export function formatTimeClaims(payload: Readonly<Record<string, unknown>>, now: Date): string[] {
  const nowSeconds = now.getTime() / 1000;
  const lines: string[] = [];

  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = payload[claim];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_DATE_SECONDS) {
      lines.push(`${claim}: not a NumericDate (expected seconds since 1970-01-01T00:00:00Z)`);
      continue;
    }
    lines.push(`${claim}: ${formatNumericDate(value)} (${describeTimeClaim(claim, value, nowSeconds)})`);
  }
  return lines;
}

/**
 * Formats a decoded or verified token for stdout: the header and the payload as indented
 * JSON under bold labels, then the time-claim lines, with a blank line between the parts.
 */
export function formatToken(header: unknown, payload: Readonly<Record<string, unknown>>, now: Date, style: Style): string {
  const parts = [`${style.bold('Header')}\n${formatJson(header)}`, `${style.bold('Payload')}\n${formatJson(payload)}`];
  const timeLines = formatTimeClaims(payload, now);
  if (timeLines.length > 0) parts.push(timeLines.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/**
 * Replaces control characters with `\u` escapes, so that text taken from a token, such as
 * a header value repeated in an error message, cannot move the cursor or change colours.
 */
export function escapeControlCharacters(text: string): string {
  let escaped = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    escaped += isControl ? `\\u${code.toString(16).padStart(4, '0')}` : character;
  }
  return escaped;
}
