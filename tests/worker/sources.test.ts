import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_INFO, syntheticLayer } from '../../bench/synthetic.ts';
import { buildBundle, type AtlasCollection, type AtlasFeature } from '../../geo/bundle.ts';
import { CATALOG, type CatalogEntry } from '../../geo/catalog.ts';
import { filterFeatures } from '../../geo/filter.ts';
import { MANIFEST_KEY, publishObjects, type LayerManifest } from '../../geo/manifest.ts';
import { tilePosition } from '../../geo/tiles.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

// The bucket is workerd's local R2 (the real R2 API, run locally), bound as wrangler.toml binds it.
const bucket = (env as unknown as { ATLAS_DATA: R2Bucket }).ATLAS_DATA;
const data = buildBundle(fixtureLayers(), 'sources-test');
const bundled = { ATLAS_LAYER_SOURCE: 'bundled' };
const r2 = { ATLAS_LAYER_SOURCE: 'r2', ATLAS_DATA: bucket };
// A new app for every request: nothing is kept in memory between them, so each R2 answer is read from the bucket.
const get = (path: string, bindings: object, init?: RequestInit) =>
  createApp({ data, r2: { manifestTtlMs: 0 } }).request(`http://atlas.test${path}`, { ...init, headers: { 'Cache-Control': 'no-cache', ...init?.headers } }, bindings);

/** Uploads the objects `npm run data:publish` would, layers first and the manifest last. */
async function publish(objects = publishObjects(data)): Promise<void> {
  for (const o of objects) await bucket.put(o.key, o.body, { httpMetadata: { contentType: o.contentType } });
}

const PATHS = [
  '/api/layers',
  '/api/layers/rail',
  '/api/layers/rail?year=2027',
  '/api/layers/ports?status=operating,planned',
  '/api/layers/hospitals?bbox=108.2,30.6,108.6,31.0',
  '/api/layers/places/features/wanzhou',
  '/api/layers/canals',
  '/api/layers/rail?bbox=1,2,3',
  '/api/layers/places/features/atlantis',
];

