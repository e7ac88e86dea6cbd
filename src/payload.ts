/** The JWT Claims Set type (RFC 7519 §4) shared by `sign`, `verify` and `decode`. */

/** A JWT payload: the registered claims with their types, plus any other members. */
export interface JwtPayload {
  /** Issuer. */
  iss?: string;
  /** Subject. */
  sub?: string;
  /** Audience: one recipient or several. */
  aud?: string | string[];
  /** Expiration time, as a NumericDate in seconds. */
  exp?: number;
  /** Not-before time, as a NumericDate in seconds. */
  nbf?: number;
  /** Issued-at time, as a NumericDate in seconds. */
  iat?: number;
  /** JWT ID. */
  jti?: string;
  [claim: string]: unknown;
}
