/**
 * Protected-header rules shared by every operation that reads a JWS (RFC 7515 §4.1): `alg`
 * must be a string, `crit` must list only extensions the caller understands (§4.1.11), and
 * the unencoded-payload option `b64` (RFC 7797) is never honoured.
 */

import { JwtError } from './errors.ts';
import type { JsonObject } from './json.ts';
import type { JwsHeader } from './keys/types.ts';

/** Header parameters defined by RFC 7515 and RFC 7516, which `crit` must not list (RFC 7515 §4.1.11). */
const REGISTERED_PARAMETERS = /* @__PURE__ */ new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]);

/** Checks that a parsed header has a string `alg`, and returns it typed as a header. */
export function asJwsHeader(header: JsonObject): JwsHeader {
  if (typeof header.alg !== 'string') {
    throw new JwtError('ERR_JWT_MALFORMED', 'protected header must have a string "alg" parameter');
  }
  return header as JwsHeader;
}

/**
 * Applies RFC 7515 §4.1.11: `crit`, when present, is a non-empty array of distinct extension
 * names, each present in the header and each in `understood`. Any `b64` member is rejected
 * unless it is `true`, since jwtkit only handles base64url payloads.
 */
export function checkCritical(header: JwsHeader, understood: readonly string[]): void {
  const crit: unknown = header.crit;

  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0) {
      throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', '"crit" must be a non-empty array of header parameter names');
    }
    const seen = new Set<string>();
    for (const name of crit as unknown[]) {
      if (typeof name !== 'string' || name === '' || seen.has(name)) {
        throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', '"crit" must hold distinct, non-empty parameter names');
      }
      seen.add(name);
      if (REGISTERED_PARAMETERS.has(name)) {
        throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', `"crit" must not list the registered parameter "${name}"`);
      }
      if (!Object.hasOwn(header, name)) {
        throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', `"crit" lists "${name}", which is missing from the header`);
      }
      if (!understood.includes(name)) {
        throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', `critical header parameter "${name}" is not understood; list it in the crit option if your code handles it`);
      }
    }
  }

  if (header.b64 !== undefined && header.b64 !== true) {
    throw new JwtError('ERR_JWT_CRIT_UNSUPPORTED', 'unencoded payloads ("b64": false) are not supported');
  }
}

/** Validates a `crit` option: an array of parameter names, default empty. */
export function readCritOption(value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) {
    throw new TypeError('crit must be an array of header parameter names');
  }
  return value;
}
