/**
 * The layer catalogue: what each layer is called, how the page groups it, and
 * how it reaches the page (whole GeoJSON, or vector tiles once it is large).
 * Titles are shown to readers; ids are the API's and never change.
 */
import type { BBox } from './bbox.ts';
import type { LayerGroup, LayerId } from './layers.ts';
import type { ArchiveFacts } from './pmtiles/facts.ts';
import type { ExtraLayerInfo, Geometry } from './schema.ts';

/** A text in the atlas's two languages. */
export interface I18nText {
  zh: string;
  en: string;
}

/** One layer's entry in the catalogue. */
export interface LayerInfo {
  id: LayerId;
  title: I18nText;
  group: LayerGroup;
  /** A credit its data's licence asks for wherever it is shown (the map's attribution, the pictures'). */
  credit?: string;
}

/** OpenStreetMap's credit (ODbL 1.0): the railway stations and the lines' courses at the region's edges come from it. */
export const OSM_CREDIT = '© OpenStreetMap contributors';

/** Every layer, bottom of the map first. */
export const CATALOG: readonly LayerInfo[] = [
  { id: 'districts', title: { zh: '行政区', en: 'Districts' }, group: 'base' },
  { id: 'rivers', title: { zh: '河流', en: 'Rivers' }, group: 'base' },
  { id: 'corridors', title: { zh: '生态廊道', en: 'Ecological corridors' }, group: 'ecology' },
  { id: 'parks', title: { zh: '园区', en: 'Industrial and logistics parks' }, group: 'parks' },
  { id: 'roads', title: { zh: '公路', en: 'Expressways and roads' }, group: 'transport' },
  { id: 'rail', title: { zh: '铁路', en: 'Railways' }, group: 'transport', credit: OSM_CREDIT },
  { id: 'ports', title: { zh: '港口', en: 'Ports' }, group: 'transport' },
  { id: 'airports', title: { zh: '机场', en: 'Airports' }, group: 'transport' },
  { id: 'hospitals', title: { zh: '医院', en: 'Hospitals' }, group: 'hospitals' },
  { id: 'places', title: { zh: '城镇', en: 'Seats' }, group: 'base' },
];

/** The atlas's own layer ids in the catalogue's order: the map's, the pictures' and every list's. */
export const LAYER_IDS: readonly LayerId[] = CATALOG.map((l) => l.id);

/**
 * A large layer: from this many features a layer reaches the page as vector tiles
 * (`/tiles/:layer/:z/:x/:y.mvt`) instead of one GeoJSON body (a deployment may move that
 * threshold with `ATLAS_TILE_THRESHOLD`), and its tiles are generalised below zoom 12
 * (geo/tiles.ts; that stays at this size). The atlas's own layers hold hundreds.
 */
export const LARGE_LAYER = 5_000;

/**
 * A heavy layer: from this many positions (vertices), four for each feature of `LARGE_LAYER`, a
 * layer reaches the page as vector tiles whatever its count of features. The district boundaries
 * (36 features, 45,000 positions, 1 MB) cost the page's map worker more to parse, cut and fill than
 * all the other layers together; as tiles it only fills the clipped, simplified parts in view
 * (bench/RESULTS.md). A deployment's `ATLAS_TILE_THRESHOLD` moves both limits together.
 */
export const HEAVY_LAYER = 4 * LARGE_LAYER;

/** How a layer reaches the page. */
export type Delivery = 'geojson' | 'tiles';

/**
 * How a layer downloads, when not by year (`/api/layers/:id?year=`, which every other layer answers):
 * `whole`, its GeoJSON as published, from `/api/layers/:id` without parameters (a layer served from its
 * own PMTiles archive, which answers only that and searches); `none`, no download at all (an external
 * archive, tiles only; or an archived layer whose GeoJSON was too large to publish, which can only be searched).
 */
export type LayerDownload = 'whole' | 'none';

/**
 * How a layer of some size reaches the page.
 *
 * @param count - its features
 * @param threshold - the catalogue's threshold in features (a deployment may set its own: `ATLAS_TILE_THRESHOLD`); the
 *   threshold in positions is four times it (`HEAVY_LAYER` by default)
 * @param positions - its positions, when known (a manifest published before they were counted lacks them: the count alone decides)
 * @returns `tiles` for a large or heavy layer, else `geojson`
 * @example
 * deliveryOf(220_000); // 'tiles'
 * deliveryOf(36, LARGE_LAYER, 45_141); // 'tiles'
 */
export const deliveryOf = (count: number, threshold: number = LARGE_LAYER, positions = 0): Delivery =>
  count >= threshold || positions >= threshold * (HEAVY_LAYER / LARGE_LAYER) ? 'tiles' : 'geojson';

/** The address of a layer's tiles, as a MapLibre vector source's `tiles` template, relative to the site. */
export const tilesPath = (id: string): string => `/tiles/${id}/{z}/{x}/{y}.mvt`;

/** What `GET /api/layers` says of a layer: the page builds its map and panel from it. */
export interface CatalogEntry {
  id: string;
  title: I18nText;
  group: LayerGroup;
  geometry: Geometry['type'][];
  count: number;
  bbox: BBox | null;
  version: string;
  /** Features on the map of each year of the page's slider, when the publish counted them. */
  countsByYear?: Record<string, number>;
  /** How the page draws it: `geojson` from `/api/layers/:id`, `tiles` from `tiles`. */
  delivery: Delivery;
  /** A tiled layer's tiles (a MapLibre `tiles` template, relative to the site) and their deepest zoom. */
  tiles?: string;
  maxzoom?: number;
  /** The characters of the layer's names, when the publish listed them: the page loads their font while the map loads. */
  chars?: string;
  /** An external PMTiles archive's tile type, zooms, bounds and source-layers: the page draws it as a base from them. */
  archive?: ArchiveFacts;
  /** How it downloads when not by year (absent: `/api/layers/:id?year=` for the map of a year, as GeoJSON or CSV). */
  download?: LayerDownload;
  /** An extra layer's colour, source and position quality (the atlas's own layers carry theirs on each feature). */
  extra?: Omit<ExtraLayerInfo, 'id' | 'title' | 'group'>;
}

/**
 * The credits the data of some layers asks for, each once.
 *
 * @param ids - the layers shown
 * @returns their credits
 * @example
 * creditsOf(['rail', 'roads']); // ['© OpenStreetMap contributors']
 */
export const creditsOf = (ids: readonly string[]): string[] => [...new Set(CATALOG.filter((l) => ids.includes(l.id) && l.credit).map((l) => l.credit!))];
