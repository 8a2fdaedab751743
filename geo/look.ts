/**
 * How the atlas looks: its colours, and the widths, radii, dashes and opacities it draws with, shared
 * by the map in the page (web/map/*), its overlays and the pictures the worker draws
 * (geo/render/svg.ts), so that an embed's picture matches its map. A number that says how something
 * is drawn lives here and nowhere else.
 */
import type { LayerId, Status } from './layers.ts';

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
  { status: 'operating', dash: null, opacity: 1 },
  { status: 'under_construction', dash: [3, 2], opacity: 0.95 },
  { status: 'planned', dash: [1, 2], opacity: 0.6 },
  { status: 'proposed', dash: [1, 3], opacity: 0.45 },
] as const;

/**
 * What a status drawn only because a plan expects it (no source reports it yet) keeps of its opacity:
 * the same line or point, fainter (geo/lifecycle.ts `expected`).
 */
export const EXPECTED_OPACITY = 0.45;

/**
 * The status legend of the map, the embeds and the pictures: each status and, after operating, what
 * only a plan expects to be operating (works that a plan expects to have started are drawn dashed and
 * fainter alike). Every row is drawn on the map in some year.
 */
export const STATUS_LEGEND = [STATUS_STYLES[0], { status: 'expected', dash: null, opacity: EXPECTED_OPACITY }, ...STATUS_STYLES.slice(1)] as const;

/** The base's colours in the light and dark themes. */
export const THEMES = {
  light: { background: '#e9edf1', focus: '#f3efe3', land: '#f7f8f9', county: '#b9c0c8', prefecture: '#8a939e', ink: '#1d232b', halo: '#ffffff', rail: '#3a3a3a', seat: '#1d232b' },
  dark: { background: '#101418', focus: '#27241d', land: '#1b2026', county: '#3b434c', prefecture: '#5c6670', ink: '#e8ecf0', halo: '#101418', rail: '#d6d6d6', seat: '#e8ecf0' },
} as const;
export type Theme = keyof typeof THEMES;

/**
 * A layer's colour in a theme: the railways' and the seats' follow the theme (dark ink on light, light
 * on dark), the rest the palette's; a layer the palette does not know (an extra layer without its own
 * colour) is drawn in ink.
 *
 * @param id - a layer id
 * @param theme - the theme
 * @returns its colour
 * @example
 * layerColour('rail', 'dark'); // '#d6d6d6'
 */
export function layerColour(id: string, theme: Theme): string {
  const c = THEMES[theme];
  if (id === 'rail') return c.rail;
  if (id === 'places') return c.seat;
  return Object.hasOwn(LAYER_COLOURS, id) ? LAYER_COLOURS[id as LayerId] : c.ink;
}

/**
 * How a status is drawn: its dash (in line widths, as MapLibre's `line-dasharray`; null for solid) and
 * its opacity, fainter when only a plan expects it.
 *
 * @param status - the status in the year drawn
 * @param expected - whether only a plan expects it (geo/lifecycle.ts `expected`)
 * @returns its dash and opacity
 * @example
 * statusLook('planned', false); // { dash: [1, 2], opacity: 0.6 }
 */
export function statusLook(status: Status, expected: boolean): { dash: readonly number[] | null; opacity: number } {
  const style = STATUS_STYLES.find((s) => s.status === status) ?? STATUS_STYLES[0];
  return { dash: style.dash, opacity: style.opacity * (expected ? EXPECTED_OPACITY : 1) };
}

/** Line widths (px) of the thematic lines by layer. */
export const LINE_WIDTHS: Partial<Record<LayerId, number>> = { rail: 2.5, roads: 2.5, corridors: 4 };

/** The line width (px) of a layer `LINE_WIDTHS` does not list (an extra layer's, say). */
export const OTHER_LINE_WIDTH = 2;

/**
 * A thematic layer's line width.
 *
 * @param id - a layer id
 * @returns its width in px
 * @example
 * lineWidth('corridors'); // 4
 */
export const lineWidth = (id: string): number => (Object.hasOwn(LINE_WIDTHS, id) ? LINE_WIDTHS[id as LayerId]! : OTHER_LINE_WIDTH);

/** The ecological corridors are wide bands: fainter than a road, so what they cross shows through. */
export const CORRIDOR_OPACITY = 0.6;

/**
 * A thematic line's opacity: its status's, and the corridors' fainter.
 *
 * @param id - a layer id
 * @param statusOpacity - its status's opacity (`statusLook`)
 * @returns the line's opacity
 * @example
 * lineOpacity('corridors', 1); // 0.6
 */
export const lineOpacity = (id: string, statusOpacity: number): number => (id === 'corridors' ? statusOpacity * CORRIDOR_OPACITY : statusOpacity);

/** The fill opacity of a thematic layer's polygons (their edge is drawn in full). */
export const POLYGON_FILL_OPACITY = 0.25;

/** The base's line widths (px): county and prefecture boundaries, rivers, and the Yangtze wider. */
export const BASE_LINE_WIDTHS = { county: 0.8, prefecture: 1.4, river: 1.2, yangtze: 2.5 } as const;

/** The Yangtze's feature id in the rivers layer, drawn wider than the other rivers. */
export const YANGTZE_ID = 'yangtze-river';

/**
 * A thematic point's radius (px): on the map it grows with the zoom (`stops`: zoom, radius), a picture
 * has one size (`picture`). Stations, many and close together, are smaller than the other facilities.
 */
