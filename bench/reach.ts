/**
 * `npm run bench`: the reach analyses' speed on the real data, in one run.
 * Prints the median and p95 of each case and compares alternatives side by side.
 * Targets (issues: reach analysis; smooth isochrones): network build < 100 ms, a 30/60/90 reach
 * < 20 ms and a 60/120/180/240 one < 60 ms at the 0.005° field, a route < 2 ms, four-place matrix
 * < 2 ms once the network is built, and the 30/60/90 reach's response body < 60 kB. Side by side:
 * the contours as traced and as simplified (what the simplification costs, and saves in the body).
 * Issue 19 (scenarios): the full impact ranking for 2027 < 1 s cold and from the memo afterwards, one
 * scenario matrix < 5 ms once its network is built; side by side, what one scenario costs (its network
 * built, its circle measured: the pairs and the area). Issue 19 (speed): side by side, a scenario's
 * network rebuilt and switched (one network with every project, geo/network/switch.ts), the ranking
 * on each, warm, and cold in fresh processes (bench/impact-cold.ts), with the ratios.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { buildBundle } from '../geo/bundle.ts';
import { accessLegs, type AccessLeg } from '../geo/network/access.ts';
import { buildNetwork } from '../geo/network/build.ts';
import type { Network } from '../geo/network/graph.ts';
import { accessMinutes } from '../geo/network/access.ts';
import { withParams } from '../geo/network/params.ts';
import { distanceKm, type LonLat } from '../geo/geodesy.ts';
import { createAnalyses } from '../geo/reach/analyses.ts';
import { reachFrom } from '../geo/network/trip.ts';
import { timeTo } from '../geo/network/access.ts';
import { LAYER_IDS } from '../geo/catalog.ts';
import { reach } from '../geo/api/reach.ts';
import { contourBands } from '../geo/reach/contours.ts';
import { simplifyBands } from '../geo/reach/simplify.ts';
import { SIMPLIFY_TOLERANCE } from '../geo/reach/isochrones.ts';
import type { LayerId } from '../geo/layers.ts';
import { percentile as pct } from './percentile.ts';
import { impact } from '../geo/api/impact.ts';
import { measureCircle } from '../geo/reach/impact.ts';
import { nearCells } from '../geo/reach/circle.ts';
import { travelMatrix } from '../geo/reach/matrix.ts';
import { FOUR_PLACES } from '../geo/four-places.ts';
import { spawnSync } from 'node:child_process';
import { switchableNetwork } from '../geo/network/switch.ts';
import { fieldMemo, projectImpacts, projectsOf } from '../geo/reach/impact.ts';

const data = buildBundle(
  Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>,
);
const features = (id: LayerId) => data.layers[id].data.features;
const source = { rail: features('rail'), roads: features('roads'), places: features('places'), rivers: features('rivers') };
const analyses = createAnalyses(data);

/** Runs `fn` after a warm-up and returns the sorted timings in ms. */
function time(fn: () => unknown, runs: number, warmup = 5): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

// Side by side: the four places' trips with the access legs the router takes (those no nearer node of
// the same road serves as fast) and with a leg to every node on the side, which gives the same minutes.
const net2027 = analyses.network(2027);
const four = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang'].map((id) => analyses.endpoint(id, 'from'));
const everyLeg = (net: Network, p: LonLat): AccessLeg[] =>
  net.street.members
    .filter((i) => net.nodes[i].side === net.barrier.side(p))
    .map((i) => {
      const km = distanceKm(p, [net.nodes[i].lon, net.nodes[i].lat]);
      return { node: i, km: km * net.params.accessCircuity, minutes: accessMinutes(net.params, km) };
    });
const trips = (legsOf: (net: Network, p: LonLat) => AccessLeg[]) => () => {
  const legs = four.map((p) => legsOf(net2027, p.lonLat));
  return four.map((p, i) => {
    const reached = reachFrom(net2027, p, Infinity, legs[i]);
    return four.map((q, j) => timeTo(net2027, p.lonLat, reached.tree, q.lonLat, legs[j]).minutes);
  });
};

// A synthetic field the size of a 90-minute reach (0.005°, 2.2° × 1.6°): 2 minutes a kilometre from its middle, with ripples.
const cone = (() => {
  const [cols, rows] = [440, 320];
  const grid = { west: 107.3, south: 30.2, step: 0.005, cols, rows };
  const minutes = Float64Array.from({ length: cols * rows }, (_, n) => {
    const [x, y] = [(n % cols) - cols / 2, Math.floor(n / cols) - rows / 2];
    const edge = n % cols === 0 || n % cols === cols - 1 || n < cols || n >= cols * (rows - 1);
    return edge ? Infinity : Math.hypot(x * 0.48, y * 0.555) * 2 + 6 * Math.sin(x / 17) * Math.cos(y / 23);
  });
  return { grid, minutes };
})();

