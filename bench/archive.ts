/**
 * A layer past an isolate's memory, served from its PMTiles archive (third part of `npm run bench:tiles`):
 * the synthetic layer (bench/synthetic.ts) at 1,000,000 points and 100,000 lines (`POINTS`, `LINES` to
 * change), published with `npm run data:publish -- --local --extra` (cut into an archive and its index),
 * then served from local R2 by the worker in workerd. Prints, in one run: the publish's time and the
 * archive's size; the time per tile through workerd by zoom (median and p95), cut at publish and read
 * from the archive (edge miss) or from the edge cache (hit); a search and a feature's details; the worker
 * isolate's memory (V8's heap and array buffers, through the inspector, every 20 ms) and, for context,
 * workerd's resident memory (its VmRSS, which also holds the local R2 and cache simulators and the
 * runtime), before and while serving; and the page's first
 * idle with the layer beside the atlas without it (median of RUNS fresh profiles, after one unmeasured visit each).
 * Both atlases run with V8 held as a 128 MB isolate's would be (`ISOLATE_V8_FLAGS`, bench/workerd-v8-flags.ts);
 * the same searches are then made once more in an isolate without the cap, for comparison.
 * Targets (issue 21): the capped isolate under 128 MB while serving; the page's idle within 1.2× of the atlas without the layer.
 * Node 20 needs `--experimental-websocket` for the inspector (the npm script passes it).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startWorker } from '../tests/support/worker.ts';
import { tilePosition } from '../geo/tiles.ts';
import { SYNTHETIC_BOUNDS, writeSyntheticExtra } from './synthetic.ts';
import { percentile as pct } from './percentile.ts';
import { visit } from './visit.ts';
import { ISOLATE_V8_FLAGS, withV8Flags } from './workerd-v8-flags.ts';

const POINTS = Number(process.env.POINTS ?? 1_000_000);
const LINES = Number(process.env.LINES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const [MEMORY_MB, IDLE_RATIO] = [128, 1.2];

/** Publishes the atlas, with the extra layers of a directory if given, to a new local R2; stops on failure. */
function publish(extra?: string): { persist: string; ms: number; log: string } {
  const persist = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
  const t0 = performance.now();
  const run = spawnSync('npm', ['run', 'data:publish', '--', '--local', '--persist-to', persist, ...(extra ? ['--extra', extra] : [])], {
    encoding: 'utf8',
    // A million features parsed, validated and cut: more than Node's default heap.
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=12000`.trim() },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`data:publish failed:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
  return { persist, ms: performance.now() - t0, log: run.stdout };
}

/** The workerd processes below this one (Miniflare runs workerd as a child). */
function workerdPids(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      names.set(Number(d), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => pid > 1 && (parents.get(pid) === process.pid || below(parents.get(pid) ?? 0));
  return [...names].filter(([pid, name]) => name.startsWith('workerd') && below(pid)).map(([pid]) => pid);
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** One reading of the isolate, MB: V8's heap as reserved (`totalSize`) and as used (`usedSize`), and array buffers outside it (`backingStorageSize`). */
interface IsolateReading {
  total: number;
  used: number;
  buffers: number;
}

/** The worker isolate's memory through V8's inspector (`Runtime.getHeapUsage`), MB. */
async function isolateMemory(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { id: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.id.startsWith('core:user:'));
  if (!target || typeof WebSocket === 'undefined') throw new Error('no inspector of the worker (Node 20: run with --experimental-websocket)');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((done) => ws.addEventListener('open', done, { once: true }));
  type HeapUsage = { totalSize?: number; usedSize?: number; backingStorageSize?: number };
  const waiting = new Map<number, (result: HeapUsage) => void>();
  ws.addEventListener('message', (m) => {
    const { id, result } = JSON.parse(String(m.data)) as { id: number; result?: HeapUsage };
    waiting.get(id)?.(result ?? {});
    waiting.delete(id);
  });
  let next = 0;
  const call = (method: string) =>
    new Promise<HeapUsage>((done) => {
      waiting.set(++next, done);
      ws.send(JSON.stringify({ id: next, method }));
    });
  const read = async (): Promise<IsolateReading> => {
    const r = await call('Runtime.getHeapUsage');
    const [used, buffers] = [(r.usedSize ?? 0) / 1048576, (r.backingStorageSize ?? 0) / 1048576];
    return { total: (r.totalSize ?? 0) / 1048576 + buffers, used, buffers };
  };
  // (workerd's inspector does not answer HeapProfiler.collectGarbage: the peaks include garbage not yet collected.)
  return { read, close: () => ws.close() };
}

/**
 * Samples the isolate's and workerd's memory every 20 ms; `phase()` reports the peaks since the last one:
 * the heap as reserved plus array buffers (what the target judges), the heap as used, and the buffers.
 */
function sampler(pid: number, isolate: Awaited<ReturnType<typeof isolateMemory>>) {
  const none = (): IsolateReading => ({ total: 0, used: 0, buffers: 0 });
  let [peak, rssPeak] = [none(), 0];
  const peaks: number[] = [];
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pid));
    void isolate.read().then((r) => (peak = { total: Math.max(peak.total, r.total), used: Math.max(peak.used, r.used), buffers: Math.max(peak.buffers, r.buffers) }));
  }, 20);
  return {
    async phase(what: string): Promise<string> {
      const now = await isolate.read();
      const line =
        `${what}: isolate peak ${peak.total.toFixed(0)} MB (heap used ${peak.used.toFixed(0)}, buffers ${peak.buffers.toFixed(0)}), ` +
        `now ${now.total.toFixed(0)} MB (used ${now.used.toFixed(0)}) (workerd's RSS peak ${rssPeak.toFixed(0)} MB)`;
      peaks.push(peak.total);
      [peak, rssPeak] = [none(), 0];
      return line;
    },
    peak: () => Math.max(...peaks),
    stop: () => (clearInterval(timer), isolate.close()),
  };
}

