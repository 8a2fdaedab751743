/**
 * How the atlas looks: its colours, and the widths, radii, dashes and opacities it draws with, shared
 * by the map in the page (web/map/style.ts), its overlays and the pictures the worker draws
 * (geo/render/svg.ts), so that an embed's picture matches its map.
 */
import type { LayerId } from './layers.ts';

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

/** Reach bands, nearest first: sequential blues, distinct in greyscale too. */
export const BAND_COLOURS = ['#08519c', '#3182bd', '#6baed6', '#9ecae1', '#c6dbef'] as const;

/** How reach bands are drawn, on the map and in the pictures: a light fill under the features, and an edge. */
export const BAND_STYLE = { fillOpacity: 0.25, lineWidth: 1.2 } as const;

/**
 * A band's colour: by its place among the bands asked for, nearest first (the last colour for any beyond).
 *
 * @param index - the band's index among the bands, nearest first
 * @returns its colour
 * @example
 * bandColour(0); // '#08519c'
 */
export const bandColour = (index: number): string => BAND_COLOURS[Math.min(Math.max(0, index), BAND_COLOURS.length - 1)];
