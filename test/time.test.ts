import { describe, expect, test } from 'vitest';
import { MAX_NUMERIC_DATE, durationToSeconds, isNumericDate, toNumericDate } from '../src/time.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 604_800;
/** A Julian year of 365.25 days. */
const YEAR = 31_557_600;

const UNIT_SECONDS: readonly (readonly [string, number])[] = [
  ['s', 1], ['sec', 1], ['secs', 1], ['second', 1], ['seconds', 1],
  ['m', MINUTE], ['min', MINUTE], ['mins', MINUTE], ['minute', MINUTE], ['minutes', MINUTE],
  ['h', HOUR], ['hr', HOUR], ['hrs', HOUR], ['hour', HOUR], ['hours', HOUR],
  ['d', DAY], ['day', DAY], ['days', DAY],
  ['w', WEEK], ['week', WEEK], ['weeks', WEEK],
  ['y', YEAR], ['yr', YEAR], ['yrs', YEAR], ['year', YEAR], ['years', YEAR],
];

describe('durationToSeconds', () => {
  test('returns numbers unchanged', () => {
    expect(durationToSeconds(0, 'expiresIn', false)).toBe(0);
    expect(durationToSeconds(60, 'expiresIn', false)).toBe(60);
    expect(durationToSeconds(1.5, 'expiresIn', false)).toBe(1.5);
    expect(durationToSeconds(-30, 'expiresIn', true)).toBe(-30);
    expect(durationToSeconds(MAX_NUMERIC_DATE, 'expiresIn', false)).toBe(MAX_NUMERIC_DATE);
  });

  test.each(UNIT_SECONDS)('unit %s', (unit, seconds) => {
    expect(durationToSeconds(`1${unit}`, 'expiresIn', false)).toBe(seconds);
    expect(durationToSeconds(`7${unit}`, 'expiresIn', false)).toBe(7 * seconds);
    expect(durationToSeconds(`7 ${unit}`, 'expiresIn', false)).toBe(7 * seconds);
    expect(durationToSeconds(`7${unit.toUpperCase()}`, 'expiresIn', false)).toBe(7 * seconds);
    expect(durationToSeconds(`-7${unit}`, 'expiresIn', true)).toBe(-7 * seconds);
  });

  test('accepts fractions', () => {
    expect(durationToSeconds('1.5h', 'expiresIn', false)).toBe(5400);
    expect(durationToSeconds('0.5m', 'expiresIn', false)).toBe(30);
    expect(durationToSeconds('2.25 days', 'expiresIn', false)).toBe(2.25 * DAY);
    expect(durationToSeconds('0.001s', 'expiresIn', false)).toBeCloseTo(0.001, 12);
    expect(durationToSeconds('-1.5s', 'expiresIn', true)).toBe(-1.5);
  });

  test('accepts mixed case units', () => {
    expect(durationToSeconds('2Min', 'expiresIn', false)).toBe(120);
    expect(durationToSeconds('1 Week', 'expiresIn', false)).toBe(WEEK);
    expect(durationToSeconds('3 SECONDS', 'expiresIn', false)).toBe(3);
  });

  test('trims surrounding whitespace', () => {
    expect(durationToSeconds(' 5m ', 'expiresIn', false)).toBe(300);
    expect(durationToSeconds('\n10s\t', 'expiresIn', false)).toBe(10);
  });

  test('negative numbers follow the flag', () => {
    expect(durationToSeconds(-1, 'expiresIn', true)).toBe(-1);
    expect(() => durationToSeconds(-1, 'clockTolerance', false)).toThrowUsageError();
    expect(() => durationToSeconds(-0.001, 'clockTolerance', false)).toThrowUsageError();
  });

  test('negative strings follow the flag', () => {
    expect(durationToSeconds('-5m', 'notBefore', true)).toBe(-300);
    expect(durationToSeconds('-2 hours', 'notBefore', true)).toBe(-7200);
    expect(() => durationToSeconds('-5m', 'clockTolerance', false)).toThrowUsageError();
    expect(() => durationToSeconds('-1s', 'maxTokenAge', false)).toThrowUsageError();
  });

  test.each([
    ['60'],
    ['1.5'],
    ['1 parsec'],
    ['5 ms'],
    ['3 months'],
    [''],
    [' '],
    ['m'],
    ['s5'],
    ['5  m'],
    ['5\tm'],
    ['5 - m'],
    ['- 5m'],
    ['+5m'],
    ['.5m'],
    ['5.m'],
    ['1e3s'],
    ['5m5'],
    ['5m 5s'],
    ['5 m s'],
    ['0x10s'],
    ['５m'],
    ['Infinitys'],
    ['NaNs'],
  ])('rejects string %j', (value) => {
    expect(() => durationToSeconds(value, 'expiresIn', true)).toThrowUsageError();
  });

  test.each([
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    [MAX_NUMERIC_DATE + 1],
    [-MAX_NUMERIC_DATE - 1],
  ])('rejects number %d', (value) => {
    expect(() => durationToSeconds(value, 'expiresIn', true)).toThrowUsageError();
  });

  test('rejects inherited names as units', () => {
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      expect(() => durationToSeconds(`5 ${name}`, 'expiresIn', true)).toThrowUsageError();
    }
  });

  test('rejects out-of-range strings', () => {
    expect(() => durationToSeconds('300000y', 'expiresIn', true)).toThrowUsageError();
    expect(() => durationToSeconds(`${'9'.repeat(400)}s`, 'expiresIn', true)).toThrowUsageError();
  });

  test.each([
    ['an object', {}],
    ['an array', ['5m']],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
    ['a bigint', 5n],
    ['a Date', new Date(0)],
    ['a String object', new String('5m')],
    ['a symbol', Symbol('5m')],
  ])('rejects %s', (_name, value) => {
    expect(() => durationToSeconds(value, 'expiresIn', true)).toThrowUsageError();
  });
});

