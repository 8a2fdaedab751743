/**
 * The feature schema of the atlas layers: one zod schema per layer, shared by
 * `npm run data:check`, the worker and the page. Every figure is a typed
 * property; every feature says where it comes from and what its position is worth.
 */
import { z } from 'zod';

import { ACCURACIES, EXTRA_LAYER_ID, isAtlasLayer, LAYER_GROUPS, LAYER_KINDS, STATUSES, WORKS, type LayerId } from './layers.ts';
import { LIFE_ORDER, yearOf } from './lifecycle.ts';

/** A year of a feature's life. */
export const year = z.number().int().min(1900).max(2100);
/** A date as sources give it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');
export const FeatureId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case ascii words joined by "-"')
  .max(64);

/** A document a feature comes from: its title (never a file name), date, the sentence quoted and, for web pages, the address. */
export const Source = z.strictObject({
  title: z
    .string()
    .min(2)
    .refine((t) => !/\.(txt|geojson|json)$|^\d{3}_[0-9a-f]+/.test(t), 'cite the document by title, not by file name'),
  date: date.optional(),
  quote: z.string().min(2).optional(),
  url: z.url().optional(),
});
export type Source = z.infer<typeof Source>;

const common = {
  id: FeatureId,
  name_zh: z.string().min(1).max(80),
  name_en: z.string().min(1).max(120),
  /** County-level (or prefecture-level) adcodes of the districts the feature lies in. */
  adcodes: z.array(z.number().int().min(110000).max(820000)).min(1),
  accuracy: z.enum(ACCURACIES),
  /** How far the true position may be from the drawn one, in km. */
  uncertainty_km: z.number().min(0).max(50),
  source: Source,
  /** Further sources: positions, opening dates, lengths from public pages. */
  refs: z.array(Source).optional(),
  /** Free text in English: caveats, disagreements between sources (with `note_zh`, the same in Chinese). */
  note: z.string().optional(),
  /** `note` in Chinese. */
  note_zh: z.string().optional(),
};

/** A note is given in both languages, or not at all. */
const notesInBothLanguages = (p: { note?: string; note_zh?: string }, ctx: z.RefinementCtx) => {
  if ((p.note === undefined) !== (p.note_zh === undefined)) ctx.addIssue({ code: 'custom', path: ['note_zh'], message: 'a note is given in both languages: note and note_zh' });
};

/** Properties of base features (districts, places, rivers). */
export const BaseProps = z.strictObject({
  ...common,
  kind: z.string(),
  adcode: z.number().int().optional(),
  level: z.string().optional(),
  parent_zh: z.string().optional(),
  /** One of the four focus places (万州, 达州, 开州, 云阳). */
  focus: z.boolean().optional(),
}).superRefine(notesInBothLanguages);
export type BaseProps = z.infer<typeof BaseProps>;

/** Properties of thematic features (ports, rail, roads, airports, parks, hospitals, corridors). */
export const ThematicProps = z
  .strictObject({
    ...common,
    kind: z.string(),
    /** The latest status a source reports, as of `as_of` (geo/lifecycle.ts reads it for any year). */
    status: z.enum(STATUSES),
    /** When the source of `status` knew it. */
    as_of: date,
    /** Year a source first names it in a plan or as a proposal. */
    plan_year: year.optional(),
    /** Year construction started or is to start. */
    start_year: year.optional(),
    /** Year it opened (a source says so when `status` is operating) or is to open; absent when no source gives it. */
    opens: year.optional(),
    /** Year it closed. */
    closed: year.optional(),
    works: z.enum(WORKS).optional(),
    length_km: z.number().positive().max(3000).optional(),
    /** Total investment in 亿元 (10^8 CNY). */
    investment_yi: z.number().positive().max(100000).optional(),
    beds: z.number().int().positive().optional(),
    capacity: z.number().positive().optional(),
    /** Unit of `capacity`, as the source gives it (万吨/年, 万标箱/年, 万人次/年, 泊位 …). */
    capacity_unit: z.string().optional(),
    design_speed_kmh: z.number().int().min(20).max(400).optional(),
    /**
     * Rail lines: how fast trains run, from published timetables (published km over timetable minutes),
     * for the whole line or one figure per section between consecutive `stations`.
     */
    operating_speed_kmh: z.union([z.number().min(10).max(400), z.array(z.number().min(10).max(400)).min(1)]).optional(),
    lanes: z.number().int().min(1).max(12).optional(),
    /** Rail lines: ids of their stations, in order along the line. */
    stations: z.array(FeatureId).optional(),
    /** Stations: ids of the lines that serve them. */
    lines: z.array(FeatureId).optional(),
    /** Names of the points a schematic line is drawn through, in order. */
    via: z.array(z.string()).optional(),
  })
  .superRefine((p, ctx) => {
    notesInBothLanguages(p, ctx);
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((p.capacity === undefined) !== (p.capacity_unit === undefined)) problem('capacity_unit', 'capacity and capacity_unit go together');
    if (Array.isArray(p.operating_speed_kmh) && p.operating_speed_kmh.length !== (p.stations?.length ?? 0) - 1) problem('operating_speed_kmh', 'one speed per section: one fewer than the stations');
    // The life's years in their order: planned, started, opened, closed.
    const years = (['plan_year', 'start_year', 'opens', 'closed'] as const).filter((k) => p[k] !== undefined);
    for (let i = 1; i < years.length; i++) if (p[years[i - 1]]! > p[years[i]]!) problem(years[i], `${years[i]} is before ${years[i - 1]}`);
    // What the report of `as_of` says must agree with the years: an honest status in every year depends on it.
    const asOf = yearOf(p.as_of)!;
    if (asOf > new Date().getUTCFullYear()) problem('as_of', 'is in the future');
    const reported = LIFE_ORDER.indexOf(p.status);
    if (p.status === 'operating' && p.opens !== undefined && p.opens > asOf) problem('opens', `is after as_of (${p.as_of}), whose source reports it operating`);
    if (p.status !== 'operating' && p.opens !== undefined && p.opens < asOf)
      problem('opens', `${p.opens} had passed when the source of ${p.as_of} still reported it ${p.status}: give the year now expected, or none`);
    if (reported < LIFE_ORDER.indexOf('under_construction') && p.start_year !== undefined && p.start_year < asOf)
      problem('start_year', `${p.start_year} had passed when the source of ${p.as_of} still reported it ${p.status}: give the year now expected, or none`);
    if (p.closed !== undefined && p.closed > asOf) problem('closed', `is after as_of (${p.as_of}): a closure is reported once it happened`);
  });
