/**
 * Mapbox Vector Tiles of a layer, cut from its GeoJSON with geojson-vt and
 * encoded with vt-pbf (MapLibre's own packages). The tile index is built once per
 * layer version; each tile is then sliced from it. Pure: the worker serves the
 * tiles, the benchmarks time them in Node.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';
import { LARGE_LAYER } from './catalog.ts';
import { fnv1a } from './hash.ts';
import { displayTolerance } from './layers.ts';

/** Options of {@link createTiler}. */
export interface TilerOptions {
  /** The deepest zoom cut with full detail; deeper tiles are overzoomed by the map. Defaults to 14. */
  maxZoom?: number;
  /** Simplification, in units of the tiles' 4096 extent. Defaults to the layer's display tolerance (`DISPLAY_TOLERANCE`) (a screen pixel of a 512-pixel tile is 8 units), else geojson-vt's 3. */
  tolerance?: number;
  /**
   * geojson-vt keeps every tile it cuts: after this many the indexes are dropped and rebuilt
   * when next asked, which bounds their memory (about 30 kB a tile of the districts). Defaults to 1,000.
   */
  maxTiles?: number;
}

/**
 * Where a position lies in the Web Mercator tile grid of a zoom, in tiles (the integer part
 * is the tile's column and row).
 *
 * @param lon - longitude, degrees
 * @param lat - latitude, degrees
 * @param z - the zoom
 * @returns `[x, y]`, fractional
 * @example
 * tilePosition(108.4, 30.8, 8).map(Math.floor); // [205, 104]
 */
export function tilePosition(lon: number, lat: number, z: number): [number, number] {
  const r = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * 2 ** z, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z];
}

/** The deepest zoom the tiles are cut at (MapLibre overzooms beyond it). */
export const TILE_MAX_ZOOM = 14;

/**
 * Keeps the properties a tile can carry: strings, numbers and booleans (nested values stay in the GeoJSON API).
 *
 * @param fc - a layer
 * @returns its features with only those properties (the geometries shared)
 * @example
 * flatProperties(rail).features[0].properties.source; // undefined
 */
export function flatProperties(fc: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      ...f,
      properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')),
    })),
  };
}

/**
 * Generalisation of large layers at low zooms, as tippecanoe does by default: below
 * the base zoom each zoom keeps 1 in 2.5 of the features of the zoom above, the same
 * features at every tile (chosen by a hash of the id, so a feature never flickers
 * between neighbouring tiles). Layers under the catalogue's `LARGE_LAYER` features keep
 * everything at every zoom: the atlas's own layers are drawn whole.
 */
const BASE_ZOOM = 12;
const DROP_RATE = 2.5;
/**
 * Zooms below the base zoom, each cut from an index of its own holding that zoom's share (zooms 0–5 share
 * zoom 5's). One index a zoom rather than one for several: a band holding its deepest zoom's share made
 * the tiles of its upper zooms 2.5 times too full, and those were the slowest to cut (bench/RESULTS.md).
 */
const BANDS = [5, 6, 7, 8, 9, 10, 11];

/** A number in [0, 1) from a feature's id (FNV-1a), the same on every machine. */
const idFraction = (id: unknown, i: number): number => parseInt(fnv1a(String(id ?? i)), 16) / 4294967296;

/**
 * The most features a tile of a large layer holds below the base zoom. The shares above keep a layer of
 * 220,000 features light, but a layer of a million still fills a zoom-7 tile with 11,000 points, which
 * cost the page a third of its first idle; at 2,000 a tile the page still took 1.2–1.26 times as long,
 * at 1,000 about 1.07 times (the layer's status filters run on every feature of every tile: bench/RESULTS.md).
 * tippecanoe likewise thins a tile past its limit (500 kB) by dropping features.
 */
export const MAX_TILE_FEATURES = 1_000;

/**
 * A tile of a large layer thinned to `MAX_TILE_FEATURES` below the base zoom, by the features' ids (the
 * same features at every call; a feature kept in a denser tile is kept in a sparser one).
 *
 * @param tile - geojson-vt's tile of a zoom's share (`generalise`), or null
 * @param z - its zoom
 * @returns the tile, or a copy holding about `MAX_TILE_FEATURES` of its features
 * @example
 * encodeTile('synthetic', thinTile(index.getTile(7, 103, 52), 7));
 */