describe('toNumericDate', () => {
  test('converts a Date to seconds', () => {
    expect(toNumericDate(new Date(1_700_000_000_123))).toBe(1_700_000_000.123);
    expect(toNumericDate(new Date(0))).toBe(0);
    expect(toNumericDate(new Date(-1000))).toBe(-1);
    expect(toNumericDate(new Date(8.64e15))).toBe(MAX_NUMERIC_DATE);
  });

  test('undefined returns current time', () => {
    const before = Date.now() / 1000;
    const now = toNumericDate(undefined);
    const after = Date.now() / 1000;

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    expect(after - before).toBeLessThan(5);
  });

  test.each([
    ['an invalid Date', new Date(Number.NaN)],
    ['a number', 1_700_000_000],
    ['a date string', '2024-01-01T00:00:00Z'],
    ['null', null],
    ['an object with getTime', { getTime: (): number => 0 }],
  ])('rejects %s', (_name, value) => {
    expect(() => toNumericDate(value)).toThrowUsageError();
    expect(() => toNumericDate(value, 'currentDate')).toThrowUsageError();
  });
});

describe('isNumericDate', () => {
  test('accepts the representable range', () => {
    expect(isNumericDate(0)).toBe(true);
    expect(isNumericDate(1_700_000_000)).toBe(true);
    expect(isNumericDate(1.5)).toBe(true);
    expect(isNumericDate(-1)).toBe(true);
    expect(isNumericDate(8.64e12)).toBe(true);
    expect(isNumericDate(-8.64e12)).toBe(true);
  });

  test('rejects just beyond the range', () => {
    expect(isNumericDate(8.64e12 + 0.001)).toBe(false);
    expect(isNumericDate(-8.64e12 - 0.001)).toBe(false);
    expect(isNumericDate(8.64e12 + 1)).toBe(false);
    expect(isNumericDate(Number.MAX_VALUE)).toBe(false);
  });

  test('rejects non-finite and non-numbers', () => {
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1', null, undefined, 1n, new Date(0), [1], {}];
    for (const [index, value] of values.entries()) {
      expect(isNumericDate(value), `value at index ${index}`).toBe(false);
    }
  });
});
