/**
 * RFC conformance: the known-answer vectors of RFC 7515 Appendix A, RFC 7519 §3.1 and §6.1,
 * RFC 7520 §4.1 to §4.4, RFC 8037 Appendix A and RFC 7638 §3.1. Deterministic algorithms
 * (HS*, RS*, Ed25519) must reproduce the RFC bytes; ECDSA and RSA-PSS vectors must verify,
 * and fresh signatures over the same input must verify too.
 */

import { describe, expect, it } from 'vitest';
import {
  type Algorithm,
  type JWK,
  calculateJwkThumbprint,
  compactSign,
  compactVerify,
  decode,
  verify,
} from '../src/index.ts';
import { findAlgorithm } from '../src/algorithms.ts';
import { decodeBase64url, encodeBase64url } from '../src/base64url.ts';
import { activeBackend } from '../src/crypto/backend.ts';
import { prepareKey } from '../src/keys/prepare.ts';
import { RFC7515_EXP, RFC7515_PAYLOAD_TEXT, rfc7515, rfc7638, rfc8037 } from './vectors/rfc.ts';
import { rfc7520 } from './vectors/rfc7520.ts';
import { forEachBackend } from './helpers.ts';

/** A clock one minute before the RFC 7515 examples expire. */
const BEFORE_EXPIRY = new Date((RFC7515_EXP - 60) * 1000);

const textDecoder = new TextDecoder();

/** Signs the exact signing input of `compact` and returns the base64url signature. */
async function resign(compact: string, jwk: JWK, alg: Algorithm): Promise<string> {
  const spec = findAlgorithm(alg);
  if (spec === undefined) throw new Error(`unknown algorithm ${alg}`);
  const signingInput = compact.slice(0, compact.lastIndexOf('.'));
  const key = await prepareKey(jwk, spec, 'sign');
  return activeBackend().sign(spec, key, signingInput);
}

function signatureOf(compact: string): string {
  return compact.slice(compact.lastIndexOf('.') + 1);
}

