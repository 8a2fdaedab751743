/**
 * The route overlay: a trip's legs on the map, each in its mode's colour on a highlight, local-road legs
 * dashed, its two ends marked; above the atlas's lines, under their labels. The explorer and the
 * embed draw it the same.
 */
import type { Feature } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { RouteResponse } from '../../geo/api/route.ts';
import { MODES } from '../../geo/network/params.ts';
import { ROUTE_STYLE, routeColour, THEMES, type Theme } from '../../geo/look.ts';

/** The overlay's source and style layers. */
export const ROUTE_OVERLAY = { source: 'route', casing: 'route-casing', line: 'route-line', access: 'route-access', ends: 'route-ends' } as const;

const isAccess: ExpressionSpecification = ['==', ['get', 'mode'], 'access'];

/** The lowest label layer: the route goes under every label. */
const firstLabel = (map: MapLibreMap): string | undefined => map.getStyle().layers.find((l) => l.id.endsWith('-label'))?.id;

/**
 * Draws a route, replaces the one drawn, or clears it (null).
 *
 * @param map - the map, its style loaded
 * @param route - the answer of `/api/route`, or null
 * @param theme - the theme its colours follow
 * @example
 * drawRoute(map, await fetchRoute({ from: 'wanzhou', to: 'dazhou', year: 2027 }), 'light');
 */
export function drawRoute(map: MapLibreMap, route: RouteResponse | null, theme: Theme): void {
  const ends = route ? [route.from, route.to].map((end, i) => ({ type: 'Feature', properties: { end: i === 0 ? 'from' : 'to' }, geometry: { type: 'Point', coordinates: end.coordinates } })) : [];
  const data = { type: 'FeatureCollection' as const, features: [...(route?.features ?? []), ...ends] as Feature[] };
  const colour = ['match', ['get', 'mode'], ...MODES.flatMap((m) => [m, routeColour(m, theme)]), THEMES[theme].ink] as unknown as ExpressionSpecification;
  const source = map.getSource(ROUTE_OVERLAY.source) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    for (const id of [ROUTE_OVERLAY.line, ROUTE_OVERLAY.access]) map.setPaintProperty(id, 'line-color', colour);
    return;
  }
  map.addSource(ROUTE_OVERLAY.source, { type: 'geojson', data });
  const before = firstLabel(map);
  const lines: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
  const round = { 'line-cap': 'round', 'line-join': 'round' } as const;
  map.addLayer({ id: ROUTE_OVERLAY.casing, type: 'line', source: ROUTE_OVERLAY.source, filter: lines, layout: round, paint: { 'line-color': ROUTE_STYLE.casingColour, 'line-opacity': ROUTE_STYLE.casingOpacity, 'line-width': ROUTE_STYLE.casingWidth } }, before);
  map.addLayer({ id: ROUTE_OVERLAY.line, type: 'line', source: ROUTE_OVERLAY.source, filter: ['all', lines, ['!', isAccess]], layout: round, paint: { 'line-color': colour, 'line-width': ROUTE_STYLE.lineWidth } }, before);
  map.addLayer({ id: ROUTE_OVERLAY.access, type: 'line', source: ROUTE_OVERLAY.source, filter: ['all', lines, isAccess], paint: { 'line-color': colour, 'line-width': ROUTE_STYLE.lineWidth - 2, 'line-dasharray': [...ROUTE_STYLE.accessDash] } }, before);
  map.addLayer(
    {
      id: ROUTE_OVERLAY.ends,
      type: 'circle',
      source: ROUTE_OVERLAY.source,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': ROUTE_STYLE.endRadius, 'circle-color': ['match', ['get', 'end'], 'from', THEMES[theme].ink, THEMES[theme].halo], 'circle-stroke-color': THEMES[theme].ink, 'circle-stroke-width': 2.5 },
    },
    before,
  );
}

/** The route without a scenario: its layer, and its grey in each theme (apart from every mode's colour). */
export const ROUTE_BEFORE = { source: 'route-before', line: 'route-before-line', colour: { light: '#47505b', dark: '#b9c1ca' } } as const;

/**
 * Draws the route without the state's scenario beside the route with it (or clears it, null): a grey
 * dashed line offset to one side of the route's highlight, under it, so that where the two trips share
 * a road both are seen, and where they part the old one is seen alone.
 *
 * @param map - the map, its style loaded
 * @param route - the answer of `/api/route` on the year's own network, or null
 * @param theme - the theme its grey follows
 * @example
 * drawRouteBefore(map, await fetchRoute({ from: 'wanzhou', to: 'kaizhou', year: 2027 }), 'light');
 */
export function drawRouteBefore(map: MapLibreMap, route: RouteResponse | null, theme: Theme): void {
  const data = { type: 'FeatureCollection' as const, features: (route?.features ?? []) as Feature[] };
  const source = map.getSource(ROUTE_BEFORE.source) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return void map.setPaintProperty(ROUTE_BEFORE.line, 'line-color', ROUTE_BEFORE.colour[theme]);
  }
  map.addSource(ROUTE_BEFORE.source, { type: 'geojson', data });
  // Just outside the highlight: half its width, and half the dashed line's, and a pixel between.
  const offset = ROUTE_STYLE.casingWidth / 2 + 3;
  const paint = { 'line-color': ROUTE_BEFORE.colour[theme], 'line-width': 3.5, 'line-offset': offset, 'line-dasharray': [1.6, 1.1] };
  map.addLayer({ id: ROUTE_BEFORE.line, type: 'line', source: ROUTE_BEFORE.source, layout: { 'line-join': 'round' }, paint }, map.getLayer(ROUTE_OVERLAY.casing) ? ROUTE_OVERLAY.casing : firstLabel(map));
}

/**
 * Brings a route into view, unless it is in view already.
 *
 * @param map - the map
 * @param route - the answer of `/api/route`
 * @param animate - whether the camera flies (not when the reader asked for less motion)
 * @example
 * showRoute(map, route, !lessMotion());
 */
export function showRoute(map: MapLibreMap, route: RouteResponse, animate: boolean): void {
  const points = [route.from.coordinates, route.to.coordinates, ...route.features.flatMap((f) => f.geometry.coordinates)];
  const [w, s, e, n] = points.reduce(([w, s, e, n], [x, y]) => [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)], [Infinity, Infinity, -Infinity, -Infinity]);
  const view = map.getBounds();
  if (view.contains([w, s]) && view.contains([e, n])) return;
  map.fitBounds([w, s, e, n], { padding: 40, maxZoom: 12, animate });
}
