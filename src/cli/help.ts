/**
 * The top-level help text and the package version that `jwtkit --version` prints, read
 * from the package.json above the running file so that it never drifts from the package.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Help text for `jwtkit` and `jwtkit --help`. */
export const MAIN_HELP = `Usage: jwtkit <command> [options]

Sign, verify and decode JSON Web Tokens (RFC 7519) from the command line.

Commands:
  decode [TOKEN | -]    print a token's header and claims without verifying it
  verify (TOKEN | -)    verify a token's signature and claims with a key or secret
  sign [PAYLOAD | -]    sign a JSON claims set and print the token
  keygen                generate a key pair or an HMAC secret as JWK or PEM

Options:
  -h, --help            show this help ("jwtkit <command> --help" for one command)
  -v, --version         print the jwtkit version

HMAC secrets are read from an environment variable named by --secret-env and are
never taken from the command line. Set NO_COLOR to turn colour off.
`;

/**
 * Returns the `version` of the nearest package.json named "jwtkit" above this module: the
 * repository root when run from src/cli, the package root when run as dist/cli.js.
 */
export function readPackageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));

  for (;;) {
    const version = readVersionIn(directory);
    if (version !== undefined) return version;
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

function readVersionIn(directory: string): string | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const { name, version } = manifest as { name?: unknown; version?: unknown };
  return name === 'jwtkit' && typeof version === 'string' ? version : undefined;
}
