/**
 * The two crypto backends side by side: both exist on Node, agree on every algorithm in both
 * directions, and accept node:crypto KeyObjects with the same checks as CryptoKeys.
 */

import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  type Algorithm,
  availableCryptoBackends,
  decode,
  generateKeyPair,
  generateSecret,
  getCryptoBackend,
  setCryptoBackend,
  sign,
  verify,
} from '../src/index.ts';
import { SECRET_256, forEachBackend } from './helpers.ts';

const initial = getCryptoBackend();
afterEach(() => {
  setCryptoBackend(initial);
});

describe('backend selection', () => {
  it('node offers both backends, node:crypto first', () => {
    expect(availableCryptoBackends()).toEqual(['node', 'webcrypto']);
    expect(initial).toBe('node');
  });

  it('unknown backend is a TypeError', () => {
    expect(() => {
      setCryptoBackend('openssl' as never);
    }).toThrowUsageError();
    expect(getCryptoBackend()).toBe(initial);
  });
});

describe('backends agree', () => {
  for (const alg of ALGORITHMS) {
    it(`${alg} tokens cross between backends`, async () => {
      const keys = alg.startsWith('HS') ? { privateKey: generateSecret(alg), publicKey: undefined } : await generateKeyPair(alg);
      const verifyKey = keys.publicKey ?? keys.privateKey;

      for (const signer of ['node', 'webcrypto'] as const) {
        setCryptoBackend(signer);
        const token = await sign({ sub: 'user-1' }, keys.privateKey, { alg });
        for (const verifier of ['node', 'webcrypto'] as const) {
          setCryptoBackend(verifier);
          const { payload } = await verify(token, verifyKey, { algorithms: [alg] });
          expect(payload.sub).toBe('user-1');
        }
      }
    });
  }

  it('deterministic algorithms give identical tokens', async () => {
    const rsa = await generateKeyPair('RS256');
    const ed = await generateKeyPair('EdDSA');
    const cases: [Algorithm, CryptoKey | Uint8Array][] = [['HS256', SECRET_256], ['RS256', rsa.privateKey], ['EdDSA', ed.privateKey]];
    for (const [alg, key] of cases) {
      const options = { alg, currentDate: new Date(0) };
      setCryptoBackend('node');
      const fromNode = await sign({ sub: 'user-1' }, key, options);
      setCryptoBackend('webcrypto');
      const fromWebCrypto = await sign({ sub: 'user-1' }, key, options);
      expect(fromNode).toBe(fromWebCrypto);
    }
  });

  it('one JWK object serves both backends', async () => {
    const jwk = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
    setCryptoBackend('node');
    const token = await sign({}, jwk, { alg: 'HS256' });
    setCryptoBackend('webcrypto');
    await expect(verify(token, jwk, { algorithms: ['HS256'] })).resolves.toBeDefined();
    setCryptoBackend('node');
    await expect(verify(token, jwk, { algorithms: ['HS256'] })).resolves.toBeDefined();
  });
});

forEachBackend((backend) => {
  describe('KeyObject keys', () => {
    const pairs: [Algorithm, () => { privateKey: KeyObject; publicKey: KeyObject }][] = [
      ['RS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
      ['PS384', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
      ['PS256', () => generateKeyPairSync('rsa-pss', { modulusLength: 2048 })],
      ['ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
      ['ES384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
      ['ES512', () => generateKeyPairSync('ec', { namedCurve: 'P-521' })],
      ['EdDSA', () => generateKeyPairSync('ed25519')],
    ];

    // node:crypto cannot export an RSA-PSS KeyObject as a JWK, so WebCrypto cannot be given one.
    const webCryptoCannotUse = (alg: Algorithm): boolean => backend === 'webcrypto' && alg === 'PS256';

    for (const [alg, generate] of pairs) {
      it.skipIf(webCryptoCannotUse(alg))(`${alg} signs and verifies with KeyObjects`, async () => {
        const { privateKey, publicKey } = generate();
        const token = await sign({ sub: 'user-1' }, privateKey, { alg });
        expect(decode(token).header.alg).toBe(alg);
        await expect(verify(token, publicKey, { algorithms: [alg] })).resolves.toBeDefined();
      });

      it.skipIf(webCryptoCannotUse(alg))(`${alg} KeyObject private key cannot verify`, async () => {
        const { privateKey } = generate();
        const token = await sign({}, privateKey, { alg });
        await expect(verify(token, privateKey, { algorithms: [alg] })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
        const { publicKey } = generate();
        await expect(sign({}, publicKey, { alg })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      });
    }

    it('RSA-PSS KeyObjects sign only on node', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
      if (backend === 'node') {
        const token = await sign({}, privateKey, { alg: 'PS256' });
        await expect(verify(token, publicKey, { algorithms: ['PS256'] })).resolves.toBeDefined();
      } else {
        const failure = await sign({}, privateKey, { alg: 'PS256' }).catch((error: unknown) => error);
        expect(failure).toBeJwtError('ERR_JWT_KEY_INVALID');
        // node:crypto's own export error stays available as the cause.
        expect(failure).toHaveProperty('cause.code', 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE');
      }
    });

    it('secret KeyObject works for HMAC only', async () => {
      const secret = createSecretKey(SECRET_256);
      const token = await sign({}, secret, { alg: 'HS256' });
      await expect(verify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
      await expect(sign({}, secret, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      await expect(sign({}, createSecretKey(SECRET_256.subarray(1)), { alg: 'HS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('KeyObject of the wrong type is not allowed', async () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = await sign({}, ec.privateKey, { alg: 'ES256' });
      const relabeled = `${Buffer.from('{"alg":"ES384","typ":"JWT"}').toString('base64url')}.${token.split('.').slice(1).join('.')}`;
      await expect(verify(relabeled, ec.publicKey, { algorithms: ['ES384'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(verify(token, createSecretKey(SECRET_256), { algorithms: ['ES256'] })).rejects.toBeJwtError('ERR_JWT_ALG_NOT_ALLOWED');
      await expect(sign({}, ec.privateKey, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
      const rsaPss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
      await expect(sign({}, rsaPss.privateKey, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });

    it('RSA-1024 KeyObject is rejected', async () => {
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
      await expect(sign({}, small.privateKey, { alg: 'RS256' })).rejects.toBeJwtError('ERR_JWT_KEY_INVALID');
    });
  });
});
