/**
 * The API's query parameters as zod schemas: the worker validates requests with
 * them, and any client (the page included) can build requests from the same types. Each message says
 * what was expected, since it is what a stranger typing a URL will read.
 */
import { z } from 'zod';
import type { BBox } from './bbox.ts';
import { STATUSES, type Status } from './layers.ts';

const BBOX_HINT = 'expected minLon,minLat,maxLon,maxLat in degrees, e.g. 108.2,30.6,108.6,31.0';

/** `bbox=minLon,minLat,maxLon,maxLat`, in WGS84 degrees. */
export const BBoxParam = z.string().transform((text, ctx): BBox => {
  const parts = text.split(',');
  const nums = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
  if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: BBOX_HINT });
    return z.NEVER;
  }
  const [w, s, e, n] = nums;
  if (w < -180 || e > 180 || s < -90 || n > 90) ctx.addIssue({ code: 'custom', message: `longitudes must lie in -180..180 and latitudes in -90..90; ${BBOX_HINT}` });
  else if (w > e || s > n) ctx.addIssue({ code: 'custom', message: `minLon must not exceed maxLon, nor minLat maxLat; ${BBOX_HINT}` });
  return [w, s, e, n];
});

/** `status=a,b`: one or more of the statuses, comma-separated. */
export const StatusParam = z.string().transform((text, ctx): Status[] => {
  const wanted = text.split(',').map((s) => s.trim());
  const bad = wanted.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (bad !== undefined) {
    const shown = bad.length > 30 ? `${bad.slice(0, 30)}…` : bad;
    ctx.addIssue({ code: 'custom', message: `unknown status "${shown}"; expected a comma-separated list of ${STATUSES.join(', ')}` });
    return z.NEVER;
  }
  return [...new Set(wanted)].sort() as Status[];
});

/** `year=YYYY`: what exists in that year. */
export const YearParam = z
  .string()
  .regex(/^\d{4}$/, 'expected a four-digit year, e.g. 2027')
  .transform(Number)
  .refine((y) => y >= 1900 && y <= 2100, 'expected a year between 1900 and 2100');

/** The filters of `GET /api/layers/:id`. */
export const LayerQuery = z.object({
  bbox: BBoxParam.optional(),
  status: StatusParam.optional(),
  year: YearParam.optional(),
  /** A search over the names and ids, as the page's: best match first. */
  q: z.string().trim().min(1, 'expected some text to search for').max(64, 'expected at most 64 characters').optional(),
  /** At most this many features (with `q`, the best matches). */
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number of features, e.g. 50')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100_000, 'expected from 1 to 100000 features')
    .optional(),
});
export type LayerQuery = z.output<typeof LayerQuery>;

/**
 * A parsed layer query written back in one canonical form, so that equal
 * queries get equal cache keys and ETags whatever their order or spelling.
 *
 * @param q - a parsed layer query
 * @returns `bbox=…&status=…&year=…&q=…&limit=…` with the parts present, in that order
 * @example
 * normaliseLayerQuery({ year: 2027, status: ['planned', 'operating'] }); // 'status=operating,planned&year=2027'
 */
export function normaliseLayerQuery(q: LayerQuery): string {
  const parts: string[] = [];
  if (q.bbox) parts.push(`bbox=${q.bbox.join(',')}`);
  if (q.status) parts.push(`status=${[...q.status].sort().join(',')}`);
  if (q.year !== undefined) parts.push(`year=${q.year}`);
  if (q.q !== undefined) parts.push(`q=${encodeURIComponent(q.q.toLowerCase())}`);
  if (q.limit !== undefined) parts.push(`limit=${q.limit}`);
  return parts.join('&');
}

/**
 * A position written `lon,lat`, or null when the text is not one.
 *
 * @param text - e.g. `108.41,30.81`
 * @returns `[lon, lat]` or null
 * @example
 * parseLonLat('108.41, 30.81'); // [108.41, 30.81]
 */
export function parseLonLat(text: string): [number, number] | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The plan's target year, the default year of the analyses. */
export const DEFAULT_YEAR = 2027;
/** Analyses are asked for 2000–2050; the data's opening years span this. */
export const AnalysisYear = z
  .string()
  .regex(/^\d{4}$/, 'expected a four-digit year, e.g. 2027')
  .transform(Number)
  .refine((y) => y >= 2000 && y <= 2050, 'expected a year between 2000 and 2050');
/** `year=YYYY`, 2027 when not given. */
export const AnalysisYearParam = AnalysisYear.default(DEFAULT_YEAR);

/** Limits that keep every analysis small enough to answer at once. */
export const LIMITS = { maxMinutes: 240, maxBands: 5, maxPlaces: 25 } as const;

const minutesValue = (text: string) => /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= LIMITS.maxMinutes;

/** `minutes=30,60,90`: one to five ascending band limits, each 1–240. */
export const BandsParam = z
  .string()
  .transform((text, ctx): number[] => {
    const parts = text.split(',').map((s) => s.trim());
    if (parts.length > LIMITS.maxBands) ctx.addIssue({ code: 'custom', message: `at most ${LIMITS.maxBands} bands, e.g. 30,60,90` });
    else if (!parts.every(minutesValue)) ctx.addIssue({ code: 'custom', message: `expected whole minutes from 1 to ${LIMITS.maxMinutes}, comma-separated, e.g. 30,60,90` });
    else {
      const bands = [...new Set(parts.map(Number))].sort((a, b) => a - b);
      return bands;
    }
    return z.NEVER;
  })
  .default([30, 60, 90]);

/** `minutes=60`: one threshold, 1–240. */
export const ThresholdParam = z
  .string()
  .refine(minutesValue, `expected whole minutes from 1 to ${LIMITS.maxMinutes}, e.g. 60`)
  .transform(Number)
  .default(60);

/**
 * `places=wanzhou,dazhou;108.41,30.81`: ids separated by commas, coordinates by
 * semicolons (a coordinate has a comma of its own).
 */
export const PlacesParam = z
  .string()
  .transform((text, ctx): string[] => {
    const tokens = text
      .split(';')
      .map((chunk) => chunk.trim())
      .flatMap((chunk) => (parseLonLat(chunk) ? [chunk] : chunk.split(',').map((s) => s.trim())));
    if (tokens.some((t) => t === '')) ctx.addIssue({ code: 'custom', message: 'an empty place; expected ids separated by commas and lon,lat coordinates by semicolons' });
    else if (tokens.length < 2 || tokens.length > LIMITS.maxPlaces) ctx.addIssue({ code: 'custom', message: `expected 2 to ${LIMITS.maxPlaces} places` });
    else return tokens;
    return z.NEVER;
  })
  .default(['wanzhou', 'dazhou', 'kaizhou', 'yunyang']);

/** `from=wanzhou` or `from=108.41,30.81`. */
export const FromParam = z.string().min(1, 'expected a place id or lon,lat');

/** Routes that take no parameters still refuse unknown ones. */
export const NoQuery = z.object({});

/**
 * A size in whole pixels within bounds (image and embed sizes).
 *
 * @param name - the parameter's name, for the message
 * @param min - the smallest size
 * @param max - the largest size
 * @returns a schema from the query's text to a number
 * @example
 * z.object({ width: PixelParam('width', 200, 2400).optional() });
 */
export const PixelParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `expected ${name} in pixels, ${min}–${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected ${name} in pixels, ${min}–${max}`);