const kaiWanLiang = { with: ['kai-wan-liang-expressway'], without: [] };
const scenarioNet = analyses.network(2027, {}, kaiWanLiang);
const circlePlaces = FOUR_PLACES.map(({ id, adcode }) => ({
  ...analyses.endpoint(id, 'places'), id, name_zh: id, name_en: id,
  district: features('districts').find((d) => (d.properties as { adcode?: number }).adcode === adcode) as never,
}));
// The impact ranking, cold: fresh analyses (no network, no memo), every project's networks built.
const tImpact = performance.now();
impact.answer(createAnalyses(data), { year: 2027, minutes: 60 } as never);
const coldImpact = performance.now() - tImpact;

// Switched scenarios: one network of 2027 with every usable project, a view per scenario.
const usable2027 = projectsOf([...features('rail'), ...features('roads')], 2027).filter((p) => !p.unusable).map((p) => p.feature.properties.id);
const switchable = switchableNetwork(source, 2027, withParams(), usable2027);
const switchedNet = switchable.view(kaiWanLiang);
const memo = fieldMemo();
measureCircle(switchable.view({ with: [], without: [] }), circlePlaces, 60, memo);
const rankRebuilt = () => projectImpacts({ network: (s) => buildNetwork(source, 2027, withParams(), s), projects: usable2027, places: circlePlaces, minutes: 60 });
const rankSwitched = () => {
  const sw = switchableNetwork(source, 2027, withParams(), usable2027);
  return projectImpacts({ network: (s) => sw.view(s), projects: usable2027, places: circlePlaces, minutes: 60 });
};

const places25 = features('places').map((f) => f.properties.id).concat(['station-wanzhou-north', 'station-dazhou', 'wanzhou-wuqiao-airport']).slice(0, 25);
const cases: { name: string; target?: number; fn: () => unknown; runs: number; warmup?: number }[] = [
  { name: 'network build, 2023', target: 100, fn: () => buildNetwork(source, 2023, withParams()), runs: 50 },
  { name: 'network build, 2027', target: 100, fn: () => buildNetwork(source, 2027, withParams()), runs: 50 },
  { name: 'reach 30/60/90 from wanzhou, 2027', target: 20, fn: () => analyses.reach('wanzhou', [30, 60, 90], 2027), runs: 50 },
  { name: 'reach 30/60/90 from 108.6,31.0, 2027', target: 20, fn: () => analyses.reach('108.6,31.0', [30, 60, 90], 2027), runs: 50 },
  { name: 'reach 60/120/180/240 from wanzhou, 2027', target: 60, fn: () => analyses.reach('wanzhou', [60, 120, 180, 240], 2027), runs: 20 },
  { name: '  contours of a 0.005° cone field, as traced', fn: () => contourBands(cone.grid, cone.minutes, [30, 60, 90]), runs: 50 },
  { name: '  the same, then simplified', fn: () => simplifyBands(contourBands(cone.grid, cone.minutes, [30, 60, 90]).map((b) => b.coordinates), SIMPLIFY_TOLERANCE), runs: 50 },
  { name: 'route wanzhou → dazhou, 2027', target: 2, fn: () => analyses.route('wanzhou', 'dazhou', 2027), runs: 200 },
  { name: 'route kaizhou → a point, 2027', target: 2, fn: () => analyses.route('kaizhou', '108.9,30.95', 2027), runs: 200 },
  { name: 'matrix of the four places, 2027', target: 2, fn: () => analyses.matrix(['wanzhou', 'dazhou', 'kaizhou', 'yunyang'], 2027), runs: 200 },
  { name: '  four places, legs as the router takes them', fn: trips(accessLegs), runs: 200 },
  { name: '  four places, a leg to every node', fn: trips(everyLeg), runs: 200 },
  { name: `matrix of ${places25.length} places, 2027`, fn: () => analyses.matrix(places25, 2027), runs: 50 },
  { name: 'one-hour circle, 2027', fn: () => analyses.circle(2027, 60), runs: 30 },
  { name: 'scenario matrix, four places, 2027 + 开万梁', target: 5, fn: () => analyses.matrix(['wanzhou', 'dazhou', 'kaizhou', 'yunyang'], 2027, {}, kaiWanLiang), runs: 200 },
  { name: '  a scenario network, built', fn: () => buildNetwork(source, 2027, withParams(), kaiWanLiang), runs: 30 },
  { name: '  its circle measured (pairs and area)', fn: () => measureCircle(scenarioNet, circlePlaces, 60), runs: 30 },
  { name: '    the pairs alone (the matrix)', fn: () => travelMatrix(scenarioNet, circlePlaces), runs: 100 },
  { name: '    the area alone (four fields)', fn: () => nearCells(scenarioNet, circlePlaces, 60), runs: 30 },
  { name: '  a scenario network, switched (a view)', fn: () => switchable.view(kaiWanLiang), runs: 30 },
  { name: '  its circle measured on the view, fresh fields', fn: () => measureCircle(switchedNet, circlePlaces, 60), runs: 30 },
  { name: '  the same, its fields from the memo', fn: () => measureCircle(switchedNet, circlePlaces, 60, memo), runs: 30 },
  { name: `impact ranking 2027 (${2 * usable2027.length + 2} scenarios), rebuilt`, fn: rankRebuilt, runs: 5, warmup: 1 },
  { name: '  the same, switched', target: 1000, fn: rankSwitched, runs: 5, warmup: 1 },
  { name: 'impact ranking 2027, fresh analyses', target: 1000, fn: () => impact.answer(createAnalyses(data), { year: 2027, minutes: 60 } as never), runs: 5, warmup: 1 },
  { name: 'impact ranking 2027, from the memo', fn: () => impact.answer(analyses, { year: 2027, minutes: 60 } as never), runs: 50 },
  { name: 'plan figures, a year (lines measured once)', fn: () => analyses.plan(2027), runs: 200 },
];

