/**
 * The reach overlay: the bands of one or more reach answers on the map, under the atlas's own
 * layers, one colour per band limit (nearest darkest), drawn the same in the explorer and the embed.
 */
import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ReachResponse } from '../../geo/api/reach.ts';
import { BAND_STYLE, bandColour } from '../../geo/look.ts';
import { overlayBefore } from '../map/style.ts';

/** The overlay's source and style layers. */
export const REACH_OVERLAY = { source: 'reach', fill: 'reach-fill', line: 'reach-line' } as const;

/**
 * Draws the bands, or replaces those drawn: the first call (and the first after the map's style was
 * replaced) adds the source and its layers, later ones change their data and colours.
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
    return;
  }
  map.addSource(REACH_OVERLAY.source, { type: 'geojson', data });
  const before = overlayBefore(map);
  map.addLayer({ id: REACH_OVERLAY.fill, type: 'fill', source: REACH_OVERLAY.source, paint: { 'fill-color': colour, 'fill-opacity': BAND_STYLE.fillOpacity } }, before);
  map.addLayer({ id: REACH_OVERLAY.line, type: 'line', source: REACH_OVERLAY.source, paint: { 'line-color': colour, 'line-width': BAND_STYLE.lineWidth } }, before);
}
