/**
 * Structure-aware fuzzer for `decode` and `verify`. For every available crypto backend it runs
 * FUZZ_ITERATIONS inputs (default 1,000,000) through both functions: valid tokens of every algorithm with mutated
 * characters, segments or header and payload JSON, freshly signed tokens with JSON edge cases,
 * and huge, nested or random strings. It prints counts by outcome and exits with status 1 on
 * any error that is not a JwtError, any accepted mutated token, or any input whose fastest of
 * three runs takes over 50 ms. FUZZ_SEED and FUZZ_MAX_SECONDS (per backend, default 600) bound it.
 *
 * Run with `npm run fuzz`, which bundles this file with esbuild first.
 */

import {
  ALGORITHMS,
  type Algorithm,
  JwtError,
  availableCryptoBackends,
  compactSign,
  decode,
  generateKeyPair,
  setCryptoBackend,
  sign,
  verify,
} from '../src/index.ts';

const ITERATIONS = readPositiveInteger('FUZZ_ITERATIONS', 1_000_000);
const SEED = readPositiveInteger('FUZZ_SEED', 0x5eed_2024);
const MAX_SECONDS = readPositiveInteger('FUZZ_MAX_SECONDS', 600);
const SLOW_INPUT_MS = 50;
const NOW_DATE = new Date(1_700_000_000_000);
const NOW = 1_700_000_000;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function readPositiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return value;
}

/** Mulberry32: a small deterministic generator, so a seed replays the same inputs. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let random = createRandom(SEED);
const integer = (limit: number): number => Math.floor(random() * limit);
function pick<T>(items: readonly T[]): T {
  return items[integer(items.length)] as T;
}

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const base64urlText = (text: string): string => base64url(encoder.encode(text));

interface Keys {
  signKey: CryptoKey | Uint8Array;
  verifyKey: CryptoKey | Uint8Array;
}

interface Seed {
  alg: Algorithm;
  token: string;
}

/** One fuzz input: the token, how to verify it, and whether acceptance is a failure. */
interface FuzzInput {
  kind: string;
  token: string;
  alg: Algorithm;
  /** True when the token was changed after signing, so verify must reject it. */
  mutated: boolean;
}

interface Failure {
  kind: string;
  problem: string;
  token: string;
}

const HMAC_SECRETS: Partial<Record<Algorithm, Uint8Array>> = {
  HS256: encoder.encode('fuzz-secret-0123456789abcdefghij'),
  HS384: encoder.encode('fuzz-secret-0123456789abcdefghij0123456789abcdef'),
  HS512: encoder.encode('fuzz-secret-0123456789abcdefghij0123456789abcdefghijklmnopqrstuvwxyz01'),
};

async function makeKeys(): Promise<Map<Algorithm, Keys>> {
  const keys = new Map<Algorithm, Keys>();
  for (const alg of ALGORITHMS) {
    const secret = HMAC_SECRETS[alg];
    if (secret !== undefined) {
      keys.set(alg, { signKey: secret, verifyKey: secret });
    } else {
      const pair = await generateKeyPair(alg);
      keys.set(alg, { signKey: pair.privateKey, verifyKey: pair.publicKey });
    }
  }
  return keys;
}

function keysFor(keys: Map<Algorithm, Keys>, alg: Algorithm): Keys {
  const found = keys.get(alg);
  if (found === undefined) throw new Error(`no fuzz key for ${alg}`);
  return found;
}

async function makeSeeds(keys: Map<Algorithm, Keys>): Promise<Seed[]> {
  const payloads: Record<string, unknown>[] = [
    { sub: 'user-1', exp: NOW + 3600, iat: NOW },
    { sub: 'user-1', aud: ['api://svc-a', 'api://svc-b'], iss: 'https://issuer.example.com', nbf: NOW - 10 },
    { name: 'Zoë Ünïcode 測試 😀', roles: ['reader', 'writer'], nested: { a: [1, { b: null }] } },
    { jti: 'id-1', data: 'x'.repeat(300) },
  ];
  const seeds: Seed[] = [];
  for (const alg of ALGORITHMS) {
    for (const payload of payloads) {
      const token = await sign(payload, keysFor(keys, alg).signKey, { alg, iat: false, kid: 'k1', currentDate: NOW_DATE });
      seeds.push({ alg, token });
    }
  }
  return seeds;
}

const STRANGE_CHARACTERS = ['.', '=', ' ', '\t', '\n', '+', '/', '!', '%', '\\', '"', '\u0000', 'é', '\u2028', '\ud800', '😀', '\uff21'];

