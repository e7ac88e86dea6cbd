// Key pairs, the claims every library signs, and the tokens every verifier and decoder reads.
// Keys are generated with node:crypto at start-up and exported once in each form a library needs.

import { Buffer } from 'node:buffer';
import { createSecretKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

/** The four signature algorithms measured, in table order. */
export const ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'];

export const ISSUER = 'https://auth.example.com';
export const AUDIENCE = 'api://orders';

/** WebCrypto parameters for importing a key (`import`) and for signing with it (`operation`). */
export const WEBCRYPTO_PARAMS = {
  HS256: { import: { name: 'HMAC', hash: 'SHA-256' }, operation: { name: 'HMAC' } },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, operation: { name: 'RSASSA-PKCS1-v1_5' } },
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, operation: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { import: { name: 'Ed25519' }, operation: { name: 'Ed25519' } },
};

/**
 * Builds a claims set of seven claims. `exp` is one hour after `now`, far longer than a full run,
 * so no token expires while it is being measured.
 */
export function makeClaims(now = Math.floor(Date.now() / 1000), overrides = {}) {
  return {
    sub: 'user-4821',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    scope: 'orders:read orders:write profile',
    ...overrides,
  };
}

/**
 * Throws unless `payload` has the expected `iss` and an `aud` that is, or contains, the expected
 * audience. Verifiers that have no such options run it right after their own verification.
 */
export function assertIssuerAndAudience(payload, library) {
  if (payload.iss !== ISSUER) throw new Error(`${library}: "iss" claim ${JSON.stringify(payload.iss)} is not ${JSON.stringify(ISSUER)}`);
  const audience = payload.aud;
  if (audience !== AUDIENCE && !(Array.isArray(audience) && audience.includes(AUDIENCE))) {
    throw new Error(`${library}: "aud" claim ${JSON.stringify(audience)} does not contain ${JSON.stringify(AUDIENCE)}`);
  }
}

/** Encodes `value` as JSON in base64url, as every JWS segment is. */
function encodeSegment(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Returns the key material of one algorithm in every form the libraries take. */
function makeKeyMaterial(alg) {
  if (alg === 'HS256') {
    const secret = randomBytes(32);
    return { alg, secret, privateKeyObject: createSecretKey(secret), publicKeyObject: createSecretKey(secret) };
  }

  const pair = alg === 'RS256'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('ed25519');
  return {
    alg,
    privateKeyObject: pair.privateKey,
    publicKeyObject: pair.publicKey,
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    privateDer: pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
    publicDer: pair.publicKey.export({ type: 'spki', format: 'der' }),
  };
}

/** Imports the WebCrypto keys of one algorithm, once, for the libraries built on WebCrypto. */
async function importCryptoKeys(material) {
  const { subtle } = globalThis.crypto;
  const params = WEBCRYPTO_PARAMS[material.alg].import;
  if (material.alg === 'HS256') {
    const key = await subtle.importKey('raw', material.secret, params, false, ['sign', 'verify']);
    return { privateCryptoKey: key, publicCryptoKey: key };
  }
  return {
    privateCryptoKey: await subtle.importKey('pkcs8', material.privateDer, params, false, ['sign']),
    publicCryptoKey: await subtle.importKey('spki', material.publicDer, params, false, ['verify']),
  };
}

/**
 * Signs `claims` with WebCrypto, independently of every library under test. Returns the token
 * together with its signing input and signature bytes, which the bare WebCrypto case reuses.
 */
export async function signReference(material, claims) {
  const { subtle } = globalThis.crypto;
  const signingInput = `${encodeSegment({ alg: material.alg, typ: 'JWT' })}.${encodeSegment(claims)}`;
  const signature = new Uint8Array(
    await subtle.sign(WEBCRYPTO_PARAMS[material.alg].operation, material.privateCryptoKey, Buffer.from(signingInput, 'latin1')),
  );
  return { token: `${signingInput}.${Buffer.from(signature).toString('base64url')}`, signingInput, signature };
}

/**
 * Creates every key and token the benchmark uses. `keys[alg]` is the key material. `tokens[alg]`
 * contains a valid token and tokens that must be rejected because of a wrong `aud`, a wrong `iss`
 * or an `exp` in the past.
 */
export async function createFixtures() {
  const now = Math.floor(Date.now() / 1000);
  const claims = makeClaims(now);
  const keys = {};
  const tokens = {};

  for (const alg of ALGORITHMS) {
    const material = makeKeyMaterial(alg);
    Object.assign(material, await importCryptoKeys(material));
    keys[alg] = material;

    const valid = await signReference(material, claims);
    tokens[alg] = {
      valid: valid.token,
      signingInput: valid.signingInput,
      signature: valid.signature,
      wrongAudience: (await signReference(material, makeClaims(now, { aud: 'api://billing' }))).token,
      wrongIssuer: (await signReference(material, makeClaims(now, { iss: 'https://evil.example.com' }))).token,
      expired: (await signReference(material, makeClaims(now - 7200))).token,
    };
  }

  return { claims, keys, tokens };
}
