// The checks run once before any timing, so that no library is measured doing less work than the
// others: every token a signer makes verifies with jwtkit, and every verifier rejects bad claims.

/** Claims every signed token must carry unchanged. */
const CLAIM_NAMES = ['sub', 'iss', 'aud', 'iat', 'exp', 'jti', 'scope'];

/** Tokens with a valid signature that every verifier must reject, by fixture name. */
const REJECTED_TOKENS = {
  wrongAudience: 'a wrong "aud"',
  wrongIssuer: 'a wrong "iss"',
  expired: 'an "exp" in the past',
};

/** Runs `body` between the adapter's `enter` and `exit` hooks, when it has them. */
export async function withAdapter(adapter, body) {
  adapter.enter?.();
  try {
    return await body();
  } finally {
    adapter.exit?.();
  }
}

async function rejects(fn) {
  try {
    await fn();
    return false;
  } catch {
    return true;
  }
}

/** Returns the result of `fn`, or throws an error naming the case when `fn` throws. */
async function expectSuccess(label, fn) {
  try {
    return await fn();
  } catch (error) {
    throw new Error(`${label} failed: ${error.message}`, { cause: error });
  }
}

function checkClaims(label, payload, claims) {
  for (const name of CLAIM_NAMES) {
    if (JSON.stringify(payload[name]) !== JSON.stringify(claims[name])) {
      throw new Error(`${label}: claim "${name}" is ${JSON.stringify(payload[name])}, expected ${JSON.stringify(claims[name])}`);
    }
  }
}

async function checkSigner(testCase, fixtures, referenceVerify) {
  const { adapter, operation } = testCase;
  const label = `${operation.name} by ${adapter.name}`;
  const output = await expectSuccess(label, () => withAdapter(adapter, () => adapter.sign[operation.alg](fixtures.claims)));
  const token = adapter.bare ? adapter.toToken(operation.alg, output) : output;
  if (typeof token !== 'string') throw new Error(`${label} returned ${typeof token}, not a token string`);

  const { header, payload } = await expectSuccess(`jwtkit verification of the token from ${label}`, () => referenceVerify[operation.alg](token));
  if (header.alg !== operation.alg) throw new Error(`${label}: header alg is ${header.alg}, expected ${operation.alg}`);
  checkClaims(label, payload, fixtures.claims);
}

/** Checks a bare WebCrypto verify: it accepts the fixture signature and rejects it with one bit flipped. */
async function checkBareVerifier(testCase, fixtures) {
  const { adapter, operation } = testCase;
  const label = `${operation.name} by ${adapter.name}`;
  if ((await adapter.verify[operation.alg]()) !== true) throw new Error(`${label} did not accept a valid signature`);

  const corrupted = new Uint8Array(fixtures.tokens[operation.alg].signature);
  corrupted[0] ^= 1;
  if ((await adapter.verifySignature[operation.alg](corrupted)) !== false) throw new Error(`${label} accepted a corrupted signature`);
}

async function checkVerifier(testCase, fixtures) {
  const { adapter, operation } = testCase;
  const label = `${operation.name} by ${adapter.name}`;
  const verifyToken = adapter[operation.kind][operation.alg];
  const tokens = fixtures.tokens[operation.alg];

  // Twice each, so a cached verifier is also checked on a repeated token.
  for (let attempt = 0; attempt < 2; attempt++) {
    await expectSuccess(`${label} of a valid token`, () => withAdapter(adapter, () => verifyToken(tokens.valid)));
    for (const [fixtureName, description] of Object.entries(REJECTED_TOKENS)) {
      if (!(await withAdapter(adapter, () => rejects(() => verifyToken(tokens[fixtureName]))))) {
        throw new Error(`${label} accepted a token with ${description}`);
      }
    }
  }
}

async function checkDecoder(testCase, fixtures) {
  const { adapter, operation } = testCase;
  const label = `${operation.name} by ${adapter.name}`;
  const { header, payload } = await expectSuccess(label, () => adapter.decode(fixtures.tokens[operation.alg].valid));
  if (header?.alg !== operation.alg) throw new Error(`${label}: header alg is ${header?.alg}, expected ${operation.alg}`);
  checkClaims(label, payload, fixtures.claims);
}

/**
 * Checks every case once. `referenceVerify[alg]` is jwtkit's verifier on its default backend,
 * which must accept every signer's token. Throws on the first case that fails.
 */
export async function checkCases(cases, fixtures, referenceVerify) {
  const checked = new Set();
  for (const testCase of cases) {
    // The in-flight cases call the same functions as the single ones, so one check covers both.
    const key = `${testCase.operation.kind} ${testCase.operation.alg} ${testCase.library}`;
    if (checked.has(key)) continue;
    checked.add(key);

    if (testCase.operation.kind === 'sign') await checkSigner(testCase, fixtures, referenceVerify);
    else if (testCase.operation.kind === 'decode') await checkDecoder(testCase, fixtures);
    else if (testCase.adapter.bare) await checkBareVerifier(testCase, fixtures);
    else await checkVerifier(testCase, fixtures);
  }
  if (checked.size === 0) throw new Error('no case was checked');
  return checked.size;
}
