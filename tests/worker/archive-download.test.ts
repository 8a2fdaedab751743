import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNTHETIC_INFO, syntheticLayer } from '../../bench/synthetic.ts';
import { CatalogEntrySchema } from '../../geo/api/layers.ts';
import { buildBundle, type AtlasCollection } from '../../geo/bundle.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { publishObjects, type ExtraLayer, type LayerManifest, type PublishOptions } from '../../geo/manifest.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

// What the catalogue says of how a layer downloads (`download`), and that the layer route keeps its word:
// a layer served from its own archive downloads whole, unless its GeoJSON was too large to publish; an
// external archive not at all; every other layer by year (no field).
const bucket = (env as unknown as { ATLAS_DATA: R2Bucket }).ATLAS_DATA;
const data = buildBundle(fixtureLayers(), 'archive-download-test');
const r2 = { ATLAS_LAYER_SOURCE: 'r2', ATLAS_DATA: bucket };
const layer = syntheticLayer({ points: 300, lines: 30 });
const synthetic: ExtraLayer = { info: SYNTHETIC_INFO, data: layer as unknown as AtlasCollection };

const get = (path: string) => createApp({ data, r2: { manifestTtlMs: 0 } }).request(`http://atlas.test${path}`, { headers: { 'Cache-Control': 'no-cache' } }, r2);

/**
 * Publishes extra layers to the local bucket as data:publish --extra --tile-threshold 300 would, and reads the catalogue.
 * The archive's tiles are left uncompressed (no synchronous gzip in workerd): nothing here reads a tile.
 */
async function publish(extras: ExtraLayer[], options: PublishOptions = {}): Promise<{ catalog: CatalogEntry[]; manifest: LayerManifest }> {
  const objects = publishObjects(data, extras, { threshold: 300, gzip: (b) => b, ...options });
  for (const o of objects) await bucket.put(o.key, o.body);
  const manifest = JSON.parse(objects.at(-1)!.body as string) as LayerManifest;
  const res = await get('/api/layers');
  expect(res.status).toBe(200);
  const catalog = ((await res.json()) as { layers: CatalogEntry[] }).layers;
  for (const l of catalog) expect(CatalogEntrySchema.safeParse(l).error, l.id).toBeUndefined();
  return { catalog, manifest };
}

afterEach(async () => {
  for (const o of publishObjects(data)) await bucket.put(o.key, o.body);
});

describe('how the catalogue says a layer downloads', () => {
  it('downloads a layer served from its own archive whole, the published GeoJSON, and never by year', async () => {
    const { catalog, manifest } = await publish([synthetic]);
    expect(manifest.extras![0].index).toBeDefined();
    expect(catalog.find((l) => l.id === 'synthetic')).toMatchObject({ delivery: 'tiles', download: 'whole', count: 330 });
    // The atlas's own layers download by year, as before: no field.
    expect(catalog.filter((l) => l.id !== 'synthetic').every((l) => !('download' in l))).toBe(true);
    const whole = await get('/api/layers/synthetic');
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe(JSON.stringify(layer));
    expect((await get('/api/layers/synthetic?year=2027')).status).toBe(400);
  });

  it('offers no download of an archived layer whose GeoJSON was too large to publish', async () => {
    const { catalog, manifest } = await publish([synthetic], { maxObjectBytes: 1_000 });
    expect(manifest.extras![0]).toMatchObject({ whole: false, index: expect.anything() });
    expect(catalog.find((l) => l.id === 'synthetic')).toMatchObject({ delivery: 'tiles', download: 'none', count: 330 });
    expect((await get('/api/layers/synthetic')).status).toBe(404);
    // It can still be searched.
    expect((await get('/api/layers/synthetic?q=%E5%90%88%E6%88%90%E7%82%B9%2012&limit=1')).status).toBe(200);
  });

  it('offers no download of an external archive, which holds tiles only', async () => {
    const info = { ...SYNTHETIC_INFO, id: 'region-base', archive: { url: 'https://tiles.example.org/region.pmtiles' } };
    const { catalog } = await publish([{ info }]);
    expect(catalog.find((l) => l.id === 'region-base')).toMatchObject({ delivery: 'tiles', download: 'none', count: 0 });
    expect((await get('/api/layers/region-base')).status).toBe(404);
  });

  it('downloads an extra layer under the threshold by year, as any layer', async () => {
    const { catalog } = await publish([synthetic], { threshold: 5_000 });
    const entry = catalog.find((l) => l.id === 'synthetic')!;
    expect(entry.delivery).toBe('geojson');
    expect('download' in entry).toBe(false);
    expect((await get('/api/layers/synthetic?year=2027')).status).toBe(200);
  });
});