/** Changes, inserts or deletes characters, swaps or drops segments, or truncates. */
function mutateCharacters(token: string): string {
  const operation = integer(9);
  const index = integer(token.length);
  const character = random() < 0.7 ? BASE64URL.charAt(integer(64)) : pick(STRANGE_CHARACTERS);
  const parts = token.split('.');
  switch (operation) {
    case 0:
      return token.slice(0, index) + character + token.slice(index + 1);
    case 1:
      return token.slice(0, index) + character + token.slice(index);
    case 2:
      return token.slice(0, index) + token.slice(index + 1);
    case 3:
      return token.slice(0, index);
    case 4: {
      const a = integer(3);
      const b = integer(3);
      [parts[a], parts[b]] = [parts[b] ?? '', parts[a] ?? ''];
      return parts.join('.');
    }
    case 5:
      return parts.filter((_, i) => i !== integer(3)).join('.');
    case 6:
      return `${token}.${parts[integer(3)] ?? ''}`;
    case 7: {
      // Flip bits inside one decoded segment, re-encoded canonically.
      const segment = integer(3);
      const bytes = Buffer.from(parts[segment] ?? '', 'base64url');
      if (bytes.length > 0) bytes[integer(bytes.length)] = (bytes[integer(bytes.length)] ?? 0) ^ (1 << integer(8));
      parts[segment] = bytes.toString('base64url');
      return parts.join('.');
    }
    default: {
      let mutated = token;
      for (let i = 0, count = 2 + integer(6); i < count; i++) mutated = mutateCharacters(mutated);
      return mutated;
    }
  }
}

const HEADER_CHANGES: ((header: Record<string, unknown>) => void)[] = [
  (h) => { h.alg = pick([...ALGORITHMS, 'none', 'None', 'HS256 ', '', 'hs256', 'RSA-OAEP']); },
  (h) => { h.alg = pick([null, 256, ['HS256'], {}, true]); },
  (h) => { h.crit = pick([['x-policy'], [], 'b64', ['b64'], ['alg'], ['toString'], [1], null]); },
  (h) => { h.b64 = pick([false, 'false', 0, null, true]); },
  (h) => { h.kid = pick(['../../../../dev/null', '', 'k2', 'a","crit":["x"]', '\u0000', 'x'.repeat(2000), 42]); },
  (h) => { h.jwk = { kty: 'oct', k: 'AAAA' }; },
  (h) => { h.__proto__ = { polluted: 'yes' }; },
  (h) => { h.typ = pick(['JWT', 'at+jwt', 42, null]); },
  (h) => { delete h.alg; },
  (h) => { h.x = nestedJson(integer(60)); },
];

const PAYLOAD_CHANGES: ((payload: Record<string, unknown>) => void)[] = [
  (p) => { p.exp = pick([NOW - 1, NOW, NOW + 1e9, 1e50, -1e50, '1700003600', null, Number.MAX_VALUE, 8.64e12 + 1]); },
  (p) => { p.nbf = pick([NOW + 60, '99999999999', true, -8.64e12]); },
  (p) => { p.iat = pick([NOW + 3600, 'yesterday', [], NOW]); },
  (p) => { p.aud = pick([[], [123], 'api://svc-a', ['api://svc-a'], { 0: 'api://svc-a' }]); },
  (p) => { p.iss = pick(['https://issuer.example.com.evil', 1, '']); },
  (p) => { p.sub = pick(['admin', 1, null]); },
  (p) => { p.admin = true; },
  (p) => { p.__proto__ = { isAdmin: true }; },
  (p) => { p.deep = nestedJson(integer(60)); },
  (p) => { delete p.sub; },
];

