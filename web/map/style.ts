/**
 * The map's style: a calm base of districts, rivers and seats drawn from the
 * atlas's own data (no tile server, no key), the thematic layers above it, and
 * labels in a self-hosted font. A feature is drawn with its status in the map's year
 * (geo/lifecycle.ts): operating lines solid, under construction dashed, planned or proposed
 * dotted and faint; operating points filled, the rest rings; what only a plan expects, fainter.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BBox } from '../../geo/bbox.ts';
import { creditsOf } from '../../geo/catalog.ts';
import { escapeMarkup } from '../../geo/escape.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { BASE_LAYERS, displayTolerance, type LayerId } from '../../geo/layers.ts';
import { ABSENT, drawnLetter, drawnLetterExpression, EXPECTABLE } from '../../geo/lifecycle.ts';
import type { Lang } from '../../geo/state.ts';

/** The self-hosted label font (web/fonts.ts); MapLibre draws its glyphs locally, so no glyph server is needed. */
export const LABEL_FONT = 'Noto Sans SC';

import { EXPECTED_OPACITY, LAYER_COLOURS, STATUS_STYLES, THEMES, type Theme } from '../../geo/look.ts';


const isLine: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isPolygon: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
/** Line widths of the thematic lines, by layer. */
const LINE_WIDTH: Partial<Record<LayerId, number>> = { rail: 2.5, roads: 2.5, corridors: 4 };

/** A filter keeping what is on the map of a year (geo/lifecycle.ts). */
const existsInYear = (year: number): ExpressionSpecification => ['!=', drawnLetterExpression(year), ABSENT];

/**
 * A layer as the map draws it: one GeoJSON source (a URL, fetched and parsed off the main
 * thread, or the data), or vector tiles (`/tiles/:layer/…`, for a large layer); an extra
 * layer brings its colour and attribution, the atlas's own take the palette's. `geometry`, the
 * kinds of geometry the catalogue says the layer has, spares the style layers it would never use.
 */
export type MapLayer = { id: string; colour?: string; attribution?: string; geometry?: readonly Geometry['type'][] } & (
  | { data: string | FeatureCollection }
  | { tiles: string; maxzoom: number; bounds?: BBox | null }
);

/** The atlas's attribution on its own sources. */
const ATTRIBUTION = '万州区人民政府等 · 万达开云地图集';

/**
 * A style layer, the filter it has whatever the year, and what the year keeps of its features: those
 * on the map then (`drawnLetter` other than `.`), or, for a layer that draws one status, those with
 * that status's letter; base layers (districts, rivers, seats) keep everything. Paint never changes
 * with the year, so each layer's paint is constant.
 */
interface Drawn {
  spec: LayerSpecification;
  base: ExpressionSpecification | null;
  keep: 'all' | 'present' | { letter: string };
}

const layer = (spec: LayerSpecification, keep: Drawn['keep'] = 'present'): Drawn => ({
  spec,
  base: ((spec as { filter?: ExpressionSpecification }).filter ?? null) as ExpressionSpecification | null,
  keep,
});

/** The label's text in a language. */
const labelText = (lang: Lang): ExpressionSpecification => ['coalesce', ['get', lang === 'zh' ? 'name_zh' : 'name_en'], ['get', 'name_zh']];

/** Which kinds of style layer a layer needs: all when its geometry is not known. */
function kinds(geometry?: readonly Geometry['type'][]): { polygons: boolean; lines: boolean; points: boolean } {
  const has = (...types: Geometry['type'][]) => !geometry || types.some((t) => geometry.includes(t));
  return { polygons: has('Polygon', 'MultiPolygon'), lines: has('LineString', 'MultiLineString'), points: has('Point') };
}

/** Each status, and for those a plan can expect ahead of the sources, its expected twin, drawn fainter. */
const STATUS_VARIANTS = STATUS_STYLES.flatMap((s) =>
  (EXPECTABLE.includes(s.status) ? [false, true] : [false]).map((expected) => ({ ...s, expected, opacity: s.opacity * (expected ? EXPECTED_OPACITY : 1), letter: drawnLetter({ status: s.status, expected }) })),
);