describe('the layer API over both sources', () => {
  beforeAll(() => publish());

  it.each(PATHS)('answers %s the same from the bundle and from R2', async (path) => {
    const [a, b] = [await get(path, bundled), await get(path, r2)];
    expect(b.status).toBe(a.status);
    expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
    expect(b.headers.get('Content-Type')).toBe(a.headers.get('Content-Type'));
    expect(await b.text()).toBe(await a.text());
  });

  it("reads the layer from the bucket: a layer object gone is a 503, not the bundle's answer", async () => {
    const key = publishObjects(data).find((o) => o.key.startsWith('layers/rail/'))!.key;
    await bucket.delete(key);
    try {
      const res = await get('/api/layers/rail?year=2031', r2);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(key);
    } finally {
      await publish();
    }
  });

  it('answers 503 for a layer object that is not JSON', async () => {
    const key = publishObjects(data).find((o) => o.key.startsWith('layers/roads/'))!.key;
    await bucket.put(key, '{"type":"FeatureCollection","features":[');
    try {
      const res = await get('/api/layers/roads', r2);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`${key} is not JSON`);
    } finally {
      await publish();
    }
  });

  it('keeps the last good manifest when a later read fails', async () => {
    const app = createApp({ data, r2: { manifestTtlMs: 0 } });
    expect((await app.request('http://atlas.test/api/layers', undefined, r2)).status).toBe(200);
    await bucket.put(MANIFEST_KEY, 'not json');
    try {
      expect((await app.request('http://atlas.test/api/layers/ports', undefined, r2)).status).toBe(200);
    } finally {
      await publish();
    }
  });

  it('changes every R2 ETag with a deploy, though the published data stays', async () => {
    const deployed = (code: string) => createApp({ data: buildBundle(fixtureLayers(), code) }).request('http://atlas.test/api/layers/rail', undefined, r2);
    const [a, b] = [await deployed('deploy-1'), await deployed('deploy-2')];
    expect(a.status).toBe(200);
    expect(await a.text()).toBe(await b.text());
    expect(a.headers.get('ETag')).not.toBe(b.headers.get('ETag'));
  });

  it('answers 304 from R2 as from the bundle', async () => {
    const etag = (await get('/api/layers/rail', r2)).headers.get('ETag')!;
    expect((await get('/api/layers/rail', r2, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('answers 304 for a layer or a feature without reading the layer (its object gone, the answer stands)', async () => {
    const paths = ['/api/layers/places?year=2027', '/api/layers/places/features/wanzhou'];
    const etags = await Promise.all(paths.map(async (p) => (await get(p, r2)).headers.get('ETag')!));
    const key = publishObjects(data).find((o) => o.key.startsWith('layers/places/'))!.key;
    await bucket.delete(key);
    try {
      for (const [i, p] of paths.entries()) expect((await get(p, r2, { headers: { 'If-None-Match': etags[i] } })).status, p).toBe(304);
      expect((await get(paths[1], r2)).status).toBe(503);
    } finally {
      await publish();
    }
  });

  it('serves a new publish without a deploy, under a new version', async () => {
    const layers = fixtureLayers();
    layers.ports.features = layers.ports.features.slice(0, 1);
    const next = buildBundle(layers, 'sources-test');
    const before = (await get('/api/layers/ports', r2)).headers.get('ETag');
    await publish(publishObjects(next));
    try {
      const res = await get('/api/layers/ports', r2);
      expect(((await res.json()) as { features: unknown[] }).features).toHaveLength(1);
      expect(res.headers.get('ETag')).not.toBe(before);
      // The bundled source still has the build's data.
      expect(((await (await get('/api/layers/ports', bundled)).json()) as { features: unknown[] }).features).toHaveLength(2);
    } finally {
      await publish();
    }
  });

  it('answers the analyses and pictures from the publish too: the same data gives the same answers, new data new ones', async () => {
    const paths = ['/api/reach?from=wanzhou&minutes=60&year=2027', '/static/view.svg?year=2027'];
    for (const path of paths) {
      const [a, b] = [await get(path, bundled), await get(path, r2)];
      expect(b.status, path).toBe(200);
      expect(b.headers.get('ETag'), path).toBe(a.headers.get('ETag'));
      expect(await b.text(), path).toBe(await a.text());
    }
    const layers = fixtureLayers();
    layers.hospitals.features = [];
    await publish(publishObjects(buildBundle(layers, 'sources-test')));
    try {
      const within = async (bindings: object) =>
        ((await (await get(paths[0], bindings)).json()) as { within: Record<string, unknown[]> }).within.hospitals ?? [];
      expect((await within(bundled)).length).toBeGreaterThan(0);
      expect(await within(r2)).toEqual([]);
      const [a, b] = [await get(paths[1], bundled), await get(paths[1], r2)];
      expect(b.headers.get('ETag')).not.toBe(a.headers.get('ETag'));
      expect(await b.text()).not.toBe(await a.text());
    } finally {
      await publish();
    }
  });

  it('says the data is unavailable, as JSON 503, when the bucket is empty or not bound', async () => {
    await bucket.delete(MANIFEST_KEY);
    try {
      const res = await get('/api/layers/rail', r2);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/manifest\.json; run npm run data:publish/) } });
    } finally {
      await publish();
    }
    // A manifest that lacks a layer, or is not JSON: a broken publish, not a crash.
    const manifest = JSON.parse(publishObjects(data).at(-1)!.body as string) as { layers: Record<string, unknown> };
    delete manifest.layers.rail;
    for (const body of [JSON.stringify(manifest), '{"version":']) {
      await bucket.put(MANIFEST_KEY, body);
      try {
        const res = await get('/api/layers', r2);
        expect(res.status, body.slice(0, 20)).toBe(503);
        expect(await res.json()).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/manifest\.json is not (JSON|a manifest)/) } });
      } finally {
        await publish();
      }
    }
    const unbound = await get('/api/layers', { ATLAS_LAYER_SOURCE: 'r2' });
    expect(unbound.status).toBe(503);
    expect(await unbound.json()).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/ATLAS_DATA/) } });
    expect((await get('/api/layers', { ATLAS_LAYER_SOURCE: 'ftp' })).status).toBe(503);
  });
});

