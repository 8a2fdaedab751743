import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { buildNetwork } from '../../geo/network/build.ts';
import { withParams, DEFAULT_PARAMS } from '../../geo/network/params.ts';
import { scenarioKey, type Scenario } from '../../geo/network/scenario.ts';
import { createAnalyses } from '../../geo/reach/analyses.ts';
import { districtCells, nearCells, type CirclePlace } from '../../geo/reach/circle.ts';
import { CELL_DEG } from '../../geo/reach/field.ts';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { travelMatrix } from '../../geo/reach/matrix.ts';
import { fieldMemo, measureCircle, projectImpacts, projectsOf } from '../../geo/reach/impact.ts';
import { switchableNetwork } from '../../geo/network/switch.ts';
import type { Network } from '../../geo/network/graph.ts';
import { reachFrom } from '../../geo/network/trip.ts';
import { timeTo } from '../../geo/network/access.ts';
import { FOUR_PLACES } from '../../geo/four-places.ts';
import { impact } from '../../geo/api/impact.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import type { LayerId } from '../../geo/layers.ts';
import { A, B, fixtureLayers } from '../fixtures/layers.ts';

const square = (w: number, s: number, e: number, n: number): Feature<Polygon> => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });

describe('scenarios and impact on a hand-built network (the fixture)', () => {
  const layers = fixtureLayers();
  const source = { rail: layers.rail.features, roads: layers.roads.features, places: layers.places.features };
  const scenario = (w: string[], wo: string[] = []): Scenario => ({ with: w, without: wo });

  it('adds the line’s edges with `with` and removes them with `without`', () => {
    const own = buildNetwork(source, 2027, withParams());
    const added = buildNetwork(source, 2027, withParams(), scenario(['test-line']));
    expect(own.edges.some((e) => e.line === 'test-line')).toBe(false);
    expect(added.edges.filter((e) => e.line === 'test-line')).toHaveLength(1);
    expect(added.scenario.with).toEqual(['test-line']);
    const removed = buildNetwork(source, 2030, withParams(), scenario([], ['test-line']));
    expect(removed.edges.some((e) => e.line === 'test-line')).toBe(false);
    // With the line, 2027 is 2030 (same edges, same minutes). (Without it, 2030 keeps its stations, which open by their own record.)
    expect(added.edges.map((e) => e.minutes)).toEqual(buildNetwork(source, 2030, withParams()).edges.map((e) => e.minutes));
  });

  it('saves what the ride saves, known by hand: two seats at the stations, 20 min to board, 15 to ride 40 km, 5 to leave', () => {
    const places: CirclePlace[] = [
      { id: 'a', lonLat: A as [number, number], name_zh: 'a', name_en: 'a', district: square(108.3, 30.8, 108.45, 30.95) },
      { id: 'b', lonLat: B as [number, number], name_zh: 'b', name_en: 'b', district: square(108.3, 31.1, 108.45, 31.25) },
    ];
    const r = projectImpacts({ network: (s) => buildNetwork(source, 2027, withParams(), s), projects: ['test-line'], places, minutes: 60 });
    const alone = r.alone.get('test-line')!;
    const ride = DEFAULT_PARAMS.boardingMinutes + (40 / DEFAULT_PARAMS.hsrSpeedKmh) * 60 + DEFAULT_PARAMS.alightingMinutes;
    expect(alone.pairs[0].after).toBeCloseTo(ride, 1);
    expect(alone.saved_sum).toBeCloseTo(r.base.pairs[0]! - ride, 1);
    expect(alone.now_within).toBe(r.base.pairs[0]! > 60 ? 1 : 0);
    // One project: the plan complete is that project, and its marginal value is its own.
    expect(r.complete).toEqual(alone);
    expect(r.marginal.get('test-line')).toEqual(alone);
  });

  it('keys scenarios in any order alike', () => expect(scenarioKey({ with: ['b', 'a'], without: ['c'] })).toBe(scenarioKey({ with: ['a', 'b'], without: ['c'] })));
});

