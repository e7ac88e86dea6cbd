// The jwtkit adapters, built from the compiled `dist/index.js`: `jwtkit` on the default backend
// (node:crypto) and `jwtkit-webcrypto`, which switches the backend to WebCrypto while it runs.

import * as jwtkit from '../../dist/index.js';
import { ALGORITHMS, AUDIENCE, ISSUER } from '../fixtures.mjs';

/** Cache settings for the cached-verify case. The ttl equals fast-jwt's default cacheTTL of 10 minutes. */
const CACHE = { max: 1000, ttl: '10m' };

/** Imports the jwtkit keys of every algorithm once, through the documented import functions. */
async function importKeys(fixtures) {
  const keys = {};
  for (const alg of ALGORITHMS) {
    const material = fixtures.keys[alg];
    keys[alg] = alg === 'HS256'
      ? { signKey: new Uint8Array(material.secret), verifyKey: new Uint8Array(material.secret) }
      : { signKey: await jwtkit.importPKCS8(material.privatePem, alg), verifyKey: await jwtkit.importSPKI(material.publicPem, alg) };
  }
  return keys;
}

function buildAdapter(name, keys) {
  const sign = {};
  const verify = {};
  const cachedVerify = {};
  for (const alg of ALGORITHMS) {
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
    sign[alg] = jwtkit.createSigner(keys[alg].signKey, { alg });
    verify[alg] = jwtkit.createVerifier(keys[alg].verifyKey, verifyOptions);
    if (alg === 'ES256' || alg === 'HS256') {
      cachedVerify[alg] = jwtkit.createVerifier(keys[alg].verifyKey, { ...verifyOptions, cache: CACHE });
    }
  }
  return { name, sign, verify, cachedVerify };
}

/**
 * Creates the `jwtkit` and `jwtkit-webcrypto` adapters. The second has `enter` and `exit` hooks,
 * which the runner calls around each of its checks and measurements to select WebCrypto and then
 * restore the backend that was active before.
 */
export async function createJwtkitAdapters(fixtures) {
  const defaultBackend = jwtkit.getCryptoBackend();
  if (defaultBackend !== 'node') {
    throw new Error(`jwtkit's default backend here is "${defaultBackend}", but the benchmark expects "node"`);
  }
  const keys = await importKeys(fixtures);

  const nodeAdapter = buildAdapter('jwtkit', keys);
  nodeAdapter.decode = (token) => jwtkit.decode(token);

  const webCryptoAdapter = buildAdapter('jwtkit-webcrypto', keys);
  delete webCryptoAdapter.cachedVerify;
  let previous;
  webCryptoAdapter.enter = () => {
    previous = jwtkit.getCryptoBackend();
    jwtkit.setCryptoBackend('webcrypto');
  };
  webCryptoAdapter.exit = () => jwtkit.setCryptoBackend(previous);

  return { jwtkit, adapters: [nodeAdapter, webCryptoAdapter] };
}
