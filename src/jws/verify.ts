/**
 * `compactVerify`: validation of a JWS in Compact Serialization (RFC 7515 §5.2), the shared
 * core of JWT verification. Steps run cheapest first and nothing is trusted early: size,
 * structure, header, `alg` allow-list and `crit` before the key is chosen, and the signature
 * before any caller sees the payload.
 */

import { type Algorithm, type AlgorithmSpec, findAlgorithm } from '../algorithms.ts';
import { checkBase64url, decodeBase64url } from '../base64url.ts';
import { type CompactParts, readMaxTokenLength, splitCompact } from '../compact.ts';
import { JwtError, describeValue } from '../errors.ts';
import { asJwsHeader, checkCritical, readCritOption } from '../header.ts';
import { parseSegment } from '../json.ts';
import { deepFreeze } from '../freeze.ts';
import { type BackendKey, type CryptoBackend, activeBackend } from '../crypto/backend.ts';
import { prepareKey } from '../keys/prepare.ts';
import { type PreparedKeyFor, preparedOnce } from '../keys/prepared-once.ts';
import type { JwsHeader, KeyResolver, VerifyKey } from '../keys/types.ts';
import { rejectUnknownOptions } from '../options.ts';

/** Options for {@link compactVerify}. */
export interface CompactVerifyOptions {
  /** Algorithms to accept. Required and non-empty; `'none'` is never accepted. */
  algorithms: readonly Algorithm[];
  /** Names of `crit` extensions the caller's code understands and checks itself. */
  crit?: readonly string[];
  /** Maximum token length in characters, checked before any decoding. Default 16384. */
  maxTokenLength?: number;
}

/** The result of {@link compactVerify}. */
export interface CompactVerifyResult {
  header: JwsHeader;
  payload: Uint8Array;
}

/**
 * Verifies a compact JWS and returns its protected header and payload bytes. The payload
 * may be anything; use `verify` for JWTs, which also checks claims.
 *
 * Does not check: claims of any kind, `typ`, or whether the payload is JSON.
 *
 * @param token - the compact JWS.
 * @param key - the verification key, or a resolver that picks it from the header.
 * @param options - `algorithms` (required), `crit`, `maxTokenLength`.
 * @throws `TypeError` when `algorithms` is missing, empty, or names an unsupported algorithm.
 * @throws `JwtError` with `ERR_JWT_TOO_LARGE`, `ERR_JWT_MALFORMED`, `ERR_JWT_ALG_NOT_ALLOWED`,
 *   `ERR_JWT_CRIT_UNSUPPORTED`, `ERR_JWT_KEY_INVALID` or `ERR_JWT_SIGNATURE_INVALID`.
 * @example
 * ```ts
 * const { payload } = await compactVerify(jws, publicKey, { algorithms: ['EdDSA'] });
 * ```
 */
export async function compactVerify(
  token: string,
  key: VerifyKey | KeyResolver,
  options: CompactVerifyOptions,
): Promise<CompactVerifyResult> {
  const prepared = prepareJwsOptions(options);
  rejectUnknownOptions(options, COMPACT_VERIFY_OPTION_NAMES, 'compactVerify');
  return verifyJws(token, keySourceFor(key), prepared);
}

const COMPACT_VERIFY_OPTION_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(['algorithms', 'crit', 'maxTokenLength']);

/** Chooses and prepares the verification key for one token on one backend. */
export type KeySource = (spec: AlgorithmSpec, header: JwsHeader, token: string, backend: CryptoBackend) => BackendKey | Promise<BackendKey>;

/**
 * Returns the key source for a key or a resolver. A fixed key is prepared once per backend
 * and algorithm, and served without a promise once ready; a resolver is called for every
 * token. Throws `ERR_JWT_KEY_INVALID` when no key was given, before any token is read.
 */
export function keySourceFor(key: unknown): KeySource {
  if (key === undefined || key === null) {
    throw new JwtError('ERR_JWT_KEY_INVALID', 'no key was given to verify with');
  }
  if (typeof key === 'function') {
    const resolver = key as KeyResolver;
    return async (spec, header, token, backend) => prepareKey(await resolver(header, token), spec, 'verify', backend);
  }

  const perAlgorithm = new Map<AlgorithmSpec, PreparedKeyFor>();
  return (spec, _header, _token, backend) => {
    let keyFor = perAlgorithm.get(spec);
    if (keyFor === undefined) {
      keyFor = preparedOnce((target) => prepareKey(key, spec, 'verify', target));
      perAlgorithm.set(spec, keyFor);
    }
    return keyFor(backend);
  };
}

/** JWS verification options after validation. */
export interface PreparedJwsOptions {
  readonly algorithms: ReadonlySet<string>;
  readonly crit: readonly string[];
  readonly maxTokenLength: number;
  /** True for JWTs, whose payload segment can never be empty. */
  readonly requirePayload: boolean;
  /**
   * Headers that already passed the `alg` and `crit` checks, by encoded segment. A verifier
   * sees the same few headers again and again, so it parses each one once.
   */
  readonly checkedHeaders: Map<string, { readonly header: JwsHeader; readonly spec: AlgorithmSpec }>;
}

/** Maximum number of headers a verifier remembers. Headers beyond it are parsed every time. */
const MAX_CHECKED_HEADERS = 16;