// The first plan call measures every line inside the target areas; time it on fresh analyses.
const t0 = performance.now();
createAnalyses(data).plan(2027);
const firstPlan = performance.now() - t0;

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log('case'.padEnd(44), 'median ms'.padStart(10), 'p95 ms'.padStart(9), 'target'.padStart(8), '');
let failed = 0;
const medians = new Map<string, number>();
for (const c of cases) {
  const xs = time(c.fn, c.runs, c.warmup);
  const median = pct(xs, 0.5);
  medians.set(c.name, median);
  const verdict = c.target === undefined ? '' : median < c.target ? 'ok' : 'OVER';
  if (verdict === 'OVER') failed++;
  console.log(c.name.padEnd(44), median.toFixed(2).padStart(10), pct(xs, 0.95).toFixed(2).padStart(9), (c.target ? `< ${c.target}` : '').padStart(8), verdict);
}
// The response bodies of the reach, as served (the target is the 30/60/90 one from a seat).
for (const [from, minutes] of [['wanzhou', [30, 60, 90]], ['wanzhou', [60, 120, 180, 240]], ['108.6,31.0', [30, 60, 90]]] as const) {
  const body = JSON.stringify(reach.answer(analyses, { from, minutes: [...minutes], year: 2027 } as never));
  const kB = body.length / 1000;
  const target = from === 'wanzhou' && minutes.length === 3 ? 60 : undefined;
  if (target && kB >= target) failed++;
  console.log(`reach body, ${minutes.join('/')} from ${from} (kB)`.padEnd(44), kB.toFixed(1).padStart(10), ''.padStart(9), (target ? `< ${target}` : '').padStart(8), target ? (kB < target ? 'ok' : 'OVER') : '');
}
console.log('impact ranking 2027, cold (one run)'.padEnd(44), coldImpact.toFixed(2).padStart(10), ''.padStart(9), '< 1000'.padStart(8), coldImpact < 1000 ? 'ok' : 'OVER');
if (coldImpact >= 1000) failed++;
// Cold in fresh processes: nothing compiled, nothing cached (bench/impact-cold.ts), switched and rebuilt.
const cold = (mode: string, runs: number) =>
  Array.from({ length: runs }, () => {
    const out = spawnSync(process.execPath, [...process.execArgv, new URL('./impact-cold.ts', import.meta.url).pathname, mode], { encoding: 'utf8' });
    return (JSON.parse(out.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
  }).sort((a, b) => a - b);
for (const [mode, runs, target] of [['switched', 7, 1000], ['rebuilt', 3, undefined]] as const) {
  const xs = cold(mode, runs);
  medians.set(`cold ${mode}`, pct(xs, 0.5));
  const verdict = target === undefined ? '' : pct(xs, 0.5) < target ? 'ok' : 'OVER';
  if (verdict === 'OVER') failed++;
  console.log(`impact ranking 2027, cold process, ${mode} (${runs})`.padEnd(44), pct(xs, 0.5).toFixed(2).padStart(10), pct(xs, 0.95).toFixed(2).padStart(9), (target ? `< ${target}` : '').padStart(8), verdict);
}
// Ratios of medians: rebuilt over switched.
const ratio = (a: string, b: string) => (medians.get(a)! / medians.get(b)!).toFixed(1);
console.log(`ratios (rebuilt ÷ switched): a scenario's network ${ratio('  a scenario network, built', '  a scenario network, switched (a view)')}×, its circle ${ratio('  its circle measured (pairs and area)', '  the same, its fields from the memo')}× (memo), the ranking ${ratio(`impact ranking 2027 (${2 * usable2027.length + 2} scenarios), rebuilt`, '  the same, switched')}× warm, ${ratio('cold rebuilt', 'cold switched')}× cold`);
console.log('plan figures, first call (measures the lines)'.padEnd(44), firstPlan.toFixed(2).padStart(10), '(one run)'.padStart(9));
if (failed) process.exitCode = 1;
