/**
 * `jwtkit keygen`: generates a key pair, or an HMAC secret, and prints it or writes it to
 * files, as JWK or PEM.
 */

import { unlinkSync, writeFileSync } from 'node:fs';

import { type Algorithm, type JWK, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, generateSecret } from '../index.ts';
import { isHmacAlgorithm, parseAlgorithms, parseCommandLine, stringList, stringOption } from './args.ts';
import { formatJson, styleFor } from './format.ts';
import { type CliIo, UsageError } from './io.ts';

/** Help text for `jwtkit keygen`. */
export const KEYGEN_HELP = `Usage: jwtkit keygen --alg ALG [--format jwk|pem] [--kid KID]
                     [--private-out FILE --public-out FILE]

Generate a key pair for ALG and print the private and the public key. For HS256,
HS384 and HS512, generate a random secret as long as the hash output instead.

Options:
  --alg ALG            algorithm the key is for, such as ES256, RS256, EdDSA or
                       HS256 (required); JWKs get it as their "alg" member
  --format FORMAT      jwk (default) or pem; pem prints PKCS #8 and SPKI, and
                       an HMAC secret as base64url text, since it has no PEM form
  --kid KID            key ID to put in the JWKs (jwk format only)
  --private-out FILE   write the private key or secret to FILE with mode 0600
  --public-out FILE    write the public key to FILE (not for HMAC secrets)
  -h, --help           show this help

Existing files are never overwritten. RSA keys are 2048 bits.

An HMAC secret printed as base64url can go into the variable that --secret-env
names, but the key is then that text itself, not the bytes it encodes. To sign
with the random bytes, save the oct JWK and pass it with --key.
`;

const OPTIONS = {
  alg: { type: 'string', multiple: true },
  format: { type: 'string' },
  kid: { type: 'string' },
  'private-out': { type: 'string' },
  'public-out': { type: 'string' },
} as const;

/** A generated key, as text ready to print or to write to a file. */
interface KeyText {
  label: string;
  text: string;
}

/** Runs `jwtkit keygen` and returns the exit code. */
export async function runKeygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS, 0);

  const algorithms = parseAlgorithms(stringList(values, 'alg'));
  const [alg] = algorithms;
  if (alg === undefined || algorithms.length > 1) throw new UsageError('keygen takes exactly one --alg');

  const format = stringOption(values, 'format') ?? 'jwk';
  if (format !== 'jwk' && format !== 'pem') throw new UsageError(`--format must be jwk or pem, got ${JSON.stringify(format)}`);
  const kid = stringOption(values, 'kid');
  if (kid !== undefined && format === 'pem') throw new UsageError('--kid works only with --format jwk, because PEM has no place for a key ID');

  const privateOut = stringOption(values, 'private-out');
  const publicOut = stringOption(values, 'public-out');
  checkOutputOptions(alg, privateOut, publicOut);

  const keys = isHmacAlgorithm(alg) ? [await secretText(alg, format, kid)] : await keyPairTexts(alg, format, kid);
  if (isHmacAlgorithm(alg) && format === 'pem') {
    io.stderr('note: HMAC secrets have no PEM form, so the secret is written as base64url text\n');
  }

  if (privateOut === undefined) {
    const style = styleFor(io, 'stdout');
    io.stdout(keys.map((key) => `${style.bold(`${key.label}:`)}\n${key.text}`).join('\n'));
    return 0;
  }

  const [privateKey, publicKey] = keys;
  if (privateKey !== undefined) writeKeyFiles(privateOut, privateKey, publicOut, publicKey);
  const written = publicOut === undefined ? privateOut : `${privateOut} (private) and ${publicOut} (public)`;
  io.stdout(`wrote ${isHmacAlgorithm(alg) ? 'the secret' : 'the key pair'} for ${alg} to ${written}\n`);
  return 0;
}

function checkOutputOptions(alg: Algorithm, privateOut: string | undefined, publicOut: string | undefined): void {
  if (isHmacAlgorithm(alg)) {
    if (publicOut !== undefined) throw new UsageError(`${alg} uses a shared secret with no public key; give only --private-out`);
    return;
  }
  if ((privateOut === undefined) !== (publicOut === undefined)) {
    throw new UsageError('give both --private-out and --public-out, or neither to print the keys');
  }
  if (privateOut !== undefined && privateOut === publicOut) {
    throw new UsageError('--private-out and --public-out must name different files');
  }
}

async function keyPairTexts(alg: Algorithm, format: 'jwk' | 'pem', kid: string | undefined): Promise<KeyText[]> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  if (format === 'pem') {
    return [
      { label: 'Private key (PKCS #8 PEM, keep it secret)', text: await exportPKCS8(privateKey) },
      { label: 'Public key (SPKI PEM)', text: await exportSPKI(publicKey) },
    ];
  }
  return [
    { label: 'Private key (JWK, keep it secret)', text: jwkText(await exportJWK(privateKey), alg, kid) },
    { label: 'Public key (JWK)', text: jwkText(await exportJWK(publicKey), alg, kid) },
  ];
}

async function secretText(alg: Algorithm, format: 'jwk' | 'pem', kid: string | undefined): Promise<KeyText> {
  const jwk = await exportJWK(generateSecret(alg));
  if (format === 'pem') return { label: 'Secret (base64url, keep it secret)', text: `${String(jwk.k)}\n` };
  return { label: 'Secret (oct JWK, keep it secret)', text: jwkText(jwk, alg, kid) };
}

/** Formats a JWK with `alg` and, when given, `kid` added, followed by a newline. */
function jwkText(jwk: JWK, alg: Algorithm, kid: string | undefined): string {
  const labelled: JWK = { ...jwk, alg };
  if (kid !== undefined) labelled.kid = kid;
  return `${formatJson(labelled)}\n`;
}

/**
 * Writes the private key with mode 0600 and the public key with mode 0644. Both use the
 * exclusive-create flag, so an existing file is never replaced. When the public file cannot
 * be written, the private file just created is removed again.
 */
function writeKeyFiles(privateOut: string, privateKey: KeyText, publicOut: string | undefined, publicKey: KeyText | undefined): void {
  writeNewFile(privateOut, privateKey.text, 0o600);
  if (publicOut === undefined || publicKey === undefined) return;

  try {
    writeNewFile(publicOut, publicKey.text, 0o644);
  } catch (error) {
    unlinkSync(privateOut);
    throw error;
  }
}

function writeNewFile(path: string, text: string, mode: number): void {
  try {
    // "wx" opens with O_CREAT | O_EXCL, so the open fails with EEXIST instead of truncating a file.
    writeFileSync(path, text, { mode, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`"${path}" already exists; keygen never overwrites a file, so choose another name or remove it first`);
    throw new UsageError(`cannot write "${path}": ${code ?? 'the file could not be written'}`);
  }
}
