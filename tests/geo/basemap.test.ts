import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { tiandituSources, withBasemap } from '../../web/map/basemap.ts';

const own: StyleSpecification = {
  version: 8,
  sources: { districts: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
  layers: [
    { id: 'background', type: 'background' },
    { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#fff' } },
  ],
};

describe('the remote basemap', () => {
  it('puts Tianditu tiles, with the token, between the background and the atlas', () => {
    const style = withBasemap(own, { tianditu: 'abc 123' });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'basemap-vec', 'basemap-cva', 'districts-fill']);
    const tiles = (tiandituSources('abc 123')['basemap-vec'] as { tiles: string[] }).tiles;
    expect(tiles).toHaveLength(8);
    expect(tiles[0]).toMatch(/^https:\/\/t0\.tianditu\.gov\.cn\/vec_w\/wmts\?.*LAYER=vec.*TILEMATRIXSET=w.*tk=abc%20123$/);
    expect((style.layers[3] as { paint: Record<string, unknown> }).paint['fill-opacity']).toBe(0);
  });

  it('puts a remote style under the atlas with its ids prefixed', () => {
    const remote: StyleSpecification = {
      version: 8,
      glyphs: 'https://tiles.example/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'raster', tiles: ['https://tiles.example/{z}/{x}/{y}.png'] } },
      layers: [{ id: 'osm', type: 'raster', source: 'osm' }],
    };
    const style = withBasemap(own, { style: remote });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'basemap-osm', 'districts-fill']);
    expect((style.layers[1] as { source: string }).source).toBe('basemap-osm');
    expect(Object.keys(style.sources)).toEqual(['basemap-osm', 'districts']);
    // The atlas draws every label from its own font: the remote glyph server is not taken.
    expect(style.glyphs).toBeUndefined();
  });
});
