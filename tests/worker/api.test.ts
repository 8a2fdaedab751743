import { exports } from 'cloudflare:workers';

// The worker's own default export, as wrangler.toml deploys it (the type is generated per project; this one is ours).
const worker = (exports as unknown as { default: { fetch(url: string): Promise<Response> } }).default;
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { tilePosition } from '../../geo/tiles.ts';
import type { CircleResponse } from '../../geo/api/circle.ts';

const app = createApp({ data: buildBundle(fixtureLayers()) });
const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);

async function expectError(res: Response, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack/i);
}

describe('GET /api/health', () => {
  it('answers ok with the data version', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; version: string; layers: number; features: number };
    expect(body).toMatchObject({ ok: true, layers: 10 });
    expect(body.version).toMatch(/^[0-9a-f]{8}$/);
    expect(body.features).toBeGreaterThan(10);
  });
});

describe('GET /api/layers', () => {
  it('lists every layer with its titles, geometry, count and bbox', async () => {
    const res = await get('/api/layers');
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { layers } = (await res.json()) as { layers: { id: string; title: { zh: string; en: string }; geometry: string[]; count: number; bbox: number[] }[] };
    expect(layers.map((l) => l.id).sort()).toEqual(['airports', 'corridors', 'districts', 'hospitals', 'parks', 'places', 'ports', 'rail', 'rivers', 'roads']);
    const rail = layers.find((l) => l.id === 'rail')!;
    expect(rail).toMatchObject({ title: { zh: '铁路', en: 'Railways' }, geometry: ['LineString', 'Point'], count: 3 });
    expect(rail.bbox).toEqual([108.36219, 30.8655, 108.38409, 31.1646]);
  });

  it('lists the characters of every layer’s names, for the page to load their font while the map loads', async () => {
    const { layers } = (await (await get('/api/layers')).json()) as { layers: { id: string; chars?: string }[] };
    for (const l of layers) {
      const fc = (await (await get(`/api/layers/${l.id}`)).json()) as { features: { properties: { name_zh: string; name_en: string } }[] };
      const names = fc.features.map((f) => f.properties.name_zh + f.properties.name_en).join('');
      expect([...new Set(names)].filter((c) => !l.chars?.includes(c)), l.id).toEqual([]);
    }
  });
});

describe('GET /api/layers/:id', () => {
  it('serves a FeatureCollection with an ETag and Cache-Control', async () => {
    const res = await get('/api/layers/ports');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get("ETag")).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{16}"$/);
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=\d+/);
    const fc = (await res.json()) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(2);
  });

  it('answers 304 to a matching If-None-Match, and 200 to a stale one', async () => {
    const etag = (await get('/api/layers/ports?year=2024')).headers.get('ETag')!;
    const again = await get('/api/layers/ports?year=2024', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/api/layers/ports?year=2024', { headers: { 'If-None-Match': `W/${etag}` } })).status).toBe(304);
    expect((await get('/api/layers/ports?year=2024', { headers: { 'If-None-Match': '"stale-etag"' } })).status).toBe(200);
    // Equal queries in another order share the ETag; another query does not.
    expect((await get('/api/layers/ports?status=planned,operating&year=2024')).headers.get('ETag')).toBe(
      (await get('/api/layers/ports?year=2024&status=operating,planned')).headers.get('ETag'),
    );
    expect((await get('/api/layers/ports?year=2023')).headers.get('ETag')).not.toBe(etag);
  });

  it('keeps queries whose short hashes collide apart', async () => {
    // These two normalised queries share a 32-bit FNV-1a hash; each must still get its own ETag.
    const a = await get('/api/layers/ports?bbox=100.021,30,108.49,31');
    const b = await get('/api/layers/ports?bbox=100.319,30,108.706,31');
    expect(a.headers.get('ETag')).not.toBe(b.headers.get('ETag'));
  });

  it('filters by year, status and bbox', async () => {
    const ids = async (q: string) => ((await (await get(`/api/layers/ports${q}`)).json()) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);
    expect(await ids('?year=2020')).toEqual(['test-port']);
    expect(await ids('?year=2023')).toEqual(['test-port', 'test-port-phase-2']);
    expect(await ids('?status=under_construction')).toEqual(['test-port-phase-2']);
    // With a year, the statuses asked for are those of that year.
    expect(await ids('?year=2023&status=under_construction')).toEqual(['test-port-phase-2']);
    expect(await ids('?year=2024&status=under_construction')).toEqual([]);
    expect(await ids('?bbox=108.44,30.7,108.5,30.76')).toEqual(['test-port-phase-2']);
    expect(await ids('?bbox=100,20,101,21')).toEqual([]);
  });

  it.each([
    ['/api/layers/ports?year=20x4', /^year: expected a four-digit year/],
    ['/api/layers/ports?year=1800', /^year: expected a year between 1900 and 2100/],
    ['/api/layers/ports?bbox=1,2,3', /^bbox: expected minLon,minLat,maxLon,maxLat/],
    ['/api/layers/ports?bbox=109,30,108,31', /^bbox: minLon must not exceed maxLon/],
    ['/api/layers/ports?status=open', /^status: unknown status "open"/],
    ['/api/layers/ports?status=', /^status: unknown status ""/],
    ['/api/layers/ports?year=2020&year=2021', /^year: given 2 times/],
  ])('refuses %s with 400 naming the parameter', async (path, message) => {
    await expectError(await get(path), 400, 'invalid_parameter', message);
  });

  it('refuses an unknown parameter, naming it and the ones it takes', async () => {
    await expectError(await get('/api/layers/ports?yaer=2020'), 400, 'unknown_parameter', /unknown parameter "yaer"; this route takes bbox, status, year/);
  });

  it('answers 404 for an unknown layer, listing the layers', async () => {
    await expectError(await get('/api/layers/castles'), 404, 'not_found', /unknown layer "castles"; the layers are districts, rivers/);
  });
});

