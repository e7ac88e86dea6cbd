/**
 * Assertions shared by every test file, registered as a vitest setup file.
 *
 * Tests assert an error's `code`, never its wording, but every message must still read as a
 * sentence: a message that is empty, starts with punctuation or has a hole where a name
 * should be is a bug even when the code is right. `expectSoundMessage` checks that shape.
 */
import { expect } from 'vitest';
import { isJwtError } from '../src/index.js';

/** Checks that `message` is a readable sentence with no empty slot where a value belonged. */
export function expectSoundMessage(message: unknown): void {
  expect(typeof message, 'error message type').toBe('string');
  const text = message as string;
  expect(text.length, `message too short: ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(12);
  expect(text, 'message has surrounding spaces').toBe(text.trim());
  expect(text, 'message starts with punctuation').toMatch(/^[\p{L}\p{N}"'(]/u);
  expect(text, 'message has an empty slot').not.toMatch(/\s{2}|\s[,.:;)]|\(\s|\[object /u);
}

function thrownBy(run: unknown): unknown {
  if (typeof run !== 'function') return run;
  try {
    (run as () => unknown)();
  } catch (error) {
    return error;
  }
  return undefined;
}

function checkJwtError(error: unknown, code: string, fields: Record<string, unknown> | undefined): string | undefined {
  if (!isJwtError(error)) return `expected a JwtError with code ${code}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (error.code !== code) return `expected code ${code}, got ${error.code} (${error.message})`;
  for (const [name, value] of Object.entries(fields ?? {})) {
    const actual = (error as unknown as Record<string, unknown>)[name];
    if (actual !== value) return `expected ${name} ${JSON.stringify(value)}, got ${JSON.stringify(actual)}`;
  }
  expectSoundMessage(error.message);
  return undefined;
}

function checkTypeError(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return `expected a TypeError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  expectSoundMessage(error.message);
  return undefined;
}

function result(problem: string | undefined, success: string): { pass: boolean; message: () => string } {
  return { pass: problem === undefined, message: () => problem ?? success };
}

expect.extend({
  /** Passes when the value (with `rejects`, the rejection) is a JwtError with `code`, `fields` and a sound message. */
  toBeJwtError(received: unknown, code: string, fields?: Record<string, unknown>) {
    return result(checkJwtError(received, code, fields), `expected no JwtError with code ${code}`);
  },
  /** Passes when the function throws a JwtError with `code`, `fields` and a sound message. */
  toThrowJwtError(received: unknown, code: string, fields?: Record<string, unknown>) {
    return result(checkJwtError(thrownBy(received), code, fields), `expected no JwtError with code ${code}`);
  },
  /** Passes when the value (with `rejects`, the rejection) is a TypeError with a sound message. */
  toBeUsageError(received: unknown) {
    return result(checkTypeError(received), 'expected no TypeError');
  },
  /** Passes when the function throws a TypeError with a sound message. */
  toThrowUsageError(received: unknown) {
    return result(checkTypeError(thrownBy(received)), 'expected no TypeError');
  },
});

interface JwtMatchers<R = unknown> {
  toBeJwtError(code: string, fields?: Record<string, unknown>): R;
  toThrowJwtError(code: string, fields?: Record<string, unknown>): R;
  toBeUsageError(): R;
  toThrowUsageError(): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends JwtMatchers<T> {}
}