/** Validates the JWS-level options, throwing `TypeError` for caller mistakes. */
export function prepareJwsOptions(options: unknown, requirePayload = false): PreparedJwsOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object with a non-empty algorithms array');
  }
  const { algorithms, crit, maxTokenLength } = options as Partial<CompactVerifyOptions>;

  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new TypeError('algorithms is required: list the algorithms this key may verify, such as ["ES256"]');
  }
  for (const name of algorithms as unknown[]) {
    if (name === 'none') throw new TypeError('algorithms must not contain "none": unsecured tokens are never accepted');
    if (findAlgorithm(name) === undefined) throw new TypeError(`algorithms contains unsupported algorithm ${describeValue(name)}`);
  }

  return {
    algorithms: new Set(algorithms as string[]),
    crit: readCritOption(crit),
    maxTokenLength: readMaxTokenLength(maxTokenLength),
    requirePayload,
    checkedHeaders: new Map(),
  };
}

/** A JWS whose checks have all run except, possibly, the signature check. */
export interface StartedJws extends CompactVerifyResult {
  /**
   * Undefined when the signature has already verified. Otherwise the check still running,
   * which rejects with the key or signature error. Until it fulfils, no part of the token
   * may reach a caller.
   */
  readonly pending: Promise<void> | undefined;
}

/**
 * Runs RFC 7515 §5.2 on `token`, as described at {@link compactVerify}. It returns without a
 * promise when the key is ready and the backend returns at once, which saves the hot path a
 * turn of the event loop. Callers `await` the result either way.
 */
export function verifyJws(token: unknown, keySource: KeySource, options: PreparedJwsOptions): CompactVerifyResult | Promise<CompactVerifyResult> {
  const { header, payload, pending } = startJws(token, keySource, options);
  return pending === undefined ? { header, payload } : pending.then(() => ({ header, payload }));
}

/**
 * Runs every check of {@link verifyJws} that can run at once and starts the signature check.
 * When that check is asynchronous (WebCrypto, the thread pool, a key still being prepared),
 * the caller can do its own work on the payload meanwhile, as long as it reports nothing
 * before `pending` fulfils.
 */
export function startJws(token: unknown, keySource: KeySource, options: PreparedJwsOptions): StartedJws {
  const parts = splitCompact(token, options.maxTokenLength);
  if (options.requirePayload && parts.payload === '') {
    throw new JwtError('ERR_JWT_MALFORMED', 'payload segment is empty; a JWT payload must be a JSON object');
  }
  const { header, spec } = checkHeader(parts.protectedHeader, options);

  const signatureLength = checkBase64url(parts.signature, 'signature');
  const payload = decodeBase64url(parts.payload, 'payload');

  const backend = activeBackend();
  const backendKey = keySource(spec, header, token as string, backend);
  const pending = backendKey instanceof Promise
    ? backendKey.then((readyKey) => checkSignature(spec, readyKey, backend, parts, signatureLength))
    : checkSignature(spec, backendKey, backend, parts, signatureLength);
  return { header, payload, pending };
}

/** Parses the protected header and applies the `alg` and `crit` rules, once per distinct header. */
function checkHeader(segment: string, options: PreparedJwsOptions): { header: JwsHeader; spec: AlgorithmSpec } {
  const checked = options.checkedHeaders.get(segment);
  // Each caller gets its own copy, so a caller that changes its header changes no other.
  if (checked !== undefined) return { header: { ...checked.header }, spec: checked.spec };

  const header = asJwsHeader(parseSegment(segment, 'protected header'));
  const spec = allowedAlgorithm(header.alg, options.algorithms);
  checkCritical(header, options.crit);

  if (options.checkedHeaders.size < MAX_CHECKED_HEADERS) {
    options.checkedHeaders.set(segment, { header: deepFreeze({ ...header }), spec });
  }
  return { header, spec };
}

function checkSignature(
  spec: AlgorithmSpec,
  backendKey: BackendKey,
  backend: CryptoBackend,
  parts: CompactParts,
  signatureLength: number,
): Promise<void> | undefined {
  if (spec.signatureLength !== undefined && signatureLength !== spec.signatureLength) {
    throw new JwtError('ERR_JWT_SIGNATURE_INVALID', `${spec.name} signature must be ${spec.signatureLength} bytes, got ${signatureLength}`);
  }

  let valid: boolean | Promise<boolean>;
  try {
    valid = backend.verify(spec, backendKey, parts.signingInput, parts.signature);
  } catch (cause) {
    throw signatureInvalid(cause);
  }
  if (typeof valid === 'boolean') {
    if (!valid) throw signatureInvalid(undefined);
    return undefined;
  }
  return valid.then(
    (asynchronousValid) => {
      if (!asynchronousValid) throw signatureInvalid(undefined);
    },
    (cause: unknown) => {
      throw signatureInvalid(cause);
    },
  );
}

function signatureInvalid(cause: unknown): JwtError {
  return new JwtError('ERR_JWT_SIGNATURE_INVALID', 'signature verification failed', cause === undefined ? undefined : { cause });
}

function allowedAlgorithm(alg: string, allowed: ReadonlySet<string>): AlgorithmSpec {
  const spec = findAlgorithm(alg);
  if (alg.toLowerCase() === 'none') {
    throw new JwtError('ERR_JWT_ALG_NOT_ALLOWED', 'unsecured tokens ("alg": "none") are never accepted');
  }
  if (spec === undefined || !allowed.has(alg)) {
    throw new JwtError('ERR_JWT_ALG_NOT_ALLOWED', `algorithm ${describeValue(alg)} is not in the allowed algorithms`);
  }
  return spec;
}
