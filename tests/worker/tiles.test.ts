import { VectorTile } from '@mapbox/vector-tile';
import { Hono } from 'hono';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { manifestOf } from '../../geo/manifest.ts';
import { tilePosition } from '../../geo/tiles.ts';
import { createApp } from '../../worker/app.ts';
import { onError } from '../../worker/errors.ts';
import { tileRoutes } from '../../worker/routes/tiles.ts';
import { unavailable, type LayerSource } from '../../worker/sources/source.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

const data = buildBundle(fixtureLayers(), `tiles-${crypto.randomUUID()}`);
const app = createApp({ data });
const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);

/** The tile (column, row) holding a position at a zoom. */
const tileOf = (lon: number, lat: number, z: number) => tilePosition(lon, lat, z).map(Math.floor);

describe('GET /tiles/:layer/:z/:x/:y.mvt', () => {
  it('cuts a layer into vector tiles that decode to its features and their properties', async () => {
    const seat = fixtureLayers().places.features[0];
    const [lon, lat] = seat.geometry.coordinates as number[];
    const [x, y] = tileOf(lon, lat, 10);
    const res = await get(`/tiles/places/10/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('ETag')).toMatch(new RegExp(`^"[0-9a-f]{8}-10-${x}-${y}"$`));
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = tile.layers.places;
    expect(layer.extent).toBe(4096);
    const ids = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.id);
    expect(ids).toContain(seat.properties.id);
    const props = layer.feature(ids.indexOf(seat.properties.id)).properties;
    expect(props).toMatchObject({ name_zh: seat.properties.name_zh, name_en: seat.properties.name_en });
    // Back to lon/lat: the seat is where the GeoJSON says, within a pixel of the tile.
    const point = layer.feature(ids.indexOf(seat.properties.id)).toGeoJSON(x, y, 10).geometry as { coordinates: number[] };
    expect(point.coordinates[0]).toBeCloseTo(lon, 3);
    expect(point.coordinates[1]).toBeCloseTo(lat, 3);
  });

  it('answers 204 where nothing lies, 304 to its ETag, and refuses bad addresses', async () => {
    expect((await get('/tiles/rail/8/0/0.mvt')).status).toBe(204);
    const [x, y] = tileOf(108.4, 30.8, 8);
    const first = await get(`/tiles/rail/8/${x}/${y}.mvt`);
    expect((await get(`/tiles/rail/8/${x}/${y}.mvt`, { headers: { 'If-None-Match': first.headers.get('ETag')! } })).status).toBe(304);
    for (const [path, status, message] of [
      ['/tiles/rail/15/0/0.mvt', 400, /^z: expected a zoom from 0 to 14/],
      ['/tiles/rail/3/8/0.mvt', 400, /^x: x and y must lie within/],
      ['/tiles/canals/3/0/0.mvt', 404, /^unknown layer "canals"; the layers are districts, rivers,/],
      ['/tiles/Canals!/3/0/0.mvt', 404, /^layer: expected a layer id/],
      ['/tiles/rail/3/0/0.mvt?x=1', 400, /unknown parameter "x"/],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toMatch(message);
    }
    expect((await get('/tiles/rail/3/0/0.png')).status).toBe(404);
  });
});

describe('the tile index', () => {
  it('is built once for requests that arrive together, and again after a failed read', async () => {
    const rail = fixtureLayers().rail;
    let builds = 0;
    let fail = true;
    // A layer whose features are counted each time a tiler reads them (once per index build).
    const counted = { type: 'FeatureCollection' as const, get features() {
      builds++;
      return rail.features;
    } };
    const source: LayerSource = {
      kind: 'bundled',
      manifest: async () => manifestOf(data),
      features: async () => {
        if (fail) throw unavailable('the bucket is down');
        return counted;
      },
    };
    const tiles = new Hono().route('/', tileRoutes(() => source, 'test')).onError(onError);
    const ask = (z: number) => tiles.request(`http://atlas.test/tiles/rail/${z}/${tileOf(108.4, 30.8, z).join('/')}.mvt`, { headers: { 'Cache-Control': 'no-cache' } });
    expect((await ask(8)).status).toBe(503);
    fail = false;
    const answers = await Promise.all([6, 7, 8, 9, 10, 11, 12, 13].map(ask));
    expect(answers.map((r) => r.status).every((s) => s === 200 || s === 204)).toBe(true);
    expect(builds).toBe(1);
  });
});
