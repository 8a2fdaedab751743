import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { bboxIntersects, geometryBBox, unionBBox } from '../../geo/bbox.ts';
import { SYNTHETIC_INFO, syntheticLayer } from '../../bench/synthetic.ts';
import { buildBundle, type AtlasCollection } from '../../geo/bundle.ts';
import { filterFeatures, nameMatch, withStatusIn } from '../../geo/filter.ts';
import { layerFacts, manifestLayer, manifestOf, publishObjects, type LayerManifest } from '../../geo/manifest.ts';
import { fnv1a } from '../../geo/hash.ts';
import { LayerQuery, normaliseLayerQuery } from '../../geo/api/queries.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { deliveryOf, HEAVY_LAYER, LARGE_LAYER } from '../../geo/catalog.ts';
import { createTiler, generalise, tilePosition } from '../../geo/tiles.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import type { FeatureCollection } from 'geojson';

describe('bbox', () => {
  it('measures nested coordinates and unions boxes', () => {
    expect(geometryBBox({ coordinates: [[[108, 30], [109, 30], [109, 31], [108, 30]]] })).toEqual([108, 30, 109, 31]);
    expect(unionBBox([[0, 0, 1, 1], [2, -1, 3, 0]])).toEqual([0, -1, 3, 1]);
    expect(unionBBox([])).toBeNull();
    expect(bboxIntersects([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(bboxIntersects([0, 0, 1, 1], [1.1, 1.1, 2, 2])).toBe(false);
  });
});

describe('filterFeatures', () => {
  const layers = fixtureLayers();
  it('filters by year, status and box', () => {
    const ids = (fs: { properties: { id: string } }[]) => fs.map((f) => f.properties.id);
    // Phase 2: works from 2021, reported under construction in 2023, due 2024.
    expect(ids(filterFeatures(layers.ports.features, { year: 2020 }))).toEqual(['test-port']);
    expect(ids(filterFeatures(layers.ports.features, { year: 2023 }))).toEqual(['test-port', 'test-port-phase-2']);
    expect(ids(filterFeatures(layers.ports.features, { status: ['under_construction'] }))).toEqual(['test-port-phase-2']);
    // With a year, the status asked for is the status in that year.
    expect(ids(filterFeatures(layers.ports.features, { year: 2023, status: ['under_construction'] }))).toEqual(['test-port-phase-2']);
    expect(ids(filterFeatures(layers.ports.features, { year: 2024, status: ['under_construction'] }))).toEqual([]);
    expect(ids(filterFeatures(layers.ports.features, { year: 2024, status: ['operating'] }))).toEqual(['test-port', 'test-port-phase-2']);
    expect(ids(filterFeatures(layers.ports.features, { bbox: [108.44, 30.7, 108.5, 30.76] }))).toEqual(['test-port-phase-2']);
    expect(filterFeatures(layers.districts.features, { status: ['operating'] })).toEqual([]);
    expect(filterFeatures(layers.districts.features, { year: 2000 })).toHaveLength(2);
  });

  it('gives a thematic feature its status in the year beside the reported one, and leaves base features as they are', () => {
    const phase2 = layers.ports.features.find((f) => f.properties.id === 'test-port-phase-2')!;
    expect(withStatusIn(phase2, 2023).properties).toMatchObject({ status: 'under_construction', status_in: { year: 2023, status: 'under_construction', expected: false } });
    expect(withStatusIn(phase2, 2030).properties).toMatchObject({ status: 'under_construction', status_in: { year: 2030, status: 'operating', expected: true } });
    expect(phase2.properties).not.toHaveProperty('status_in');
    const district = layers.districts.features[0];
    expect(withStatusIn(district, 2030)).toBe(district);
  });

  it('searches names and ids in both languages, names that start with the text first', () => {
    const props = [
      { id: 'b', name_zh: '新田港', name_en: 'Xintian Port' },
      { id: 'a', name_zh: '万州新田', name_en: 'Wanzhou Xintian' },
      { id: 'c', name_zh: '龙溪', name_en: 'Longxi' },
    ];
    const features = props.map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [108.4, 30.8] } }));
    expect(filterFeatures(features, { q: '新田' }).map((f) => f.properties.id)).toEqual(['b', 'a']);
    expect(filterFeatures(features, { q: ' XINTIAN ' }).map((f) => f.properties.id)).toEqual(['b', 'a']);
    expect(filterFeatures(features, { q: 'wanzhou' }).map((f) => f.properties.id)).toEqual(['a']);
    expect(nameMatch(props[2], 'c')).toBe(0);
    expect(nameMatch(props[2], 'ngx')).toBe(3);
    expect(nameMatch(props[2], 'port')).toBe(-1);
  });

  it('finds names in pinyin without spaces and words in any order; exact names and the four seats first', () => {
    const props = [
      { id: 'station-wanzhou-north', name_zh: '万州北站', name_en: 'Wanzhou North railway station', name_py: 'wanzhoubeizhan' },
      { id: 'dazhou-jinya-airport', name_zh: '达州金垭机场', name_en: 'Dazhou Jinya Airport', name_py: 'dazhoujinyajichang' },
      { id: 'wanzhou', name_zh: '万州区', name_en: 'Wanzhou District', name_py: 'wanzhouqu', focus: true },
      { id: 'station-wanzhou', name_zh: '万州站', name_en: 'Wanzhou railway station', name_py: 'wanzhouzhan' },
      { id: 'wanzhou-port', name_zh: '万州港', name_en: 'Wanzhou Port', name_py: 'wanzhougang' },
    ];
    const features = props.map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [108.4, 30.8] } }));
    const found = (q: string) => filterFeatures(features, { q }).map((f) => f.properties.id);
    expect(found('wanzhoubei')).toEqual(['station-wanzhou-north']);
    expect(found('Wanzhou Bei')).toEqual(['station-wanzhou-north']);
    expect(found('dazhou airport')).toEqual(['dazhou-jinya-airport']);
    expect(found('airport dazhou')).toEqual(['dazhou-jinya-airport']);
    // The seat before every other 万州…; an exact name before the seat.
    expect(found('万州')).toEqual(['wanzhou', 'station-wanzhou-north', 'station-wanzhou', 'wanzhou-port']);
    expect(found('wanzhou')[0]).toBe('wanzhou');
    expect(found('万州港')).toEqual(['wanzhou-port']);
    expect(found('Wanzhou Port')).toEqual(['wanzhou-port']);
    expect(found('wanzhou port')[0]).toBe('wanzhou-port');
    expect(found('port wanzhou')).toEqual(['wanzhou-port']);
    expect(found('万州 机场')).toEqual([]);
  });
});

