/**
 * `npm run bench:web:ab -- <git ref>`: the explorer's cold first idle (and labels drawn) for the
 * working tree against another commit, visited in turns in one run, so that the shared machine's
 * load falls on both alike. The other commit is checked out and built in a temporary worktree,
 * with the working tree's node_modules (so a commit with other dependencies is not compared fairly);
 * the working tree is built too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../tests/support/chromium.ts';
import { startWorker, type LocalWorker } from '../tests/support/worker.ts';
import { percentile as pct } from './percentile.ts';

const ref = process.argv[2];
if (!ref) {
  console.error('usage: npm run bench:web:ab -- <git ref, e.g. HEAD~1>');
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 9);
if (!(RUNS >= 1)) {
  console.error(`RUNS must be a number of visits, not "${process.env.RUNS}"`);
  process.exit(2);
}
const here = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-ab-'));
const there = join(scratch, 'checkout');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });


/** One cold visit in a fresh profile: the first idle and the idle once labels are drawn (0 if the page has no such mark). */
async function visit(url: string): Promise<{ idle: number; labels: number }> {
  const browser = await launchChromium();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, undefined, { timeout: 60_000 });
    // Older pages have no labels mark: give them a few seconds, then count none.
    const labels = await page
      .waitForFunction(() => performance.getEntriesByName('atlas-labels-drawn')[0]?.startTime, undefined, { timeout: 10_000 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => 0);
    return { idle: await page.evaluate(() => performance.getEntriesByName('atlas-first-idle')[0].startTime), labels };
  } finally {
    await browser.close();
  }
}

const workers: Record<string, LocalWorker> = {};
/** Stops the workers and removes the worktree, also on Ctrl-C (the workers run in process groups of their own). */
async function cleanUp(): Promise<void> {
  await Promise.allSettled(Object.values(workers).map((w) => w.stop()));
  rmSync(scratch, { recursive: true, force: true });
  run('git', ['worktree', 'prune'], here);
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
try {
  run('git', ['worktree', 'add', '--detach', there, ref], here);
  symlinkSync(join(here, 'node_modules'), join(there, 'node_modules'));
  run('npm', ['run', 'build'], there);
  run('npm', ['run', 'build'], here);
  workers[ref] = await startWorker({ root: there });
  workers['working tree'] = await startWorker();
  const results: Record<string, { idle: number[]; labels: number[] }> = {};
  for (let i = 0; i < RUNS; i++)
    for (const name of Object.keys(workers).sort(() => Math.random() - 0.5)) {
      const r = await visit(workers[name].url);
      (results[name] ??= { idle: [], labels: [] }).idle.push(r.idle);
      results[name].labels.push(r.labels);
    }
  console.log(`${RUNS} cold visits each, in turns, headless Chromium (SwiftShader WebGL), the worker in workerd (Miniflare) on 127.0.0.1`);
  for (const [name, r] of Object.entries(results))
    console.log(
      name.padEnd(16),
      `first idle median ${pct(r.idle, 0.5).toFixed(0)} ms, p95 ${pct(r.idle, 0.95).toFixed(0)} ms;`,
      r.labels.every((l) => l > 0) ? `labels drawn median ${pct(r.labels, 0.5).toFixed(0)} ms, p95 ${pct(r.labels, 0.95).toFixed(0)} ms` : 'labels drawn: not marked',
    );
  const [a, b] = [results['working tree'], results[ref]];
  console.log(`working tree / ${ref}: first idle ${(pct(a.idle, 0.5) / pct(b.idle, 0.5)).toFixed(2)}×`);
} finally {
  await cleanUp();
}
