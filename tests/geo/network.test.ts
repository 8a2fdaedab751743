import { readFileSync } from 'node:fs';
import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanValid } from '@turf/boolean-valid';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildBundle, type DataBundle } from '../../geo/bundle.ts';
import { distanceKm } from '../../geo/geodesy.ts';
import { buildNetwork } from '../../geo/network/build.ts';
import { modelDrive, modelRide, type CalibrationEntry } from '../../geo/network/calibrate.ts';
import { DEFAULT_PARAMS, withParams } from '../../geo/network/params.ts';
import { createAnalyses } from '../../geo/reach/analyses.ts';
import { compareCircles } from '../../geo/reach/circle.ts';
import { existsIn, type LifeProps } from '../../geo/lifecycle.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import type { LayerId } from '../../geo/layers.ts';
import { A, B, fixtureLayers } from '../fixtures/layers.ts';

const P = DEFAULT_PARAMS;
const accessMin = (km: number) => (km * P.accessCircuity * 60) / P.accessSpeedKmh;

describe('a hand-built network (the fixture)', () => {
  const layers = fixtureLayers();
  const analyses = createAnalyses(buildBundle(layers));
  const source = { rail: layers.rail.features, roads: layers.roads.features, places: layers.places.features };

  it('times a ride by the published length and the stated speed', () => {
    // test-line: 40 km published, no design speed → hsrSpeedKmh.
    const entry = { from: 'test-station-a', to: 'test-station-b', measures: 'ride' } as CalibrationEntry;
    expect(modelRide(buildNetwork(source, 2030, withParams()), entry).minutes).toBeCloseTo((40 / P.hsrSpeedKmh) * 60, 6);
  });

  it('charges boarding and alighting on a trip between the stations', () => {
    const m = analyses.matrix([A.join(','), B.join(',')], 2030);
    expect(m.minutes[0][1]).toBeCloseTo(P.boardingMinutes + (40 / P.hsrSpeedKmh) * 60 + P.alightingMinutes, 1);
    expect(m.routes[0][1]!.lines).toEqual(['test-line']);
    expect(m.routes[0][1]!.modes).toEqual(['high_speed_rail']);
  });

  it('leaves a line out before its opening year, and the trip is slower without it', () => {
    const before = analyses.matrix([A.join(','), B.join(',')], 2029).minutes[0][1]!;
    const after = analyses.matrix([A.join(','), B.join(',')], 2030).minutes[0][1]!;
    expect(before).toBeGreaterThan(after);
    // Without the line, the straight local-road leg is the fastest (the road does not go that way).
    expect(before).toBeCloseTo(accessMin(distanceKm(A, B)), 0);
  });

  it('refuses unknown places and points outside the atlas', () => {
    expect(() => analyses.matrix(['wanzhou', 'atlantis'], 2027)).toThrow(/unknown place "atlantis"/);
    expect(() => analyses.reach('2.35,48.85', [30], 2027)).toThrow(/outside the region/);
    // The fixture's districts span 108.0–108.8°E, 30.5–31.5°N: a point just beyond is refused too.
    expect(() => analyses.reach('109.0,30.8', [30], 2027)).toThrow(/outside the region the analyses cover \(longitude 108–108.8/);
  });
});

describe('the real network', () => {
  const data: DataBundle = buildBundle(
    Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>,
  );
  const analyses = createAnalyses(data);
  const calibration = JSON.parse(readFileSync(new URL('../../geo/network/calibration.json', import.meta.url), 'utf8')) as { entries: CalibrationEntry[] };

  it.each(calibration.entries.map((e) => [e.id, e] as const))('lands within ±20 %% of the published time: %s', (_id, entry) => {
    // A ride is the train alone, platform to platform; a drive the roads alone, seat to seat.
    const net = analyses.network(entry.year);
    const trip = entry.measures === 'ride' ? modelRide(net, entry) : modelDrive(net, analyses.endpoint(entry.from, 'from').lonLat, analyses.endpoint(entry.to, 'to').lonLat);
    expect(trip.minutes / entry.minutes, `${entry.id}: the model's ${trip.minutes.toFixed(1)} min`).toBeGreaterThanOrEqual(0.8);
    expect(trip.minutes / entry.minutes, `${entry.id}: the model's ${trip.minutes.toFixed(1)} min`).toBeLessThanOrEqual(1.2);
    // …and by the lines the source is about.
    expect(trip.lines.some((l) => entry.lines.includes(l)), `${entry.id} went by ${trip.lines.join(', ')}`).toBe(true);
  });

  it('has a calibration list of rail and road trips, each with a quoted source', () => {
    expect(calibration.entries.length).toBeGreaterThanOrEqual(20);
    expect(new Set(calibration.entries.map((e) => e.mode))).toEqual(new Set(['rail', 'road']));
    for (const e of calibration.entries) expect(e.source.quote.length, e.id).toBeGreaterThan(5);
  });

  const places = data.layers.places.data.features.map((f) => f.properties.id);

  it('draws each route as the matrix times it: legs end to end from the origin to the destination, along their lines', () => {
    const places = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang'];
    for (const year of [2023, 2027]) {
      const m = analyses.matrix(places, year);
      places.forEach((from, i) =>
        places.forEach((to, j) => {
          if (i === j) return;
          const { from: a, to: b, route } = analyses.route(from, to, year);
          expect(Math.round(route!.minutes * 10) / 10, `${from}→${to} ${year}`).toBe(m.minutes[i][j]);
          expect(route!.lines).toEqual(m.routes[i][j]!.lines);
          expect(route!.legs[0].coordinates[0]).toEqual(a.lonLat);
          expect(route!.legs.at(-1)!.coordinates.at(-1)).toEqual(b.lonLat);
          route!.legs.forEach((leg, k) => {
            expect(leg.coordinates.length).toBeGreaterThanOrEqual(2);
            // Consecutive legs meet (a transfer between them stays at one station).
            if (k > 0) expect(distanceKm(route!.legs[k - 1].coordinates.at(-1)!, leg.coordinates[0]), `${from}→${to} leg ${k}`).toBeLessThan(0.5);
            if (leg.line) expect(leg.name_zh, leg.line).toBeTruthy();
          });
        }),
      );
    }
  });

  it('keeps the triangle inequality and symmetry in the matrix', () => {
    for (const year of [2020, 2023, 2027, 2035]) {
      const { minutes } = analyses.matrix(places, year);
      for (let i = 0; i < places.length; i++)
        for (let j = 0; j < places.length; j++) {
          expect(minutes[i][j], `${places[i]}→${places[j]} ${year}`).not.toBeNull();
          expect(minutes[i][j]).toBeCloseTo(minutes[j][i]!, 5);
          for (let k = 0; k < places.length; k++) expect(minutes[i][j]!).toBeLessThanOrEqual(minutes[i][k]! + minutes[k][j]! + 0.2);
        }
    }
  });

  it('is never slower in a later year, while lines only open', () => {
    let previous = analyses.matrix(places, 2020).minutes;
    for (let year = 2021; year <= 2035; year++) {
      const { minutes } = analyses.matrix(places, year);
      minutes.forEach((row, i) => row.forEach((m, j) => expect(m!, `${places[i]}→${places[j]} ${year}`).toBeLessThanOrEqual(previous[i][j]! + 1e-6)));
      previous = minutes;
    }
  });

  it('draws nested, valid isochrones that contain their origin', () => {
    for (const from of ['wanzhou', 'dazhou', '108.6,31.0']) {
      const { origin, bands } = analyses.reach(from, [30, 60, 90, 120], 2027);
      let inner: MultiPolygon | null = null;
      for (const band of bands) {
        const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: band.coordinates };
        expect(booleanPointInPolygon(origin.lonLat, mp), `${from} ${band.minutes}`).toBe(true);
        for (const coordinates of band.coordinates) expect(booleanValid({ type: 'Polygon', coordinates })).toBe(true);
        // The parts never overlap: their areas add up to the band's (to the rounding of the raster).
        const parts = band.coordinates.reduce((s, coordinates) => s + area({ type: 'Polygon', coordinates }), 0) / 1e6;
        expect(Math.abs(parts - band.area_km2) / band.area_km2).toBeLessThan(0.02);
        // Nested: every vertex of the inner band lies in (or on) the outer one.
        if (inner) {
          const probes = inner.coordinates.flatMap((p) => p[0]).filter((_, i) => i % 7 === 0);
          for (const v of probes) expect(booleanPointInPolygon(v, mp, { ignoreBoundary: false })).toBe(true);
          expect(band.area_km2).toBeGreaterThanOrEqual(area(inner) / 1e6 - 1);
        }
        inner = mp;
      }
    }
  });

  it('lists only what exists in the year asked about', () => {
    const exists = new Map(LAYER_IDS.flatMap((id) => data.layers[id].data.features.map((f) => [f.properties.id, f.properties as LifeProps])));
    for (const year of [2005, 2020, 2027]) {
      const { within } = analyses.reach('wanzhou', [120], year);
      for (const list of Object.values(within))
        for (const f of list) {
          const p = exists.get(f.id)!;
          expect(existsIn(p, year), `${f.id} in ${year}`).toBe(true);
        }
    }
  });

  it('lists what lies within reach once, nearest first, each band counting what lies within its minutes and drawing it inside', () => {
    const { bands, within } = analyses.reach('wanzhou', [30, 60], 2027);
    expect((within.hospitals ?? []).map((h) => h.id)).toContain('three-gorges-hospital-cqu');
    const points = new Map(LAYER_IDS.flatMap((id) => data.layers[id].data.features.filter((f) => f.geometry.type === 'Point').map((f) => [f.properties.id, f.geometry.coordinates] as const)));
    for (const [layer, list] of Object.entries(within)) {
      expect(list.map((f) => f.minutes)).toEqual([...list.map((f) => f.minutes)].sort((a, b) => a - b));
      for (const band of bands) {
        expect(band.counts[layer as LayerId] ?? 0, `${layer} within ${band.minutes}`).toBe(list.filter((f) => f.minutes <= band.minutes).length);
        // A point listed within a band's minutes lies inside the band, or (drawn on a river, as ports are) within the field's step of its edge.
        const mp = { type: 'MultiPolygon' as const, coordinates: band.coordinates };
        for (const f of list.filter((f) => f.minutes <= band.minutes - 2 && points.has(f.id))) {
          const p = points.get(f.id) as [number, number];
          if (!booleanPointInPolygon(p, mp)) expect(pointToPolygonDistance(p, mp, { units: 'kilometers' }), `${f.id} in ${band.minutes}`).toBeLessThan(0.5);
        }
      }
    }
  });

  it('marks what is listed at a position it cannot be timed by: its uncertainty, and the seat it is drawn at', () => {
    const { within } = analyses.reach('wanzhou', [30], 2027);
    const parks = within.parks ?? [];
    const atSeat = parks.filter((p) => p.at_seat === 'wanzhou');
    expect(atSeat.length).toBeGreaterThan(0);
    for (const p of atSeat) expect(p.uncertainty_km).toBeGreaterThan(1);
    // The seat itself is not marked as drawn at itself.
    for (const p of within.places ?? []) expect(p.at_seat).toBeUndefined();
  });

  it('says which pairs of the four places are within an hour, and shows what the plan changes', () => {
    const before = analyses.circle(2023, 60);
    const after = analyses.circle(2027, 60);
    expect(before.pairs).toHaveLength(6);
    expect(before.worst!.minutes).toBe(Math.max(...before.pairs.map((p) => p.minutes!)));
    after.pairs.forEach((p, i) => expect(p.minutes!).toBeLessThanOrEqual(before.pairs[i].minutes!));
    for (const d of after.districts) {
      expect(d.share).toBeGreaterThanOrEqual(before.districts.find((x) => x.id === d.id)!.share - 1e-9);
      expect(d.share).toBeLessThanOrEqual(1);
    }
    expect(after.pairs.find((p) => p.from === 'wanzhou' && p.to === 'kaizhou')!.within).toBe(true);
  });

  it('crosses the Yangtze only on a bridge: a point across the river from the 万州 seat is not reached straight over the water', () => {
    const net = analyses.network(2027);
    const seat: [number, number] = [108.37567, 30.81008];
    // On the 江南 bank by the 牌楼 bridge, 4 km from the seat as the crow flies.
    const across: [number, number] = [108.42, 30.79];
    expect(net.barrier.side(across)).not.toBe(net.barrier.side(seat));
    const m = analyses.matrix(['wanzhou', across.join(',')], 2027);
    const straight = accessMin(distanceKm(seat, across));
    expect(m.minutes[0][1]!).toBeGreaterThan(straight + 1);
    // The way it takes crosses on a road: one of the bridges, or an expressway that crosses the river.
    const crossing = m.routes[0][1]!.legs.filter((l) => l.mode !== 'access').map((l) => l.line);
    expect(crossing.length).toBeGreaterThan(0);
    // And the bridge is what makes it close: without the city's bridges it would take longer.
    const bridges = ['wanzhou-yangtze-bridge', 'wanzhou-second-yangtze-bridge', 'wanzhou-pailou-yangtze-bridge'];
    expect(crossing.some((id) => bridges.includes(id!))).toBe(true);
    // The isochrone field too: a point beside it (inside its raster cell, whose centre is on the same
    // bank) lies outside the band that a leg straight over the water would put it in.
    const beside: [number, number] = [108.421, 30.791];
    const overWater = accessMin(distanceKm(seat, beside));
    const band = analyses.reach('wanzhou', [Math.ceil(overWater) + 1], 2027).bands[0];
    expect(booleanPointInPolygon(beside, { type: 'MultiPolygon', coordinates: band.coordinates })).toBe(false);
    expect(analyses.matrix(['wanzhou', beside.join(',')], 2027).minutes[0][1]!).toBeGreaterThan(overWater + 1);
  });

  it('compares two years the same way whichever is given first, each figure under its own year', () => {
    const [c2023, c2027] = [analyses.circle(2023, 60), analyses.circle(2027, 60)];
    const forward = compareCircles({ year: 2023, circle: c2023 }, { year: 2027, circle: c2027 });
    expect(compareCircles({ year: 2027, circle: c2027 }, { year: 2023, circle: c2023 })).toEqual(forward);
    expect(forward.years).toEqual([2023, 2027]);
    const wanda = forward.pairs.find((p) => p.from === 'wanzhou' && p.to === 'dazhou')!;
    expect(wanda.minutes[2023]).toBe(c2023.pairs.find((p) => p.from === 'wanzhou' && p.to === 'dazhou')!.minutes);
    expect(wanda.minutes[2027]).toBe(c2027.pairs.find((p) => p.from === 'wanzhou' && p.to === 'dazhou')!.minutes);
    expect(wanda.saved).toBeCloseTo(wanda.minutes[2023]! - wanda.minutes[2027]!, 1);
    const share = forward.districts.find((d) => d.id === 'kaizhou')!.share;
    expect([share[2023], share[2027]]).toEqual([c2023, c2027].map((c) => c.districts.find((d) => d.id === 'kaizhou')!.share));
  });

  it('puts the modelled kilometres beside the plan targets, and never pads a shortfall', () => {
    const plan = analyses.plan(2027);
    const wanzhou = plan.areas.find((a) => a.id === 'wanzhou')!;
    expect(wanzhou.target).toEqual({ rail_km: 246, hsr_km: 121, expressway_km: 260 });
    expect(plan.areas.find((a) => a.id === 'four-places')!.target).toEqual({ rail_km: 1418, expressway_km: 1661 });
    for (const a of plan.areas)
      for (const [m, target] of Object.entries(a.target) as [keyof typeof a.modelled, number][]) {
        if (a.modelled[m] < target) expect(a.shortfall[m]).toBe(target - a.modelled[m]);
        else expect(a.shortfall[m]).toBeUndefined();
      }
    expect(wanzhou.modelled.hsr_km).toBeGreaterThan(analyses.plan(2020).areas[0].modelled.hsr_km);
  });
});