describe('LayerQuery', () => {
  const parse = (q: Record<string, string>) => LayerQuery.safeParse(q);
  it('parses and normalises', () => {
    const q = parse({ bbox: '108.2,30.6,108.6,31', status: 'planned,operating,planned', year: '2027' });
    expect(q.success && q.data).toEqual({ bbox: [108.2, 30.6, 108.6, 31], status: ['operating', 'planned'], year: 2027 });
    expect(q.success && normaliseLayerQuery(q.data)).toBe('bbox=108.2,30.6,108.6,31&status=operating,planned&year=2027');
    const search = parse({ q: ' 新田 Port ', limit: '20' });
    expect(search.success && search.data).toEqual({ q: '新田 Port', limit: 20 });
    // Equal searches share a cache key whatever their case.
    expect(search.success && normaliseLayerQuery(search.data)).toBe(`q=${encodeURIComponent('新田 port')}&limit=20`);
  });
  it.each([
    [{ bbox: '108,30,109' }, /minLon,minLat,maxLon,maxLat/],
    [{ bbox: '109,30,108,31' }, /minLon must not exceed maxLon/],
    [{ bbox: '108,30,200,31' }, /-180\.\.180/],
    [{ bbox: 'a,b,c,d' }, /minLon,minLat/],
    [{ status: 'open' }, /unknown status "open"; expected a comma-separated list of operating/],
    [{ year: '27' }, /four-digit year/],
    [{ year: '3000' }, /between 1900 and 2100/],
    [{ q: '   ' }, /some text to search for/],
    [{ q: 'x'.repeat(65) }, /at most 64 characters/],
    [{ limit: '0' }, /from 1 to 100000/],
    [{ limit: 'all' }, /whole number of features/],
  ])('refuses %o with a message that says what was expected', (input, message) => {
    const q = parse(input as Record<string, string>);
    expect(q.success).toBe(false);
    expect(q.error?.issues[0].message).toMatch(message);
  });
});

