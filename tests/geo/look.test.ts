import type { CircleLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../geo/catalog.ts';
import type { LayerId } from '../../geo/layers.ts';
import { renderSvg } from '../../geo/render/svg.ts';
import { atlasStyle } from '../../web/map/style.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { HOSTILE_VIEW } from '../fixtures/views.ts';

const titles = Object.fromEntries(CATALOG.map((l) => [l.id, l.title])) as Record<LayerId, { zh: string; en: string }>;

/** The fixture's railway as a line of a layer, in its reported status in any later year. */
const lineOf = (id: LayerId, status: string) => {
  const feature = fixtureLayers().rail.features.find((f) => f.geometry.type === 'LineString')!;
  const { opens: _, ...props } = feature.properties as { opens?: number };
  return { ...feature, properties: { ...props, id: `${id}-line`, status } } as unknown as typeof feature;
};

/** The picture's attributes of its first path drawn in a colour. */
const attributesOf = (svg: string, colour: string): Record<string, string> => {
  const path = new RegExp(`<path [^>]*stroke="${colour}"[^>]*/>`).exec(svg)![0];
  return Object.fromEntries([...path.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
};

describe('the map and the pictures draw with one table (geo/look.ts)', () => {
  const view = { ...HOSTILE_VIEW, reach: null, year: 2030 };
  for (const theme of ['light', 'dark'] as const)
    for (const id of ['rail', 'roads', 'corridors'] as const)
      for (const status of ['operating', 'planned', 'proposed'])
        it(`draws a ${status} line of ${id} alike in the ${theme} theme`, () => {
          const svg = renderSvg({ ...view, layers: [id] }, { [id]: [lineOf(id, status)] }, { width: 800, height: 500, lang: 'en', theme, reach: [], titles });
          const style = atlasStyle([{ id, data: '' }], { theme, year: 2030 });
          const map = style.layers.find((l) => l.id === `${id}-line-${status}`) as LineLayerSpecification;
          const paint = map.paint as { 'line-color': string; 'line-width': number; 'line-opacity': number; 'line-dasharray'?: number[] };
          const picture = attributesOf(svg, paint['line-color']);
          expect(Number(picture['stroke-width'])).toBe(paint['line-width']);
          expect(Number(picture['stroke-opacity'])).toBeCloseTo(paint['line-opacity'], 10);
          // MapLibre's dashes are in line widths, the picture's in pixels.
          expect(picture['stroke-dasharray']?.split(' ').map(Number)).toEqual(paint['line-dasharray']?.map((d) => d * paint['line-width']));
        });

  it('draws the ports as the map does: the radius between the map’s, the stroke and the colours its own', () => {
    const svg = renderSvg({ ...view, layers: ['ports'] }, { ports: fixtureLayers().ports.features }, { width: 800, height: 500, lang: 'en', theme: 'light', reach: [], titles });
    const style = atlasStyle([{ id: 'ports', data: '' }], { theme: 'light', year: 2030 });
    const paint = (style.layers.find((l) => l.id === 'ports-point-operating') as CircleLayerSpecification).paint as Record<string, unknown>;
    const circle = /<circle [^>]*fill="(#[0-9a-f]+)" stroke="(#[0-9a-f]+)" stroke-width="([\d.]+)"/.exec(svg)!;
    expect([circle[1], circle[2], Number(circle[3])]).toEqual([paint['circle-color'], paint['circle-stroke-color'], paint['circle-stroke-width']]);
    const [, , , , small, , large] = paint['circle-radius'] as [string, unknown, unknown, number, number, number, number];
    const r = Number(/<circle [^>]*r="([\d.]+)"/.exec(svg)![1]);
    expect(r).toBeGreaterThanOrEqual(small);
    expect(r).toBeLessThanOrEqual(large);
  });
});
