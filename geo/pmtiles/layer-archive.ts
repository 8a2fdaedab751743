/**
 * A layer cut into a PMTiles archive: every tile that holds something, zoom 0–14, cut as
 * the worker cuts (geo/pmtiles/cut.ts), gzip-compressed, written to the specification
 * (geo/pmtiles/writer.ts). Pure: gzip is the caller's (zlib in Node).
 */
import type { FeatureCollection } from 'geojson';
import type { BBox } from '../bbox.ts';
import { TILE_MAX_ZOOM } from '../tiles.ts';
import { cutLayer } from './cut.ts';
import { writeArchive, type ArchiveTile } from './writer.ts';

/**
 * A layer's archive.
 *
 * @param name - the layer (the tiles' layer name)
 * @param collection - its features
 * @param options - gzip and the layer's extent
 * @returns the archive's bytes and how many tiles it addresses
 * @example
 * const { bytes } = layerArchive('synthetic', layer, { gzip: (b) => gzipSync(b), bbox });
 */
export function layerArchive(name: string, collection: FeatureCollection, options: { gzip: (bytes: Uint8Array) => Uint8Array; bbox?: BBox | null }): { bytes: Uint8Array; tiles: number } {
  const tiles: ArchiveTile[] = [];
  for (const t of cutLayer(name, collection)) tiles.push({ z: t.z, x: t.x, y: t.y, data: options.gzip(t.data) });
  const metadata = { name, format: 'pbf', vector_layers: [{ id: name, fields: {}, minzoom: 0, maxzoom: TILE_MAX_ZOOM }] };
  const bytes = writeArchive(tiles, { compress: options.gzip, bounds: options.bbox ?? undefined, metadata });
  return { bytes, tiles: tiles.length };
}
