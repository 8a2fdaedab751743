/**
 * The feature schema of the atlas layers: one zod schema per layer, shared by
 * `npm run data:check`, the worker and the page. Every figure is a typed
 * property; every feature says where it comes from and what its position is worth.
 */
import { z } from 'zod';

export * from './layers.ts';
import { EXTRA_LAYER_ID, LAYER_GROUPS, type ExtraLayerInfo } from './catalog.ts';
import { ACCURACIES, LAYER_IDS, LAYER_KINDS, STATUSES, WORKS, type LayerId } from './layers.ts';

const year = z.number().int().min(1900).max(2100);
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
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD').optional(),
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
  /** Free text in English: caveats, disagreements between sources. */
  note: z.string().optional(),
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
});
export type BaseProps = z.infer<typeof BaseProps>;

/** Properties of thematic features (ports, rail, roads, airports, parks, hospitals, corridors). */
export const ThematicProps = z
  .strictObject({
    ...common,
    kind: z.string(),
    status: z.enum(STATUSES),
    /** Year it opened or is to open (the plan's completion year); absent when no source gives it. */
    opens: year.optional(),
    /** Year construction started or is to start. */
    start_year: year.optional(),
    works: z.enum(WORKS).optional(),
    length_km: z.number().positive().max(3000).optional(),
    /** Total investment in 亿元 (10^8 CNY). */
    investment_yi: z.number().positive().max(100000).optional(),
    beds: z.number().int().positive().optional(),
    capacity: z.number().positive().optional(),
    /** Unit of `capacity`, as the source gives it (万吨/年, 万标箱/年, 万人次/年, 泊位 …). */
    capacity_unit: z.string().optional(),
    design_speed_kmh: z.number().int().min(20).max(400).optional(),
    lanes: z.number().int().min(1).max(12).optional(),
    /** Rail lines: ids of their stations, in order along the line. */
    stations: z.array(FeatureId).optional(),
    /** Stations: ids of the lines that serve them. */
    lines: z.array(FeatureId).optional(),
    /** Names of the points a schematic line is drawn through, in order. */
    via: z.array(z.string()).optional(),
  })
  .refine((p) => (p.capacity === undefined) === (p.capacity_unit === undefined), {
    message: 'capacity and capacity_unit go together',
    path: ['capacity_unit'],
  })
  .refine((p) => p.start_year === undefined || p.opens === undefined || p.start_year <= p.opens, {
    message: 'start_year is after opens',
    path: ['start_year'],
  })
  .refine((p) => p.status !== 'operating' || p.opens === undefined || p.opens <= new Date().getUTCFullYear(), {
    message: 'an operating feature cannot open in the future',
    path: ['opens'],
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

/** An extra layer's entry in its catalogue. */
export const ExtraLayerEntry: z.ZodType<ExtraLayerInfo> = z.strictObject({
  id: z
    .string()
    .regex(EXTRA_LAYER_ID, 'lower-case letters, digits and "-", 2 to 32 characters, starting with a letter')
    .refine((id) => !(LAYER_IDS as readonly string[]).includes(id), 'is one of the atlas’s own layers'),
  title: z.strictObject({ zh: z.string().min(1).max(40), en: z.string().min(1).max(80) }),
  group: z.enum(LAYER_GROUPS),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour written #rrggbb'),
  source: Source,
  accuracy: z.enum(ACCURACIES),
  uncertainty_km: z.number().min(0).max(50),
});