export function thinTile<T extends { features: { tags?: Record<string, unknown> | null }[] } | null>(tile: T, z: number): T {
  if (!tile || tile.features.length <= MAX_TILE_FEATURES || z >= BASE_ZOOM) return tile;
  // The share's features have fractions below its keep: a fraction of that keeps a fraction of them.
  const keep = (DROP_RATE ** (z - BASE_ZOOM) * MAX_TILE_FEATURES) / tile.features.length;
  return { ...tile, features: tile.features.filter((f, i) => idFraction(f.tags?.id, i) < keep) };
}

/**
 * The features a zoom keeps of a large layer.
 *
 * @param collection - the features
 * @param z - the zoom
 * @returns the share 2.5^(z − 12) of them, the same ones at every call
 * @example
 * generalise(bigLayer, 9).features.length; // about 6 % of them
 */
export function generalise(collection: FeatureCollection, z: number): FeatureCollection {
  const keep = Math.min(1, DROP_RATE ** (z - BASE_ZOOM));
  return { type: 'FeatureCollection', features: collection.features.filter((f, i) => idFraction(f.properties?.id, i) < keep) };
}

/**
 * The geojson-vt options a layer's tiles are cut with: the worker's and the publish's alike.
 *
 * @param name - the layer (its display tolerance, `DISPLAY_TOLERANCE`)
 * @param options - zoom and simplification
 * @returns geojson-vt's options
 * @example
 * new GeoJSONVT(flatProperties(rail), indexOptions('rail'));
 */
export function indexOptions(name: string, options: TilerOptions = {}) {
  const pixels = displayTolerance(name);
  const tolerance = options.tolerance ?? (pixels !== undefined ? pixels * (4096 / 512) : 3);
  return { maxZoom: options.maxZoom ?? TILE_MAX_ZOOM, indexMaxZoom: 5, tolerance, extent: 4096, buffer: 64 };
}

/**
 * The share of a layer a zoom is cut from.
 *
 * @param z - the zoom
 * @param count - the layer's features
 * @returns the zoom whose share (`generalise`) is cut, or undefined for every feature
 * @example
 * bandOf(3, 220_000); // 5: zooms 0–5 share zoom 5's features
 */
export const bandOf = (z: number, count: number): number | undefined => (count >= LARGE_LAYER ? BANDS.find((b) => z <= b) : undefined);

/**
 * A geojson-vt tile as a Mapbox Vector Tile.
 *
 * @param name - the tile's layer name
 * @param tile - geojson-vt's tile, or null
 * @returns the encoded tile, or null when nothing lies in it
 * @example
 * encodeTile('rail', index.getTile(8, 205, 104));
 */
export function encodeTile(name: string, tile: ReturnType<GeoJSONVT['getTile']>): Uint8Array | null {
  if (!tile || tile.features.length === 0) return null;
  return fromGeojsonVt({ [name]: tile }, { version: 2, extent: 4096 });
}

/**
 * A tiler over a layer: build it once, then ask it for tiles. The full-detail
 * index is built at once; for a large layer, each low-zoom band's index when a
 * tile of it is first asked.
 *
 * @param name - the layer's name inside each tile (the style's `source-layer`)
 * @param collection - the layer's features (WGS84)
 * @param options - zoom and simplification
 * @returns `tile(z, x, y)`: the encoded tile, or null when nothing lies in it
 * @example
 * const tiler = createTiler('rail', railCollection); const bytes = tiler.tile(8, 208, 106);
 */
export function createTiler(name: string, collection: FeatureCollection, options: TilerOptions = {}) {
  const settings = indexOptions(name, options);
  const flat = flatProperties(collection);
  const indexOf = (fc: FeatureCollection) => new GeoJSONVT(fc, settings);
  const maxTiles = options.maxTiles ?? 1_000;
  let full = indexOf(flat);
  let bands = new Map<number, GeoJSONVT>();
  let cut = 0;
  const indexFor = (z: number): GeoJSONVT => {
    if (++cut > maxTiles) {
      cut = 1;
      full = indexOf(flat);
      bands = new Map();
    }
    const band = bandOf(z, flat.features.length);
    if (band === undefined) return full;
    let index = bands.get(band);
    if (!index) bands.set(band, (index = indexOf(generalise(flat, band))));
    return index;
  };
  return {
    maxZoom: settings.maxZoom,
    tile(z: number, x: number, y: number): Uint8Array | null {
      const tile = indexFor(z).getTile(z, x, y);
      return encodeTile(name, bandOf(z, flat.features.length) === undefined ? tile : thinTile(tile, z));
    },
  };
}