describe('scenarios and impact on the real data', () => {
  const data = buildBundle(Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>);
  const analyses = createAnalyses(data);
  const seats = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang'];
  const answer = impact.answer(analyses, { year: 2027, minutes: 60 } as never);

  it('never makes a trip faster by removing a line, nor slower by adding one', () => {
    const own = analyses.matrix(seats, 2027).minutes;
    const operating = ['wuyunkai-expressway'];
    const less = analyses.matrix(seats, 2027, {}, { with: [], without: operating }).minutes;
    const more = analyses.matrix(seats, 2027, {}, { with: answer.projects.map((p) => p.id), without: [] }).minutes;
    own.forEach((row, i) =>
      row.forEach((m, j) => {
        expect(less[i][j]!).toBeGreaterThanOrEqual(m!);
        expect(more[i][j]!).toBeLessThanOrEqual(m!);
      }),
    );
    expect(analyses.network(2027, {}, { with: [], without: operating }).edges.some((e) => e.line === operating[0])).toBe(false);
  });

  it('adds a project’s edges and leaves every other line’s as the year has them', () => {
    // kai-wan-liang is under construction in 2027: 2027 with it has its edges, and no other line changes.
    // (Adding a project and taking it away again gives the year's own answers: the switched views below,
    // each project on and off over one network, are held to the year's own network figure for figure.)
    const own = analyses.network(2027);
    const added = analyses.network(2027, {}, { with: ['kai-wan-liang-expressway'], without: [] });
    expect(added.edges.length).toBeGreaterThan(own.edges.length);
    expect(added.edges.filter((e) => e.line !== 'kai-wan-liang-expressway' && e.mode !== 'access').length).toBe(own.edges.filter((e) => e.mode !== 'access').length);
  });

  it('ranks every usable project: no pair slower, the complete plan at least as good as any one, unusable ones with why', () => {
    expect(answer.projects.length).toBeGreaterThan(0);
    for (const p of answer.projects) {
      for (const pair of p.alone.pairs) expect(pair.saved ?? 0).toBeGreaterThanOrEqual(0);
      expect(p.alone.area_km2).toBeGreaterThanOrEqual(0);
      expect(answer.complete.saved_sum).toBeGreaterThanOrEqual(p.alone.saved_sum);
      answer.complete.pairs.forEach((pair, k) => expect(pair.after!).toBeLessThanOrEqual(p.alone.pairs[k].after!));
      // Marginal values are not bounded by the project's own: they are only never negative.
      for (const pair of p.marginal.pairs) expect(pair.saved ?? 0).toBeGreaterThanOrEqual(0);
    }
    const ranks = answer.projects.map((p) => p.alone.saved_sum);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(answer.unusable).toContainEqual(expect.objectContaining({ id: 'wanqian-hsr', reason: 'no_stations' }));
    for (const u of answer.unusable) expect(() => analyses.network(2027, {}, { with: [u.id], without: [] })).toThrow(/cannot be added/);
    expect(answer.base.pairs.map((p) => p.minutes)).toEqual(analyses.circle(2027, 60).pairs.map((p) => p.minutes));
  });
});

