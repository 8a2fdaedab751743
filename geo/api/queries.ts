/**
 * Every query the API reads, as zod schemas over the query's text: the worker validates requests with
 * them, the API description is generated from them (each parameter's `description` is its meta), and
 * the page builds its requests from the same types. A message says what was expected, since a
 * stranger typing a URL reads it. (The model's parameters are geo/network/params.ts.)
 */
import { z } from 'zod';
import type { BBox } from '../bbox.ts';
import { FOUR_PLACE_IDS } from '../four-places.ts';
import { parseLonLat } from '../geodesy.ts';
import { EXTRA_LAYER_ID, STATUSES, type Status } from '../layers.ts';
import { DEFAULT_PARAMS, NetworkParamsInput } from '../network/params.ts';
import type { Scenario } from '../network/scenario.ts';
import { LAYER_IDS } from '../catalog.ts';
import { TILE_MAX_ZOOM } from '../tiles.ts';

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
  bbox: BBoxParam.optional().meta({ description: 'Only features that touch this box: minLon,minLat,maxLon,maxLat in degrees.' }),
  status: StatusParam.optional().meta({ description: 'Only these statuses, comma-separated: operating, under_construction, planned, proposed; with `year`, the statuses in that year.' }),
  // The rule itself is geo/lifecycle.ts `statusIn`, which geo/filter.ts applies.
  year: YearParam.optional().meta({
    description:
      'Only what is on the map of that year, each with its status then: absent before a source first names it and from its closing year on; planned or proposed until its works start, under construction until it opens; with no year of completion, in its last reported status.',
  }),
  q: z
    .string()
    .trim()
    .min(1, 'expected some text to search for')
    .max(64, 'expected at most 64 characters')
    .optional()
    .meta({
      description:
        'Only features whose Chinese, English or pinyin name, or id, matches this text: whole, at its start, within it, or word by word in any order, ignoring case, spaces and punctuation; exact names first, then the four seats, then the rest in that order.',
    }),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number of features, e.g. 50')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100_000, 'expected from 1 to 100000 features')
    .optional()
    .meta({ description: 'At most this many features (with q, the best matches).' }),
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

/** The plan's target year, the default year of the analyses. */
export const DEFAULT_YEAR = 2027;
/** Analyses are asked for 2000–2050; the data's opening years span this. */
export const AnalysisYear = z
  .string()
  .regex(/^\d{4}$/, 'expected a four-digit year, e.g. 2027')
  .transform(Number)
  .refine((y) => y >= 2000 && y <= 2050, 'expected a year between 2000 and 2050');
/** `year=YYYY`, 2027 when not given. */
export const AnalysisYearParam = AnalysisYear.default(DEFAULT_YEAR).meta({ description: 'Four-digit year; the network of that year (default 2027, the plan’s target year).' });

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
    else return [...new Set(parts.map(Number))].sort((a, b) => a - b);
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
  .default([...FOUR_PLACE_IDS]);

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

/** Every model parameter may be overridden by a query parameter of the same name, within its bounds. */
const modelOverrides = Object.fromEntries(
  Object.entries(NetworkParamsInput.shape).map(([name, schema]) => {
    const { minValue, maxValue } = (schema as z.ZodOptional<z.ZodNumber>).unwrap();
    const expected = `expected a number from ${minValue} to ${maxValue} (default ${DEFAULT_PARAMS[name as keyof typeof DEFAULT_PARAMS]})`;
    return [
      name,
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, expected)
        .transform(Number)
        .refine((v) => v >= minValue! && v <= maxValue!, expected)
        .optional()
        .meta({ description: `Model parameter ${name} (geo/network/params.ts): ${expected.replace(/^expected /, '')}.` }),
    ];
  }),
) as unknown as Record<keyof typeof DEFAULT_PARAMS, z.ZodOptional<z.ZodType<number, string>>>;

/**
 * The model parameters a parsed analysis query overrides (the keys that were given).
 *
 * @param q - a parsed analysis query
 * @returns the overrides, for `withParams`
 * @example
 * modelParamsOf({ year: 2027, expresswaySpeedKmh: 90 }); // { expresswaySpeedKmh: 90 }
 */
export function modelParamsOf(q: Record<string, unknown>): NetworkParamsInput {
  return Object.fromEntries(Object.keys(DEFAULT_PARAMS).flatMap((k) => (q[k] === undefined ? [] : [[k, q[k]]])));
}

/** At most this many lines in `with` or `without`: more than the plan's projects, fewer than make a URL too long. */
export const MAX_SCENARIO_LINES = 40;

/**
 * `with=a,b` or `without=a,b`: rail line and road ids, comma-separated, sorted and unique (whether
 * the model knows and can time them is the analyses' to say: geo/network/scenario.ts).
 *
 * @param what - what the lines do, for the description
 * @returns the parameter's schema
 * @example
 * z.object({ with: LinesParam('added').optional() });
 */