describe('fnv1a', () => {
  it('is stable and sensitive', () => {
    expect(fnv1a('万州')).toBe('76bf26a8');
    expect(fnv1a('万州 ')).not.toBe(fnv1a('万州'));
  });
});

describe('WeighedLru', () => {
  it('lets the least recently used go when over its capacity', () => {
    const memo = new WeighedLru<string>(2);
    memo.set('a', 'A');
    memo.set('b', 'B');
    expect(memo.peek('a')).toBe('A'); // a is now the most recently used
    memo.set('c', 'C');
    expect([memo.peek('a'), memo.peek('b'), memo.peek('c')]).toEqual(['A', undefined, 'C']);
  });

  it('keeps the total weight within its budget, and never keeps what outweighs it', () => {
    const memo = new WeighedLru<string>(100, 10, (s) => s.length);
    memo.set('a', 'aaaa');
    memo.set('b', 'bbbb');
    memo.set('c', 'cccc'); // 12 > 10: a goes
    expect([memo.peek('a'), memo.peek('b'), memo.peek('c')]).toEqual([undefined, 'bbbb', 'cccc']);
    memo.set('huge', 'x'.repeat(11));
    expect(memo.peek('huge')).toBeUndefined();
    expect(memo.peek('b')).toBe('bbbb');
    let made = 0;
    expect(memo.get('c', () => `${++made}`)).toBe('cccc');
    expect(made).toBe(0);
  });
});

describe('the catalogue and the manifest', () => {
  it('sends a layer as tiles from the threshold on', () => {
    expect([deliveryOf(LARGE_LAYER - 1), deliveryOf(LARGE_LAYER), deliveryOf(10, 10)]).toEqual(['geojson', 'tiles', 'tiles']);
  });

  it('sends a layer of few features but many positions as tiles; a manifest without positions keeps the count’s rule', () => {
    expect([deliveryOf(36, LARGE_LAYER, HEAVY_LAYER - 1), deliveryOf(36, LARGE_LAYER, HEAVY_LAYER), deliveryOf(36)]).toEqual(['geojson', 'tiles', 'geojson']);
    // A deployment's threshold moves both: one that never tiles never does, one that tiles from 300 features tiles from 1,200 positions.
    expect([deliveryOf(36, 999_999_999, 45_141), deliveryOf(36, 300, 1_199), deliveryOf(36, 300, 1_200)]).toEqual(['geojson', 'geojson', 'tiles']);
  });

  it('counts the positions of every geometry type', () => {
    const feature = (geometry: object) => ({ type: 'Feature', properties: { name_zh: '', name_en: '' }, geometry });
    const square = [[0, 0], [1, 0], [1, 1], [0, 0]];
    const layer = {
      type: 'FeatureCollection',
      features: [
        feature({ type: 'Point', coordinates: [0, 0] }),
        feature({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }),
        feature({ type: 'Polygon', coordinates: [square, square] }),
        feature({ type: 'MultiPolygon', coordinates: [[square], [square]] }),
        feature({ type: 'MultiPoint', coordinates: [[0, 0], [1, 1], [2, 2]] }),
        feature({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]] }),
      ],
    } as unknown as AtlasCollection;
    expect(layerFacts(layer).positions).toBe(1 + 2 + 8 + 8 + 3 + 5);
  });

  it('counts a layer’s features in each year of the slider, and lists its names’ characters once', () => {
    const ports = fixtureLayers().ports;
    const facts = layerFacts(ports);
    expect(Object.keys(facts.countsByYear!)).toHaveLength(16);
    for (const year of [2020, 2024, 2035]) expect(facts.countsByYear![year]).toBe(filterFeatures(ports.features, { year }).length);
    expect(new Set(facts.chars).size).toBe(facts.chars!.length);
    for (const f of ports.features) for (const c of f.properties.name_zh + f.properties.name_en) expect(facts.chars).toContain(c);
  });

  it('publishes extra layers beside the bundle, under a version of their own, the manifest last', () => {
    const bundle = buildBundle(fixtureLayers(), 'test');
    const extra = { info: SYNTHETIC_INFO, data: syntheticLayer({ points: 20, lines: 2 }) as unknown as AtlasCollection };
    const objects = publishObjects(bundle, [extra]);
    const manifest = JSON.parse(objects.at(-1)!.body as string) as LayerManifest;
    expect(objects.at(-1)!.key).toBe('manifest.json');
    expect(manifest.version).not.toBe(manifestOf(bundle).version);
    expect(manifestLayer(manifest, 'synthetic')).toMatchObject({ count: 22, info: SYNTHETIC_INFO });
    expect(objects.some((o) => o.key === manifestLayer(manifest, 'synthetic')!.key)).toBe(true);
    expect(manifestLayer(manifest, 'rail')).toEqual(manifestOf(bundle).layers.rail);
    expect(manifestLayer(manifest, 'toString')).toBeUndefined();
    expect(manifestLayer(manifestOf(bundle), 'synthetic')).toBeUndefined();
  });
});