/** Decodes a JSON segment, applies one structural change, and re-encodes it; the signature is kept. */
function mutateJson(token: string): string {
  const parts = token.split('.');
  const segment = random() < 0.5 ? 0 : 1;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(Buffer.from(parts[segment] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return mutateCharacters(token);
  }
  const change = segment === 0 ? pick(HEADER_CHANGES) : pick(PAYLOAD_CHANGES);
  change(value);
  parts[segment] = base64urlText(JSON.stringify(value));
  return parts.join('.');
}

function nestedJson(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = random() < 0.5 ? [value] : { a: value };
  return value;
}

/** Payload texts and bytes that stress the JSON and UTF-8 rules; they are signed, so they may pass. */
function edgePayload(): string | Uint8Array {
  switch (integer(16)) {
    case 0: return pick(['null', '[]', '["admin"]', '"user-1"', '123', 'true', '', 'hello', '{}', ' {} ', '{"a":1}{"b":2}']);
    case 1: return `{"a":${'['.repeat(integer(80))}${']'.repeat(integer(80))}}`;
    case 2: return `${'{"a":'.repeat(integer(60))}1${'}'.repeat(integer(60))}`;
    case 3: return JSON.stringify({ n: pick([1e308, -1e308, 5e-324, 2 ** 53 + 1, -0, 0.1]) }).replace('0.1', pick(['1e309', '-1e309', '1E400', '0.1', '1e-400']));
    case 4: return `{"s":"${pick(['\\ud800', '\\udfff\\ud800', '\\u0000', '\\"', '\\\\', '\\/'])}"}`;
    case 5: return Uint8Array.of(0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, ...pick([[0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xff], [0xe6, 0xb8]]), 0x22, 0x7d);
    case 6: return Uint8Array.of(0xef, 0xbb, 0xbf, ...encoder.encode('{"sub":"user-1"}'));
    case 7: return `{"sub":"admin","sub":"user-1","exp":${NOW + 60},"exp":${NOW - 60}}`;
    case 8: return '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}';
    case 9: return JSON.stringify({ big: 'x'.repeat(integer(12_000)) });
    case 10: return JSON.stringify(Object.fromEntries(Array.from({ length: integer(800) }, (_, i) => [`k${i}`, i])));
    case 11: return `{"exp":${pick(['"1700003600"', 'null', '1e50', 'true', '[]', String(NOW), String(NOW + 0.5)])}}`;
    case 12: return `{"aud":${pick(['[]', '[1]', '"api://svc-a"', '{}', '[null]'])}}`;
    case 13: return `{"a":"${'\\u00e9'.repeat(integer(200))}"}`;
    case 14: return `{"a":1,}`;
    default: return `{"sub":"user-${integer(1000)}","n":${random()}}`;
  }
}

/** Strings that are not tokens at all, or are enormous. */
function garbage(hugeStrings: readonly string[]): string {
  switch (integer(8)) {
    case 0: return pick(hugeStrings);
    case 1: return '.'.repeat(integer(5000));
    case 2: return Array.from({ length: integer(200) }, () => BASE64URL.charAt(integer(64))).join('');
    case 3: return Array.from({ length: 1 + integer(6) }, () => Array.from({ length: integer(40) }, () => BASE64URL.charAt(integer(64))).join('')).join('.');
    case 4: return Array.from({ length: integer(100) }, () => String.fromCharCode(integer(0x10000))).join('');
    case 5: return `${base64urlText(JSON.stringify({ alg: pick(ALGORITHMS) }))}.${base64urlText(JSON.stringify({ sub: 'user-1' }))}.${base64url(new Uint8Array(integer(300)))}`;
    case 6: return JSON.stringify({ protected: 'eyJhbGciOiJIUzI1NiJ9', payload: 'e30', signature: 'AAAA' });
    default: return '';
  }
}

interface Totals {
  inputs: number;
  verify: Map<string, number>;
  decode: Map<string, number>;
  unchanged: number;
  retimed: number;
  failures: Failure[];
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function outcomeOf(error: unknown): string {
  if (error === undefined) return 'accepted';
  if (error instanceof JwtError) return error.code;
  return `NOT A JwtError: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`;
}

async function runDecodeAndVerify(input: FuzzInput, keys: Map<Algorithm, Keys>): Promise<{ decodeOutcome: string; verifyOutcome: string }> {
  let decodeError: unknown;
  try {
    decode(input.token);
  } catch (error) {
    decodeError = error;
  }
  const algorithms = random() < 0.9 ? [input.alg] : ALGORITHMS;
  const verifyError = await verify(input.token, keysFor(keys, input.alg).verifyKey, { algorithms, currentDate: NOW_DATE }).then(
    () => undefined,
    (error: unknown) => error ?? new Error('rejected with no reason'),
  );
  return { decodeOutcome: outcomeOf(decodeError), verifyOutcome: outcomeOf(verifyError) };
}

async function nextInput(seeds: readonly Seed[], keys: Map<Algorithm, Keys>, hugeStrings: readonly string[]): Promise<FuzzInput> {
  const roll = random();
  const seed = pick(seeds);
  if (roll < 0.55) return { kind: 'character mutation', token: mutateCharacters(seed.token), alg: seed.alg, mutated: true };
  if (roll < 0.85) return { kind: 'JSON mutation', token: mutateJson(seed.token), alg: seed.alg, mutated: true };
  if (roll < 0.97) {
    // Freshly signed edge cases, with the fast algorithms so signing does not dominate.
    const alg = pick<Algorithm>(['HS256', 'HS384', 'HS512', 'HS256', 'ES256', 'EdDSA']);
    const token = await compactSign(edgePayload(), keysFor(keys, alg).signKey, { alg });
    return { kind: 'signed JSON edge case', token, alg, mutated: false };
  }
  return { kind: 'garbage', token: garbage(hugeStrings), alg: seed.alg, mutated: true };
}

async function fuzzBackend(backend: string, keys: Map<Algorithm, Keys>, seeds: readonly Seed[]): Promise<Totals> {
  const totals: Totals = { inputs: 0, verify: new Map(), decode: new Map(), unchanged: 0, retimed: 0, failures: [] };
  const seedTokens = new Set(seeds.map((seed) => seed.token));
  const hugeStrings = [
    `a${'.'.repeat(1_000_000)}`,
    `${seeds[0]?.token.split('.')[0] ?? ''}.${'A'.repeat(9 * 1024 * 1024)}.AAAA`,
    'A'.repeat(16_384),
    `${'eyJ'.repeat(5000)}.${'e30'.repeat(500)}.`,
  ];
  const started = performance.now();
  const progressEvery = Math.max(1, Math.floor(ITERATIONS / 10));

  // Mutations that leave a token unchanged are skipped and do not count toward ITERATIONS.
  while (totals.inputs < ITERATIONS) {
    if ((performance.now() - started) / 1000 > MAX_SECONDS) {
      console.log(`[${backend}] stopped at the time limit of ${MAX_SECONDS} s after ${totals.inputs} inputs`);
      break;
    }
    const input = await nextInput(seeds, keys, hugeStrings);
    if (input.mutated && seedTokens.has(input.token)) {
      totals.unchanged++;
      continue;
    }

    const start = performance.now();
    const { decodeOutcome, verifyOutcome } = await runDecodeAndVerify(input, keys);
    let elapsed = performance.now() - start;
    if (elapsed > SLOW_INPUT_MS) {
      // A garbage-collection pause or another process can stall one run; the fastest of three counts.
      totals.retimed++;
      for (let run = 0; run < 2; run++) {
        const again = performance.now();
        await runDecodeAndVerify(input, keys);
        elapsed = Math.min(elapsed, performance.now() - again);
      }
    }

    totals.inputs++;
    count(totals.verify, verifyOutcome);
    count(totals.decode, decodeOutcome);
    const record = (problem: string): void => {
      if (totals.failures.length < 20) totals.failures.push({ kind: input.kind, problem, token: input.token.length > 300 ? `${input.token.slice(0, 300)}… (${input.token.length} characters)` : input.token });
    };
    if (verifyOutcome.startsWith('NOT A')) record(`verify: ${verifyOutcome}`);
    if (decodeOutcome.startsWith('NOT A')) record(`decode: ${decodeOutcome}`);
    if (input.mutated && verifyOutcome === 'accepted') record('verify accepted a mutated token');
    if (elapsed > SLOW_INPUT_MS) record(`took ${elapsed.toFixed(1)} ms, over ${SLOW_INPUT_MS} ms`);

    if (totals.inputs % progressEvery === 0) {
      const seconds = (performance.now() - started) / 1000;
      console.log(`[${backend}] ${totals.inputs} inputs, ${seconds.toFixed(1)} s, ${totals.failures.length} failures`);
    }
  }
  return totals;
}

function printCounts(title: string, map: Map<string, number>): void {
  console.log(`  ${title}:`);
  for (const [outcome, n] of [...map.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${outcome.padEnd(28)} ${n}`);
}

async function main(): Promise<void> {
  console.log(`jwtkit fuzz: seed ${SEED}, ${ITERATIONS} inputs per backend, time limit ${MAX_SECONDS} s per backend, Node ${process.version}`);
  const keys = await makeKeys();
  const seeds = await makeSeeds(keys);
  let failed = false;

  for (const backend of availableCryptoBackends()) {
    setCryptoBackend(backend);
    random = createRandom(SEED);
    const started = performance.now();
    const totals = await fuzzBackend(backend, keys, seeds);
    const seconds = (performance.now() - started) / 1000;

    console.log(`\n[${backend}] ${totals.inputs} inputs in ${seconds.toFixed(1)} s (${totals.unchanged} mutations left the token unchanged and were skipped; ${totals.retimed} slow runs re-timed)`);
    printCounts('verify outcomes', totals.verify);
    printCounts('decode outcomes', totals.decode);
    if (totals.inputs < ITERATIONS) {
      console.log(`  FAILED: only ${totals.inputs} inputs ran before the time limit`);
      failed = true;
    }
    for (const failure of totals.failures) {
      console.log(`  FAILURE (${failure.kind}): ${failure.problem}\n    token: ${JSON.stringify(failure.token)}`);
      failed = true;
    }
  }

  console.log(failed ? '\nfuzz: FAILED' : '\nfuzz: passed');
  process.exitCode = failed ? 1 : 0;
}

await main();
