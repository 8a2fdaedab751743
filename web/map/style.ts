/**
 * The map's style: a calm base of districts, rivers and seats drawn from the atlas's own data (no tile
 * server, no key; web/map/base-layers.ts), the thematic layers above it (web/map/thematic.ts), and
 * labels in a self-hosted font (web/map/labels.ts). Every style layer's paint is constant; the map's
 * year only changes filters (web/map/drawn.ts).
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BBox } from '../../geo/bbox.ts';
import { creditsOf, LAYER_IDS } from '../../geo/catalog.ts';
import { escapeMarkup } from '../../geo/escape.ts';
import { BASE_LAYERS, displayTolerance } from '../../geo/layers.ts';
import { THEMES, type Theme } from '../../geo/look.ts';
import type { Lang } from '../../geo/state.ts';
import { baseLayers, isBase } from './base-layers.ts';
import { filterIn, type Drawn, type LayerShape } from './drawn.ts';
import { labels, labelText } from './labels.ts';
import { thematicLayers } from './thematic.ts';
import { archiveLayers, archiveSource, type ArchiveShape } from './archive.ts';
import type { ArchiveFacts } from '../../geo/pmtiles/facts.ts';

/** The self-hosted label font (web/fonts.ts); MapLibre draws its glyphs locally, so no glyph server is needed. */
export const LABEL_FONT = 'Noto Sans SC';

/**
 * A layer as the map draws it: one GeoJSON source (a URL, fetched and parsed off the main
 * thread, or the data), or vector tiles (`/tiles/:layer/…`, for a large layer); an extra
 * layer brings its colour and attribution, the atlas's own take the palette's. `geometry`, the
 * kinds of geometry the catalogue says the layer has, spares the style layers it would never use.
 */
export type MapLayer = { id: string; colour?: string; attribution?: string; geometry?: readonly Geometry['type'][] } & (
  | { data: string | FeatureCollection }
  | { tiles: string; maxzoom: number; bounds?: BBox | null; archive?: ArchiveFacts }
);

/** An extra layer that is an external archive the publish read: drawn as a base (web/map/archive.ts). */
const archiveOf = (l: string | MapLayer): ArchiveShape | null => (typeof l !== 'string' && 'tiles' in l && l.archive ? (l as ArchiveShape) : null);

/** The atlas's attribution on its own sources. */
const ATTRIBUTION = '万州区人民政府等 · 万达开云地图集';

/** A layer given by its id alone (applyYear, applyLang) is one of the atlas's, of any geometry. */
const shapeOf = (l: string | MapLayer): LayerShape => (typeof l === 'string' ? { id: l } : l);

/** A drawn layer reads its tiles' layer of the same name when its source is tiled. */
function fromTiles(d: Drawn, tiled: ReadonlySet<string>): Drawn {
  const source = (d.spec as { source?: string }).source;
  return source && tiled.has(source) ? { ...d, spec: { ...d.spec, 'source-layer': source } as LayerSpecification } : d;
}

/** The layers drawn from tiles. */
const tiledIds = (layers: readonly (string | MapLayer)[]): ReadonlySet<string> => new Set(layers.flatMap((l) => (typeof l !== 'string' && 'tiles' in l ? [l.id] : [])));

/**
 * The layers' shapes (fills, lines, points) in drawing order, with their own filters. External archives
 * are a base: on the districts' fill (which is opaque), under their boundaries, the rivers and the rest.
 */
function shapes(layers: readonly (string | MapLayer)[], theme: Theme): Drawn[] {
  const tiled = tiledIds(layers);
  const archives = layers.flatMap((l) => archiveOf(l) ?? []);
  const own = layers
    .filter((l) => !archiveOf(l))
    .map(shapeOf)
    .flatMap((l) => (isBase(l.id) ? baseLayers(l.id, theme) : thematicLayers(l, theme)))
    .map((d) => fromTiles(d, tiled));
  const onFill = own.findIndex((d) => d.spec.id === 'districts-fill') + 1;
  return [...own.slice(0, onFill), ...archives.flatMap((l) => archiveLayers(l, theme)), ...own.slice(onFill)];
}

/** The layers' labels, with their own filters. */
function labelsOf(layers: readonly (string | MapLayer)[], theme: Theme, lang: Lang): Drawn[] {
  const tiled = tiledIds(layers);
  return labels(layers.filter((l) => !archiveOf(l)).map(shapeOf), { theme, lang, font: LABEL_FONT }).map((d) => fromTiles(d, tiled));
}

/** Every style layer of the atlas, in drawing order, with its own filter. */
function drawn(layers: readonly (string | MapLayer)[], theme: Theme, lang: Lang): Drawn[] {
  return [...shapes(layers, theme), ...labelsOf(layers, theme, lang)];
}

/**
 * The ids of the style layers that draw one atlas layer (shapes and labels). By id, the atlas's kinds
 * (what a click may pick); an external archive's own are named only by its map layer.
 *
 * @param layer - an atlas layer id, or the layer as the map draws it
 * @returns style layer ids
 * @example
 * styleLayersOf('rail'); // ['rail-fill', 'rail-line-operating', …, 'rail-label', 'rail-point-label']
 */
