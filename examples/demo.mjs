// Runs the built jwtkit CLI (dist/cli.js) on real input and checks every exit code. It verifies
// the RS256 and ES256 examples of RFC 7515 Appendix A. Then it signs, verifies and decodes a
// token with a fresh ES256 key pair, and shows verify rejecting a tampered copy.
// It exits with status 1 when any step does not behave as expected. Run it with `npm run demo`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

// RFC 7515 Appendix A.2 (RS256) and A.3 (ES256): the example tokens and the public keys that
// verify them. Both tokens carry "exp": 1300819380 (2011-03-22T18:43:00Z), so they are checked
// as of an earlier instant with --at.
const RFC_7515_A2_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.' +
  'cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw';
const RFC_7515_A2_PUBLIC_JWK = {
  kty: 'RSA',
  n:
    'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
  e: 'AQAB',
};
const RFC_7515_A3_TOKEN =
  'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.' +
  'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';
const RFC_7515_A3_PUBLIC_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
};
const BEFORE_RFC_EXPIRY = '2011-03-22T18:00:00Z';

const failures = [];

/** Shortens a long argument, such as a token, for the printed command line. */
function shorten(argument) {
  return argument.length > 72 ? `${argument.slice(0, 40)}...${argument.slice(-12)}` : argument;
}

/**
 * Runs `jwtkit ARGS`, prints the command line and its output, and records a failure when the
 * exit code differs from `expectedStatus` or an `expectedText` is missing from the output.
 * Returns the standard output.
 */
function jwtkit(args, expectedStatus, expectedTexts = []) {
  console.log(`\n$ jwtkit ${args.map(shorten).join(' ')}`);
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  console.log(`[exit code ${String(result.status)}]`);

  if (result.status !== expectedStatus) {
    failures.push(`jwtkit ${args[0]} exited with ${String(result.status)}, expected ${expectedStatus}`);
  }
  for (const text of expectedTexts) {
    if (!result.stdout.includes(text) && !result.stderr.includes(text)) {
      failures.push(`jwtkit ${args[0]} did not print "${text}"`);
    }
  }
  return result.stdout;
}

/**
 * Returns `token` with one character in the middle of the payload segment replaced, and prints
 * the change. A middle character never falls on base64url padding bits, so the segment still
 * decodes and the signature check is what fails.
 */
function tamperPayload(token) {
  const [header, payload, signature] = token.split('.');
  const index = Math.floor(payload.length / 2);
  const replacement = payload[index] === 'A' ? 'B' : 'A';
  console.log(`(payload character ${index} changed from "${payload[index]}" to "${replacement}")`);
  return [header, payload.slice(0, index) + replacement + payload.slice(index + 1), signature].join('.');
}

const folder = mkdtempSync(join(tmpdir(), 'jwtkit-demo-'));
console.log("Arguments longer than 72 characters, such as tokens, are shortened to their start and end below.\n");
try {
  console.log('1. The RS256 and ES256 examples of RFC 7515 Appendix A.2 and A.3, verified with their public keys');
  const a2KeyPath = join(folder, 'rfc7515-a2-public.jwk.json');
  const a3KeyPath = join(folder, 'rfc7515-a3-public.jwk.json');
  writeFileSync(a2KeyPath, JSON.stringify(RFC_7515_A2_PUBLIC_JWK));
  writeFileSync(a3KeyPath, JSON.stringify(RFC_7515_A3_PUBLIC_JWK));

  jwtkit(['verify', RFC_7515_A2_TOKEN, '--alg', 'RS256', '--key', a2KeyPath, '--at', BEFORE_RFC_EXPIRY], 0, ['valid', '"iss": "joe"']);
  jwtkit(['verify', RFC_7515_A3_TOKEN, '--alg', 'ES256', '--key', a3KeyPath, '--at', BEFORE_RFC_EXPIRY], 0, ['valid', '"iss": "joe"']);
  jwtkit(['verify', RFC_7515_A3_TOKEN, '--alg', 'ES256', '--key', a3KeyPath], 1, ['ERR_JWT_EXPIRED']);

  console.log('\n2. A fresh ES256 key pair: sign, verify and decode a token');
  const privatePath = join(folder, 'es256-private.pem');
  const publicPath = join(folder, 'es256-public.pem');
  jwtkit(['keygen', '--alg', 'ES256', '--format', 'pem', '--private-out', privatePath, '--public-out', publicPath], 0);
  const signArgs = ['--alg', 'ES256', '--key', privatePath, '--exp', '1h', '--iss', 'https://issuer.example', '--sub', 'user-1', '--aud', 'api://demo'];
  const token = jwtkit(['sign', ...signArgs], 0).trim();
  const checks = ['--iss', 'https://issuer.example', '--aud', 'api://demo', '--sub', 'user-1'];
  jwtkit(['verify', token, '--alg', 'ES256', '--key', publicPath, ...checks], 0, ['valid', 'expires in']);
  jwtkit(['decode', token], 0, ['"sub": "user-1"', 'NOT verified']);

  console.log('\n3. The same token with one character of its payload changed');
  const tampered = tamperPayload(token);
  jwtkit(['verify', tampered, '--alg', 'ES256', '--key', publicPath, ...checks], 1, ['ERR_JWT_SIGNATURE_INVALID']);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nThe demo failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery step behaved as expected.');
}