export const POINT_RADII = {
  rail: { stops: [[6, 3], [11, 5]], picture: 3.5 },
  other: { stops: [[6, 4], [11, 7]], picture: 5 },
} as const;

/**
 * A thematic layer's point radii.
 *
 * @param id - a layer id
 * @returns its zoom stops on the map and its radius in pictures
 * @example
 * pointRadii('rail').picture; // 3.5
 */
export const pointRadii = (id: string): (typeof POINT_RADII)[keyof typeof POINT_RADII] => (id === 'rail' ? POINT_RADII.rail : POINT_RADII.other);

/** The stroke widths (px) of a filled point (operating: a halo around it) and of a ring (the rest). */
export const POINT_STROKE_WIDTHS = { filled: 1.2, ring: 2 } as const;

/** The seats: the four places' larger (filled on the map), the other seats' smaller, with the seat colour's edge. */
export const SEAT_STYLE = { radius: { focus: 5, other: 3 }, strokeWidth: 1.5 } as const;

/** The width (px) of the halo around the map's labels, in the theme's halo colour. */
export const LABEL_HALO_WIDTH = 1.4;

/**
 * Reach bands, nearest first and darkest: a sequential ramp from plum through mauve to sand.
 * Its hues are the ones the layers leave free (blue, sky, orange, vermillion, pink and green are taken),
 * so a band is told from every layer, and each band from the others, in normal vision and with each
 * colour-vision deficiency simulated; tests/geo/palette.test.ts proves it and states the thresholds.
 */
export const BAND_COLOURS = ['#48015d', '#79325e', '#93646e', '#ba8f8a', '#ddbcad'] as const;

/**
 * How reach bands are drawn, on the map and in the pictures: a light fill under the features and an
 * edge. The bands are nested, so the fills stack, darker towards the origin. On the map the fill fades
 * from `fillOpacity` at region zoom to `cityFillOpacity` at city zoom (`fadeZooms`), and the edge
 * widens, so a 30-minute reach seen at zoom 12 tints the streets without hiding them; a picture has one
 * scale and keeps `fillOpacity` and `lineWidth`.
 */
export const BAND_STYLE = { fillOpacity: 0.2, cityFillOpacity: 0.04, fadeZooms: [9, 12], lineWidth: 1.2, cityLineWidth: 2, lineOpacity: 0.9 } as const;

/**
 * A band's colour: by its place among the bands asked for, nearest first (the last colour for any beyond).
 *
 * @param index - the band's index among the bands, nearest first
 * @returns its colour
 * @example
 * bandColour(0); // '#48015d'
 */
export const bandColour = (index: number): string => BAND_COLOURS[Math.min(Math.max(0, index), BAND_COLOURS.length - 1)];

/**
 * How a route is drawn over the map: wider than any line of the atlas, on a broad highlight that no
 * layer uses (so that a railway leg stands out from the railways around it), local-road legs dashed.
 */
export const ROUTE_STYLE = { lineWidth: 5, casingWidth: 11, casingColour: '#ffd23f', casingOpacity: 0.85, accessDash: [1, 1.2], endRadius: 6 } as const;

/**
 * A route leg's colour by its mode: railways in the railways' ink, expressways in the roads' colour,
 * other roads in a darker shade of it, local-road legs in the base's ink.
 *
 * @param mode - the leg's mode (geo/network/params.ts MODES)
 * @param theme - the theme
 * @returns its colour
 * @example
 * routeColour('expressway', 'light'); // '#e69f00'
 */
export function routeColour(mode: string, theme: Theme): string {
  if (mode === 'high_speed_rail' || mode === 'conventional_rail') return THEMES[theme].rail;
  if (mode === 'expressway') return LAYER_COLOURS.roads;
  if (mode === 'fast_road' || mode === 'trunk_road') return '#a86f00';
  return THEMES[theme].ink;
}

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * How a band looks where it is drawn at `fillOpacity` (region zoom, pictures) over the land: the
 * fills of the band and of every band outside it stacked (the bands are nested). The legends' swatches
 * use it, so a key matches the map rather than the pure colour no reader sees.
 *
 * @param index - the band's index, nearest first
 * @param count - how many bands are drawn
 * @param theme - the theme, whose land lies under the bands
 * @returns the colour as `#rrggbb`
 * @example
 * bandSwatch(2, 3, 'light'); // the outermost of three bands over the light land
 */
export function bandSwatch(index: number, count: number, theme: Theme): string {
  let c = channels(THEMES[theme].land);
  for (let k = count - 1; k >= Math.max(0, index); k--) {
    const top = channels(bandColour(k));
    c = c.map((v, i) => top[i] * BAND_STYLE.fillOpacity + v * (1 - BAND_STYLE.fillOpacity));
  }
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** The reach origin's marker: a disc in the nearest band's colour with a halo in the theme's. */
export const ORIGIN_STYLE = { radius: 6, haloWidth: 3 } as const;

/**
 * The pictures' outlines of each origin's outermost reach band, when a view reaches from several
 * origins (the one-hour circle's four seats): a colour and a dash each, so the areas are told apart
 * by origin in colour and without it; the band key names each origin beside its outline.
 */
export const ORIGIN_OUTLINES = [
  { colour: '#0072b2', dash: null },
  { colour: '#009e73', dash: [7, 3] },
  { colour: '#cc79a7', dash: [2, 2.5] },
  { colour: '#d55e00', dash: [9, 3, 2, 3] },
] as const;

/** The width (px) of an origin's outline in the pictures. */
export const ORIGIN_OUTLINE_WIDTH = 2;
