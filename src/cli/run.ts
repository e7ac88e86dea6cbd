/**
 * `runCli`: dispatches a command line to a command and turns every failure into a message
 * and an exit code (0 success, 1 invalid token or key, 2 usage error), so that no stack
 * trace reaches the user.
 */

import { JwtError } from '../index.ts';
import { DECODE_HELP, runDecode } from './decode.ts';
import { escapeControlCharacters, styleFor } from './format.ts';
import { MAIN_HELP, readPackageVersion } from './help.ts';
import { type CliIo, UsageError } from './io.ts';
import { KEYGEN_HELP, runKeygen } from './keygen.ts';
import { SIGN_HELP, runSign } from './sign.ts';
import { VERIFY_HELP, runVerify } from './verify.ts';

export type { CliIo } from './io.ts';

interface Command {
  help: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  decode: { help: DECODE_HELP, run: runDecode },
  verify: { help: VERIFY_HELP, run: runVerify },
  sign: { help: SIGN_HELP, run: runSign },
  keygen: { help: KEYGEN_HELP, run: runKeygen },
};

/** Exit codes of the CLI. */
const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code.
 * Errors from the commands are caught and reported on `io.stderr` instead of being thrown.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;

  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout(MAIN_HELP);
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${readPackageVersion()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') return showHelp(rest[0], io);

  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command === undefined) {
    return reportUsageError(`unknown command ${JSON.stringify(first)}; the commands are ${Object.keys(COMMANDS).join(', ')}`, undefined, io);
  }
  if (wantsHelp(rest)) {
    io.stdout(command.help);
    return EXIT_OK;
  }

  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, first, io);
  }
}

/** Returns true when `--help` or `-h` appears before any `--` terminator. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}

function showHelp(name: string | undefined, io: CliIo): number {
  if (name === undefined) {
    io.stdout(MAIN_HELP);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return reportUsageError(`unknown command ${JSON.stringify(name)}`, undefined, io);
  io.stdout(command.help);
  return EXIT_OK;
}

/**
 * Reports an error and returns its exit code. `UsageError` and the `TypeError`s that the
 * library raises for invalid options exit 2, and `JwtError` exits 1 with its code. Anything
 * else exits 1 as an unexpected failure, shown by its message without the stack trace.
 */
function reportError(error: unknown, commandName: string, io: CliIo): number {
  if (error instanceof UsageError || error instanceof TypeError) {
    return reportUsageError(error.message, commandName, io);
  }

  const style = styleFor(io, 'stderr');
  if (error instanceof JwtError) {
    io.stderr(`${style.red('error:')} ${error.code} (${escapeControlCharacters(error.message)})\n`);
    return EXIT_INVALID;
  }

  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${style.red('error:')} unexpected failure: ${escapeControlCharacters(message)}\n`);
  return EXIT_INVALID;
}

function reportUsageError(message: string, commandName: string | undefined, io: CliIo): number {
  const style = styleFor(io, 'stderr');
  const helpCommand = commandName === undefined ? 'jwtkit --help' : `jwtkit ${commandName} --help`;
  io.stderr(`${style.red('error:')} ${escapeControlCharacters(message)}\n${style.dim(`Run "${helpCommand}" for usage.`)}\n`);
  return EXIT_USAGE;
}
