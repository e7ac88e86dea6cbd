/**
 * Errors raised by jwtkit. Every failure caused by a token or a key is a `JwtError` with a
 * stable `code`; caller mistakes such as a missing `algorithms` option are `TypeError`s.
 * Messages name the step and the claim or parameter that failed, never the token or a key.
 */

/** Stable codes carried by {@link JwtError}; callers branch on these, not on messages. */
export type JwtErrorCode =
  | 'ERR_JWT_MALFORMED'
  | 'ERR_JWT_TOO_LARGE'
  | 'ERR_JWT_ALG_NOT_ALLOWED'
  | 'ERR_JWT_KEY_INVALID'
  | 'ERR_JWT_CRIT_UNSUPPORTED'
  | 'ERR_JWT_SIGNATURE_INVALID'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_NOT_YET_VALID'
  | 'ERR_JWT_CLAIM_INVALID'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'
  | 'ERR_JWKS_FETCH_FAILED';

/** Why a claim check failed: the claim was absent, had the wrong type or range, or did not match. */
export type ClaimFailureReason = 'missing' | 'invalid' | 'mismatch';

/** Registered symbols marking jwtkit errors; `Symbol.for` makes them the same in every copy. */
const ERROR_BRAND = Symbol.for('jwtkit.JwtError');
const CLAIM_ERROR_BRAND = Symbol.for('jwtkit.JwtClaimError');

/**
 * Implements `instanceof` for jwtkit's error classes. Each class defines its own
 * `Symbol.hasInstance`, which checks the brand its instances carry. Subclasses defined by
 * callers inherit the method and keep the ordinary prototype check. No class names itself
 * inside its own body, so bundlers keep each class's `name`.
 */
function isInstance(target: object, value: unknown, brand: symbol): boolean {
  if (!Object.hasOwn(target, Symbol.hasInstance)) return Function.prototype[Symbol.hasInstance].call(target, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * The error raised for a token or key that jwtkit rejects.
 *
 * @example
 * ```ts
 * try {
 *   await verify(token, key, { algorithms: ['ES256'] });
 * } catch (error) {
 *   if (error instanceof JwtError && error.code === 'ERR_JWT_EXPIRED') return refresh();
 *   throw error;
 * }
 * ```
 */
export class JwtError extends Error {
  /** The stable code for this failure. */
  readonly code: JwtErrorCode;

  constructor(code: JwtErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwtError';
    this.code = code;
    Object.defineProperty(this, ERROR_BRAND, { value: true });
  }

  /**
   * Recognises JwtErrors by a registered symbol rather than by prototype, so `instanceof`
   * also holds for errors from a second copy of jwtkit, such as the CommonJS build loaded
   * beside the ESM build.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value, ERROR_BRAND);
  }
}

/**
 * A failed claim check: `ERR_JWT_EXPIRED`, `ERR_JWT_NOT_YET_VALID` or `ERR_JWT_CLAIM_INVALID`.
 * It is raised only after the signature has verified, so `payload` holds authentic claims,
 * which lets a caller read `sub` from an expired token, for example.
 *
 * @example
 * ```ts
 * const error = await verify(token, key, { algorithms: ['ES256'] }).catch((caught: unknown) => caught);
 * if (error instanceof JwtClaimError) console.log(error.claim, error.reason, error.payload.sub);
 * ```
 */
export class JwtClaimError extends JwtError {
  /** The claim or header parameter that failed, such as `exp`, `aud` or `typ`. */
  readonly claim: string;
  /** Whether the claim was missing, invalid, or did not match the expected value. */
  readonly reason: ClaimFailureReason;
  /** The verified payload of the rejected token. */
  readonly payload: Readonly<Record<string, unknown>>;

  constructor(
    code: 'ERR_JWT_EXPIRED' | 'ERR_JWT_NOT_YET_VALID' | 'ERR_JWT_CLAIM_INVALID',
    message: string,
    claim: string,
    reason: ClaimFailureReason,
    payload: Readonly<Record<string, unknown>>,
  ) {
    super(code, message);
    this.name = 'JwtClaimError';
    Object.defineProperty(this, CLAIM_ERROR_BRAND, { value: true });
    this.claim = claim;
    this.reason = reason;
    this.payload = payload;
  }

  /** Recognizes claim errors by their brand, as {@link JwtError} does. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value, CLAIM_ERROR_BRAND);
  }
}

/**
 * Returns true when `error` is a {@link JwtError}, optionally with the given code.
 *
 * @example
 * ```ts
 * if (isJwtError(error, 'ERR_JWT_EXPIRED')) return refresh();
 * ```
 */
export function isJwtError(error: unknown, code?: JwtErrorCode): error is JwtError {
  return error instanceof JwtError && (code === undefined || error.code === code);
}

/**
 * Describes an untrusted value for an error message: short JSON for strings and numbers,
 * cut to 40 characters, and only the type for anything else, so messages stay bounded.
 */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return value === null ? 'null' : typeof value;
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
