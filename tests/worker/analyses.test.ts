import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

const app = createApp({ data: buildBundle(fixtureLayers()) });
const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);
const json = async <T>(path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

async function expect400(path: string, message: RegExp) {
  const res = await get(path);
  expect(res.status, path).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(message);
}

describe('GET /api/network', () => {
  it('serves every edge with its nodes, minutes, mode and line, every node a trip can join it at, and the local-road rule', async () => {
    const fc = await json<{ type: string; year: number; access: { rule: string }; features: { geometry: { type: string } | null; properties: Record<string, unknown> }[] }>('/api/network?year=2030');
    expect(fc).toMatchObject({ type: 'FeatureCollection', year: 2030 });
    const edges = fc.features.filter((f) => f.geometry?.type !== 'Point').map((f) => f.properties);
    expect(edges.find((e) => e.mode === 'high_speed_rail')).toMatchObject({ line: 'test-line', oneway: false, minutes: 15 });
    expect(edges.filter((e) => e.oneway).length).toBeGreaterThan(0); // boarding and alighting
    expect(edges.some((e) => e.mode === 'access')).toBe(true);
    // Boarding, alighting and changing trains happen at a point: those edges carry no geometry.
    const atStations = fc.features.filter((f) => f.properties.mode === 'transfer');
    expect(atStations.length).toBeGreaterThan(0);
    for (const f of atStations) expect(f.geometry).toBeNull();
    const nodes = fc.features.filter((f) => f.geometry?.type === 'Point').map((f) => f.properties);
    expect(nodes).toContainEqual(expect.objectContaining({ kind: 'place', place: 'wanzhou', side: 0 }));
    expect(nodes).toContainEqual(expect.objectContaining({ kind: 'station', ref: 'test-station-a' }));
    expect(fc.access.rule).toMatch(/haversine km × accessCircuity × 60 \/ accessSpeedKmh/);
  });

  it('leaves out what is not open yet', async () => {
    const fc = await json<{ features: { properties: { mode?: string } }[] }>('/api/network?year=2029');
    expect(fc.features.some((f) => f.properties.mode === 'high_speed_rail')).toBe(false);
  });
});

describe('GET /api/reach', () => {
  it('answers bands, largest first, with areas and what lies inside', async () => {
    const fc = await json<{ origin: { id: string }; features: { properties: { minutes: number; area_km2: number; counts: Record<string, number> }; geometry: { type: string } }[]; within: Record<string, { id: string; minutes: number }[]> }>(
      '/api/reach?from=wanzhou&minutes=30,60&year=2027',
    );
    expect(fc.origin.id).toBe('wanzhou');
    expect(fc.features.map((f) => f.properties.minutes)).toEqual([60, 30]);
    expect(fc.features[0].properties.area_km2).toBeGreaterThan(fc.features[1].properties.area_km2);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    expect(fc.within.hospitals.map((h) => h.id)).toContain('test-hospital');
    expect(fc.features[1].properties.counts.hospitals).toBe(fc.within.hospitals.filter((h) => h.minutes <= fc.features[1].properties.minutes).length);
  });

  it('takes a coordinate as the origin', async () => {
    const fc = await json<{ origin: { id: null; coordinates: number[] } }>('/api/reach?from=108.41,30.81&minutes=30');
    expect(fc.origin).toEqual({ id: null, coordinates: [108.41, 30.81] });
  });

  it.each([
    ['/api/reach', /^from: /],
    ['/api/reach?from=atlantis', /^from: unknown place "atlantis"/],
    ['/api/reach?from=2.35,48.85', /^from: 2\.35,48\.85 is outside the region the analyses cover/],
    ['/api/reach?from=wanzhou&minutes=30,60,90,120,150,180', /^minutes: at most 5 bands/],
    ['/api/reach?from=wanzhou&minutes=241', /^minutes: expected whole minutes from 1 to 240/],
    ['/api/reach?from=wanzhou&minutes=abc', /^minutes: expected whole minutes/],
    ['/api/reach?from=wanzhou&year=1990', /^year: expected a year between 2000 and 2050/],
    ['/api/reach?from=wanzhou&accessSpeedKmh=0', /^accessSpeedKmh: expected a number from 5 to 80/],
    ['/api/reach?from=wanzhou&speed=9', /unknown parameter "speed"/],
  ])('refuses %s with a 400 that says what is wrong', async (path, message) => expect400(path, message));
});

describe('GET /api/matrix', () => {
  it('answers minutes and routes between places and coordinates', async () => {
    const m = await json<{ places: { id: string | null }[]; minutes: number[][]; routes: ({ lines: string[]; modes: string[]; km: number } | null)[][] }>(
      '/api/matrix?places=108.36219,30.8655;108.38409,31.1646&year=2030',
    );
    expect(m.places).toHaveLength(2);
    expect(m.minutes[0][0]).toBe(0);
    expect(m.minutes[0][1]).toBe(m.minutes[1][0]);
    expect(m.routes[0][1]).toMatchObject({ lines: ['test-line'], modes: ['high_speed_rail'] });
  });

  it('defaults to the four places', async () => {
    // The fixture has only one of the seats; the default names all four, so it is refused by name.
    await expect400('/api/matrix', /^places: unknown place "dazhou"/);
  });

  it.each([
    ['/api/matrix?places=wanzhou', /^places: expected 2 to 25 places/],
    [`/api/matrix?places=${Array(26).fill('wanzhou').join(',')}`, /^places: expected 2 to 25 places/],
    ['/api/matrix?places=wanzhou,,wanzhou', /^places: an empty place/],
  ])('refuses %s', async (path, message) => expect400(path, message));
});

describe('GET /api/plan and /api/circle', () => {
  it('answers the plan figures with the targets', async () => {
    const plan = await json<{ areas: { id: string; target: Record<string, number> }[] }>('/api/plan?year=2027');
    expect(plan.areas.map((a) => a.id)).toEqual(['wanzhou', 'four-places']);
    expect(plan.areas[0].target.rail_km).toBe(246);
  });

  it('refuses a bad threshold', async () => expect400('/api/circle?minutes=0', /^minutes: expected whole minutes from 1 to 240/));

  it('answers 405 to a POST', async () => {
    const res = await get('/api/reach?from=wanzhou', { method: 'POST' });
    expect(res.status).toBe(405);
  });

  it('serves a repeated analysis from cache with the same ETag, and 304 on a match', async () => {
    const a = await get('/api/reach?from=wanzhou&minutes=30');
    const etag = a.headers.get('ETag')!;
    expect((await get('/api/reach?minutes=30&from=wanzhou')).headers.get('ETag')).toBe(etag);
    expect((await get('/api/reach?from=wanzhou&minutes=30', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});

describe('GET /api/circle on data without the four places', () => {
  it('says what is missing rather than failing', async () => expect400('/api/circle', /the data has no seat or district for dazhou/));
});

describe('GET /api/config', () => {
  it('has no remote basemap unless one is configured', async () => {
    expect(await json('/api/config')).toEqual({ basemap: { style: null, tianditu: null } });
  });

  it('passes a configured basemap on to the page', async () => {
    const res = await app.request('http://atlas.test/api/config', {}, { ATLAS_BASEMAP_STYLE: 'https://tiles.example/style.json', ATLAS_TIANDITU_TOKEN: ' key ' });
    expect(await res.json()).toEqual({ basemap: { style: 'https://tiles.example/style.json', tianditu: { token: 'key' } } });
  });
});

describe('scenarios: with= and without=', () => {
  const places = 'places=108.36219,30.8655;108.38409,31.1646';
  it('adds a line as if complete: its trip, its echo, and its own ETag', async () => {
    const own = await get(`/api/matrix?${places}&year=2027`);
    const added = await get(`/api/matrix?${places}&year=2027&with=test-line`);
    expect(added.status).toBe(200);
    const m = (await added.json()) as { scenario: { with: string[] }; routes: ({ lines: string[] } | null)[][] };
    expect(m.scenario).toEqual({ with: ['test-line'], without: [] });
    expect(m.routes[0][1]?.lines).toEqual(['test-line']);
    expect(added.headers.get('ETag')).not.toBe(own.headers.get('ETag'));
  });

  it('removes a line: the year without it answers as the year before it opened', async () => {
    const before = await json<{ minutes: number[][] }>(`/api/matrix?${places}&year=2029`);
    const without = await json<{ minutes: number[][] }>(`/api/matrix?${places}&year=2030&without=test-line`);
    expect(without.minutes).toEqual(before.minutes);
  });

  it.each([
    ['/api/matrix?with=atlantis', /^with: unknown line "atlantis"/],
    ['/api/network?with=test-station-a', /^with: "test-station-a" is a station, not a rail line or road/],
    ['/api/network?with=test-road', /^with: "test-road" is already in the 2027 network/],
    ['/api/network?without=test-line', /^without: "test-line" is not in the 2027 network/],
    ['/api/route?from=wanzhou&to=108.4,30.8&with=test-line&without=test-line', /^without: "test-line" is in both with and without/],
    ['/api/reach?from=wanzhou&with=Test%20Line', /^with: expected rail line or road ids/],
    ['/api/circle?with=test-line&with=test-line', /^with: given 2 times/],
    ['/api/impact?with=test-line', /^unknown parameter "with"/],
  ])('refuses %s, naming the parameter', async (path, message) => expect400(path, message));

  it('answers /api/impact on data without the four places with a 400 that says so', async () => expect400('/api/impact', /the data has no seat or district/));
});
