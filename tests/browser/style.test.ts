import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { atlasStyle, labelLayers, styleLayersOf, type MapLayer } from '../../web/map/style.ts';

// The map's style for a layer sent whole and one sent as tiles: the same style layers, read from
// the tiles' layer of the same name; an extra layer's colour and (escaped) attribution.
const layers: MapLayer[] = [
  { id: 'rail', data: 'http://atlas.test/api/layers/rail' },
  { id: 'synthetic', tiles: 'http://atlas.test/tiles/synthetic/{z}/{x}/{y}.mvt', maxzoom: 14, bounds: [107, 30, 109, 32], colour: '#7a5195', attribution: '<img src=x onerror=alert(1)> data' },
];

describe('the map style', () => {
  const style = atlasStyle(layers, { theme: 'light', year: 2027 });

  it('makes a vector source of a tiled layer and a GeoJSON source of a whole one', () => {
    expect(style.sources.rail).toMatchObject({ type: 'geojson', data: 'http://atlas.test/api/layers/rail' });
    expect(style.sources.synthetic).toMatchObject({ type: 'vector', tiles: ['http://atlas.test/tiles/synthetic/{z}/{x}/{y}.mvt'], maxzoom: 14, bounds: [107, 30, 109, 32] });
  });

  it('draws a tiled layer with the same style layers, each reading its tiles’ layer, in its own colour', () => {
    const of = (id: string) => [...style.layers, ...labelLayers(layers, { theme: 'light', lang: 'zh', year: 2027 })].filter((l) => 'source' in l && l.source === id);
    expect(of('synthetic').map((l) => l.id)).toEqual(styleLayersOf('synthetic'));
    expect(of('synthetic').every((l) => (l as { 'source-layer'?: string })['source-layer'] === 'synthetic')).toBe(true);
    expect(of('rail').some((l) => 'source-layer' in l)).toBe(false);
    expect(of('synthetic').find((l) => l.id === 'synthetic-line-operating')).toMatchObject({ paint: { 'line-color': '#7a5195' } });
  });

  it('escapes an extra layer’s attribution, which MapLibre shows as HTML', () => {
    expect((style.sources.synthetic as { attribution: string }).attribution).toBe('&lt;img src=x onerror=alert(1)&gt; data');
  });
});

describe('the style layers a layer gets', () => {
  const lang = 'zh' as const;
  const all = (layers: MapLayer[]) => [...atlasStyle(layers, { theme: 'light', year: 2027 }).layers, ...labelLayers(layers, { theme: 'light', lang, year: 2027 })];
  const ids = (layers: MapLayer[], source: string) => all(layers).filter((l) => 'source' in l && l.source === source).map((l) => l.id);

  it('only the kinds its geometry needs, when the catalogue says which it has', () => {
    // One layer per status, and a fainter twin for what only a plan expects (opening, or works starting).
    const statuses = ['operating', 'operating-expected', 'under_construction', 'under_construction-expected', 'planned', 'proposed'];
    expect(ids([{ id: 'ports', data: '/api/layers/ports', geometry: ['Point'] }], 'ports')).toEqual([...statuses.map((s) => `ports-point-${s}`), 'ports-point-label']);
    expect(ids([{ id: 'rail', data: '/api/layers/rail', geometry: ['LineString'] }], 'rail')).toEqual([...statuses.map((s) => `rail-line-${s}`), 'rail-label']);
    expect(ids([{ id: 'parks', data: '/api/layers/parks', geometry: ['MultiPolygon'] }], 'parks')).toEqual(['parks-fill']);
  });

  it('every kind when the geometry is not known, and styleLayersOf names them all', () => {
    const unknown = ids([{ id: 'rail', data: '/api/layers/rail' }], 'rail');
    expect(unknown).toEqual(styleLayersOf('rail'));
    expect(unknown).toContain('rail-fill');
    expect(unknown).toContain('rail-point-operating');
  });

  it('is a valid MapLibre style in both themes, with every layer and its labels', () => {
    const layers: MapLayer[] = LAYER_IDS.map((id) => ({ id, data: `http://atlas.test/api/layers/${id}` }));
    for (const theme of ['light', 'dark'] as const) {
      const style = atlasStyle(layers, { theme, year: 2030 });
      style.layers.push(...labelLayers(layers, { theme, lang, year: 2030 }));
      expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
    }
  });
});
