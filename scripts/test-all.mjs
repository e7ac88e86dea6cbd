// Runs every test suite, one runtime after another: the whole vitest suite on Node, then the
// portable suite on Deno and Bun (against dist/index.js) and in headless Chromium (against the
// browser entry). Expects `npm run build` to have run. Prints one summary line per runtime and
// exits 1 when any runtime fails or reports no result.
//
// Usage: node scripts/test-all.mjs [--only node,deno,bun,chromium]

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const CHROMIUM_PATH = '/usr/bin/chromium';
/** Upper bound for one runtime's run, in milliseconds; a run past it is stopped and fails. */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

const reportDir = mkdtempSync(join(tmpdir(), 'jwtkit-test-'));

const runtimes = [
  {
    name: 'node',
    what: 'vitest, all tests, portable suite on src/',
    command: process.execPath,
    args: (report) => [bin('vitest'), 'run', '--reporter=default', '--reporter=junit', `--outputFile.junit=${report}`],
    portableFile: 'test/portable/node.test.ts',
  },
  {
    name: 'deno',
    what: 'deno test, portable suite on dist/index.js',
    command: bin('deno'),
    // Types are checked by `npm run typecheck`; --no-check keeps Deno from re-checking src/.
    args: (report) => ['test', '--no-check', `--junit-path=${report}`, 'test/portable/deno.portable.js'],
  },
  {
    name: 'bun',
    what: 'bun test, portable suite on dist/index.js',
    command: bin('bun'),
    args: (report) => ['test', '--reporter=junit', `--reporter-outfile=${report}`, './test/portable/bun.portable.js'],
  },
  {
    name: 'chromium',
    what: 'vitest browser mode, portable suite on the browser entry',
    command: process.execPath,
    args: (report) => [bin('vitest'), 'run', '--config', 'vitest.browser.config.ts', '--reporter=default', '--reporter=junit', `--outputFile.junit=${report}`],
    unavailable: () => (existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} does not exist; install Debian's chromium package to run it`),
  },
];

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : (process.argv[onlyIndex + 1] ?? '').split(',');
if (only !== undefined && !only.every((name) => runtimes.some((runtime) => runtime.name === name))) {
  console.error(`--only expects a comma-separated list of: ${runtimes.map((runtime) => runtime.name).join(', ')}`);
  process.exit(2);
}

const results = [];
for (const runtime of runtimes) {
  if (only !== undefined && !only.includes(runtime.name)) continue;
  const reason = runtime.unavailable?.();
  if (reason !== undefined) {
    console.log(`\n== ${runtime.name}: skipped, ${reason}`);
    results.push({ runtime, skippedBecause: reason });
    continue;
  }
  console.log(`\n== ${runtime.name}: ${runtime.what}`);
  const report = join(reportDir, `${runtime.name}.xml`);
  const exit = await run(runtime.command, runtime.args(report));
  const cases = existsSync(report) ? readJunit(readFileSync(report, 'utf8')) : undefined;
  results.push({ runtime, exit, cases });
}
rmSync(reportDir, { recursive: true, force: true });

console.log('\n== summary');
let failedRuntimes = 0;
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { runtime, skippedBecause, exit, cases } of results) {
  if (skippedBecause !== undefined) {
    console.log(`${runtime.name.padEnd(9)} skipped: ${skippedBecause}`);
    continue;
  }
  const problem = describeProblem(exit, cases);
  if (problem !== undefined) failedRuntimes++;
  if (cases === undefined) {
    console.log(`${runtime.name.padEnd(9)} FAILED: ${problem}`);
    continue;
  }
  const all = count(cases);
  total.passed += all.passed;
  total.failed += all.failed;
  total.skipped += all.skipped;
  const portableCases = runtime.portableFile === undefined ? cases : cases.filter((entry) => entry.file.includes(runtime.portableFile));
  const portable = count(portableCases);
  const portableText = runtime.portableFile === undefined ? '' : `; portable suite: ${format(portable)}`;
  console.log(`${runtime.name.padEnd(9)} ${format(all)}${portableText}${problem === undefined ? '' : ` FAILED: ${problem}`}`);
  for (const [why, names] of groupSkips(portableCases)) {
    console.log(`${''.padEnd(9)} ${names.length} portable case(s) skipped, ${why}${names.length <= 5 ? `: ${names.join('; ')}` : ''}`);
  }
}
console.log(`total: ${format(total)}`);
if (failedRuntimes > 0) {
  console.log(`${failedRuntimes} runtime(s) failed`);
  process.exit(1);
}

/** Runs a command in the project root with inherited output; resolves to its exit code, or to a timeout message. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const timer = setTimeout(() => {
      console.error(`stopping ${command} after ${RUN_TIMEOUT_MS / 1000} s`);
      child.kill('SIGTERM');
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`could not start ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? `ended by ${signal}`);
    });
  });
}

/** Returns why a runtime's run failed, or undefined when it passed. */
function describeProblem(exit, cases) {
  if (typeof exit === 'string') return exit;
  if (cases === undefined) return `exit code ${exit}, and no JUnit report was written`;
  const { passed, failed } = count(cases);
  if (failed > 0) return `${failed} test(s) failed`;
  if (exit !== 0) return `exit code ${exit}`;
  if (passed === 0) return 'no test passed';
  return undefined;
}

/** Reads the test cases of a JUnit XML report, as written by vitest, deno test and bun test. */
function readJunit(xml) {
  const cases = [];
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    const attribute = (name) => unescapeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '');
    cases.push({
      name: attribute('name'),
      file: `${attribute('file')} ${attribute('classname')}`,
      failed: /<(failure|error)\b/.test(body),
      skipped: /<skipped\b/.test(body),
    });
  }
  return cases;
}

function unescapeXml(text) {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+));/g, (_, entity, code) => (code === undefined ? { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[entity] : String.fromCharCode(Number(code))));
}

function count(cases) {
  const failed = cases.filter((entry) => entry.failed).length;
  const skipped = cases.filter((entry) => !entry.failed && entry.skipped).length;
  return { passed: cases.length - failed - skipped, failed, skipped };
}

function format({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** Groups skipped cases by the reason the portable suite puts in their names. */
function groupSkips(cases) {
  const groups = new Map();
  for (const entry of cases) {
    if (!entry.skipped) continue;
    const why = /\(skipped: (.*)\)$/.exec(entry.name)?.[1] ?? 'no reason given';
    const names = groups.get(why) ?? [];
    names.push(entry.name.replace(/ \(skipped: .*\)$/, ''));
    groups.set(why, names);
  }
  return groups;
}