describe('switched scenarios give what rebuilt ones give (geo/network/switch.ts)', () => {
  const data = buildBundle(Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>);
  const features = (id: LayerId) => data.layers[id].data.features;
  const source = { rail: features('rail'), roads: features('roads'), places: features('places'), rivers: features('rivers') };
  const analyses = createAnalyses(data);
  const seats: CirclePlace[] = FOUR_PLACES.map(({ id, adcode }) => ({
    ...analyses.endpoint(id, 'places'),
    id,
    name_zh: id,
    name_en: id,
    district: features('districts').find((d) => (d.properties as { adcode?: number }).adcode === adcode) as never,
  }));
  // Every place of the layer as a trip end too: exact minutes, not the circle's tenths.
  const ends = features('places').flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates as [number, number]] : []));
  const minutesFrom = (net: Network, seat: CirclePlace) => {
    const { tree } = reachFrom(net, seat);
    return ends.map((p) => timeTo(net, seat.lonLat, tree, p).minutes);
  };

  it('finds each district’s cells row by row exactly as a point-in-polygon test of every cell centre does', () => {
    const everyCell = (district: Feature<Polygon | MultiPolygon>) => {
      const coords = (district.geometry.type === 'Polygon' ? [district.geometry.coordinates] : district.geometry.coordinates).flat(2);
      const [w, s, e, n] = [Math.min(...coords.map((c) => c[0])), Math.min(...coords.map((c) => c[1])), Math.max(...coords.map((c) => c[0])), Math.max(...coords.map((c) => c[1]))];
      const every: [number, number][] = [];
      for (let col = Math.floor(w / CELL_DEG); col * CELL_DEG < e; col++)
        for (let row = Math.floor(s / CELL_DEG); row * CELL_DEG < n; row++) {
          const p: [number, number] = [(col + 0.5) * CELL_DEG, (row + 0.5) * CELL_DEG];
          if (booleanPointInPolygon(p, district)) every.push(p);
        }
      return every;
    };
    // The four districts, and a square whose edges run through cell centres (on the boundary is inside).
    const edge = square((5400 + 0.5) * CELL_DEG, (1500 + 0.5) * CELL_DEG, (5404 + 0.5) * CELL_DEG, (1504 + 0.5) * CELL_DEG);
    for (const district of [...seats.map((p) => p.district), edge]) expect(districtCells(district).centres).toEqual(everyCell(district));
    expect(districtCells(edge).centres).toHaveLength(25);
  });

  for (const year of [2023, 2027]) {
    const usable = projectsOf([...features('rail'), ...features('roads')], year).filter((p) => !p.unusable).map((p) => p.feature.properties.id as string);
    const scenarios: Scenario[] = [[], ...usable.map((id) => [id]), usable, ...usable.map((id) => usable.filter((p) => p !== id))].map((w) => ({ with: w, without: [] }));

    it(`${year}: the year, each of its ${usable.length} projects alone, the plan complete and the plan less each one`, () => {
      expect(usable.length).toBeGreaterThan(0);
      const switchable = switchableNetwork(source, year, withParams(), usable);
      const memo = fieldMemo();
      for (const scenario of scenarios) {
        const view = switchable.view(scenario);
        const built = buildNetwork(source, year, withParams(), scenario);
        const label = scenarioKey(scenario) || 'the year';
        expect(measureCircle(view, seats, 60, memo), label).toEqual(measureCircle(built, seats, 60));
        expect(minutesFrom(view, seats[0]), label).toEqual(minutesFrom(built, seats[0]));
        expect(view.lines.map((l) => l.id).sort(), label).toEqual(built.lines.map((l) => l.id).sort());
        // And the measure is the circle's own (the matrix's pairs, nearCells' area), for the year and the plan complete.
        if (scenario.with.length === 0 || scenario.with.length === usable.length) {
          const { pairs, near } = measureCircle(built, seats, 60);
          const m = travelMatrix(built, seats).minutes;
          expect(pairs).toEqual(seats.flatMap((_, i) => seats.slice(i + 1).map((__, d) => Math.max(m[i][i + 1 + d]!, m[i + 1 + d][i]!))));
          expect(near).toEqual(nearCells(built, seats, 60));
        }
        // The same live edges, counted by kind (a view's edge list is the union's; its adjacency holds the live ones).
        const arcs = (net: Network) => [...net.adjEdge].map((k) => `${net.edges[k].mode}:${net.edges[k].line}`).sort();
        expect(arcs(view), label).toEqual(arcs(built));
      }
    });
  }
});
