/**
 * The feature schema of the atlas layers: one zod schema per layer, shared by
 * `npm run data:check`, the worker and the page. Every figure is a typed
 * property; every feature says where it comes from and what its position is worth.
 */
import { z } from 'zod';

/** Life-cycle of a facility or plan item. `proposed` is "前期/研究", `planned` is in an approved plan. */
export const STATUSES = ['operating', 'under_construction', 'planned', 'proposed'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * What a position is worth: `surveyed` (a published coordinate of the thing itself),
 * `approximate` (a best-known point, off by up to `uncertainty_km`),
 * `schematic` (a line drawn through known waypoints; the real route differs).
 */
export const ACCURACIES = ['surveyed', 'approximate', 'schematic'] as const;
export type Accuracy = (typeof ACCURACIES)[number];

/** The kinds each layer may hold. One name for one idea across geo, worker and web. */
export const LAYER_KINDS = {
  districts: ['county', 'prefecture', 'municipality'],
  places: ['county_seat', 'prefecture_seat', 'town'],
  rivers: ['river'],
  ports: ['port_area', 'cargo_terminal', 'passenger_terminal', 'dry_port'],
  rail: ['high_speed_rail', 'conventional_rail', 'station', 'freight_yard'],
  roads: ['expressway', 'fast_road', 'trunk_road', 'bridge'],
  airports: ['airport', 'terminal'],
  parks: ['development_zone', 'industrial_park', 'logistics_park', 'bonded_zone', 'innovation_park'],
  hospitals: ['hospital', 'medical_centre', 'medical_sub_centre', 'emergency_hospital'],
  corridors: ['eco_corridor', 'green_belt', 'river_works', 'protected_area'],
} as const;

/** Layer ids, in the order the page stacks them (bottom first). */
export type LayerId = keyof typeof LAYER_KINDS;
export const LAYER_IDS = Object.keys(LAYER_KINDS) as LayerId[];

/** Base layers come from ../shared/data and have no life-cycle; thematic layers are curated from the seeds. */
export const BASE_LAYERS: readonly LayerId[] = ['districts', 'places', 'rivers'];

/** What a project does to what was there: a new build, or works on an existing facility. */
export const WORKS = ['new', 'upgrade', 'expansion', 'relocation'] as const;

/** Every coordinate lies inside this extent (lon/lat, WGS84): the four places, their neighbouring prefectures, and the lines that leave them for 成都, 重庆, 宜昌 and 黔江. */
export const ATLAS_EXTENT = [103.0, 28.0, 112.5, 34.0] as const;

const year = z.number().int().min(1900).max(2100);
const featureId = z
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
  id: featureId,
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
    stations: z.array(featureId).optional(),
    /** Stations: ids of the lines that serve them. */
    lines: z.array(featureId).optional(),
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
