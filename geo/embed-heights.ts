/**
 * The embed's parts' heights in px, measured in Chromium for each named view (and `view`, an explorer
 * state) at each width: written by `npm run embed:measure` (tests/browser/embed-sizes.measure.ts), and
 * re-checked by it on every run. `fixed`: everything but the map, the legend and the matrix.
 */

/** The heights of one embed's parts at one width. */
export interface EmbedParts {
  fixed: number;
  legend: number;
  matrix: number;
}

/** The frame widths measured. */
export const EMBED_WIDTHS = [320, 360, 400, 480, 560, 640, 800, 1000, 1200] as const;

/** By view, then width. */
export const EMBED_HEIGHTS: Record<string, Record<number, EmbedParts>> = {
  'one-hour-circle-2023': {
    320: { fixed: 148, legend: 88, matrix: 196 },
    360: { fixed: 131, legend: 88, matrix: 196 },
    400: { fixed: 131, legend: 88, matrix: 196 },
    480: { fixed: 112, legend: 67, matrix: 196 },
    560: { fixed: 112, legend: 67, matrix: 196 },
    640: { fixed: 111, legend: 46, matrix: 196 },
    800: { fixed: 94, legend: 46, matrix: 196 },
    1000: { fixed: 95, legend: 24, matrix: 196 },
    1200: { fixed: 95, legend: 24, matrix: 196 },
  },
  'one-hour-circle-2027': {
    320: { fixed: 148, legend: 88, matrix: 196 },
    360: { fixed: 131, legend: 88, matrix: 196 },
    400: { fixed: 131, legend: 88, matrix: 196 },
    480: { fixed: 131, legend: 67, matrix: 196 },
    560: { fixed: 112, legend: 67, matrix: 196 },
    640: { fixed: 111, legend: 46, matrix: 196 },
    800: { fixed: 94, legend: 46, matrix: 196 },
    1000: { fixed: 95, legend: 24, matrix: 196 },
    1200: { fixed: 95, legend: 24, matrix: 196 },
  },
  'transport-hub': {
    320: { fixed: 167, legend: 88, matrix: 0 },
    360: { fixed: 150, legend: 67, matrix: 0 },
    400: { fixed: 150, legend: 67, matrix: 0 },
    480: { fixed: 131, legend: 46, matrix: 0 },
    560: { fixed: 131, legend: 46, matrix: 0 },
    640: { fixed: 131, legend: 46, matrix: 0 },
    800: { fixed: 94, legend: 46, matrix: 0 },
    1000: { fixed: 95, legend: 24, matrix: 0 },
    1200: { fixed: 95, legend: 24, matrix: 0 },
  },
  'ports': {
    320: { fixed: 150, legend: 67, matrix: 0 },
    360: { fixed: 150, legend: 67, matrix: 0 },
    400: { fixed: 131, legend: 67, matrix: 0 },
    480: { fixed: 114, legend: 46, matrix: 0 },
    560: { fixed: 114, legend: 46, matrix: 0 },
    640: { fixed: 114, legend: 24, matrix: 0 },
    800: { fixed: 95, legend: 24, matrix: 0 },
    1000: { fixed: 95, legend: 24, matrix: 0 },
    1200: { fixed: 95, legend: 24, matrix: 0 },
  },
  'hospitals-30min': {
    320: { fixed: 131, legend: 88, matrix: 0 },
    360: { fixed: 131, legend: 88, matrix: 0 },
    400: { fixed: 131, legend: 88, matrix: 0 },
    480: { fixed: 95, legend: 67, matrix: 0 },
    560: { fixed: 95, legend: 67, matrix: 0 },
    640: { fixed: 94, legend: 46, matrix: 0 },
    800: { fixed: 95, legend: 24, matrix: 0 },
    1000: { fixed: 95, legend: 24, matrix: 0 },
    1200: { fixed: 95, legend: 24, matrix: 0 },
  },
  'eco-corridors': {
    320: { fixed: 150, legend: 67, matrix: 0 },
    360: { fixed: 131, legend: 67, matrix: 0 },
    400: { fixed: 131, legend: 67, matrix: 0 },
    480: { fixed: 114, legend: 46, matrix: 0 },
    560: { fixed: 114, legend: 46, matrix: 0 },
    640: { fixed: 114, legend: 46, matrix: 0 },
    800: { fixed: 95, legend: 24, matrix: 0 },
    1000: { fixed: 95, legend: 24, matrix: 0 },
    1200: { fixed: 95, legend: 24, matrix: 0 },
  },
  'project-impact': {
    320: { fixed: 1130, legend: 67, matrix: 0 },
    360: { fixed: 1149, legend: 67, matrix: 0 },
    400: { fixed: 1095, legend: 67, matrix: 0 },
    480: { fixed: 1030, legend: 46, matrix: 0 },
    560: { fixed: 994, legend: 46, matrix: 0 },
    640: { fixed: 964, legend: 46, matrix: 0 },
    800: { fixed: 800, legend: 24, matrix: 0 },
    1000: { fixed: 955, legend: 24, matrix: 0 },
    1200: { fixed: 1129, legend: 24, matrix: 0 },
  },
  'view': {
    320: { fixed: 129, legend: 130, matrix: 0 },
    360: { fixed: 112, legend: 109, matrix: 0 },
    400: { fixed: 112, legend: 109, matrix: 0 },
    480: { fixed: 112, legend: 88, matrix: 0 },
    560: { fixed: 112, legend: 67, matrix: 0 },
    640: { fixed: 112, legend: 67, matrix: 0 },
    800: { fixed: 95, legend: 67, matrix: 0 },
    1000: { fixed: 94, legend: 46, matrix: 0 },
    1200: { fixed: 94, legend: 46, matrix: 0 },
  },
};