describe('generalise (large layers at low zooms)', () => {
  const many = {
    type: 'FeatureCollection' as const,
    features: Array.from({ length: 10_000 }, (_, i) => ({ type: 'Feature' as const, properties: { id: `f${i}` }, geometry: { type: 'Point' as const, coordinates: [108 + i / 1e5, 30.8] } })),
  };

  it('keeps 1 in 2.5 a zoom below zoom 12, the same features every time, nested across zooms', () => {
    const z11 = generalise(many, 11).features.map((f) => f.properties!.id);
    const z9 = generalise(many, 9).features.map((f) => f.properties!.id);
    expect(z11.length / 10_000).toBeCloseTo(0.4, 1);
    expect(z9.length / 10_000).toBeCloseTo(0.4 ** 3, 1);
    expect(generalise(many, 9).features.map((f) => f.properties!.id)).toEqual(z9);
    expect(z9.every((id) => z11.includes(id))).toBe(true);
    expect(generalise(many, 12).features).toHaveLength(10_000);
  });

  it('leaves small layers whole at every zoom, and thins large ones', () => {
    const count = (fc: typeof many, z: number, x: number, y: number) => new VectorTile(new PbfReader(createTiler('t', fc).tile(z, x, y)!)).layers.t.length;
    const small = { ...many, features: many.features.slice(0, LARGE_LAYER - 1) };
    expect(count(small, 3, 6, 3)).toBe(LARGE_LAYER - 1);
    expect(count(many, 3, 6, 3)).toBe(generalise(many, 5).features.length);
  });

  it('simplifies a base layer’s tiles by its display tolerance, one screen pixel, and other layers by geojson-vt’s default', () => {
    // A wiggly line: a vertex every 0.002° with a 0.0005° zigzag, about 6.8 units of a zoom-10 tile at this
    // latitude: between geojson-vt's 3 and a pixel's 8.
    const coordinates = Array.from({ length: 500 }, (_, i) => [108 + i * 0.002, 30.8 + (i % 2) * 0.0005]);
    const line = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'w' }, geometry: { type: 'LineString', coordinates } }] } as FeatureCollection;
    const vertices = (name: string, z: number) => {
      const [x, y] = tilePosition(108.5, 30.8, z).map(Math.floor);
      const layer = new VectorTile(new PbfReader(createTiler(name, line).tile(z, x, y)!)).layers[name];
      return layer.feature(0).loadGeometry().reduce((n, ring) => n + ring.length, 0);
    };
    expect(vertices('districts', 10)).toBeLessThan(vertices('other', 10));
    expect(vertices('districts', 10)).toBe(2);
    expect(vertices('other', 10)).toBeGreaterThan(100);
    // A layer id that is also a name on Object's prototype is no base layer.
    expect(vertices('constructor', 10)).toBe(vertices('other', 10));
  });
});
