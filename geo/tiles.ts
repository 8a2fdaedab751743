/**
 * Mapbox Vector Tiles of a layer, cut from its GeoJSON with geojson-vt and
 * encoded with vt-pbf (MapLibre's own packages). The tile index is built once per
 * layer version; each tile is then sliced from it. Pure: the worker serves the
 * tiles, the benchmarks time them in Node.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';

/** Options of {@link createTiler}. */
export interface TilerOptions {
  /** The deepest zoom cut with full detail; deeper tiles are overzoomed by the map. Defaults to 14. */
  maxZoom?: number;
  /** Simplification, in tile pixels of a 4096 extent (geojson-vt's default is 3). */
  tolerance?: number;
}

/** The deepest zoom the tiles are cut at (MapLibre overzooms beyond it). */
export const TILE_MAX_ZOOM = 14;

/** Keeps the properties a tile can carry: strings, numbers and booleans (nested values stay in the GeoJSON API). */
function flatProperties(fc: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      ...f,
      properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')),
    })),
  };
}

/**
 * A tiler over a layer: build it once, then ask it for tiles.
 *
 * @param name - the layer's name inside each tile (the style's `source-layer`)
 * @param collection - the layer's features (WGS84)
 * @param options - zoom and simplification
 * @returns `tile(z, x, y)`: the encoded tile, or null when nothing lies in it
 * @example
 * const tiler = createTiler('rail', railCollection); const bytes = tiler.tile(8, 208, 106);
 */
export function createTiler(name: string, collection: FeatureCollection, options: TilerOptions = {}) {
  const maxZoom = options.maxZoom ?? TILE_MAX_ZOOM;
  const index = new GeoJSONVT(flatProperties(collection), { maxZoom, indexMaxZoom: 5, tolerance: options.tolerance ?? 3, extent: 4096, buffer: 64 });
  return {
    maxZoom,
    tile(z: number, x: number, y: number): Uint8Array | null {
      const tile = index.getTile(z, x, y);
      if (!tile || tile.features.length === 0) return null;
      return fromGeojsonVt({ [name]: tile }, { version: 2, extent: 4096 });
    },
  };
}
