/**
 * `jwtkit sign`: builds a claims set from a JSON file or stdin plus command-line claims, and
 * prints the signed token.
 */

import { type SignKey, type SignOptions, sign } from '../index.ts';
import { type OptionValues, isHmacAlgorithm, parseAlgorithms, parseCommandLine, parseDuration, readKeySource, stringList, stringOption } from './args.ts';
import { type CliIo, UsageError, readStdinText, readTextFile } from './io.ts';
import { readKeyFile, signKeyFromFile } from './keyfile.ts';

/** Help text for `jwtkit sign`. */
export const SIGN_HELP = `Usage: jwtkit sign [PAYLOAD | -] --alg ALG (--key FILE | --secret-env VAR) [options]

Sign a JWT and print it. The claims come from the JSON object in PAYLOAD, from
standard input with "-", or start empty; the options below add to them.

Arguments:
  PAYLOAD              a file that contains the claims as a JSON object

Options:
  --alg ALG            signature algorithm, such as ES256, RS256 or HS256 (required)
  --key FILE           signing key: a private or oct JWK, a JWKS (pick the key
                       with --kid), or a PRIVATE KEY, RSA PRIVATE KEY or
                       EC PRIVATE KEY PEM file
  --secret-env VAR     name of the environment variable whose UTF-8 text is the
                       HMAC secret, for HS256, HS384 and HS512
  --exp DURATION       set exp this long after now, in seconds or with a unit:
                       30s, 15m, 1h, 7d; write --exp=-1h for an expired token
  --nbf DURATION       set nbf this long after now; --nbf=-5m is in the past
  --iss ISS            set the issuer claim
  --sub SUB            set the subject claim
  --aud AUD            set the audience claim; repeat it for several audiences
  --kid KID            set the kid header; defaults to the kid of a JWK key file
  --claim NAME=VALUE   set a claim; VALUE is parsed as JSON when it is valid
                       JSON (42, true, ["a","b"]) and kept as a string otherwise;
                       it replaces the same claim in PAYLOAD; repeatable
  --no-iat             do not add the iat (issued at) claim
  -h, --help           show this help

Exit status: 0 when the token was printed, 1 when the key cannot sign with ALG,
2 for a usage error.
`;

const OPTIONS = {
  alg: { type: 'string', multiple: true },
  key: { type: 'string' },
  'secret-env': { type: 'string' },
  exp: { type: 'string' },
  nbf: { type: 'string' },
  iss: { type: 'string' },
  sub: { type: 'string' },
  aud: { type: 'string', multiple: true },
  kid: { type: 'string' },
  claim: { type: 'string', multiple: true },
  'no-iat': { type: 'boolean' },
} as const;

/** Runs `jwtkit sign` and returns the exit code. */
export async function runSign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 1);

  const algorithms = parseAlgorithms(stringList(values, 'alg'));
  const [alg] = algorithms;
  if (alg === undefined || algorithms.length > 1) throw new UsageError('sign takes exactly one --alg');

  const source = readKeySource(values, io);
  const options = buildSignOptions(values, io);
  const payload = await readPayload(positionals[0], io);
  for (const claim of stringList(values, 'claim')) setClaim(payload, claim);
  rejectDuplicateClaims(payload, values);

  let key: SignKey;
  if (source.kind === 'secret') {
    if (!isHmacAlgorithm(alg)) throw new UsageError(`--secret-env gives an HMAC secret, which cannot sign ${alg}; use --key with a private key file`);
    key = source.secret;
  } else {
    const file = readKeyFile(source.path);
    if (file.kind === 'pem' && isHmacAlgorithm(alg)) {
      throw new UsageError(`a PEM key cannot sign ${alg}; give the secret with --secret-env or as an oct JWK file`);
    }
    const choice = await signKeyFromFile(file, alg, options.kid);
    key = choice.key;
    if (options.kid === undefined && choice.kid !== undefined) options.kid = choice.kid;
  }

  const token = await sign(payload, key, { ...options, alg });
  io.stdout(`${token}\n`);
  return 0;
}

/** Maps the claim and header options to `SignOptions`, with `currentDate` set to now. */
function buildSignOptions(values: OptionValues, io: CliIo): SignOptions {
  const options: SignOptions = { currentDate: io.now() };
  const exp = stringOption(values, 'exp');
  const nbf = stringOption(values, 'nbf');
  const issuer = stringOption(values, 'iss');
  const subject = stringOption(values, 'sub');
  const audiences = stringList(values, 'aud');
  const kid = stringOption(values, 'kid');

  if (exp !== undefined) options.expiresIn = parseDuration(exp, '--exp', true);
  if (nbf !== undefined) options.notBefore = parseDuration(nbf, '--nbf', true);
  if (issuer !== undefined) options.issuer = issuer;
  if (subject !== undefined) options.subject = subject;
  const [audience] = audiences;
  if (audiences.length === 1 && audience !== undefined) options.audience = audience;
  if (audiences.length > 1) options.audience = audiences;
  if (kid !== undefined) options.kid = kid;
  if (values['no-iat'] === true) options.iat = false;
  return options;
}

/** Reads the claims from a file, from stdin for "-", or returns an empty object. */
async function readPayload(argument: string | undefined, io: CliIo): Promise<Record<string, unknown>> {
  if (argument === undefined) return {};
  const fromStdin = argument === '-';
  const where = fromStdin ? 'standard input' : `"${argument}"`;
  const text = fromStdin ? await readStdinText(io, 'the payload as a JSON object') : readTextFile(argument, 'payload file');

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`the payload in ${where} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`the payload in ${where} must be a JSON object of claims`);
  }
  return value as Record<string, unknown>;
}

/** The options that set a registered claim, by claim name. */
const CLAIM_OPTIONS = { iss: '--iss', sub: '--sub', aud: '--aud', exp: '--exp', nbf: '--nbf' } as const;

/** Throws `UsageError` when an option sets a claim that the payload or a --claim already has. */
function rejectDuplicateClaims(payload: Record<string, unknown>, values: OptionValues): void {
  for (const [claim, option] of Object.entries(CLAIM_OPTIONS)) {
    if (values[option.slice(2)] !== undefined && Object.hasOwn(payload, claim)) {
      throw new UsageError(`the payload already has "${claim}"; set it either in the payload or with ${option}, not both`);
    }
  }
}

/**
 * Sets the claim from a `--claim NAME=VALUE` argument. The claim is defined as an own
 * property, so a NAME of "__proto__" becomes a claim and does not change the prototype.
 */
function setClaim(payload: Record<string, unknown>, argument: string): void {
  const separator = argument.indexOf('=');
  if (separator <= 0) throw new UsageError(`--claim expects NAME=VALUE, such as --claim role=admin; got ${JSON.stringify(argument)}`);

  const name = argument.slice(0, separator);
  const text = argument.slice(separator + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  Object.defineProperty(payload, name, { value, enumerable: true, writable: true, configurable: true });
}
