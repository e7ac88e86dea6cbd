// The `raw` baseline: JWT signing, verification and decoding written by hand with JSON, Buffer
// base64url and synchronous node:crypto calls, doing the same checks as every library verifier.

import { Buffer } from 'node:buffer';
import { createHmac, sign as nodeSign, timingSafeEqual, verify as nodeVerify } from 'node:crypto';
import { ALGORITHMS, assertIssuerAndAudience } from '../fixtures.mjs';

/** Hash name and key options node:crypto needs for each algorithm; `null` hash means EdDSA. */
const NODE_PARAMS = {
  RS256: { hash: 'sha256', keyOptions: {} },
  ES256: { hash: 'sha256', keyOptions: { dsaEncoding: 'ieee-p1363' } },
  EdDSA: { hash: null, keyOptions: {} },
};

function encodeJson(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJson(segment) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** Throws unless `payload` has the expected `iss` and `aud` and an `exp` after now. */
function checkClaims(payload) {
  assertIssuerAndAudience(payload, 'raw');
  if (typeof payload.exp !== 'number' || payload.exp <= Date.now() / 1000) throw new Error('raw: token has expired');
}

function createSigner(material) {
  const headerPrefix = `${encodeJson({ alg: material.alg, typ: 'JWT' })}.`;
  const key = material.privateKeyObject;

  if (material.alg === 'HS256') {
    return (claims) => {
      const signingInput = headerPrefix + encodeJson(claims);
      return `${signingInput}.${createHmac('sha256', key).update(signingInput, 'latin1').digest('base64url')}`;
    };
  }
  const { hash, keyOptions } = NODE_PARAMS[material.alg];
  const signKey = { key, ...keyOptions };
  return (claims) => {
    const signingInput = headerPrefix + encodeJson(claims);
    const signature = nodeSign(hash, Buffer.from(signingInput, 'latin1'), signKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  };
}

function createVerifier(material) {
  const key = material.publicKeyObject;
  let checkSignature;
  if (material.alg === 'HS256') {
    checkSignature = (signingInput, signature) => {
      const expected = createHmac('sha256', key).update(signingInput, 'latin1').digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    };
  } else {
    const { hash, keyOptions } = NODE_PARAMS[material.alg];
    const verifyKey = { key, ...keyOptions };
    checkSignature = (signingInput, signature) => nodeVerify(hash, Buffer.from(signingInput, 'latin1'), verifyKey, signature);
  }

  return (token) => {
    const firstDot = token.indexOf('.');
    const lastDot = token.lastIndexOf('.');
    if (firstDot <= 0 || lastDot === firstDot || token.indexOf('.', firstDot + 1) !== lastDot) {
      throw new Error('raw: token must have three segments');
    }
    const header = decodeJson(token.slice(0, firstDot));
    if (header.alg !== material.alg) throw new Error(`raw: expected alg ${material.alg}, got ${header.alg}`);

    const signingInput = token.slice(0, lastDot);
    if (!checkSignature(signingInput, Buffer.from(token.slice(lastDot + 1), 'base64url'))) {
      throw new Error('raw: signature verification failed');
    }
    const payload = decodeJson(token.slice(firstDot + 1, lastDot));
    checkClaims(payload);
    return payload;
  };
}

function decode(token) {
  const [header, payload] = token.split('.');
  return { header: decodeJson(header), payload: decodeJson(payload) };
}

/** Creates the `raw` adapter. Its cached-verify case is the uncached verifier, as a fixed reference. */
export function createRawAdapter(fixtures) {
  const sign = {};
  const verify = {};
  for (const alg of ALGORITHMS) {
    sign[alg] = createSigner(fixtures.keys[alg]);
    verify[alg] = createVerifier(fixtures.keys[alg]);
  }
  return {
    name: 'raw',
    sign,
    verify,
    decode,
    cachedVerify: { ES256: verify.ES256, HS256: verify.HS256 },
  };
}