export function styleLayersOf(layer: string | MapLayer): string[] {
  return drawn([layer], 'light', 'zh').map((d) => d.spec.id);
}

/** A drawn layer's specification in a year. */
const withYear = (d: Drawn, year: number): LayerSpecification => ({ ...d.spec, filter: filterIn(d, year) }) as LayerSpecification;

/**
 * The style without labels: one source per layer, GeoJSON (by URL, which MapLibre
 * fetches and parses off the main thread, or inline) or vector tiles.
 *
 * @param layers - each layer's data or tiles, bottom layer first
 * @param options - theme and year
 * @returns a MapLibre style that makes no outside request
 * @example
 * new Map({ container, style: atlasStyle(ids.map((id) => ({ id, data: `/api/layers/${id}` })), { theme: 'light', year: 2027 }) });
 */
export function atlasStyle(layers: readonly MapLayer[], options: { theme: Theme; year: number }): StyleSpecification {
  const sourceOf = (l: MapLayer): SourceSpecification => {
    // MapLibre shows attributions as HTML: an extra layer's source is someone else's text.
    const attribution = l.attribution !== undefined ? escapeMarkup(l.attribution) : [ATTRIBUTION, ...creditsOf([l.id])].join(' · ');
    const archive = archiveOf(l);
    if (archive) return archiveSource(archive, attribution);
    if ('tiles' in l) return { type: 'vector', tiles: [l.tiles], minzoom: 0, maxzoom: l.maxzoom, ...(l.bounds ? { bounds: l.bounds } : {}), attribution };
    const tolerance = displayTolerance(l.id);
    return { type: 'geojson', data: l.data, attribution, ...(tolerance !== undefined ? { tolerance } : {}) };
  };
  return {
    version: 8,
    sources: Object.fromEntries(layers.map((l) => [l.id, sourceOf(l)])),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': THEMES[options.theme].background } }, ...shapes(layers, options.theme).map((d) => withYear(d, options.year))],
  };
}

/**
 * The label layers, added once their font has loaded (MapLibre draws each glyph once and keeps it).
 *
 * @param layers - the layers on the map (as given to `atlasStyle`)
 * @param options - theme, language and year
 * @returns layer specifications to `map.addLayer`
 * @example
 * for (const l of labelLayers(layers, { theme, lang, year })) map.addLayer(l);
 */
export function labelLayers(layers: readonly MapLayer[], options: { theme: Theme; lang: Lang; year: number }): LayerSpecification[] {
  return labelsOf(layers, options.theme, options.lang).map((d) => withYear(d, options.year));
}

/**
 * Shows another year: each feature with its status then, by the layers' filters; instant, no data
 * reloaded.
 *
 * @param map - the map
 * @param ids - the layers on it
 * @param year - the year
 * @example
 * applyYear(map, layers, 2030);
 */
export function applyYear(map: MapLibreMap, ids: readonly string[], year: number): void {
  for (const d of drawn(ids, 'light', 'zh')) if (map.getLayer(d.spec.id)) map.setFilter(d.spec.id, filterIn(d, year));
}

/**
 * Switches the labels' language.
 *
 * @param map - the map
 * @param ids - the atlas layers on it
 * @param lang - the language
 * @example
 * applyLang(map, layers, 'en');
 */
export function applyLang(map: MapLibreMap, ids: readonly string[], lang: Lang): void {
  for (const { spec } of labelsOf(ids, 'light', lang)) if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'text-field', labelText(lang));
}

/** The source of the chosen feature's halo (web/map/selection.ts), which lies above every overlay. */
export const SELECTION_SOURCE = 'selection';

const THEMATIC = new Set<string>(LAYER_IDS.filter((id) => !BASE_LAYERS.includes(id)));
const UNDER_OVERLAYS = new Set<string>([SELECTION_SOURCE, ...THEMATIC]);
const lowestOf = (map: MapLibreMap, sources: ReadonlySet<string>): string | undefined => map.getLayersOrder().find((id) => sources.has(map.getLayer(id)?.source ?? ''));

/**
 * The lowest style layer of the atlas's own thematic layers: the halo goes before it.
 *
 * @param map - the map
 * @returns a style layer id, or undefined
 * @example
 * map.addLayer({ id: 'selection-line', type: 'line', source: 'selection' }, thematicBefore(map));
 */
export const thematicBefore = (map: MapLibreMap): string | undefined => lowestOf(map, THEMATIC);

/**
 * The lowest style layer of the chosen feature's halo or of the atlas's own thematic layers: an
 * overlay added before it (the reach bands) lies on the base and any extra layer, under the halo, the
 * plan's features and every label, whichever was added first.
 *
 * @param map - the map
 * @returns a style layer id, or undefined (the overlay then goes on top)
 * @example
 * map.addLayer({ id: 'reach-fill', type: 'fill', source: 'reach' }, overlayBefore(map));
 */
export const overlayBefore = (map: MapLibreMap): string | undefined => lowestOf(map, UNDER_OVERLAYS);