describe('GET /api/layers/:id/features/:featureId', () => {
  it('serves one feature', async () => {
    const res = await get('/api/layers/rail/features/test-station-a');
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBeTruthy();
    const f = (await res.json()) as { type: string; properties: { id: string; lines: string[] } };
    expect(f).toMatchObject({ type: 'Feature', properties: { id: 'test-station-a', lines: ['test-line'] } });
  });

  it('answers 404 for a feature of another layer or none', async () => {
    await expectError(await get('/api/layers/ports/features/test-station-a'), 404, 'not_found', /layer ports has no feature "test-station-a"/);
    await expectError(await get('/api/layers/ports/features/%3Cimg%3E'), 404, 'not_found');
  });
});

describe('methods, routes and headers', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow', async (method) => {
    const res = await get('/api/layers/ports', { method });
    await expectError(res, 405, 'method_not_allowed', new RegExp(`${method} is not allowed on /api/layers/ports`));
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await get('/api/layers/ports', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it('answers a CORS preflight', async () => {
    const res = await get('/api/layers/ports', { method: 'OPTIONS', headers: { Origin: 'https://news.example', 'Access-Control-Request-Method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('GET');
  });

  it('answers an unknown API route with a JSON 404', async () => {
    await expectError(await get('/api/nothing-here'), 404, 'not_found', /no route \/api\/nothing-here/);
  });

  it('sends nosniff on API responses, and forbids framing them', async () => {
    const res = await get('/api/layers');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });
});

describe('the deployed worker (wrangler.toml, real data, inside workerd)', () => {
  it('serves every layer of the real data', async () => {
    const res = await worker.fetch('http://atlas.test/api/layers');
    expect(res.status).toBe(200);
    const { layers } = (await res.json()) as { layers: { id: string; count: number }[] };
    for (const l of layers) expect(l.count, l.id).toBeGreaterThan(0);
    const ports = await worker.fetch('http://atlas.test/api/layers/ports?status=operating');
    expect(ports.status).toBe(200);
  });

  it('says each feature’s status in the year asked for, beside the status its sources report', async () => {
    const rail = (await (await worker.fetch('http://atlas.test/api/layers/rail?year=2026')).json()) as { features: { properties: Record<string, unknown> }[] };
    const of = (id: string) => rail.features.find((f) => f.properties.id === id)?.properties;
    // 成达万高铁: under construction since 2020, no source says it opened: drawn as under construction in 2026.
    expect(of('chengdawan-hsr')).toMatchObject({ status: 'under_construction', status_in: { year: 2026, status: 'under_construction', expected: false } });
    // A line the plan expects open by 2026 but no source reports open: operating, marked as expected only.
    expect(of('xiyu-hsr')).toMatchObject({ status: 'under_construction', status_in: { year: 2026, status: 'operating', expected: true } });
    const airports = (await (await worker.fetch('http://atlas.test/api/layers/airports?year=2021')).json()) as { features: { properties: { id: string } }[] };
    expect(airports.features.map((f) => f.properties.id)).toContain('dazhou-heshi-airport');
    const later = (await (await worker.fetch('http://atlas.test/api/layers/airports?year=2023')).json()) as { features: { properties: { id: string } }[] };
    expect(later.features.map((f) => f.properties.id)).not.toContain('dazhou-heshi-airport');
  });

  it('sends the district boundaries, heavy in positions, as tiles, and every other layer whole', async () => {
    const { layers } = (await (await worker.fetch('http://atlas.test/api/layers')).json()) as { layers: { id: string; delivery: string; tiles?: string }[] };
    expect(layers.filter((l) => l.delivery === 'tiles').map((l) => l.id)).toEqual(['districts']);
    // The tile under 万州 at the home view's zoom holds its boundary.
    const [x, y] = tilePosition(108.37567, 30.81008, 8).map(Math.floor);
    const tile = await worker.fetch(`http://atlas.test/tiles/districts/8/${x}/${y}.mvt`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('answers the reach analyses on the real data', async () => {
    const circle = (await (await worker.fetch('http://atlas.test/api/circle?year=2027&compare=2023')).json()) as CircleResponse;
    expect(circle.pairs).toHaveLength(6);
    expect(circle.districts).toHaveLength(4);
    const compare = circle.compare!;
    expect(compare.years).toEqual([2023, 2027]);
    compare.pairs.forEach((p, i) => {
      expect(Object.keys(p.minutes).sort()).toEqual(['2023', '2027']);
      // The asked year's figures are its own, under its key; the later year is the faster.
      expect(p.minutes['2027']).toBe(circle.pairs[i].minutes);
      expect(p.saved).toBeGreaterThanOrEqual(0);
      expect(p.saved).toBeCloseTo(p.minutes['2023']! - p.minutes['2027']!, 5);
    });
    compare.districts.forEach((d, i) => expect(d.share['2027']).toBe(circle.districts[i].share));
    // Asked the other way round, the comparison is the same, figure for figure under the same years.
    const reversed = (await (await worker.fetch('http://atlas.test/api/circle?year=2023&compare=2027')).json()) as CircleResponse;
    expect(reversed.year).toBe(2023);
    expect(reversed.compare).toEqual(compare);
    reversed.compare!.pairs.forEach((p, i) => expect(p.minutes['2023']).toBe(reversed.pairs[i].minutes));
    const reach = await worker.fetch('http://atlas.test/api/reach?from=wanzhou&minutes=30,60,90&year=2027');
    expect(reach.status).toBe(200);
    expect(((await reach.json()) as { features: unknown[] }).features).toHaveLength(3);
  });
});
