/**
 * Command-line parsing shared by the commands: `node:util` `parseArgs` with errors turned into
 * one-line `UsageError`s, and the parsers for algorithms, durations, dates and key sources.
 */

import { parseArgs, type ParseArgsConfig } from 'node:util';

import { ALGORITHMS, type Algorithm } from '../index.ts';
import { durationToSeconds } from '../time.ts';
import { type CliIo, UsageError } from './io.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Option values as `parseArgs` returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The parsed command line of one command. */
export interface ParsedCommandLine {
  values: OptionValues;
  positionals: string[];
}

/**
 * Parses `args` strictly against `options`, allowing at most `maxPositionals` positional
 * arguments and no empty option values. Every failure becomes a one-line `UsageError`. An
 * unknown option is named without any `=value` part, so a secret typed after it is not echoed.
 */
export function parseCommandLine(args: string[], options: OptionsConfig, maxPositionals: number): ParsedCommandLine {
  let parsed: ParsedCommandLine;
  try {
    const result = parseArgs({ args, options, allowPositionals: true, strict: true });
    parsed = { values: result.values, positionals: result.positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }

  for (const [name, value] of Object.entries(parsed.values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item === 'string' && item.trim() === '')) throw new UsageError(`--${name} needs a non-empty value`);
  }

  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      maxPositionals === 0
        ? 'this command takes no positional arguments, only options'
        : `too many arguments; this command takes at most ${maxPositionals} besides its options`,
    );
  }
  return parsed;
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const option = /'(-{1,2}[^'\s<=]+)/.exec(message)?.[1] ?? 'an option';

  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      if (option.startsWith('--secret') && option !== '--secret-env') {
        return `unknown option ${option}; secrets are never accepted on the command line, so put the secret in an environment variable and pass its name with --secret-env`;
      }
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('ambiguous')) {
        return `${option} needs a value; to give a value that starts with "-", write it as ${option}=VALUE`;
      }
      if (message.includes('does not take an argument')) return `${option} does not take a value`;
      return `${option} needs a value`;
    default:
      return 'the command line could not be parsed';
  }
}

/** Returns the string values of a repeatable string option, in order. */
export function stringList(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/** Returns the value of a single string option, or undefined when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Parses the `--alg` values. Each may also be a comma-separated list. Throws `UsageError`
 * when none is given, for `none`, and for a name jwtkit does not support.
 */
export function parseAlgorithms(values: string[]): Algorithm[] {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--alg is required, for example --alg ES256');

  for (const name of names) {
    if (name.toLowerCase() === 'none') {
      throw new UsageError('--alg none is not accepted: jwtkit never signs or accepts unsecured tokens');
    }
    if (!(ALGORITHMS as readonly string[]).includes(name)) {
      throw new UsageError(`unsupported algorithm "${name}" in --alg; supported algorithms: ${ALGORITHMS.join(', ')}`);
    }
  }
  return [...new Set(names)] as Algorithm[];
}

/** Returns true for HS256, HS384 and HS512, which use a shared secret. */
export function isHmacAlgorithm(alg: Algorithm): boolean {
  return alg.startsWith('HS');
}

/**
 * Parses a duration option into seconds: a bare number is seconds, and a string such as
 * "90s", "15m", "2h" or "7d" uses the library's units. Throws `UsageError` naming `option`.
 */
export function parseDuration(value: string, option: string, allowNegative: boolean): number {
  const trimmed = value.trim();
  try {
    const input = /^-?\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
    return durationToSeconds(input, option, allowNegative);
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2})))?$/i;

/**
 * Parses `--at`: NumericDate seconds such as 1300819379, or an ISO 8601 date such as
 * 2011-03-22 (midnight UTC) or 2011-03-22T18:00:00Z. A date-time must carry Z or an offset,
 * so the result never depends on the local time zone.
 */
export function parseDate(value: string, option: string): Date {
  const trimmed = value.trim();
  let date: Date;

  if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) {
    date = new Date(Number(trimmed) * 1000);
  } else if (isIsoDateInRange(trimmed)) {
    date = new Date(trimmed);
  } else {
    throw new UsageError(
      `${option} must be an ISO 8601 date such as 2011-03-22T18:00:00Z, with Z or an offset, or NumericDate seconds such as 1300819379`,
    );
  }

  if (Number.isNaN(date.getTime())) throw new UsageError(`${option} is not a valid date`);
  return date;
}

/**
 * Returns true when `text` matches the accepted ISO 8601 forms with every field in range.
 * `Date` alone is not enough, because V8 rolls 2011-02-31 over to March 3 instead of failing.
 */
function isIsoDateInRange(text: string): boolean {
  const match = ISO_DATE_PATTERN.exec(text);
  if (match === null) return false;

  // Absent optional fields (time, seconds, offset) count as 0.
  const field = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const [hour, minute, second, offsetHour, offsetMinute] = [field(4), field(5), field(6), field(7), field(8)];

  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth &&
    hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59
  );
}

/** The source of the key: a key file, or an HMAC secret from an environment variable. */
export type KeySource = { kind: 'file'; path: string } | { kind: 'secret'; secret: string };

/**
 * Reads `--key` and `--secret-env`, exactly one of which must be given. The secret is the
 * UTF-8 text of the variable, used as is (not base64-decoded). No message contains it.
 */
export function readKeySource(values: OptionValues, io: CliIo): KeySource {
  const path = stringOption(values, 'key');
  const variable = stringOption(values, 'secret-env');

  if (path !== undefined && variable !== undefined) {
    throw new UsageError('give either --key or --secret-env, not both');
  }
  if (path !== undefined) return { kind: 'file', path };
  if (variable === undefined) {
    throw new UsageError('a key is required: give --key FILE, or --secret-env VAR for an HMAC secret');
  }

  // A mistyped command may put the secret itself where the variable name belongs, so only
  // names in the usual upper-case form are repeated back in messages.
  const shownName = /^[A-Z_][A-Z0-9_]*$/.test(variable) ? `environment variable ${variable}` : 'the environment variable named by --secret-env';
  const secret = io.env[variable];
  if (secret === undefined) throw new UsageError(`${shownName} is not set; --secret-env takes the name of a variable, not the secret`);
  if (secret === '') throw new UsageError(`${shownName} is empty`);
  return { kind: 'secret', secret };
}