/** An atlas served with the inspector on (its V8 under `flags`, none for no cap), and its memory sampler. */
async function atlasWithMemory(persistTo: string, flags: readonly string[]) {
  const inspectorPort = await freePort();
  const before = new Set(workerdPids());
  const worker = await withV8Flags(flags, () => startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2' }, persistTo, inspectorPort }));
  const pid = workerdPids().find((p) => !before.has(p))!;
  return { worker, memory: sampler(pid, await isolateMemory(inspectorPort)) };
}

const extra = mkdtempSync(join(tmpdir(), 'atlas-synthetic-'));
const layer = writeSyntheticExtra(extra, { points: POINTS, lines: LINES });
const count = layer.features.length;
const published = publish(extra);
const archiveLine = /\.pmtiles \(([\d.]+) kB\)/.exec(published.log);
const cutLine = /cut into PMTiles in ([\d.]+) s/.exec(published.log);
const plain = publish();

const tileX = (lon: number, z: number) => Math.floor(tilePosition(lon, 0, z)[0]);
const tileY = (lat: number, z: number) => Math.floor(tilePosition(0, lat, z)[1]);
const timed = async (url: string) => {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - t, res };
};
/** The three searches and a feature's details on an atlas: its memory line and the times. */
async function searchPhase(a: Awaited<ReturnType<typeof atlasWithMemory>>, what: string): Promise<string> {
  const searches: number[] = [];
  for (const q of ['合成点 12', 'synthetic line 77', 'hechengdian 4242']) searches.push((await timed(`${a.worker.url}/api/layers/synthetic?q=${encodeURIComponent(q)}&limit=20`)).ms);
  const details = (await timed(`${a.worker.url}/api/layers/synthetic/features/l777`)).ms;
  return `${await a.memory.phase(what)}\n  searches ${searches.map((t) => `${t.toFixed(0)} ms`).join(', ')}; a feature's details ${details.toFixed(0)} ms`;
}
const rows: string[] = [];
const memory: string[] = [];
const idle = new Map<string, number[]>();
let atlas: Awaited<ReturnType<typeof atlasWithMemory>> | undefined;
let bare: Awaited<ReturnType<typeof atlasWithMemory>> | undefined;
let uncapped: Awaited<ReturnType<typeof atlasWithMemory>> | undefined;
let firstTile = 0;
try {
  atlas = await atlasWithMemory(published.persist, ISOLATE_V8_FLAGS);
  const { url } = atlas.worker;
  await new Promise((r) => setTimeout(r, 200));
  memory.push(await atlas.memory.phase('at rest (before any request)'));
  firstTile = (await timed(`${url}/tiles/synthetic/10/${tileX(108.4, 10)}/${tileY(30.8, 10)}.mvt`)).ms;
  const [w, s, e, n] = SYNTHETIC_BOUNDS;
  for (const z of [4, 6, 8, 10, 12, 14]) {
    const coords: [number, number][] = [];
    for (let x = tileX(w, z); x <= tileX(e, z); x++) for (let y = tileY(n, z); y <= tileY(s, z); y++) coords.push([x, y]);
    const step = Math.max(1, Math.floor(coords.length / 80));
    const [miss, hit]: number[][] = [[], []];
    for (let i = 0; i < coords.length; i += step) {
      const tile = `${url}/tiles/synthetic/${z}/${coords[i][0]}/${coords[i][1]}.mvt`;
      const cold = await timed(tile);
      (cold.res.headers.get('X-Atlas-Cache') === 'miss' ? miss : hit).push(cold.ms);
      hit.push((await timed(tile)).ms);
    }
    const row = (xs: number[]) => (xs.length ? `${pct(xs, 0.5).toFixed(1).padStart(7)} ${pct(xs, 0.95).toFixed(1).padStart(7)} ${String(xs.length).padStart(4)}` : '      –       –    0');
    rows.push(`${String(z).padStart(4)}   ${row(miss)}   ${row(hit)}`);
  }
  memory.push(await atlas.memory.phase(`serving tiles of ${rows.length} zooms from the archive`));
  memory.push(await searchPhase(atlas, 'searching the index (3 searches) and opening a feature'));
  // The same searches in an isolate whose V8 has no cap (as local workerd runs by default), on the same R2.
  uncapped = await atlasWithMemory(published.persist, []);
  memory.push(await searchPhase(uncapped, `the same, in a fresh isolate without the cap (${ISOLATE_V8_FLAGS.join(' ')} left out)`));
  uncapped.memory.stop();
  await uncapped.worker.stop();
  uncapped = undefined;
  bare = await atlasWithMemory(plain.persist, ISOLATE_V8_FLAGS);
  const pages = [
    ['atlas without the layer', bare],
    ['atlas with the layer', atlas],
  ] as const;
  for (const [, a] of pages) await visit(a.worker.url);
  for (let i = 0; i < RUNS; i++) for (const [name, a] of pages) idle.set(name, [...(idle.get(name) ?? []), (await visit(a.worker.url)).idle]);
  memory.push(await atlas.memory.phase(`serving the page ${RUNS + 1} times`));
  memory.push(`  the atlas without the layer, the same visits: ${(await bare.memory.phase('')).slice(2)}`);
} finally {
  for (const a of [atlas, bare, uncapped]) a?.memory.stop();
  await Promise.all([atlas?.worker.stop(), bare?.worker.stop(), uncapped?.worker.stop()]);
}

