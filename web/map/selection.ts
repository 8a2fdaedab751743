/**
 * The selected feature, shown on the map: a halo under it (a wide soft line under a line, a ring
 * around a point, an outline round an area), drawn on the base and under the plan's features, so
 * that the feature itself stays as it is.
 */
import type { Feature } from 'geojson';
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { geometryBBox } from '../../geo/bbox.ts';
import type { AtlasFeature } from '../../geo/bundle.ts';
import { SELECTION_SOURCE, thematicBefore } from './style.ts';

/** The halo's colour: amber, apart from every layer's colour and from the reach bands' blues. */
const COLOUR = '#f5b700';

/**
 * Shows one feature as selected, or none; adds the halo's source and layers on first use (and again
 * after the style was replaced).
 *
 * @param map - the map, its style loaded
 * @param feature - the selected feature, or null
 * @example
 * showSelection(map, data.byId.get('yuwan-hsr')?.feature ?? null);
 */
export function showSelection(map: MapLibreMap, feature: AtlasFeature | null): void {
  const data = { type: 'FeatureCollection' as const, features: feature ? [{ type: 'Feature', properties: { id: feature.properties.id }, geometry: feature.geometry } as Feature] : [] };
  const source = map.getSource(SELECTION_SOURCE) as GeoJSONSource | undefined;
  if (source) return void source.setData(data);
  map.addSource(SELECTION_SOURCE, { type: 'geojson', data });
  // Under the plan's features, above the reach bands (which go under the halo: style.ts overlayBefore).
  const before = thematicBefore(map);
  map.addLayer({ id: 'selection-outline', type: 'line', source: SELECTION_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]], paint: { 'line-color': COLOUR, 'line-width': 4, 'line-opacity': 0.9 } }, before);
  map.addLayer(
    { id: 'selection-line', type: 'line', source: SELECTION_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': COLOUR, 'line-width': 11, 'line-opacity': 0.65 } },
    before,
  );
  map.addLayer(
    {
      id: 'selection-point',
      type: 'circle',
      source: SELECTION_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 13, 'circle-color': COLOUR, 'circle-opacity': 0.3, 'circle-stroke-color': COLOUR, 'circle-stroke-width': 3 },
    },
    before,
  );
}

/**
 * Where the map goes to show a feature: a point at street scale (never zooming out), a line or area
 * fitted whole in the view.
 *
 * @param feature - the feature
 * @param zoomNow - the map's zoom now
 * @returns a centre and zoom for a point, or bounds to fit
 * @example
 * const target = cameraFor(feature, map.getZoom()); 'bounds' in target ? map.fitBounds(target.bounds, { padding: 60 }) : map.flyTo(target);
 */
export function cameraFor(feature: AtlasFeature, zoomNow: number): { center: [number, number]; zoom: number } | { bounds: LngLatBoundsLike } {
  if (feature.geometry.type === 'Point') return { center: feature.geometry.coordinates as [number, number], zoom: Math.max(zoomNow, 11) };
  const [w, s, e, n] = geometryBBox(feature.geometry);
  return { bounds: [w, s, e, n] };
}
