/**
 * `jwtkit verify`: checks a token's signature and claims with a key file or an HMAC secret
 * from the environment, and reports "valid" with the claims, or the `JwtError` code.
 */

import { type Algorithm, type KeyResolver, type VerifyKey, type VerifyOptions, JwtError, verify } from '../index.ts';
import { type OptionValues, isHmacAlgorithm, parseAlgorithms, parseCommandLine, parseDate, parseDuration, readKeySource, stringList, stringOption } from './args.ts';
import { readToken } from './decode.ts';
import { escapeControlCharacters, formatToken, styleFor } from './format.ts';
import { type CliIo, UsageError } from './io.ts';
import { readKeyFile, verifyKeyFromFile } from './keyfile.ts';

/** Help text for `jwtkit verify`. */
export const VERIFY_HELP = `Usage: jwtkit verify (TOKEN | -) --alg ALG (--key FILE | --secret-env VAR) [options]

Verify the signature and the claims of a JWT. Prints "valid" with the header and
payload, or "invalid:" with the error code and the reason.

Arguments:
  TOKEN                the compact JWT, or "-" to read it from standard input

Options:
  --alg ALG            an accepted algorithm; repeat it or separate names with
                       commas to accept several (required)
  --key FILE           verification key: a JWK, a JWKS (the key is chosen by the
                       token's kid), or a PUBLIC KEY, RSA PUBLIC KEY or
                       CERTIFICATE PEM file
  --secret-env VAR     name of the environment variable whose UTF-8 text is the
                       HMAC secret, for HS256, HS384 and HS512
  --iss ISS            required issuer; repeat it to accept any of several
  --aud AUD            accepted audience; repeat it to accept any of several
  --sub SUB            required subject
  --leeway DURATION    allowed clock skew for exp, nbf and iat, in seconds or
                       with a unit: 30s, 5m, 1h (default 0)
  --at DATE            validate as of DATE instead of now: ISO 8601 such as
                       2011-03-22T18:00:00Z, or NumericDate seconds
  -h, --help           show this help

Exit status: 0 when the token is valid, 1 when it is invalid, 2 for a usage
error such as a missing --alg or an unreadable key file.
`;

const OPTIONS = {
  alg: { type: 'string', multiple: true },
  key: { type: 'string' },
  'secret-env': { type: 'string' },
  iss: { type: 'string', multiple: true },
  aud: { type: 'string', multiple: true },
  sub: { type: 'string' },
  leeway: { type: 'string' },
  at: { type: 'string' },
} as const;

/** Runs `jwtkit verify` and returns the exit code. */
export async function runVerify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 1);
  if (positionals[0] === undefined) throw new UsageError('no token given; pass it as an argument, or "-" to read standard input');

  const algorithms = parseAlgorithms(stringList(values, 'alg'));
  const source = readKeySource(values, io);
  const options = buildVerifyOptions(values, algorithms, io);
  const currentDate = options.currentDate;

  let key: VerifyKey | KeyResolver;
  if (source.kind === 'secret') {
    const asymmetric = algorithms.filter((alg) => !isHmacAlgorithm(alg));
    if (asymmetric.length > 0) {
      throw new UsageError(`--secret-env gives an HMAC secret, which cannot verify ${asymmetric.join(', ')}; use --key with a public key file`);
    }
    key = source.secret;
  } else {
    const file = readKeyFile(source.path);
    const hmac = algorithms.filter(isHmacAlgorithm);
    if (file.kind === 'pem' && hmac.length > 0) {
      throw new UsageError(`a PEM key cannot verify ${hmac.join(', ')}; give the secret with --secret-env or as an oct JWK file`);
    }
    key = verifyKeyFromFile(file);
  }
  const token = await readToken(positionals[0], io);

  try {
    const { header, payload } = await verify(token, key, options);
    io.stdout(`${styleFor(io, 'stdout').green('valid')}\n${formatToken(header, payload, currentDate, styleFor(io, 'stdout'))}`);
    return 0;
  } catch (error) {
    if (!(error instanceof JwtError)) throw error;
    io.stderr(`${styleFor(io, 'stderr').red('invalid:')} ${error.code} (${escapeControlCharacters(error.message)})\n`);
    return 1;
  }
}

/** Maps the claim options to `VerifyOptions`; `currentDate` is `--at` or now. */
function buildVerifyOptions(values: OptionValues, algorithms: Algorithm[], io: CliIo): VerifyOptions & { currentDate: Date } {
  const at = stringOption(values, 'at');
  const options: VerifyOptions & { currentDate: Date } = {
    algorithms,
    currentDate: at === undefined ? io.now() : parseDate(at, '--at'),
  };
  const issuers = stringList(values, 'iss');
  const audiences = stringList(values, 'aud');
  const subject = stringOption(values, 'sub');
  const leeway = stringOption(values, 'leeway');

  if (issuers.length > 0) options.issuer = issuers;
  if (audiences.length > 0) options.audience = audiences;
  if (subject !== undefined) options.subject = subject;
  if (leeway !== undefined) options.clockTolerance = parseDuration(leeway, '--leeway', false);
  return options;
}
