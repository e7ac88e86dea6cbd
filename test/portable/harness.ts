/**
 * A runner-neutral test harness for the portable suite. The suite registers cases here, and
 * each runtime's entry file hands them to its own runner (vitest, `Deno.test`, `bun:test`).
 * It uses only ECMAScript and WebCrypto globals, so it loads unchanged in Node, Deno, Bun and
 * browsers.
 */

export type TestBody = () => void | Promise<void>;

/** One registered case. A case with a `skipReason` is reported as skipped and never run. */
export interface PortableCase {
  readonly name: string;
  readonly run: TestBody;
  readonly skipReason: string | undefined;
}

/** The list of cases a suite registers. */
export class PortableSuite {
  readonly cases: PortableCase[] = [];

  /** Registers a case. */
  test(name: string, run: TestBody): void {
    this.cases.push({ name, run, skipReason: undefined });
  }

  /** Registers a case that this runtime cannot run, with the reason in its name. */
  skip(name: string, reason: string): void {
    this.cases.push({ name: `${name} (skipped: ${reason})`, run: () => undefined, skipReason: reason });
  }

  /** Registers `run` as a case, or as a skipped case when `skipReason` is defined. */
  testUnless(skipReason: string | undefined, name: string, run: TestBody): void {
    if (skipReason === undefined) this.test(name, run);
    else this.skip(name, skipReason);
  }
}

/** Raised by the assertion helpers below. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Fails with `message` unless `condition` is truthy. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Fails unless `actual` and `expected` are the same value (`Object.is`). */
export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Fails unless `actual` and `expected` have the same structure: plain objects, arrays, bytes and primitives. */
export function assertDeepEqual(actual: unknown, expected: unknown, what: string): void {
  const difference = findDifference(actual, expected, '');
  if (difference !== undefined) throw new AssertionError(`${what}: ${difference}`);
}

/**
 * Awaits `promise` and returns its rejection, failing when it resolves or when the rejection
 * has another `code` than `code`.
 */
export async function assertRejectsWithCode(promise: Promise<unknown>, code: string, what: string): Promise<Error> {
  const error = await rejectionOf(promise, what);
  assertErrorCode(error, code, what);
  return error;
}

/** Calls `run` and returns what it throws, failing when it returns or the error has another `code`. */
export function assertThrowsWithCode(run: () => unknown, code: string, what: string): Error {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new AssertionError(`${what}: expected an error with code ${code}, but nothing was thrown`);
  assertErrorCode(error, code, what);
  return error;
}

/** Awaits `promise` and fails unless it rejects with an instance of `type`, such as `TypeError`. */
export async function assertRejectsWithType(promise: Promise<unknown>, type: new (...args: never[]) => Error, what: string): Promise<Error> {
  const error = await rejectionOf(promise, what);
  if (!(error instanceof type)) {
    throw new AssertionError(`${what}: expected a ${type.name}, got ${describeError(error)}`);
  }
  return error;
}

async function rejectionOf(promise: Promise<unknown>, what: string): Promise<Error> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw new AssertionError(`${what}: expected an Error, got ${show(error)}`);
    return error;
  }
  throw new AssertionError(`${what}: expected a rejection, but it resolved to ${show(value)}`);
}

function assertErrorCode(error: unknown, code: string, what: string): asserts error is Error {
  const actual = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || actual !== code) {
    throw new AssertionError(`${what}: expected an error with code ${code}, got ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return show(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}

function show(value: unknown): string {
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'object' && value !== null) {
    try {
      const text = JSON.stringify(value);
      return text.length > 200 ? `${text.slice(0, 197)}...` : text;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

function findDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  const at = path === '' ? 'value' : path;
  if (Object.is(actual, expected)) return undefined;
  if (expected instanceof Uint8Array) {
    if (!(actual instanceof Uint8Array)) return `${at}: expected bytes, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} bytes, got ${actual.length}`;
    const index = actual.findIndex((byte, i) => byte !== expected[i]);
    return index === -1 ? undefined : `${at}: bytes differ at index ${index}`;
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return `${at}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return `${at}: expected ${show(expected)}, got ${show(actual)}`;

  const expectedKeys = Object.keys(expected).sort();
  const actualKeys = Object.keys(actual).sort();
  if (expectedKeys.join('\u0000') !== actualKeys.join('\u0000')) {
    return `${at}: expected members ${show(expectedKeys)}, got ${show(actualKeys)}`;
  }
  for (const key of expectedKeys) {
    const difference = findDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}${path === '' ? '' : '.'}${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}
