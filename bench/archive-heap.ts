/**
 * Does a search of a million-feature archived layer fit a 128 MB isolate? (`npm run bench:archive-heap`)
 * Builds the index objects of the synthetic layer (bench/synthetic.ts, 1,000,000 points and 100,000 lines:
 * `POINTS`, `LINES`) with `layerIndex` into a temp dir, then runs the worker's own search and details
 * (worker/routes/archived.ts) over those files, each query in a child Node whose V8 old space is capped
 * at 128 MB (`--max-old-space-size=128`, a stand-in for the isolate's limit), with the young generation
 * at its default and at 1 MB semi-spaces. Prints per query: the median time of `RUNS` runs (the readers
 * kept across runs, as in an isolate), V8's `heapUsed` peak (sampled every 2 ms and at every object
 * read), the heap live after a forced collection, the peak of array buffers (the objects' bytes) and
 * whether the child completed or ran out of heap. A third configuration, a 48 MB old space, shows the margin.
 * No archive, wrangler or workerd is needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LayerQuery } from '../geo/api/queries.ts';
import type { ManifestLayer } from '../geo/manifest.ts';
import type { LayerSource } from '../worker/sources/source.ts';

const POINTS = Number(process.env.POINTS ?? 1_000_000);
const LINES = Number(process.env.LINES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const LIMIT_MB = 128;

/** The queries: bench/archive.ts's three (limit 20), a feature's details, and a query every feature matches. */
const QUERIES: { name: string; query?: LayerQuery; feature?: string }[] = [
  { name: '合成点 12, limit 20', query: { q: '合成点 12', limit: 20 } },
  { name: 'synthetic line 77, limit 20', query: { q: 'synthetic line 77', limit: 20 } },
  { name: 'hechengdian 4242, limit 20', query: { q: 'hechengdian 4242', limit: 20 } },
  { name: 'details of l777', feature: 'l777' },
  { name: 'synthetic (every feature), limit 1000', query: { q: 'synthetic' } },
  { name: 'synthetic (every feature), year 2030, limit 1000', query: { q: 'synthetic', year: 2030 } },
  { name: 'synthetic (every feature), status planned, limit 1000', query: { q: 'synthetic', status: ['planned'] } },
];
const CONFIGS = [
  { name: 'old space 128 MB, default semi-spaces', flags: [`--max-old-space-size=${LIMIT_MB}`] },
  { name: 'old space 128 MB, 1 MB semi-spaces', flags: [`--max-old-space-size=${LIMIT_MB}`, '--max-semi-space-size=1'] },
  // The margin: the same searches in a heap of less than half the limit.
  { name: 'old space 48 MB, default semi-spaces', flags: ['--max-old-space-size=48'] },
];

/** A layer source reading the index objects from files, as R2 would stream them. */
const fileSource = (dir: string): LayerSource => ({
  kind: 'r2',
  manifest: () => Promise.reject(new Error('no manifest')),
  features: () => Promise.reject(new Error('no features')),
  body: async (key) => new Response(await openAsBlob(join(dir, key))),
});

/** In the child: one query, `RUNS` times, its heap sampled; prints one JSON line. */
async function child(dir: string, which: number): Promise<void> {
  const { archivedIndexes } = await import('../worker/routes/archived.ts');
  const entry = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as ManifestLayer;
  const { query, feature } = QUERIES[which];
  const source = fileSource(dir);
  // V8's heap, and array buffers (the bodies' bytes), which an isolate's 128 MB also counts.
  let [peak, buffers] = [0, 0];
  const sample = () => {
    const m = process.memoryUsage();
    [peak, buffers] = [Math.max(peak, m.heapUsed), Math.max(buffers, m.arrayBuffers)];
  };
  const timer = setInterval(sample, 2);
  const sampled: LayerSource = { ...source, body: async (key) => (sample(), source.body!(key)) };
  const indexes = archivedIndexes();
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const rest = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    if (query) answered = (await indexes.search(sampled, 'synthetic', entry, query)).length;
    else answered = (await indexes.feature(sampled, 'synthetic', entry, feature!)) ? 1 : 0;
    sample();
    times.push(performance.now() - t);
  }
  clearInterval(timer);
  gc();
  const mb = (b: number) => Math.round(b / 1048576);
  console.log(JSON.stringify({ first: times[0], median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)], answered, rest: mb(rest), peak: mb(peak), buffers: mb(buffers), live: mb(process.memoryUsage().heapUsed) }));
}

/** In the parent: the index objects written, each query run in each configuration. */
async function main(): Promise<void> {
  const { syntheticLayer } = await import('./synthetic.ts');
  const { layerIndex } = await import('../geo/pmtiles/layer-index.ts');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-index-'));
  const t0 = performance.now();
  // The synthetic features always carry properties (GeoJSON's type allows null).
  const built = layerIndex('layers/synthetic/v1', syntheticLayer({ points: POINTS, lines: LINES }).features as { properties: object; geometry: { type: string; coordinates: unknown } }[]);
  let bytes = 0;
  for (const { key, body } of built.objects) {
    mkdirSync(dirname(join(dir, key)), { recursive: true });
    writeFileSync(join(dir, key), body);
    bytes += Buffer.byteLength(body);
  }
  const entry = { index: built.index, key: 'layers/synthetic/v1.geojson' };
  writeFileSync(join(dir, 'entry.json'), JSON.stringify(entry));
  const { search, keysPerShard, rowsPerShard, features } = built.index;
  console.log(`the synthetic layer: ${(POINTS + LINES).toLocaleString('en')} features; index built in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${built.objects.length} objects, ${(bytes / 1048576).toFixed(0)} MB (${search} key shards of ${keysPerShard.toLocaleString('en')}, row shards of ${rowsPerShard.toLocaleString('en')}, ${features} feature shards)`);
  const script = fileURLToPath(import.meta.url);
  for (const config of CONFIGS) {
    console.log(`\n${config.name} (node ${config.flags.join(' ')} --expose-gc --import tsx), ${RUNS} runs each, the readers kept across runs:`);
    console.log('query                                                   first ms  median ms  answered  heap at rest   peak  live after  buffers peak  outcome');
    for (let i = 0; i < QUERIES.length; i++) {
      const run = spawnSync(process.execPath, [...config.flags, '--expose-gc', '--import', 'tsx', script, '--child', dir, String(i)], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const oom = /heap out of memory/i.test(run.stderr);
      const line = run.status === 0 ? (JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>) : undefined;
      const cells = line
        ? [line.first.toFixed(0), line.median.toFixed(0), String(line.answered), `${line.rest} MB`, `${line.peak} MB`, `${line.live} MB`, `${line.buffers} MB`, line.peak > 100 ? 'completed (over 100 MB)' : 'completed']
        : ['–', '–', '–', '–', '–', '–', '–', oom ? `DIED: heap out of memory (exit ${run.status ?? run.signal})` : `FAILED (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`];
      console.log(`${QUERIES[i].name.padEnd(55)} ${cells[0].padStart(8)} ${cells[1].padStart(10)} ${cells[2].padStart(9)} ${cells[3].padStart(13)} ${cells[4].padStart(6)} ${cells[5].padStart(10)} ${cells[6].padStart(13)}  ${cells[7]}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await main();