export type ThematicProps = z.infer<typeof ThematicProps>;

/** Any feature's properties. */
export type FeatureProps = BaseProps | ThematicProps;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);

/** The GeoJSON geometries the layers use. */
export const Geometry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Point'), coordinates: position }),
  z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)).min(1) }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export type Geometry = z.infer<typeof Geometry>;

/** Geometry types allowed in each layer. */
export const LAYER_GEOMETRIES: Record<LayerId, readonly Geometry['type'][]> = {
  districts: ['Polygon', 'MultiPolygon'],
  places: ['Point'],
  rivers: ['LineString', 'MultiLineString'],
  ports: ['Point', 'Polygon'],
  rail: ['LineString', 'MultiLineString', 'Point'],
  roads: ['LineString', 'MultiLineString', 'Point'],
  airports: ['Point', 'Polygon'],
  parks: ['Point', 'Polygon', 'MultiPolygon'],
  hospitals: ['Point'],
  corridors: ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'Point'],
};

/**
 * A layer published beside the atlas's own (`npm run data:publish -- --extra <dir>`): every station of
 * a region, an OpenStreetMap extract. The worker serves it from R2; the analyses do not use it. This is
 * its entry in its catalogue.
 */
export const ExtraLayerEntry = z.strictObject({
  /** Lower-case letters, digits and `-`, and none of the atlas's own ids. */
  id: z
    .string()
    .regex(EXTRA_LAYER_ID, 'lower-case letters, digits and "-", 2 to 32 characters, starting with a letter')
    .refine((id) => !isAtlasLayer(id), 'is one of the atlas’s own layers'),
  title: z.strictObject({ zh: z.string().min(1).max(40), en: z.string().min(1).max(80) }),
  group: z.enum(LAYER_GROUPS),
  /** Its colour on the map, `#rrggbb` (pick one that the palette's colour-blind-safe set lacks). */
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour written #rrggbb'),
  /** Where the whole layer comes from: a feature may name its own. */
  source: Source,
  /** What its positions are worth, unless a feature says otherwise. */
  accuracy: z.enum(ACCURACIES),
  uncertainty_km: z.number().min(0).max(50),
  /**
   * A PMTiles v3 archive that is the layer, instead of a GeoJSON file: a file beside the catalogue
   * (copied to the bucket at publish) or an https URL the worker reads ranges of (a basemap of the region).
   */
  archive: z
    .union([
      z.strictObject({ file: z.string().regex(/^[\w.-]+\.pmtiles$/, 'a file name ending .pmtiles, beside catalog.json') }),
      z.strictObject({ url: z.url({ protocol: /^https?$/ }) }),
    ])
    .optional(),
  /** The credit the layer's licence asks for, shown in the map's attribution (an archive's, for example © OpenStreetMap contributors). */
  attribution: z.string().min(2).max(300).optional(),
});
export type ExtraLayerInfo = z.infer<typeof ExtraLayerEntry>;
