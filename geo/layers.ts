/**
 * The atlas's vocabulary without zod: layer ids and kinds, statuses, position
 * qualities. The page imports these; the schema (geo/schema.ts) builds on them.
 */

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

/** The atlas's own layer ids (their drawing order is the catalogue's: `LAYER_IDS` in geo/catalog.ts). */
export type LayerId = keyof typeof LAYER_KINDS;

/**
 * Whether an id is one of the atlas's own layers (an extra layer's id may be any name, `constructor` too).
 *
 * @param id - a layer id
 * @returns true for the atlas's own
 * @example
 * isAtlasLayer('rail'); // true
 */
export const isAtlasLayer = (id: string): id is LayerId => Object.hasOwn(LAYER_KINDS, id);

/** How the page groups layers in its panel. */
export type LayerGroup = 'base' | 'transport' | 'parks' | 'hospitals' | 'ecology';
export const LAYER_GROUPS: readonly LayerGroup[] = ['base', 'transport', 'parks', 'hospitals', 'ecology'];

/** What an extra layer's id looks like. */
export const EXTRA_LAYER_ID = /^[a-z][a-z0-9-]{1,31}$/;

/** Base layers come from ../shared/data and have no life-cycle; thematic layers are curated from the seeds. */
export const BASE_LAYERS: readonly LayerId[] = ['districts', 'places', 'rivers'];

/**
 * Simplification of the base layers' display, in screen pixels (MapLibre's default is 0.375): the
 * districts' 45,000 vertices make most of a frame's cost where WebGL is drawn in software
 * (bench/RESULTS.md), and a one-pixel simplification of a thin boundary cannot be told apart. The
 * page gives it to a GeoJSON source; the worker's tiler cuts tiles with it (geo/tiles.ts). The API
 * still serves every vertex.
 */
export const DISPLAY_TOLERANCE: Partial<Record<LayerId, number>> = { districts: 1, rivers: 1 };

/**
 * A layer's display tolerance, if it has one (an extra layer's id may be any name, `constructor` too).
 *
 * @param id - a layer id
 * @returns screen pixels, or undefined
 * @example
 * displayTolerance('districts'); // 1
 */
export const displayTolerance = (id: string): number | undefined => (Object.hasOwn(DISPLAY_TOLERANCE, id) ? DISPLAY_TOLERANCE[id as LayerId] : undefined);

/** What a project does to what was there: a new build, or works on an existing facility. */
export const WORKS = ['new', 'upgrade', 'expansion', 'relocation'] as const;

/** Every coordinate lies inside this extent (lon/lat, WGS84): the four places, their neighbouring prefectures, and the lines that leave them for 成都, 重庆, 宜昌 and 黔江. */
export const ATLAS_EXTENT = [103.0, 28.0, 112.5, 34.0] as const;

