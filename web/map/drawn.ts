/**
 * A style layer as the map's style modules make it: its specification, the filter it has whatever
 * the year, and what a year keeps of its features. The year's filter is made from the two
 * (`filterIn`), so that another year changes filters only, never paint.
 */
import type { Geometry } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { ABSENT, drawnLetterExpression } from '../../geo/lifecycle.ts';

/**
 * A style layer, the filter it has whatever the year, and what the year keeps of its features: those
 * on the map then (`drawnLetter` other than `.`), or, for a layer that draws one status, those with
 * that status's letter; base layers (districts, rivers, seats) keep everything. Paint never changes
 * with the year, so each layer's paint is constant.
 */
export interface Drawn {
  spec: LayerSpecification;
  /** The style layer's own filter (a kind of geometry or of feature), whatever the year; null for none. */
  ownFilter: ExpressionSpecification | null;
  keep: 'all' | 'present' | { letter: string };
}

/** A layer as its style layers need it: its id, an extra layer's own colour, and the kinds of geometry the catalogue says it has. */
export interface LayerShape {
  id: string;
  colour?: string;
  geometry?: readonly Geometry['type'][];
}

/**
 * A style layer whose features a year keeps as `keep` says; the specification's filter becomes its
 * own filter.
 *
 * @param spec - the style layer
 * @param keep - what a year keeps: those on the map then by default
 * @returns the drawn layer
 * @example
 * drawnLayer({ id: 'rail-fill', type: 'fill', source: 'rail', filter: isPolygon, paint: {} });
 */
export const drawnLayer = (spec: LayerSpecification, keep: Drawn['keep'] = 'present'): Drawn => ({
  spec,
  ownFilter: ((spec as { filter?: ExpressionSpecification }).filter ?? null) as ExpressionSpecification | null,
  keep,
});

/**
 * A style layer drawn in every year: districts, rivers and seats are on the map whatever the year.
 *
 * @param spec - the style layer
 * @returns the drawn layer
 * @example
 * always({ id: 'rivers-line', type: 'line', source: 'rivers', paint: {} });
 */
export const always = (spec: LayerSpecification): Drawn => drawnLayer(spec, 'all');

/** A filter keeping lines. */
export const isLine: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
/** A filter keeping points. */
export const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
/** A filter keeping polygons. */
export const isPolygon: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];

/**
 * Which kinds of style layer a layer needs: all when its geometry is not known.
 *
 * @param geometry - the kinds of geometry the catalogue says the layer has
 * @returns whether it has polygons, lines and points
 * @example
 * kinds(['Point']); // { polygons: false, lines: false, points: true }
 */
export function kinds(geometry?: readonly Geometry['type'][]): { polygons: boolean; lines: boolean; points: boolean } {
  const has = (...types: Geometry['type'][]) => !geometry || types.some((t) => geometry.includes(t));
  return { polygons: has('Polygon', 'MultiPolygon'), lines: has('LineString', 'MultiLineString'), points: has('Point') };
}

/** A filter keeping what is on the map of a year (geo/lifecycle.ts). */
const existsInYear = (year: number): ExpressionSpecification => ['!=', drawnLetterExpression(year), ABSENT];

/**
 * A drawn layer's filter in a year: its own filter and what the year keeps.
 *
 * @param d - the drawn layer
 * @param year - the year
 * @returns the filter to set
 * @example
 * map.setFilter(d.spec.id, filterIn(d, 2030));
 */
export function filterIn(d: Drawn, year: number): FilterSpecification {
  if (d.keep === 'all') return (d.ownFilter ?? true) as FilterSpecification;
  const rule: ExpressionSpecification = d.keep === 'present' ? existsInYear(year) : ['==', drawnLetterExpression(year), d.keep.letter];
  return (d.ownFilter ? ['all', d.ownFilter, rule] : rule) as FilterSpecification;
}