function thematic(id: string, theme: Theme, own?: string, geometry?: readonly Geometry['type'][]): Drawn[] {
  const colour = own ?? (id === 'rail' ? THEMES[theme].rail : (LAYER_COLOURS[id as LayerId] ?? THEMES[theme].ink));
  const { halo } = THEMES[theme];
  const has = kinds(geometry);
  const out: Drawn[] = [];
  const suffix = (s: (typeof STATUS_VARIANTS)[number]) => `${s.status}${s.expected ? '-expected' : ''}`;
  if (has.polygons) out.push(layer({ id: `${id}-fill`, type: 'fill', source: id, filter: isPolygon, paint: { 'fill-color': colour, 'fill-opacity': 0.25, 'fill-outline-color': colour } }));
  if (has.lines)
    for (const s of STATUS_VARIANTS)
      out.push(
        layer(
          {
            id: `${id}-line-${suffix(s)}`,
            type: 'line',
            source: id,
            filter: isLine,
            layout: { 'line-cap': s.dash ? 'butt' : 'round', 'line-join': 'round' },
            paint: { 'line-color': colour, 'line-width': LINE_WIDTH[id as LayerId] ?? 2, 'line-opacity': id === 'corridors' ? s.opacity * 0.6 : s.opacity, ...(s.dash ? { 'line-dasharray': [...s.dash] } : {}) },
          },
          { letter: s.letter },
        ),
      );
  // Points: filled where they operate (as reported or expected), rings otherwise.
  if (has.points)
    for (const s of STATUS_VARIANTS) {
      const filled = s.status === 'operating';
      out.push(
        layer(
          {
            id: `${id}-point-${suffix(s)}`,
            type: 'circle',
            source: id,
            filter: isPoint,
            paint: {
              'circle-color': filled ? colour : halo,
              'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, id === 'rail' ? 3 : 4, 11, id === 'rail' ? 5 : 7],
              'circle-opacity': s.opacity,
              'circle-stroke-color': filled ? halo : colour,
              'circle-stroke-width': filled ? 1.2 : 2,
              'circle-stroke-opacity': s.opacity,
            },
          },
          { letter: s.letter },
        ),
      );
    }
  return out;
}

/** A base layer's style layer: districts, rivers and seats are on the map in every year. */
const always = (spec: LayerSpecification): Drawn => layer(spec, 'all');

function base(id: 'districts' | 'rivers' | 'places', theme: Theme): Drawn[] {
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
        always({ id: 'districts-line', type: 'line', source: 'districts', filter: county, paint: { 'line-color': c.county, 'line-width': 0.8 } }),
        always({ id: 'districts-line-prefecture', type: 'line', source: 'districts', filter: ['!', county], paint: { 'line-color': c.prefecture, 'line-width': 1.4 } }),
      ];
    case 'rivers': {
      const yangtze: ExpressionSpecification = ['==', ['get', 'id'], 'yangtze-river'];
      return [
        always({ id: 'rivers-line', type: 'line', source: 'rivers', filter: ['!', yangtze], paint: { 'line-color': LAYER_COLOURS.rivers, 'line-width': 1.2 } }),
        always({ id: 'rivers-line-yangtze', type: 'line', source: 'rivers', filter: yangtze, paint: { 'line-color': LAYER_COLOURS.rivers, 'line-width': 2.5 } }),
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
            'circle-radius': ['case', focus, 5, 3],
            'circle-stroke-color': c.seat,
            'circle-stroke-width': 1.5,
          },
        }),
      ];
  }
}

