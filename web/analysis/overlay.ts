/**
 * The reach overlay: the bands of one or more reach answers on the map, under the atlas's own
 * layers, one colour per band limit (nearest darkest), and a marker at each origin above them, drawn
 * the same in the explorer and the embed. The fill fades as the reader zooms in to a city, so the
 * streets and labels under a band stay readable; the edges carry the bands there.
 */
import type { Feature } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ReachResponse } from '../../geo/api/reach.ts';
import { BAND_STYLE, bandColour, ORIGIN_STYLE, THEMES } from '../../geo/look.ts';
import { overlayBefore } from '../map/style.ts';

/** The overlay's sources and style layers. */
export const REACH_OVERLAY = { source: 'reach', fill: 'reach-fill', line: 'reach-line', originSource: 'reach-origin', origin: 'reach-origin' } as const;

/** A value that goes from its region-zoom figure to its city-zoom one between BAND_STYLE's fade zooms. */
const byZoom = (region: number, city: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], BAND_STYLE.fadeZooms[0], region, BAND_STYLE.fadeZooms[1], city];

/** The lowest label layer: the origin marker lies above every shape and under the labels. */
const firstLabel = (map: MapLibreMap): string | undefined => map.getStyle().layers.find((l) => l.type === 'symbol')?.id;

/** Draws the origins as markers, or replaces those drawn. */
function drawOrigins(map: MapLibreMap, answers: readonly ReachResponse[]): void {
  const data = { type: 'FeatureCollection' as const, features: answers.map((a) => ({ type: 'Feature' as const, properties: { id: a.origin.id }, geometry: { type: 'Point' as const, coordinates: a.origin.coordinates } })) };
  const source = map.getSource(REACH_OVERLAY.originSource) as GeoJSONSource | undefined;
  if (source) return void source.setData(data);
  map.addSource(REACH_OVERLAY.originSource, { type: 'geojson', data });
  // The halo is the light theme's in both themes: a pale ring around the dark disc shows on either land.
  const paint = { 'circle-color': bandColour(0), 'circle-radius': ORIGIN_STYLE.radius, 'circle-stroke-color': THEMES.light.halo, 'circle-stroke-width': ORIGIN_STYLE.haloWidth };
  map.addLayer({ id: REACH_OVERLAY.origin, type: 'circle', source: REACH_OVERLAY.originSource, paint }, firstLabel(map));
}

/**
 * Draws the bands and their origins, or replaces those drawn: the first call (and the first after the
 * map's style was replaced) adds the sources and their layers, later ones change their data and colours.
 *
 * @param map - the map, its style loaded
 * @param bands - the band limits asked for, nearest first: a band's colour is its place among them
 * @param answers - the reach answers to draw (none clears the overlay); their bands come outermost first, the order they are drawn in
 * @example
 * drawReach(map, [30, 60, 90], [await fetchReach({ from: 'wanzhou', minutes: [30, 60, 90] })]);
 */
export function drawReach(map: MapLibreMap, bands: readonly number[], answers: readonly ReachResponse[]): void {
  const data = { type: 'FeatureCollection' as const, features: answers.flatMap((a) => a.features) as Feature[] };
  const colour = ['match', ['get', 'minutes'], ...bands.flatMap((b, i) => [b, bandColour(i)]), bandColour(bands.length)] as unknown as string;
  const source = map.getSource(REACH_OVERLAY.source) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    map.setPaintProperty(REACH_OVERLAY.fill, 'fill-color', colour);
    map.setPaintProperty(REACH_OVERLAY.line, 'line-color', colour);
  } else {
    map.addSource(REACH_OVERLAY.source, { type: 'geojson', data });
    const before = overlayBefore(map);
    map.addLayer({ id: REACH_OVERLAY.fill, type: 'fill', source: REACH_OVERLAY.source, paint: { 'fill-color': colour, 'fill-opacity': byZoom(BAND_STYLE.fillOpacity, BAND_STYLE.cityFillOpacity) } }, before);
    const line = { 'line-color': colour, 'line-width': byZoom(BAND_STYLE.lineWidth, BAND_STYLE.cityLineWidth), 'line-opacity': BAND_STYLE.lineOpacity };
    map.addLayer({ id: REACH_OVERLAY.line, type: 'line', source: REACH_OVERLAY.source, paint: line }, before);
  }
  drawOrigins(map, answers);
}

/** The outline of the reach without a scenario, drawn over the scenario's bands. */
const BEFORE = { source: 'reach-before', line: 'reach-before-line' } as const;

/**
 * Draws the bands of the reach without the scenario as dashed outlines (or clears them with null), so
 * the map shows a project's before and after at once.
 *
 * @param map - the map, its style loaded
 * @param answer - the reach of the year's own network, or null
 * @example
 * drawReachBefore(map, await fetchReach({ from: 'wanzhou', minutes: [60], year: 2027 }));
 */
export function drawReachBefore(map: MapLibreMap, answer: ReachResponse | null): void {
  const data = { type: 'FeatureCollection' as const, features: (answer?.features ?? []) as Feature[] };
  const source = map.getSource(BEFORE.source) as GeoJSONSource | undefined;
  if (source) return void source.setData(data);
  map.addSource(BEFORE.source, { type: 'geojson', data });
  map.addLayer({ id: BEFORE.line, type: 'line', source: BEFORE.source, paint: { 'line-color': THEMES.light.ink, 'line-width': 1.6, 'line-dasharray': [2, 2], 'line-opacity': 0.8 } }, overlayBefore(map));
}
