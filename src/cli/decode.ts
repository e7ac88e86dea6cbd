/**
 * `jwtkit decode`: prints a token's header and payload without verifying anything, with the
 * time claims as dates, and a warning on stderr that the signature was not checked.
 */

import { decode } from '../index.ts';
import { parseCommandLine } from './args.ts';
import { formatToken, styleFor } from './format.ts';
import { type CliIo, UsageError, readStdinText } from './io.ts';

/** Help text for `jwtkit decode`. */
export const DECODE_HELP = `Usage: jwtkit decode [TOKEN | -]

Print the header and payload of a JWT as JSON, and exp, nbf and iat as ISO 8601
dates with the time until or since each. The signature is NOT verified, so use
this only to inspect a token; use "jwtkit verify" before trusting it.

Arguments:
  TOKEN       the compact JWT; "-" or no argument reads it from standard input

Options:
  -h, --help  show this help

Exit status: 0 when the token could be decoded, 1 when it is malformed,
2 for a usage error.
`;

/** Runs `jwtkit decode` and returns the exit code. */
export async function runDecode(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandLine(args, {}, 1);
  const token = await readToken(positionals[0], io);

  const { header, payload } = decode(token);
  io.stdout(formatToken(header, payload, io.now(), styleFor(io, 'stdout')));

  const style = styleFor(io, 'stderr');
  io.stderr(`${style.yellow('warning:')} the signature was NOT verified; run "jwtkit verify" to check it\n`);
  return 0;
}

/**
 * Returns the token from the argument, or from stdin when the argument is "-" or missing,
 * with surrounding whitespace removed. Throws `UsageError` when no argument is given and
 * stdin is a terminal, because reading it would wait for typed input.
 */
export async function readToken(argument: string | undefined, io: CliIo): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument.trim();
  if (argument === undefined && io.isTTY.stdin) {
    throw new UsageError('no token given; pass it as an argument, or pipe it to standard input');
  }
  return (await readStdinText(io, 'a token')).trim();
}
