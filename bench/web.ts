/**
 * `npm run bench:web`: the explorer in headless Chromium against the local worker.
 * Prints, in one run: time from navigation to the map's first `idle` (cold, in
 * a fresh profile, and warm, on reload), median and p95; and the JavaScript
 * loaded before first paint, gzipped, with MapLibre's share beside the page's.
 * Target (issue: the map explorer): first idle under 1.5 s.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/support/chromium.ts';
import { startWorker } from '../tests/support/worker.ts';
import { percentile as pct } from './percentile.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const TARGET_MS = 1500;

/**
 * The floor: MapLibre alone, an empty GeoJSON source and a background, served from
 * node_modules by a bare HTTP server. Whatever the atlas adds is the difference.
 */
const BARE = `<!doctype html><html><head><link rel="stylesheet" href="/maplibre-gl.css"></head><body style="margin:0">
<div id="map" style="width:1280px;height:760px"></div><script type="module">
import { Map, setWorkerUrl } from '/maplibre-gl.mjs';
setWorkerUrl('/maplibre-gl-worker.mjs');
const map = new Map({ container: 'map', center: [108, 31], zoom: 8, style: { version: 8,
  sources: { d: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
  layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eee' } }, { id: 'f', type: 'fill', source: 'd' }] } });
map.once('idle', () => performance.mark('atlas-first-idle'));
</script></body></html>`;
const bare = createServer((req, res) => {
  const path = req.url === '/' ? null : new URL(req.url ?? '/', 'http://x').pathname;
  if (!path) return res.writeHead(200, { 'content-type': 'text/html' }).end(BARE);
  try {
    const body = readFileSync(new URL(`../node_modules/maplibre-gl/dist${path}`, import.meta.url));
    res.writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;

const worker = await startWorker();

/** Navigates and returns the first-idle mark (ms from navigation start) and the scripts fetched before first paint. */
async function visit(url = worker.url) {
  const browser = await launchChromium();
  // Counts the frames drawn (a frame starts by clearing the colour buffer).
  await browser.addInitScript(() => {
    const w = window as unknown as { atlasFrames: number[] };
    w.atlasFrames = [];
    const clear = WebGL2RenderingContext.prototype.clear;
    WebGL2RenderingContext.prototype.clear = function (mask: number) {
      if (mask & this.COLOR_BUFFER_BIT) w.atlasFrames.push(performance.now());
      return clear.call(this, mask);
    };
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, undefined, { timeout: 60_000 });
  const result = await page.evaluate(() => {
    const idle = performance.getEntriesByName('atlas-first-idle')[0].startTime;
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
      .filter((r) => r.startTime < paint)
      .map((r) => new URL(r.name).pathname);
    const frames = (window as unknown as { atlasFrames: number[] }).atlasFrames.filter((t) => t <= idle).length;
    // The page's own marks (web/main.ts), for where the time goes.
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('atlas-')).map((m) => [m.name, m.startTime]));
    return { idle, paint, scripts, frames, marks };
  });
  return { browser, page, ...result };
}

/** The time to draw one whole frame of the loaded map, median of 5 (the GPU has finished when a pixel can be read). */
const frameCost = (page: import('playwright-core').Page) =>
  page.evaluate(async () => {
    const map = (window as unknown as { atlas: { map: import('maplibre-gl').Map; ready: Promise<void> } }).atlas;
    await map.ready;
    const gl = (map.map.getCanvas().getContext('webgl2') as WebGL2RenderingContext);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      map.map.triggerRepaint();
      await new Promise((r) => map.map.once('render', r));
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2];
  });

const timeline: Record<string, number[]> = {};
const frames: number[] = [];
const frameMs: number[] = [];
const cold: number[] = [];
const warm: number[] = [];
const floor: number[] = [];
let scripts: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const base = await visit(bareUrl);
  floor.push(base.idle);
  await base.browser.close();
  const first = await visit();
  cold.push(first.idle);
  // Labels are added once their font is there; the map is whole when they are drawn.
  await first.page.waitForFunction(() => performance.getEntriesByName('atlas-labels-drawn').length > 0, undefined, { timeout: 60_000 });
  const marks = { ...first.marks, ...(await first.page.evaluate(() => ({ 'atlas-labels-drawn': performance.getEntriesByName('atlas-labels-drawn')[0].startTime }))) };
  for (const [name, at] of Object.entries(marks)) (timeline[name] ??= []).push(at);
  frames.push(first.frames);
  frameMs.push(await frameCost(first.page));
  scripts = first.scripts;
  await first.page.reload();
  await first.page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, undefined, { timeout: 60_000 });
  warm.push(await first.page.evaluate(() => performance.getEntriesByName('atlas-first-idle')[0].startTime));
  await first.browser.close();
}
// The embed: what a news page's reader downloads.
const embedVisit = await visit(`${worker.url}/embed/ports`);
const embedScripts = embedVisit.scripts;
await embedVisit.browser.close();
await worker.stop();
bare.close();

