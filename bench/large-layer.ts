/**
 * The large layer through the worker and the page (second half of `npm run bench:tiles`):
 * the synthetic layer (bench/synthetic.ts, 200,000 points and 20,000 lines) published
 * as an extra layer to wrangler's local R2, then two atlases on the same publish: one
 * whose catalogue threshold sends the layer whole as GeoJSON, one that sends it as
 * vector tiles (the default). Prints, in one run: the page's time from navigation to
 * first idle and the bytes it transferred, for each (median and p95 of RUNS fresh
 * browser profiles, after one unmeasured visit that warms each worker), and the time
 * per tile through workerd, cut by the worker (edge miss) or from the edge cache (hit).
 * Target (issue: past one machine): the tiled page idle at least 3 times sooner.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker, type LocalWorker } from '../tests/support/worker.ts';
import { tilePosition } from '../geo/tiles.ts';
import { SYNTHETIC_BOUNDS, writeSyntheticExtra } from './synthetic.ts';
import { percentile as pct } from './percentile.ts';
import { visit } from './visit.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const TARGET_RATIO = 3;
const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;

const extra = mkdtempSync(join(tmpdir(), 'atlas-synthetic-'));
const layer = writeSyntheticExtra(extra);
const persist = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
const t0 = performance.now();
// No archive (bench/archive.ts measures that path): the worker cuts this layer's tiles itself, as it does any tiled layer not archived.
const publish = spawnSync('npm', ['run', 'data:publish', '--', '--local', '--persist-to', persist, '--extra', extra, '--tile-threshold', '1000000000'], { encoding: 'utf8' });
if (publish.status !== 0) throw new Error(`data:publish failed:\n${publish.stdout}\n${publish.stderr}`);
const published = performance.now() - t0;
const copy = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
cpSync(persist, copy, { recursive: true });

const results = new Map<string, { idle: number[]; bytes: number[]; layerBytes: number[]; first: number }>();
const tileTimes: string[] = [];
// Two atlases on one publish (copied: two local simulations must not share a directory), stopped whatever
// happens: an orphaned workerd keeps a core busy (seen on this machine).
let tiled: LocalWorker | undefined;
let whole: LocalWorker | undefined;
try {
  tiled = await startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2' }, persistTo: persist });
  whole = await startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2', ATLAS_TILE_THRESHOLD: '999999999' }, persistTo: copy });
  const pages = [
    ['whole GeoJSON', whole.url],
    ['vector tiles', tiled.url],
  ] as const;
  for (const [name, worker] of pages) {
    // The first visit pays for the worker reading and parsing the layer (and cutting its tiles): shown apart.
    const first = (await visit(worker)).idle;
    results.set(name, { idle: [], bytes: [], layerBytes: [], first });
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, worker] of pages) {
      const r = await visit(worker);
      const into = results.get(name)!;
      into.idle.push(r.idle);
      into.bytes.push(r.bytes);
      into.layerBytes.push(r.layerBytes);
    }
  }

  /** Tiles over the region at some zooms, through the worker: cut (edge miss) or from the edge cache (hit). */
  const tileX = (lon: number, z: number) => Math.floor(tilePosition(lon, 0, z)[0]);
  const tileY = (lat: number, z: number) => Math.floor(tilePosition(0, lat, z)[1]);
  const [w, s, e, n] = SYNTHETIC_BOUNDS;
  for (const z of [6, 8, 10, 12, 14]) {
    const coords: [number, number][] = [];
    for (let x = tileX(w, z); x <= tileX(e, z); x++) for (let y = tileY(n, z); y <= tileY(s, z); y++) coords.push([x, y]);
    const step = Math.max(1, Math.floor(coords.length / 60));
    const miss: number[] = [];
    const hit: number[] = [];
    for (let i = 0; i < coords.length; i += step) {
      const url = `${tiled.url}/tiles/synthetic/${z}/${coords[i][0]}/${coords[i][1]}.mvt`;
      for (const times of [miss, hit]) {
        const t = performance.now();
        const res = await fetch(url);
        await res.arrayBuffer();
        const took = performance.now() - t;
        // A tile the page asked for is already at the edge: counted as a hit whichever pass it is.
        (res.headers.get('X-Atlas-Cache') === 'miss' ? miss : times === miss ? hit : times).push(took);
      }
    }
    const row = (xs: number[]) => (xs.length ? `${pct(xs, 0.5).toFixed(1).padStart(7)} ${pct(xs, 0.95).toFixed(1).padStart(7)} ${String(xs.length).padStart(4)}` : '      –       –    0');
    tileTimes.push(`${String(z).padStart(4)}   ${row(miss)}   ${row(hit)}`);
  }
} finally {
  await Promise.all([tiled?.stop(), whole?.stop()]);
}

console.log(`the synthetic layer: ${layer.features.length.toLocaleString('en')} features, published to local R2 in ${(published / 1000).toFixed(1)} s`);
console.log(`${RUNS} runs each, headless Chromium (SwiftShader WebGL), the worker in workerd (Miniflare) on 127.0.0.1 (R2 source), the page's home view`);
console.log('page'.padEnd(16), 'first visit'.padStart(12), 'idle median'.padStart(12), 'p95'.padStart(8), 'transferred'.padStart(13), 'of it the layer'.padStart(16));
for (const [name, r] of results) {
  console.log(name.padEnd(16), `${r.first.toFixed(0)} ms`.padStart(12), `${pct(r.idle, 0.5).toFixed(0)} ms`.padStart(12), `${pct(r.idle, 0.95).toFixed(0)} ms`.padStart(8), mb(pct(r.bytes, 0.5)).padStart(13), mb(pct(r.layerBytes, 0.5)).padStart(16));
}
const [g, t] = [results.get('whole GeoJSON')!, results.get('vector tiles')!];
const ratio = pct(g.idle, 0.5) / pct(t.idle, 0.5);
console.log(`tiled page idle ${ratio.toFixed(1)}× sooner (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'ok' : 'MISSED'}), ${(pct(g.bytes, 0.5) / pct(t.bytes, 0.5)).toFixed(0)}× fewer bytes`);
console.log('tiles through workerd (HTTP on 127.0.0.1), ms:');
console.log('zoom    cut: median     p95    n   edge hit: median  p95    n');
for (const row of tileTimes) console.log(row);
