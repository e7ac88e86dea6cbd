/**
 * The I/O boundary of the command-line tool: the `CliIo` interface that `runCli` receives
 * instead of `process`, the `UsageError` for exit code 2, and reading input files or stdin.
 */

import { readFileSync } from 'node:fs';

/** Everything the CLI reads from or writes to its environment, so tests can run it in-process. */
export interface CliIo {
  /** Reads all of standard input as UTF-8 text. */
  stdin: () => Promise<string>;
  /** Writes text to standard output as is; callers add the newlines. */
  stdout: (text: string) => void;
  /** Writes text to standard error as is; callers add the newlines. */
  stderr: (text: string) => void;
  /** The environment variables, read for `--secret-env`, `NO_COLOR` and `TERM`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether each standard stream is a terminal. */
  isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  /** The current time. */
  now: () => Date;
}

/** A mistake in the command line or its input files; `runCli` reports it and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Reads a UTF-8 text file, or throws `UsageError` naming the file's `role` and its path. The message
 * gives the system error code but never any file content, because the file may contain a key.
 */
export function readTextFile(path: string, role: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${role} "${path}": ${describeFileError(code)}`);
  }
}

/** Reads standard input, or throws `UsageError` naming the `expected` input when it is blank. */
export async function readStdinText(io: CliIo, expected: string): Promise<string> {
  const text = await io.stdin();
  if (text.trim() === '') throw new UsageError(`standard input is empty; expected ${expected}`);
  return text;
}

function describeFileError(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'it is a directory (EISDIR)';
    default:
      return code === undefined ? 'the file could not be read' : `the file could not be read (${code})`;
  }
}
