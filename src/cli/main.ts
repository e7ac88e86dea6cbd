/**
 * Entry point of the `jwtkit` executable: connects `runCli` to the process's arguments,
 * streams and environment, and sets the exit code.
 */

import process from 'node:process';

import { runCli } from './run.ts';

async function readStandardInput(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks).toString('utf8');
}

/** Returns true when `stream` is a terminal; `isTTY` is undefined, not false, on pipes and files. */
function isTerminal(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

// A reader that closes the pipe early, such as `jwtkit decode t | head -1`, makes writes
// fail with EPIPE; the output is no longer wanted, so that ends the process quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });
}

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: readStandardInput,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: { stdin: isTerminal(process.stdin), stdout: isTerminal(process.stdout), stderr: isTerminal(process.stderr) },
    now: () => new Date(),
  });
} catch (error) {
  // runCli reports command errors itself; this catches a failure of the I/O glue, such as
  // unreadable standard input, so that no stack trace is printed.
  process.stderr.write(`error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
