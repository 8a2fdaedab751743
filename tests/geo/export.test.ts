import { readFileSync } from 'node:fs';
import dijkstra from 'dijkstrajs';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { BARRIER_RIVERS } from '../../geo/network/barrier.ts';
import { networkExport, type NetworkExport } from '../../geo/network/export.ts';
import { createAnalyses } from '../../geo/reach/analyses.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import type { LayerId } from '../../geo/layers.ts';

// What `/api/network` promises: a plain Dijkstra over its edges, with the local-road rule it states,
// gives `/api/matrix`'s minutes. Everything here is written from the export's own description, not
// from the atlas's router: the shortest paths are dijkstrajs's, the distances and the river's sides
// are computed afresh.
const layers = Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>;
const analyses = createAnalyses(buildBundle(layers));
const rivers = (layers.rivers as unknown as { features: { properties: { id: string }; geometry: { type: string; coordinates: number[][] } }[] }).features;

type Lon = number;
type Lat = number;

/** Haversine on the export's sphere. */
function km([lon1, lat1]: [Lon, Lat], [lon2, lat2]: [Lon, Lat], radius: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The side of a position: one bit per barrier river, set when a ray due north crosses it an odd number of times. */
function side([x, y]: [Lon, Lat], barrier: string[]): number {
  let bits = 0;
  barrier.forEach((id, bit) => {
    const line = rivers.find((f) => f.properties.id === id)!.geometry.coordinates;
    let crossings = 0;
    for (let i = 1; i < line.length; i++) {
      const [[x1, y1], [x2, y2]] = [line[i - 1], line[i]];
      if (x1 <= x === x2 <= x) continue;
      if (y1 + ((x - x1) / (x2 - x1)) * (y2 - y1) > y) crossings++;
    }
    if (crossings % 2) bits |= 1 << bit;
  });
  return bits;
}

/** Minutes from one trip end to the others over the exported network, by the export's rule. */
function minutesFrom(ex: NetworkExport, ends: [Lon, Lat][], from: number): number[] {
  const graph: Record<string, Record<string, number>> = {};
  const link = (a: string, b: string, minutes: number) => {
    graph[a] ??= {};
    if (graph[a][b] === undefined || minutes < graph[a][b]) graph[a][b] = minutes;
  };
  const { accessCircuity, accessSpeedKmh } = ex.params;
  const legMinutes = (a: [Lon, Lat], b: [Lon, Lat]) => (km(a, b, ex.access.radiusKm) * accessCircuity * 60) / accessSpeedKmh;
  const street: { id: string; at: [Lon, Lat]; side: number }[] = [];
  const places: { id: string; at: [Lon, Lat]; side: number }[] = [];
  for (const f of ex.features) {
    const p = f.properties;
    if ('node' in p) {
      const node = { id: String(p.node), at: (f.geometry as { coordinates: [Lon, Lat] }).coordinates, side: p.side };
      (p.kind === 'place' ? places : street).push(node);
    } else {
      link(String(p.from), String(p.to), p.minutes);
      if (!p.oneway) link(String(p.to), String(p.from), p.minutes);
    }
  }
  // The legs the rule gives: each place node to every street node on its side and back (a trip may
  // pass through a town); the trip's start out to them, the other ends in from them (a trip passes
  // through no other trip's end), and the start straight to each end on its side.
  const sided = ends.map((at, i) => ({ id: `end${i}`, at, side: side(at, ex.access.barrier) }));
  for (const a of [...places, ...sided])
    for (const s of street)
      if (s.side === a.side) {
        const m = legMinutes(a.at, s.at);
        const start = a.id === `end${from}`;
        if (!a.id.startsWith('end') || start) link(a.id, s.id, m);
        if (!start) link(s.id, a.id, m);
      }
  const start = sided[from];
  for (const b of sided) if (b !== start && b.side === start.side) link(start.id, b.id, legMinutes(start.at, b.at));
  const before = dijkstra.single_source_shortest_paths(graph, `end${from}`);
  // The cost of each path, walked back through its predecessors.
  return ends.map((_, j) => {
    if (j === from) return 0;
    let total = 0;
    for (let v = `end${j}`; v !== `end${from}`; v = before[v]) {
      if (before[v] === undefined) return Infinity;
      total += graph[before[v]][v];
    }
    return total;
  });
}

describe('the exported network', () => {
  // The four seats and ten positions spread over the region (a fixed seed: the same ones every run).
  let seed = 20261204;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const points: string[] = [];
  while (points.length < 10) {
    const token = `${(107.2 + random() * 1.8).toFixed(4)},${(30.4 + random() * 1.2).toFixed(4)}`;
    try {
      analyses.endpoint(token, 'places');
      points.push(token);
    } catch {
      // outside the districts the analyses cover
    }
  }
  const tokens = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang', ...points];

  it.each([2023, 2027])('gives the matrix’s minutes by a plain Dijkstra over its edges and its access rule, in %i', (year) => {
    const matrix = analyses.matrix(tokens, year);
    const ex = JSON.parse(JSON.stringify(networkExport(analyses.network(year), BARRIER_RIVERS))) as NetworkExport;
    const ends = matrix.places.map((p) => p.lonLat as [Lon, Lat]);
    for (let i = 0; i < ends.length; i++) {
      const independent = minutesFrom(ex, ends, i);
      for (let j = 0; j < ends.length; j++) expect(Math.round(independent[j] * 10) / 10, `${tokens[i]} → ${tokens[j]}`).toBe(matrix.minutes[i][j]);
    }
  });

  it('lists every node a trip can join the network at, and no place leg the rule gives', () => {
    const net = analyses.network(2027);
    const ex = networkExport(net, BARRIER_RIVERS);
    const nodes = ex.features.filter((f) => 'node' in f.properties);
    expect(nodes.length).toBe(net.nodes.filter((n) => n.kind !== 'platform').length);
    expect(ex.features.some((f) => 'mode' in f.properties && f.properties.mode === 'access' && (net.nodes[f.properties.from].kind === 'place' || net.nodes[f.properties.to].kind === 'place'))).toBe(false);
    // Small enough to fetch: the legs of the places are the rule's, not a list.
    expect(JSON.stringify(ex).length).toBeLessThan(1_500_000);
  });
});
