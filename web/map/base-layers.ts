/**
 * The base's style layers: districts, rivers and seats, drawn from the atlas's own data and on the map
 * in every year. Every number comes from geo/look.ts, which the pictures read too.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { BASE_LINE_WIDTHS, layerColour, SEAT_STYLE, THEMES, YANGTZE_ID, type Theme } from '../../geo/look.ts';
import { always, type Drawn } from './drawn.ts';

/** The base layers' ids. */
export type BaseId = 'districts' | 'rivers' | 'places';

/**
 * Whether a layer is one of the base's.
 *
 * @param id - a layer id
 * @returns true for districts, rivers and seats
 * @example
 * isBase('rivers'); // true
 */
export const isBase = (id: string): id is BaseId => id === 'districts' || id === 'rivers' || id === 'places';

/**
 * A base layer's style layers.
 *
 * @param id - the base layer
 * @param theme - the theme
 * @returns its drawn layers, bottom first
 * @example
 * baseLayers('rivers', 'light'); // rivers-line, rivers-line-yangtze
 */
export function baseLayers(id: BaseId, theme: Theme): Drawn[] {
  const c = THEMES[theme];
  const focus: ExpressionSpecification = ['==', ['get', 'focus'], true];
  const county: ExpressionSpecification = ['==', ['get', 'kind'], 'county'];
  switch (id) {
    // Each kind of boundary and river is a style layer of constant paint, not one layer with paint by
    // feature: each such combination is a shader program of its own, compiled when first drawn, which
    // makes the first frame the dearest where WebGL is software (bench/RESULTS.md). For the same
    // reason the fill has no antialiased edge (another program): the boundary line covers it.
    case 'districts':
      return [
        always({ id: 'districts-fill', type: 'fill', source: 'districts', filter: county, paint: { 'fill-color': ['case', focus, c.focus, c.land], 'fill-antialias': false } }),
        always({ id: 'districts-line', type: 'line', source: 'districts', filter: county, paint: { 'line-color': c.county, 'line-width': BASE_LINE_WIDTHS.county } }),
        always({ id: 'districts-line-prefecture', type: 'line', source: 'districts', filter: ['!', county], paint: { 'line-color': c.prefecture, 'line-width': BASE_LINE_WIDTHS.prefecture } }),
      ];
    case 'rivers': {
      const yangtze: ExpressionSpecification = ['==', ['get', 'id'], YANGTZE_ID];
      const colour = layerColour('rivers', theme);
      return [
        always({ id: 'rivers-line', type: 'line', source: 'rivers', filter: ['!', yangtze], paint: { 'line-color': colour, 'line-width': BASE_LINE_WIDTHS.river } }),
        always({ id: 'rivers-line-yangtze', type: 'line', source: 'rivers', filter: yangtze, paint: { 'line-color': colour, 'line-width': BASE_LINE_WIDTHS.yangtze } }),
      ];
    }
    case 'places':
      return [
        always({
          id: 'places-point',
          type: 'circle',
          source: 'places',
          paint: {
            'circle-color': ['case', focus, c.seat, c.halo],
            'circle-radius': ['case', focus, SEAT_STYLE.radius.focus, SEAT_STYLE.radius.other],
            'circle-stroke-color': c.seat,
            'circle-stroke-width': SEAT_STYLE.strokeWidth,
          },
        }),
      ];
  }
}