const size = (path: string) => {
  const bytes = readFileSync(new URL(`../dist/web${path}`, import.meta.url));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const sized = scripts.map((s) => ({ path: s, ...size(s) }));
const maplibre = sized.filter((s) => /maplibre/.test(s.path));
const own = sized.filter((s) => !/maplibre/.test(s.path));
const sum = (xs: typeof sized) => xs.reduce((a, s) => a + s.gzip, 0);

console.log(`${RUNS} runs, headless Chromium (SwiftShader WebGL), the worker in workerd (Miniflare) on 127.0.0.1`);
console.log('first idle, cold (fresh profile)'.padEnd(40), `median ${pct(cold, 0.5).toFixed(0)} ms`.padStart(16), `p95 ${pct(cold, 0.95).toFixed(0)} ms`.padStart(14), `target < ${TARGET_MS} ms`, pct(cold, 0.5) < TARGET_MS ? 'ok' : 'OVER');
console.log('first idle, warm (reload)'.padEnd(40), `median ${pct(warm, 0.5).toFixed(0)} ms`.padStart(16), `p95 ${pct(warm, 0.95).toFixed(0)} ms`.padStart(14));
console.log('first idle, bare MapLibre (the floor)'.padEnd(40), `median ${pct(floor, 0.5).toFixed(0)} ms`.padStart(16), `p95 ${pct(floor, 0.95).toFixed(0)} ms`.padStart(14), `atlas / floor ${(pct(cold, 0.5) / pct(floor, 0.5)).toFixed(2)}×`);
console.log('labels drawn, cold'.padEnd(40), `median ${pct(timeline['atlas-labels-drawn'], 0.5).toFixed(0)} ms`.padStart(16), `p95 ${pct(timeline['atlas-labels-drawn'], 0.95).toFixed(0)} ms`.padStart(14));
console.log('  cold timeline (medians):', Object.entries(timeline).sort((a, b) => pct(a[1], 0.5) - pct(b[1], 0.5)).map(([name, at]) => `${name.replace('atlas-', '')} ${pct(at, 0.5).toFixed(0)}`).join(', '));
console.log('frames drawn before first idle'.padEnd(40), `median ${pct(frames, 0.5)}`.padStart(16), `one whole frame ${pct(frameMs, 0.5).toFixed(0)} ms (median)`);
console.log('JavaScript before first paint, gzipped'.padEnd(40), kb(sum(sized)).padStart(16), `(MapLibre ${kb(sum(maplibre))}, the atlas ${kb(sum(own))})`);
for (const s of sized) console.log(`  ${s.path}`.padEnd(40), kb(s.gzip).padStart(16), `(${kb(s.raw)} raw)`);
const embedSized = embedScripts.map((path) => ({ path, ...size(path) }));
console.log('embed: JavaScript before first paint'.padEnd(40), kb(sum(embedSized)).padStart(16), `(MapLibre ${kb(sum(embedSized.filter((x) => /maplibre/.test(x.path))))}, the embed ${kb(sum(embedSized.filter((x) => !/maplibre/.test(x.path))))})`);