forEachBackend(() => {
  describe('RFC 7515 Appendix A', () => {
    it('A.1 HS256 signature matches byte for byte', async () => {
      const signature = await resign(rfc7515.a1.compact, rfc7515.a1.jwk, 'HS256');
      expect(signature).toBe(rfc7515.a1.signatureBase64url);
      expect(signatureOf(rfc7515.a1.compact)).toBe(rfc7515.a1.signatureBase64url);
    });

    it('A.1 HS256 verifies at the JWS layer', async () => {
      const { header, payload } = await compactVerify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] });
      expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
      expect(textDecoder.decode(payload)).toBe(RFC7515_PAYLOAD_TEXT);
    });

    it('A.2 RS256 compactSign reproduces the token', async () => {
      const token = await compactSign(RFC7515_PAYLOAD_TEXT, rfc7515.a2.privateJwk, { alg: 'RS256' });
      expect(token).toBe(rfc7515.a2.compact);
    });

    it('A.2 RS256 verifies with the public key', async () => {
      const { header, payload } = await compactVerify(rfc7515.a2.compact, rfc7515.a2.publicJwk, { algorithms: ['RS256'] });
      expect(header).toEqual({ alg: 'RS256' });
      expect(textDecoder.decode(payload)).toBe(RFC7515_PAYLOAD_TEXT);
    });

    it('A.3 ES256 verifies with the public key', async () => {
      const { payload } = await compactVerify(rfc7515.a3.compact, rfc7515.a3.publicJwk, { algorithms: ['ES256'] });
      expect(textDecoder.decode(payload)).toBe(RFC7515_PAYLOAD_TEXT);
    });

    it('A.3 ES256 fresh signature verifies', async () => {
      const token = await compactSign(RFC7515_PAYLOAD_TEXT, rfc7515.a3.privateJwk, { alg: 'ES256' });
      expect(token.slice(0, token.lastIndexOf('.'))).toBe(rfc7515.a3.compact.slice(0, rfc7515.a3.compact.lastIndexOf('.')));
      expect(decodeBase64url(signatureOf(token), 'signature')).toHaveLength(64);
      await expect(compactVerify(token, rfc7515.a3.publicJwk, { algorithms: ['ES256'] })).resolves.toBeDefined();
    });

    it('A.4 ES512 verifies with the public key', async () => {
      const { payload } = await compactVerify(rfc7515.a4.compact, rfc7515.a4.publicJwk, { algorithms: ['ES512'] });
      expect(textDecoder.decode(payload)).toBe('Payload');
      expect(decodeBase64url(signatureOf(rfc7515.a4.compact), 'signature')).toHaveLength(132);
    });

    it('A.4 ES512 fresh signature verifies', async () => {
      const token = await compactSign('Payload', rfc7515.a4.privateJwk, { alg: 'ES512' });
      expect(decodeBase64url(signatureOf(token), 'signature')).toHaveLength(132);
      await expect(compactVerify(token, rfc7515.a4.publicJwk, { algorithms: ['ES512'] })).resolves.toBeDefined();
    });

    it('A.4 ES512 without the leading zero of S is rejected', async () => {
      const signature = decodeBase64url(signatureOf(rfc7515.a4.compact), 'signature');
      expect(signature[66]).toBe(0);
      const shortened = new Uint8Array([...signature.subarray(0, 66), ...signature.subarray(67)]);
      const token = `${rfc7515.a4.compact.slice(0, rfc7515.a4.compact.lastIndexOf('.'))}.${encodeBase64url(shortened)}`;
      await expect(compactVerify(token, rfc7515.a4.publicJwk, { algorithms: ['ES512'] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('A.5 unsecured JWS is rejected by compactVerify', async () => {
      await expect(compactVerify(rfc7515.a5.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });
  });

  describe('RFC 7519', () => {
    it('§3.1 example JWT verifies with a pinned clock', async () => {
      const { header, payload } = await verify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'], currentDate: BEFORE_EXPIRY });
      expect(header.typ).toBe('JWT');
      expect(payload).toEqual({ iss: 'joe', exp: RFC7515_EXP, 'http://example.com/is_root': true });
    });

    it('§3.1 example JWT is expired today', async () => {
      await expect(verify(rfc7515.a1.compact, rfc7515.a1.jwk, { algorithms: ['HS256'] })).rejects.toBeJwtError('ERR_JWT_EXPIRED', { claim: 'exp' });
    });

    it('§3.1 example with RS256 and ES256 verifies as a JWT', async () => {
      const rs = await verify(rfc7515.a2.compact, rfc7515.a2.publicJwk, { algorithms: ['RS256'], currentDate: BEFORE_EXPIRY, issuer: 'joe' });
      const es = await verify(rfc7515.a3.compact, rfc7515.a3.publicJwk, { algorithms: ['ES256'], currentDate: BEFORE_EXPIRY, issuer: 'joe' });
      expect(rs.payload.iss).toBe('joe');
      expect(es.payload.iss).toBe('joe');
    });

    it('§6.1 unsecured JWT is rejected by verify', async () => {
      await expect(verify(rfc7515.a5.compact, rfc7515.a1.jwk, { algorithms: ['HS256'], currentDate: BEFORE_EXPIRY })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('§6.1 unsecured JWT is readable by decode', () => {
      const { header, payload, signature } = decode(rfc7515.a5.compact);
      expect(header).toEqual({ alg: 'none' });
      expect(payload.iss).toBe('joe');
      expect(signature).toHaveLength(0);
    });
  });

  describe('RFC 7520 §4', () => {
    const keys: Record<string, { sign: JWK; verify: JWK }> = {
      RS256: { sign: rfc7520.rsaPrivateJwk, verify: rfc7520.rsaPublicJwk },
      PS384: { sign: rfc7520.rsaPrivateJwk, verify: rfc7520.rsaPublicJwk },
      ES512: { sign: rfc7520.ecPrivateJwk, verify: rfc7520.ecPublicJwk },
      HS256: { sign: rfc7520.hmacJwk, verify: rfc7520.hmacJwk },
    };

    for (const example of rfc7520.examples) {
      const alg = example.alg as Algorithm;
      const key = keys[alg] as { sign: JWK; verify: JWK };

      it(`§${example.section} ${alg} verifies and returns the payload`, async () => {
        const { header, payload } = await compactVerify(example.compact, key.verify, { algorithms: [alg] });
        expect(header.alg).toBe(alg);
        expect(header.kid).toBe(key.verify.kid);
        expect(encodeBase64url(payload)).toBe(rfc7520.payloadBase64url);
        expect(textDecoder.decode(payload)).toBe(rfc7520.payloadText);
      });

      it(`§${example.section} ${alg} fresh signature verifies`, async () => {
        const token = await compactSign(rfc7520.payloadText, key.sign, { alg, kid: key.verify.kid as string });
        expect(token.slice(0, token.lastIndexOf('.'))).toBe(`${example.protectedHeaderBase64url}.${rfc7520.payloadBase64url}`);
        if (example.deterministic) expect(token).toBe(example.compact);
        await expect(compactVerify(token, key.verify, { algorithms: [alg] })).resolves.toBeDefined();
      });
    }
  });

  describe('RFC 8037 Appendix A', () => {
    it('A.4 Ed25519 compactSign reproduces the token', async () => {
      const token = await compactSign(rfc8037.payloadText, rfc8037.privateJwk, { alg: 'EdDSA' });
      expect(token).toBe(rfc8037.compact);
    });

    it('A.5 Ed25519 verifies with the public key', async () => {
      const { header, payload } = await compactVerify(rfc8037.compact, rfc8037.publicJwk, { algorithms: ['EdDSA'] });
      expect(header).toEqual({ alg: 'EdDSA' });
      expect(textDecoder.decode(payload)).toBe(rfc8037.payloadText);
    });

    it('A.5 verification fails with a flipped payload bit', async () => {
      const [header, payload, signature] = rfc8037.compact.split('.') as [string, string, string];
      const bytes = decodeBase64url(payload, 'payload');
      bytes[0] = (bytes[0] as number) ^ 1;
      const tampered = `${header}.${encodeBase64url(bytes)}.${signature}`;
      await expect(compactVerify(tampered, rfc8037.publicJwk, { algorithms: ['EdDSA'] })).rejects.toBeJwtError('ERR_JWT_SIGNATURE_INVALID');
    });

    it('A.3 thumbprint of the Ed25519 key', async () => {
      await expect(calculateJwkThumbprint(rfc8037.publicJwk)).resolves.toBe(rfc8037.thumbprint);
      await expect(calculateJwkThumbprint(rfc8037.privateJwk)).resolves.toBe(rfc8037.thumbprint);
    });
  });

  describe('RFC 7638 §3.1', () => {
    it('thumbprint of the RSA example key', async () => {
      await expect(calculateJwkThumbprint(rfc7638.jwk)).resolves.toBe(rfc7638.thumbprint);
    });
  });
});
