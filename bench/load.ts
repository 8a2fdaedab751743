/**
 * `npm run bench:load`: the atlas under concurrent load, against the local worker
 * (workerd through Miniflare, on 127.0.0.1: tests/support/worker.ts). A cycled mix of
 * requests (about 40 % layer reads, 35 % analyses, 25 % images) at rising concurrency 1, 8, 32 and 64,
 * each step bounded in time (`DURATION` seconds, default 10), after one warm-up
 * pass over every URL (each must answer 200; `EXCLUDE=path,…` leaves some out).
 * Prints, per step: requests done, throughput, p50 and p99 latency, p99 / p50 and
 * errors (connection errors, timeouts, non-2xx responses).
 * Target (issue: load test): every step with zero errors and p99 ≤ 10 × p50.
 */
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { startWorker } from '../tests/support/worker.ts';

const DURATION = Number(process.env.DURATION ?? 10);
const STEPS = [1, 8, 32, 64];
const MAX_RATIO = 10;

const BBOX = '108.2,30.6,108.6,31.0';
const LAYERS = [
  '/api/layers',
  '/api/layers/rail',
  '/api/layers/ports?year=2027',
  '/api/layers/hospitals?status=operating',
  `/api/layers/roads?bbox=${BBOX}`,
  '/api/layers/places',
  '/api/layers/airports',
  '/api/layers/parks?year=2030',
  '/api/layers/corridors',
  '/api/layers/rail?year=2023',
  '/api/layers/roads?status=operating,under_construction',
  `/api/layers/ports?bbox=${BBOX}`,
  `/api/layers/hospitals?year=2027&bbox=${BBOX}`,
  '/api/layers/rivers',
  '/api/layers/districts',
  '/api/layers/ports/features/xintian-port-phase-1',
];
const ANALYSES = [
  '/api/reach?from=wanzhou&minutes=30,60,90',
  '/api/reach?from=dazhou&minutes=30,60&year=2023',
  '/api/reach?from=108.6,31.0&minutes=60',
  '/api/reach?from=kaizhou&minutes=60,120&year=2030',
  '/api/reach?from=108.41,30.81&minutes=30,60',
  '/api/reach?from=yunyang&minutes=45',
  '/api/matrix',
  '/api/matrix?year=2023',
  '/api/matrix?places=wanzhou,dazhou,kaizhou,yunyang&year=2030',
  '/api/circle?compare=2023',
  '/api/circle?year=2030&minutes=90',
  '/api/plan?year=2027',
  '/api/plan?year=2023',
  '/api/network?year=2027',
];
// Named views from geo/data/views.json; `view` takes the explorer's state (worker/routes/static.ts).
const IMAGES = [
  '/static/ports.svg',
  '/static/ports.png',
  '/static/view.png?year=2027&from=wanzhou',
  '/static/one-hour-circle-2027.png',
  '/static/transport-hub.svg',
  '/static/hospitals-30min.svg',
  '/static/eco-corridors.png?lang=en',
  '/static/view.svg?year=2023&off=rivers',
  '/static/one-hour-circle-2023.svg',
  '/static/ports.png?theme=dark&width=600&height=315',
];

/** The groups interleaved in proportion, so that every stretch of the cycle is a mix. */
function interleave(...groups: string[][]): string[] {
  return groups
    .flatMap((g) => g.map((path, i) => ({ path, at: (i + 0.5) / g.length })))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.path);
}
// `EXCLUDE=path,path`: leaves URLs out of the mix (say, one with an open bug), named in the header.
const EXCLUDE = (process.env.EXCLUDE ?? '').split(',').filter(Boolean);
const keep = (g: string[]) => g.filter((path) => !EXCLUDE.includes(path));
const [layers, analyses, images] = [keep(LAYERS), keep(ANALYSES), keep(IMAGES)];
const MIX = interleave(layers, analyses, images);

const share = (g: string[]) => `${Math.round((100 * g.length) / MIX.length)} %`;
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Fetches every URL once (the warm-up) and throws naming each that does not answer 200. */
async function checkAll(base: string): Promise<void> {
  const bad: string[] = [];
  for (const path of MIX) {
    try {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (res.status !== 200) bad.push(`${path} → ${res.status}`);
    } catch (e) {
      bad.push(`${path} → ${(e as Error).message}`);
    }
  }
  if (bad.length) throw new Error(`${bad.length} URL(s) of the mix do not answer 200:\n  ${bad.join('\n  ')}`);
}

/** One step: `connections` clients cycling through the mix for DURATION seconds. */
async function step(base: string, connections: number) {
  const r = await autocannon({
    url: base,
    connections,
    duration: DURATION,
    requests: MIX.map((path) => ({ method: 'GET' as const, path })),
  });
  const errors = r.errors + r.non2xx; // r.errors already includes the timeouts
  const ratio = r.latency.p99 / Math.max(r.latency.p50, 1);
  // A step that got no answer at all (requests still pending when it ended) is a miss, not a pass.
  const ok = r.requests.total > 0 && errors === 0 && ratio <= MAX_RATIO;
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count ?? 0}`);
  return { r, errors, ratio, ok, codes };
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${MIX.length} URLs cycled: ${layers.length} layer reads (${share(layers)}), ${analyses.length} analyses (${share(analyses)}), ${images.length} images (${share(images)}); ${DURATION} s a step`);
if (EXCLUDE.length) console.log(`excluded (EXCLUDE): ${EXCLUDE.join(' ')}`);

const worker = await startWorker();
let failed = 0;
try {
  await checkAll(worker.url);
  console.log('conns'.padStart(5), 'requests'.padStart(9), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'p99/p50'.padStart(8), 'errors'.padStart(7), ` target: 0 errors, p99 ≤ ${MAX_RATIO} × p50`);
  for (const connections of STEPS) {
    const { r, errors, ratio, ok, codes } = await step(worker.url, connections);
    if (!ok) failed++;
    console.log(
      pad(connections, 5),
      pad(r.requests.total, 9),
      pad((r.requests.total / r.duration).toFixed(1), 8),
      pad(r.latency.p50, 8),
      pad(r.latency.p99, 8),
      pad(ratio.toFixed(1), 8),
      pad(errors, 7),
      ok ? ' ok' : ' MISSED',
      ...(errors ? [`(${r.errors} connection errors of which ${r.timeouts} timeouts; non-2xx: ${codes.join(', ') || 'none'})`] : []),
      ...(r.requests.total ? [] : [`(no answer; ${r.requests.sent} sent)`]),
    );
  }
} finally {
  await worker.stop();
}
if (failed) process.exitCode = 1;
