/**
 * The embed in its frame: the map's height from the frame's width, the camera refitted so that every
 * place the view is about stays in frame at any width, the map shortened rather than the embed
 * clipped when a fixed frame is too short, and the attribution in the embed's language.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { creditsOf } from '../geo/catalog.ts';
import { embedMapHeight, MAP_HEIGHT } from '../geo/embed-size.ts';
import { parseLonLat } from '../geo/geodesy.ts';
import type { Lang } from '../geo/state.ts';
import { FOUR_PLACE_IDS } from '../geo/four-places.ts';
import type { View } from '../geo/views.ts';

/** The map's attribution, in the embed's language. */
const ATTRIBUTION = { zh: '万州区人民政府等 · 万达开云地图集', en: "Wanzhou District People's Government and others · Wan-Da-Kai-Yun Atlas" };

/** The data's credit under the map, in the embed's language. */
const DATA_CREDIT = { zh: '数据：万州区人民政府等（行动方案及报道）· 万达开云地图集', en: "Data: Wanzhou District People's Government and others · Wan-Da-Kai-Yun Atlas" };

/** The widest map whose attribution starts folded: at 360 px the open box hides a third of the map. */
const FOLDED_ATTRIBUTION_WIDTH = 480;

/**
 * The credit line under the map: the atlas's sources and every credit its layers' data require
 * (OpenStreetMap's among them), so a narrow map may fold its own attribution.
 *
 * @param lang - the embed's language
 * @param layers - the layers shown
 * @returns the line
 * @example
 * creditLine('en', ['rail']); // "Data: Wanzhou District People's Government and others · Wan-Da-Kai-Yun Atlas · © OpenStreetMap contributors"
 */
export const creditLine = (lang: Lang, layers: readonly string[]): string => [DATA_CREDIT[lang], ...creditsOf(layers)].join(' · ');

/**
 * Folds the map's attribution in a narrow embed (its "i" button opens it), whose credit line under
 * the map says the same; MapLibre's compact attribution starts open until the first drag.
 *
 * @param map - the embed's map
 * @example
 * map.once('load', () => foldNarrowAttribution(map));
 */
export function foldNarrowAttribution(map: MapLibreMap): void {
  if (map.getContainer().clientWidth > FOLDED_ATTRIBUTION_WIDTH) return;
  map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/**
 * Puts the attribution of the embed's language on each of the style's sources (the style's own is Chinese).
 *
 * @param style - the embed's style, changed in place
 * @param lang - the embed's language
 * @returns the style
 * @example
 * new Map({ style: localiseAttribution(atlasStyle(layers, o), 'en') });
 */
export function localiseAttribution(style: StyleSpecification, lang: Lang): StyleSpecification {
  for (const [id, source] of Object.entries(style.sources)) if ('attribution' in source) source.attribution = [ATTRIBUTION[lang], ...creditsOf([id])].join(' · ');
  return style;
}

/**
 * The map's height: the `height` option when the URL gives one, else from the frame's width.
 *
 * @param option - the URL's `height` (null when absent)
 * @param width - the frame's width in px
 * @returns the map's height in px
 * @example
 * mapHeightFor(null, 360); // 220
 */
export function mapHeightFor(option: string | null, width: number): number {
  return option ? Math.min(1600, Math.max(MAP_HEIGHT.min, Number(option) || 420)) : embedMapHeight(width);
}

/**
 * What a view is about, to keep in frame: its `frame` points, its reach origins, its route's ends and,
 * with the matrix or the impact chart, the four places (ids or `lon,lat`, each once).
 *
 * @param view - the view
 * @returns the ids and positions, in that order
 * @example
 * framedPlaces(ports); // ['wanzhou', 'xintian-port-phase-1', …]
 */
export function framedPlaces(view: View): string[] {
  const four = view.matrix || view.impact ? FOUR_PLACE_IDS : [];
  const route = view.route ? [view.route.from, view.route.to] : [];
  return [...new Set([...(view.frame ?? []), ...(view.reach?.from ?? []), ...route, ...four])];
}

/**
 * The positions of the places a view is about, found among the map's loaded point features.
 *
 * @param map - the loaded map
 * @param view - the view
 * @param layers - the map's layer (source) ids
 * @returns each place's id and `[lon, lat]`; a place that cannot be found is left out
 * @example
 * await framedPositions(map, view, ['places', 'ports']);
 */
export async function framedPositions(map: MapLibreMap, view: View, layers: readonly string[]): Promise<{ id: string; at: [number, number] }[]> {
  const points = new Map<string, [number, number]>();
  for (const id of layers) {
    const data = (await (map.getSource(id) as GeoJSONSource).getData()) as FeatureCollection;
    for (const f of data.features as Feature[])
      if (f.geometry?.type === 'Point' && typeof f.properties?.id === 'string' && !points.has(f.properties.id)) points.set(f.properties.id, (f.geometry as Point).coordinates as [number, number]);
  }
  return framedPlaces(view).flatMap((id) => {
    const at = parseLonLat(id) ?? points.get(id);
    return at ? [{ id, at: [at[0], at[1]] as [number, number] }] : [];
  });
}

/**
 * Keeps the view's places in frame: the view's own camera when they all show in it, else the camera
 * that fits them (never closer than the view's own), with room around them for their labels.
 *
 * @param map - the map
 * @param view - the view, for its camera
 * @param places - the positions to keep in frame
 * @example
 * keepInFrame(map, view, await framedPositions(map, view, ids));
 */
export function keepInFrame(map: MapLibreMap, view: View, places: readonly { at: [number, number] }[]): void {
  map.jumpTo({ center: view.camera.center, zoom: view.camera.zoom });
  if (!places.length) return;
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  const pad = Math.round(Math.min(32, w / 10, h / 10));
  const inside = places.every((p) => {
    const { x, y } = map.project(p.at);
    return x >= pad && y >= pad && x <= w - pad && y <= h - pad;
  });
  if (inside) return;
  const lons = places.map((p) => p.at[0]);
  const lats = places.map((p) => p.at[1]);
  const camera = map.cameraForBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], { padding: pad, maxZoom: view.camera.zoom });
  if (camera) map.jumpTo(camera);
}

/**
 * Shortens the map while the embed is taller than a frame that does not follow its content (a plain
 * iframe narrower than the width its height was given for), down to {@link MAP_HEIGHT}.min.
 *
 * @param mapEl - the map's element
 * @param natural - the map's height when nothing needs shortening
 * @returns how many px the map was shortened
 * @example
 * fitFrame(document.getElementById('map')!, 220);
 */
export function fitFrame(mapEl: HTMLElement, natural: number): number {
  mapEl.style.height = `${natural}px`;
  const over = document.documentElement.scrollHeight - innerHeight;
  if (over <= 0) return 0;
  const height = Math.max(MAP_HEIGHT.min, natural - over);
  mapEl.style.height = `${height}px`;
  return natural - height;
}
