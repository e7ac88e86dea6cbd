/** The RSA key-size rule: RFC 7518 §3.3 requires a modulus of 2048 bits or more. */

import { MIN_RSA_MODULUS_BITS } from '../algorithms.ts';
import { JwtError } from '../errors.ts';

/** Builds the error for an RSA modulus under MIN_RSA_MODULUS_BITS. */
export function rsaTooSmall(bits: number): JwtError {
  return new JwtError('ERR_JWT_KEY_INVALID', `RSA modulus is ${bits} bits; at least ${MIN_RSA_MODULUS_BITS} bits are required`);
}
