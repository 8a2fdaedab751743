/**
 * The map's style: a calm base of districts and rivers drawn from the atlas's own
 * data (no tile server, no key), and the thematic layers above it. Status shows
 * in the line: operating solid, under construction dashed, planned or proposed
 * dotted and faint.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerId } from '../../geo/schema.ts';

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), one per layer. */
export const LAYER_COLOURS: Record<LayerId, string> = {
  districts: '#8a939e',
  places: '#1d232b',
  rivers: '#6fa8d6',
  ports: '#0072b2',
  rail: '#3a3a3a',
  roads: '#e69f00',
  airports: '#56b4e9',
  parks: '#cc79a7',
  hospitals: '#d55e00',
  corridors: '#009e73',
};

/** How each status is drawn; the legend and the layers share it. */
export const STATUS_STYLES = [
  { status: 'operating', zh: '运营', en: 'Operating', dash: null, opacity: 1 },
  { status: 'under_construction', zh: '在建', en: 'Under construction', dash: [3, 2], opacity: 0.95 },
  { status: 'planned', zh: '规划', en: 'Planned', dash: [1, 2], opacity: 0.6 },
  { status: 'proposed', zh: '前期研究', en: 'Proposed', dash: [1, 3], opacity: 0.45 },
] as const;

const isLine: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isPolygon: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const operating: ExpressionSpecification = ['==', ['get', 'status'], 'operating'];
const statusOpacity: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ...STATUS_STYLES.flatMap((s) => [s.status, s.opacity]),
  1,
] as unknown as ExpressionSpecification;

/** Line widths of the thematic lines, by layer. */
const LINE_WIDTH: Partial<Record<LayerId, number>> = { rail: 2.5, roads: 2.5, corridors: 4 };

/** Style layers of one thematic layer: polygons, lines split by status (dash is not data-driven), points. */
function thematic(id: LayerId): LayerSpecification[] {
  const colour = LAYER_COLOURS[id];
  const out: LayerSpecification[] = [
    { id: `${id}-fill`, type: 'fill', source: id, filter: isPolygon, paint: { 'fill-color': colour, 'fill-opacity': 0.25, 'fill-outline-color': colour } },
  ];
  for (const s of STATUS_STYLES) {
    out.push({
      id: `${id}-line-${s.status}`,
      type: 'line',
      source: id,
      filter: ['all', isLine, ['==', ['get', 'status'], s.status]],
      layout: { 'line-cap': s.dash ? 'butt' : 'round', 'line-join': 'round' },
      paint: {
        'line-color': colour,
        'line-width': LINE_WIDTH[id] ?? 2,
        'line-opacity': id === 'corridors' ? s.opacity * 0.6 : s.opacity,
        ...(s.dash ? { 'line-dasharray': [...s.dash] } : {}),
      },
    });
  }
  out.push({
    id: `${id}-point`,
    type: 'circle',
    source: id,
    filter: isPoint,
    // Operating facilities are filled dots; anything not yet open is a ring in the layer's colour.
    paint: {
      'circle-color': ['case', operating, colour, '#ffffff'],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, id === 'rail' ? 3 : 4, 11, id === 'rail' ? 5 : 7],
      'circle-opacity': statusOpacity,
      'circle-stroke-color': ['case', operating, '#ffffff', colour],
      'circle-stroke-width': ['case', operating, 1.2, 2],
      'circle-stroke-opacity': statusOpacity,
    },
  });
  return out;
}

/** Style layers of the base: district fills and outlines, rivers, seats. */
function base(): Record<'districts' | 'rivers' | 'places', LayerSpecification[]> {
  const focus: ExpressionSpecification = ['==', ['get', 'focus'], true];
  return {
    districts: [
      {
        id: 'districts-fill',
        type: 'fill',
        source: 'districts',
        filter: ['==', ['get', 'kind'], 'county'],
        paint: { 'fill-color': ['case', focus, '#f3efe3', '#f7f8f9'], 'fill-opacity': 1 },
      },
      {
        id: 'districts-line',
        type: 'line',
        source: 'districts',
        paint: {
          'line-color': ['case', ['==', ['get', 'kind'], 'county'], '#b9c0c8', '#8a939e'],
          'line-width': ['case', ['==', ['get', 'kind'], 'county'], 0.8, 1.4],
        },
      },
    ],
    rivers: [{ id: 'rivers-line', type: 'line', source: 'rivers', paint: { 'line-color': LAYER_COLOURS.rivers, 'line-width': ['case', ['==', ['get', 'id'], 'yangtze-river'], 2.5, 1.2] } }],
    places: [
      {
        id: 'places-point',
        type: 'circle',
        source: 'places',
        paint: {
          'circle-color': ['case', focus, LAYER_COLOURS.places, '#ffffff'],
          'circle-radius': ['case', focus, 5, 3],
          'circle-stroke-color': LAYER_COLOURS.places,
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}

/**
 * The style layers that draw one atlas layer, in drawing order.
 *
 * @param id - an atlas layer id
 * @returns the MapLibre layer specifications
 * @example
 * styleLayersOf('rail').map((l) => l.id); // ['rail-fill', 'rail-line-operating', …, 'rail-point']
 */
export function styleLayersOf(id: LayerId): LayerSpecification[] {
  if (id === 'districts' || id === 'rivers' || id === 'places') return base()[id];
  return thematic(id);
}

/**
 * The whole style: one GeoJSON source per atlas layer, fetched from the API, stacked in catalogue order.
 *
 * @param layers - atlas layer ids, bottom first
 * @param dataUrl - the URL of a layer's GeoJSON
 * @returns a MapLibre style that needs no outside request
 * @example
 * new Map({ container, style: atlasStyle(ids, (id) => `/api/layers/${id}`) });
 */
export function atlasStyle(layers: readonly LayerId[], dataUrl: (id: LayerId) => string): StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(layers.map((id) => [id, { type: 'geojson', data: dataUrl(id), attribution: '万州区人民政府等 · 万达开云地图集' }])),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } }, ...layers.flatMap(styleLayersOf)],
  };
}