/** Labels: seats always, facilities from zoom 9, lines along their course from zoom 8. */
function labels(layers: readonly (string | MapLayer)[], theme: Theme, lang: Lang): Drawn[] {
  const c = THEMES[theme];
  const paint = { 'text-color': c.ink, 'text-halo-color': c.halo, 'text-halo-width': 1.4 };
  const out: Drawn[] = [];
  for (const l of layers) {
    const id = typeof l === 'string' ? l : l.id;
    const has = kinds(typeof l === 'string' ? undefined : l.geometry);
    if (id === 'districts') continue;
    if (id === 'places')
      out.push(
        always({
          id: 'places-label',
          type: 'symbol',
          source: 'places',
          layout: {
            'text-field': labelText(lang),
            'text-font': [LABEL_FONT],
            'text-size': ['case', ['==', ['get', 'focus'], true], 14, 11],
            'text-offset': [0, 0.9],
            'text-anchor': 'top',
            'symbol-sort-key': ['case', ['==', ['get', 'focus'], true], 0, 1],
          },
          paint,
        }),
      );
    else if ((id === 'rail' || id === 'roads' || id === 'rivers' || id === 'corridors') && has.lines)
      out.push(
        (id === 'rivers' ? always : layer)({
          id: `${id}-label`,
          type: 'symbol',
          source: id,
          minzoom: 9,
          filter: isLine,
          layout: { 'text-field': labelText(lang), 'text-font': [LABEL_FONT], 'text-size': 11, 'symbol-placement': 'line', 'symbol-spacing': 400 },
          paint,
        }),
      );
    if (id !== 'places' && id !== 'rivers' && has.points)
      out.push(
        layer({
          id: `${id}-point-label`,
          type: 'symbol',
          source: id,
          minzoom: 9,
          filter: isPoint,
          layout: { 'text-field': labelText(lang), 'text-font': [LABEL_FONT], 'text-size': 11, 'text-offset': [0, 0.8], 'text-anchor': 'top', 'text-optional': true },
          paint,
        }),
      );
  }
  return out;
}

const isBase = (id: string): id is 'districts' | 'rivers' | 'places' => id === 'districts' || id === 'rivers' || id === 'places';

/** A drawn layer reads its tiles' layer of the same name when its source is tiled. */
const fromTiles = (d: Drawn, tiled: ReadonlySet<string>): Drawn => {
  const source = (d.spec as { source?: string }).source;
  return source && tiled.has(source) ? { ...d, spec: { ...d.spec, 'source-layer': source } as LayerSpecification } : d;
};

/** The layers drawn from tiles. */
const tiledIds = (layers: readonly (string | MapLayer)[]): ReadonlySet<string> => new Set(layers.flatMap((l) => (typeof l !== 'string' && 'tiles' in l ? [l.id] : [])));

/** The layers' shapes in drawing order, with their base filters. */
function shapes(layers: readonly (string | MapLayer)[], theme: Theme): Drawn[] {
  const tiled = tiledIds(layers);
  return layers
    .flatMap((l) => {
      const id = typeof l === 'string' ? l : l.id;
      return isBase(id) ? base(id, theme) : typeof l === 'string' ? thematic(id, theme) : thematic(id, theme, l.colour, l.geometry);
    })
    .map((d) => fromTiles(d, tiled));
}

/** The layers' labels, with their base filters. */
function labelsOf(layers: readonly (string | MapLayer)[], theme: Theme, lang: Lang): Drawn[] {
  const tiled = tiledIds(layers);
  return labels(layers, theme, lang).map((d) => fromTiles(d, tiled));
}

/** Every style layer of the atlas, in drawing order, with its base filter. */
function drawn(layers: readonly (string | MapLayer)[], theme: Theme, lang: Lang): Drawn[] {
  return [...shapes(layers, theme), ...labelsOf(layers, theme, lang)];
}

/**
 * The ids of the style layers that draw one atlas layer (shapes and labels).
 *
 * @param id - an atlas layer id
 * @returns style layer ids
 * @example
 * styleLayersOf('rail'); // ['rail-fill', 'rail-line-operating', …, 'rail-label', 'rail-point-label']
 */
export function styleLayersOf(id: string): string[] {
  return drawn([id], 'light', 'zh').map((d) => d.spec.id);
}

/** A drawn layer's filter in a year. */
function filterIn(d: Drawn, year: number): FilterSpecification {
  if (d.keep === 'all') return (d.base ?? true) as FilterSpecification;
  const rule: ExpressionSpecification = d.keep === 'present' ? existsInYear(year) : ['==', drawnLetterExpression(year), d.keep.letter];
  return (d.base ? ['all', d.base, rule] : rule) as FilterSpecification;
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
  for (const { spec } of labels(ids, 'light', lang)) if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'text-field', labelText(lang));
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