const LinesParam = (what: string) =>
  z
    .string()
    .transform((text, ctx): string[] => {
      const ids = text.split(',').map((s) => s.trim());
      if (ids.some((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length > 64))
        ctx.addIssue({ code: 'custom', message: 'expected rail line or road ids (lower-case words joined by "-"), comma-separated, e.g. kai-wan-liang-expressway' });
      else if (ids.length > MAX_SCENARIO_LINES) ctx.addIssue({ code: 'custom', message: `at most ${MAX_SCENARIO_LINES} lines` });
      else return [...new Set(ids)].sort();
      return z.NEVER;
    })
    .optional()
    .meta({ description: `Rail lines or roads ${what}, ids comma-separated (at most ${MAX_SCENARIO_LINES}).` });

/** The scenario parameters every analysis of a network takes. */
const scenarioParams = {
  with: LinesParam('added to the year’s network as if complete (each must have a drawn course and, for rail, stations; not one already operating that year)'),
  without: LinesParam('removed from the year’s network (each must operate that year)'),
};

/**
 * The scenario a parsed analysis query asks for.
 *
 * @param q - a parsed analysis query
 * @returns the lines added and removed (empty lists when none)
 * @example
 * scenarioOf({ year: 2027, with: ['kai-wan-liang-expressway'] }); // { with: ['kai-wan-liang-expressway'], without: [] }
 */
export function scenarioOf(q: { with?: readonly string[]; without?: readonly string[] }): Scenario {
  return { with: q.with ?? [], without: q.without ?? [] };
}

const withYear = { year: AnalysisYearParam, ...modelOverrides, ...scenarioParams };
/** The query of `GET /api/network`. */
export const NetworkQuery = z.object(withYear);
/** The query of `GET /api/reach`. */
export const ReachQuery = z.object({
  from: FromParam.meta({ description: 'The origin: a place or feature id (wanzhou, dazhou, kaizhou, yunyang, a station, a port …) or lon,lat inside the four districts.' }),
  minutes: BandsParam.meta({ description: 'Band limits in minutes, ascending, comma-separated: at most 5, each 1–240 (default 30,60,90).' }),
  ...withYear,
});
/** The query of `GET /api/matrix`. */
export const MatrixQuery = z.object({
  places: PlacesParam.meta({ description: '2–25 places: ids separated by commas, lon,lat coordinates by semicolons (default the four seats).' }),
  ...withYear,
});
/** The query of `GET /api/route`. */
export const RouteQuery = z.object({
  from: FromParam.meta({ description: 'Where the trip starts: a place or feature id, or lon,lat inside the four districts.' }),
  to: FromParam.meta({ description: 'Where it ends: a place or feature id, or lon,lat inside the four districts.' }),
  ...withYear,
});
/** The query of `GET /api/circle`. */
export const CircleQuery = z.object({
  minutes: ThresholdParam.meta({ description: 'The threshold in minutes, 1–240 (default 60).' }),
  compare: AnalysisYear.optional().meta({ description: 'Another year to compare with (2000–2050).' }),
  ...withYear,
});
/** The query of `GET /api/impact`: the year, the threshold and the model's parameters (a scenario is what it ranks, so it takes none). */
export const ImpactQuery = z.object({
  minutes: ThresholdParam.meta({ description: 'The threshold in minutes, 1–240 (default 60).' }),
  year: AnalysisYearParam,
  ...modelOverrides,
});
/** The query of `GET /api/plan`. */
export const PlanQuery = z.object({ year: AnalysisYearParam });

/** Explorer-state parameters, as the pages and state pictures read them (geo/state.ts). */
const STATE_DOCS = {
  lang: 'Language: zh (default) or en.',
  year: 'The year shown, 2020–2035 (default: this year).',
  off: 'Layers switched off, comma-separated ids.',
  c: 'Map centre, lon,lat.',
  z: 'Zoom, 0–22.',
  from: 'Reach origin: a place or feature id, or lon,lat.',
  bands: 'Reach bands in minutes, comma-separated (at most 5, each 1–240).',
  panel: 'The open panel: layers, analysis or search.',
  f: 'The feature whose details are open.',
  with: 'A scenario: rail lines or roads added to the year’s network as if complete, comma-separated ids.',
  without: 'A scenario: rail lines or roads taken out of the year’s network, comma-separated ids.',
  route: 'A route drawn on the map: its two ends, each a place or feature id or lon,lat, joined by ~.',
  cmp: 'The two years of the one-hour-circle comparison, comma-separated.',
  title: 'A newsroom’s own title, at most 80 characters (embeds and pictures).',
  caption: 'A newsroom’s own caption, at most 160 characters.',
  mark: 'Labelled markers: lon,lat,label, at most 3, separated by ; (labels at most 30 characters).',
  hl: 'The highlighted feature’s id.',
  note: 'A callout: a short text in a box, at most 160 characters.',
  labels: 'Which labels are shown: all (default), places (the seats only) or none (a marker’s always is).',
};
/** The explorer's state, read leniently (geo/state.ts says how): here only documented. */
const stateParams = (suffix = '') =>
  Object.fromEntries(Object.entries(STATE_DOCS).filter(([k]) => k !== 'lang').map(([k, v]) => [k, z.string().optional().meta({ description: `${v}${suffix}` })])) as Record<
    Exclude<keyof typeof STATE_DOCS, 'lang'>,
    z.ZodOptional<z.ZodString>
  >;

const lang = z.enum(['zh', 'en'], 'expected lang zh or en').optional().meta({ description: STATE_DOCS.lang });
const theme = z.enum(['light', 'dark'], 'expected theme light or dark').optional().meta({ description: 'light (default) or dark.' });
/** The options of a picture. */
const ImageOptions = {
  width: PixelParam('width', 200, 2400).optional().meta({ description: 'Width in pixels, 200–2400 (default 1200).' }),
  height: PixelParam('height', 150, 2400).optional().meta({ description: 'Height in pixels, 150–2400 (default 630).' }),
  scale: z
    .string()
    .regex(/^[123]$/, 'expected scale 1, 2 or 3')
    .transform(Number)
    .optional()
    .meta({ description: 'Pixel ratio of a PNG: 1, 2 or 3 (default 1).' }),
  print: z
    .enum(['1'], 'expected print=1')
    .optional()
    .meta({ description: 'PNG for print: the picture as laid out at `width` × `height` (default 1200 × 630), drawn 3000 px wide with its text scaled alike (3000 × 1575 by default); instead of `scale`. A PNG has at most 4,800,000 pixels.' }),
  lang,
  theme,
};
/** The query of a named view's picture. */
export const ViewImageQuery = z.object({
  ...ImageOptions,
  // A newsroom's annotations (geo/annotations.ts) go on a named view's picture too.
  ...Object.fromEntries(Object.entries(stateParams()).filter(([k]) => ['title', 'caption', 'mark', 'hl', 'note', 'labels'].includes(k))),
});
/** The query of a state's picture: the image options and the explorer's state (read as the explorer reads it). */
export const StateImageQuery = z.object({ ...ImageOptions, ...stateParams(' Only for view.svg and view.png.') });

/** What an explorer or embed page reads from its URL. Values it cannot read fall back to defaults, and unknown parameters are ignored. */
export const PageQuery = z.object({
  ...stateParams(),
  lang,
  theme,
  interactive: z.enum(['0', '1']).optional().meta({ description: 'Embeds: 0 for a still map (no panning or zooming).' }),
  legend: z.enum(['0', '1']).optional().meta({ description: 'Embeds: 0 to leave out the legend.' }),
  height: z.string().optional().meta({ description: 'Embeds: height of the map in pixels, 160–1600 (default 420).' }),
});

/** The oEmbed request (https://oembed.com, section 2.2). */
export const OEmbedQuery = z.object({
  url: z.string().min(1, 'expected the URL of an atlas page').max(2048, 'the URL is longer than 2048 characters').meta({ description: 'The URL of an atlas page on this host.' }),
  maxwidth: PixelParam('maxwidth', 1, 4000).optional().meta({ description: 'The widest the embed may be, in pixels.' }),
  maxheight: PixelParam('maxheight', 1, 4000).optional().meta({ description: 'The tallest the embed may be, in pixels.' }),
  format: z.enum(['json', 'xml'], 'expected format json or xml').optional().meta({ description: 'json (default) or xml.' }),
});

/** A tile's address (the path's parameters), checked: zoom 0–14, x and y within the zoom's grid. */
export const TileAddress = z
  .object({
    layer: z.string().regex(EXTRA_LAYER_ID, `expected a layer id: ${LAYER_IDS.join(', ')}, or an extra layer's`).meta({ description: 'A layer id.' }),
    z: z.string().regex(/^\d{1,2}$/, `expected a zoom from 0 to ${TILE_MAX_ZOOM}`).transform(Number).meta({ description: 'Zoom, 0–14.' }),
    x: z.string().regex(/^\d{1,5}$/, 'expected a tile column').transform(Number).meta({ description: 'Column, 0 to 2^z − 1.' }),
    y: z
      .string()
      .regex(/^\d{1,5}\.mvt$/, 'expected a tile row followed by .mvt')
      .transform((s) => Number(s.slice(0, -4)))
      .meta({ description: 'Row, 0 to 2^z − 1, then `.mvt`.' }),
  })
  .refine((t) => t.z <= TILE_MAX_ZOOM, { message: `expected a zoom from 0 to ${TILE_MAX_ZOOM} (the map overzooms deeper tiles)`, path: ['z'] })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must lie within the zoom’s grid, 0 to 2^z − 1', path: ['x'] });