describe('extra layers published beside the atlas’s own, and the catalogue’s threshold', () => {
  // A small synthetic layer (bench/synthetic.ts), as `data:publish --extra` would publish it.
  const layer = syntheticLayer({ points: 300, lines: 30 }) as unknown as AtlasCollection;
  const extras = [{ info: SYNTHETIC_INFO, data: layer }];
  const catalog = async (bindings: object) => ((await (await get('/api/layers', bindings)).json()) as { layers: CatalogEntry[] }).layers;

  beforeAll(() => publish(publishObjects(data, extras)));
  afterAll(() => publish());

  it('lists an extra layer after the atlas’s own, with its title, colour and source, whole below the threshold and tiled from it', async () => {
    const whole = await catalog(r2);
    // Drawn on the base, under the atlas's own layers.
    const own = CATALOG.map((l) => l.id);
    expect(whole.map((l) => l.id)).toEqual([...own.slice(0, 2), 'synthetic', ...own.slice(2)]);
    const entry = whole.find((l) => l.id === 'synthetic')!;
    expect(entry).toMatchObject({ title: SYNTHETIC_INFO.title, group: 'transport', count: 330, delivery: 'geojson', extra: { colour: SYNTHETIC_INFO.colour, source: SYNTHETIC_INFO.source } });
    expect(entry.tiles).toBeUndefined();
    const tiled = await catalog({ ...r2, ATLAS_TILE_THRESHOLD: '300' });
    const tiledEntry = tiled.find((l) => l.id === 'synthetic')!;
    expect(tiledEntry).toMatchObject({ delivery: 'tiles', tiles: '/tiles/synthetic/{z}/{x}/{y}.mvt', maxzoom: 14 });
    expect(tiledEntry.chars).toContain('合');
    // The atlas's own layers are far below any sensible threshold: they stay whole.
    expect(tiled.filter((l) => l.delivery === 'tiles').map((l) => l.id)).toEqual(['synthetic']);
    // The threshold is part of the catalogue's ETag: a change of configuration is a new answer.
    expect((await get('/api/layers', { ...r2, ATLAS_TILE_THRESHOLD: '300' })).headers.get('ETag')).not.toBe((await get('/api/layers', r2)).headers.get('ETag'));
  });

  it('counts each year’s features for a page that does not hold them', async () => {
    const entry = (await catalog(r2)).find((l) => l.id === 'synthetic')!;
    for (const year of [2020, 2026, 2030, 2035]) expect(entry.countsByYear?.[year], String(year)).toBe(filterFeatures(layer.features, { year }).length);
  });

  it('serves the extra layer as GeoJSON, by name search, by feature and as tiles', async () => {
    const search = await get('/api/layers/synthetic?q=%E5%90%88%E6%88%90%E7%82%B9%2012&limit=5', r2);
    expect(search.status).toBe(200);
    const found = ((await search.json()) as AtlasCollection).features.map((f) => f.properties.name_zh);
    expect(found).toHaveLength(5);
    for (const name of found) expect(name.startsWith('合成点 12')).toBe(true);
    expect(((await (await get('/api/layers/synthetic/features/p7', r2)).json()) as AtlasFeature).properties.name_en).toBe('Synthetic point 7');
    const [x, y] = tilePosition(108.4, 30.8, 9).map(Math.floor);
    const tile = await get(`/tiles/synthetic/9/${x}/${y}.mvt`, r2);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
  });

  it('names the extra layers among the layers there are, and the bundle has none', async () => {
    const res = await get('/api/layers/canals', r2);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/the layers are districts, .*places, synthetic$/);
    expect((await get('/api/layers/synthetic', bundled)).status).toBe(404);
    expect((await get('/tiles/synthetic/9/0/0.mvt', bundled)).status).toBe(404);
  });

  it('answers 503 for a threshold that is not a number and for a manifest whose extra layer is malformed', async () => {
    const bad = await get('/api/layers', { ...r2, ATLAS_TILE_THRESHOLD: 'lots' });
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/ATLAS_TILE_THRESHOLD/) } });
    const manifest = JSON.parse(publishObjects(data, extras).at(-1)!.body as string) as LayerManifest;
    manifest.extras![0].info.colour = 'purple';
    await bucket.put(MANIFEST_KEY, JSON.stringify(manifest));
    try {
      expect((await get('/api/layers', r2)).status).toBe(503);
    } finally {
      await publish(publishObjects(data, extras));
    }
  });
});
