// Entry point of `npm run bench`. It reads the flags, checks every library once, measures all cases
// in interleaved rounds and prints the tables or JSON lines. A full run also writes bench/RESULTS.md.

import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

import { createFastJwtAdapter } from './adapters/fast-jwt.mjs';
import { createHonoAdapter } from './adapters/hono.mjs';
import { createJoseAdapter } from './adapters/jose.mjs';
import { createJsonwebtokenAdapter } from './adapters/jsonwebtoken.mjs';
import { createJwtkitAdapters } from './adapters/jwtkit.mjs';
import { createRawAdapter } from './adapters/raw.mjs';
import { createSubtleAdapter } from './adapters/subtle.mjs';
import { createTsndrAdapter } from './adapters/tsndr.mjs';
import { checkCases } from './check.mjs';
import { createFixtures } from './fixtures.mjs';
import { runRounds, warmUp } from './measure.mjs';
import { buildCases } from './operations.mjs';
import { formatJsonLines, formatTables, summarize } from './report.mjs';

/** Rounds and per-measurement budgets in milliseconds for each mode. */
const MODES = {
  quick: { rounds: 3, budgetMs: 70, warmUpMs: 10 },
  full: { rounds: 11, budgetMs: 200, warmUpMs: 50 },
};

const PEER_PACKAGES = ['mitata', 'jose', 'jsonwebtoken', 'fast-jwt', 'hono', '@tsndr/cloudflare-worker-jwt'];

const USAGE = `Usage: npm run bench [-- [--quick] [--json]]

  --quick  ${MODES.quick.rounds} rounds of ${MODES.quick.budgetMs} ms per measurement; prints only (about 1 minute on 2 cores)
  --json   prints one JSON line per (operation, library) on stdout and nothing else
  --help   prints this text

Without --quick: ${MODES.full.rounds} rounds of ${MODES.full.budgetMs} ms, and the tables are also written to bench/RESULTS.md.`;

const resultsUrl = new URL('./RESULTS.md', import.meta.url);
const rootUrl = new URL('../', import.meta.url);

function readFlags() {
  try {
    const { values } = parseArgs({
      options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    });
    return values;
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

/** Returns the command as the user typed it, as far as it can be rebuilt from the environment. */
function describeCommand() {
  const flags = process.argv.slice(2);
  if (process.env.npm_lifecycle_event === 'bench') return ['npm run bench', ...(flags.length > 0 ? ['--', ...flags] : [])].join(' ');
  return ['node', ...process.execArgv, 'bench/run.mjs', ...flags].join(' ');
}

function packageVersion(name) {
  const manifest = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, rootUrl), 'utf8'));
  return `${name} ${manifest.version}`;
}

function describeEnvironment(mode, command, startedAt, loadBefore) {
  const cpus = os.cpus();
  const load = (values) => values.map((value) => value.toFixed(2)).join(', ');
  return [
    `- Command: \`${command}\``,
    `- Date: ${startedAt.toISOString()}`,
    `- Node.js: ${process.version}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`,
    `- Load average (1, 5, 15 min): ${load(loadBefore)} at start, ${load(os.loadavg())} at end`,
    `- Rounds: ${mode.rounds}, ${mode.budgetMs} ms per measurement (mitata measure())`,
    `- Packages: ${PEER_PACKAGES.map(packageVersion).join(', ')}`,
  ].join('\n');
}

function summarizeTargets(rows) {
  const judged = rows.filter((row) => row.target !== undefined);
  const missed = judged.filter((row) => !row.target.pass);
  const missedList = missed.map((row) => `${row.operation} (${row.library})`).join(', ');
  return `jwtkit targets: ${judged.length - missed.length} of ${judged.length} PASS${missed.length > 0 ? `; MISS: ${missedList}` : ''}`;
}

async function createAdapters(fixtures) {
  const { adapters: jwtkitAdapters } = await createJwtkitAdapters(fixtures);
  return [
    createRawAdapter(fixtures),
    createSubtleAdapter(fixtures),
    ...jwtkitAdapters,
    await createJoseAdapter(fixtures),
    createJsonwebtokenAdapter(fixtures),
    createFastJwtAdapter(fixtures),
    createHonoAdapter(fixtures),
    createTsndrAdapter(fixtures),
  ];
}

async function main() {
  const flags = readFlags();
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const mode = flags.quick ? MODES.quick : MODES.full;
  const log = (message) => process.stderr.write(`${message}\n`);
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const command = describeCommand();
  if (typeof globalThis.gc !== 'function') log('note: run with node --expose-gc so that each measurement starts after a full garbage collection');

  const fixtures = await createFixtures();
  const adapters = await createAdapters(fixtures);
  const { cases, skipped } = buildCases(adapters, fixtures);
  const jwtkitAdapter = adapters.find((adapter) => adapter.name === 'jwtkit');

  const checked = await checkCases(cases, fixtures, jwtkitAdapter.verify);
  log(`checked ${checked} (operation, library) pairs; measuring ${cases.length} cases in ${mode.rounds} rounds of ${mode.budgetMs} ms each`);

  await warmUp(cases, mode.warmUpMs);
  const results = await runRounds(cases, {
    rounds: mode.rounds,
    budgetMs: mode.budgetMs,
    onProgress: (round, done, total) => {
      if (done === total) log(`round ${round + 1} of ${mode.rounds} done after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    },
  });

  const rows = summarize(results);
  const tables = formatTables(rows, skipped);
  const environment = describeEnvironment(mode, command, startedAt, loadBefore);
  const targets = summarizeTargets(rows);

  if (flags.json) process.stdout.write(`${formatJsonLines(rows)}\n`);
  else process.stdout.write(`${environment}\n\n${targets}\n\n${tables}`);

  if (!flags.quick) {
    const page = [
      '# jwtkit benchmark results',
      '',
      'Written by `npm run bench` (see bench/README.md for how to read it). Numbers from a shared',
      'or busy machine vary between runs; compare ratios from the same run only.',
      '',
      environment,
      '',
      targets,
      '',
      tables,
    ].join('\n');
    writeFileSync(resultsUrl, page);
    log('wrote bench/RESULTS.md');
  }
  log(`finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

await main();
