/**
 * NumericDate helpers (RFC 7519 §2: seconds since the epoch, fractions allowed) and the
 * duration strings accepted by options such as `expiresIn` and `clockTolerance`.
 */

/** Seconds per duration unit. A null prototype keeps names such as `constructor` from matching. */
const SECONDS_PER_UNIT = /* @__PURE__ */ Object.setPrototypeOf({
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, week: 604_800, weeks: 604_800,
  y: 31_557_600, yr: 31_557_600, yrs: 31_557_600, year: 31_557_600, years: 31_557_600,
}, null) as Readonly<Record<string, number | undefined>>;

const DURATION_PATTERN = /^(-)?(\d+(?:\.\d+)?) ?([a-z]+)$/i;

/** Largest NumericDate a `Date` can represent: 8.64e15 ms (ECMA-262 §21.4.1.1), in seconds. */
export const MAX_NUMERIC_DATE = 8.64e12;

/** A duration: a number of seconds, or a string such as `'30s'`, `'15m'`, `'2h'`, `'7d'`. */
export type Duration = number | string;

/**
 * Converts a duration to seconds, or throws `TypeError` naming `option`. A string needs a
 * unit (s, m, h, d, w, y and their long forms); a bare `'60'` is rejected because other
 * libraries read it as milliseconds. A year is 365.25 days.
 */
export function durationToSeconds(value: unknown, option: string, allowNegative: boolean): number {
  let seconds: number;

  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string') {
    const match = DURATION_PATTERN.exec(value.trim());
    const unit = match?.[3] === undefined ? undefined : SECONDS_PER_UNIT[match[3].toLowerCase()];
    if (match === null || unit === undefined) {
      throw new TypeError(`${option} must be a number of seconds or a duration such as "30s", "15m", "2h" or "7d"`);
    }
    seconds = Number(match[2]) * unit * (match[1] === '-' ? -1 : 1);
  } else {
    throw new TypeError(`${option} must be a number of seconds or a duration string, got ${typeof value}`);
  }

  if (!Number.isFinite(seconds) || Math.abs(seconds) > MAX_NUMERIC_DATE) {
    throw new TypeError(`${option} must be a finite duration`);
  }
  if (!allowNegative && seconds < 0) {
    throw new TypeError(`${option} must not be negative`);
  }
  return seconds;
}

/** Returns the NumericDate of `date`, or of the current time when `date` is undefined. */
export function toNumericDate(date: unknown, option = 'currentDate'): number {
  if (date === undefined) return Date.now() / 1000;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`${option} must be a valid Date`);
  }
  return date.getTime() / 1000;
}

/** Returns true when `value` is a NumericDate a `Date` can represent. */
export function isNumericDate(value: unknown): value is number {
  // The range check also rejects NaN and the infinities.
  return typeof value === 'number' && Math.abs(value) <= MAX_NUMERIC_DATE;
}
