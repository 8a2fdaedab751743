/**
 * `npm run bench:tiles`: vector tiles of a large layer (bench/synthetic.ts: 200,000
 * points and 20,000 lines, seeded), cut by the code the worker uses (geo/tiles.ts),
 * in Node. Prints, in one run: the time to build the tile index, the time per tile
 * (median and p95) at each zoom over the region, and the bytes a 1280 × 800 view
 * needs as tiles beside the whole GeoJSON. Target (issue: past one machine): a tile
 * under 20 ms median once the index is built.
 */
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { createTiler, tilePosition } from '../geo/tiles.ts';
import { SYNTHETIC_BOUNDS, syntheticLayer } from './synthetic.ts';
import { percentile as pct } from './percentile.ts';

const TARGET_MS = 20;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const tileX = (lon: number, z: number) => Math.floor(tilePosition(lon, 0, z)[0]);
const tileY = (lat: number, z: number) => Math.floor(tilePosition(0, lat, z)[1]);
/** The tiles a 1280 × 800 view centred on (lon, lat) at zoom z covers (512-px tiles, as MapLibre asks). */
function viewTiles(lon: number, lat: number, z: number): [number, number][] {
  const [cx, cy] = tilePosition(lon, lat, z);
  const [hw, hh] = [1280 / 512 / 2, 800 / 512 / 2];
  const out: [number, number][] = [];
  for (let x = Math.floor(cx - hw); x <= Math.floor(cx + hw); x++) for (let y = Math.floor(cy - hh); y <= Math.floor(cy + hh); y++) out.push([x, y]);
  return out;
}

const layer = syntheticLayer();
const geojson = JSON.stringify(layer);
const t0 = performance.now();
const tiler = createTiler('synthetic', layer);
const build = performance.now() - t0;

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`synthetic layer: ${layer.features.length.toLocaleString('en')} features, GeoJSON ${kb(geojson.length)} (${kb(gzipSync(geojson).length)} gzipped)`);
console.log(`tile index built in ${build.toFixed(0)} ms`);
console.log('zoom  first ms  tiles   median ms   p95 ms   mean kB  target (median, index built)');
const [w, s, e, n] = SYNTHETIC_BOUNDS;
for (const z of [6, 8, 10, 12, 14]) {
  const [x0, x1, y0, y1] = [tileX(w, z), tileX(e, z), tileY(n, z), tileY(s, z)];
  const coords: [number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) coords.push([x, y]);
  // The first tile of a zoom band builds the band's thinned index (see geo/tiles.ts): timed apart.
  const tf = performance.now();
  tiler.tile(z, coords[0][0], coords[0][1]);
  const first = performance.now() - tf;
  // At most 200 tiles a zoom, spread over the region; each cut once, as an isolate would before the edge cache has it.
  const step = Math.max(1, Math.floor(coords.length / 200));
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < coords.length; i += step) {
    const [x, y] = coords[i];
    const t = performance.now();
    const tile = tiler.tile(z, x, y);
    times.push(performance.now() - t);
    bytes += tile?.length ?? 0;
  }
  const median = pct(times, 0.5);
  console.log(`${String(z).padStart(4)} ${first.toFixed(0).padStart(9)} ${String(times.length).padStart(6)} ${median.toFixed(2).padStart(11)} ${pct(times, 0.95).toFixed(2).padStart(8)} ${(bytes / times.length / 1024).toFixed(1).padStart(9)}  ${median < TARGET_MS ? 'ok' : 'OVER'} (< ${TARGET_MS} ms)`);
}
console.log('bytes for one 1280 × 800 view, tiles (raw / gzipped) beside the whole GeoJSON:');
for (const z of [8, 10, 12]) {
  const tiles = viewTiles(108.4, 30.8, z).map(([x, y]) => tiler.tile(z, x, y)).filter((t): t is Uint8Array => t !== null);
  const raw = tiles.reduce((a, t) => a + t.length, 0);
  const gz = tiles.reduce((a, t) => a + gzipSync(t).length, 0);
  console.log(`  zoom ${z}: ${tiles.length} tiles, ${kb(raw)} / ${kb(gz)}  (GeoJSON ${kb(geojson.length)} / ${kb(gzipSync(geojson).length)}: ${(geojson.length / raw).toFixed(1)}× the raw bytes)`);
}