console.log(`the synthetic layer: ${count.toLocaleString('en')} features (${POINTS.toLocaleString('en')} points, ${LINES.toLocaleString('en')} lines)`);
console.log(`published to local R2 in ${(published.ms / 1000).toFixed(0)} s (of it cut into the archive and index: ${cutLine?.[1] ?? '?'} s); archive ${archiveLine ? (Number(archiveLine[1]) / 1024).toFixed(1) : '?'} MB`);
console.log(`the first tile (opening the archive: header and root directory): ${firstTile.toFixed(0)} ms`);
console.log('tiles through workerd (HTTP on 127.0.0.1), read from the archive in local R2 or from the edge cache, ms:');
console.log('zoom archive: median     p95    n   edge hit: median  p95    n');
for (const row of rows) console.log(row);
for (const line of memory) console.log(line);
const peak = atlas!.memory.peak();
console.log(`the capped isolate's peak ${peak.toFixed(0)} MB, heap and buffers (target < ${MEMORY_MB} MB: ${peak < MEMORY_MB ? 'ok' : 'MISSED'})`);
const [without, withLayer] = [pct(idle.get('atlas without the layer')!, 0.5), pct(idle.get('atlas with the layer')!, 0.5)];
console.log(`page first idle, median of ${RUNS}: without the layer ${without.toFixed(0)} ms, with it tiled ${withLayer.toFixed(0)} ms: ${(withLayer / without).toFixed(2)}× (target ≤ ${IDLE_RATIO}×: ${withLayer / without <= IDLE_RATIO ? 'ok' : 'MISSED'})`);
