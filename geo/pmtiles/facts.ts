/**
 * What a page needs to draw an external PMTiles archive (a basemap a user brings): its tile type,
 * zooms, bounds, and for vector tiles the source-layers its JSON metadata lists. Read at publish from
 * the header and the metadata, and carried by the manifest and the catalogue. Pure: reading and
 * decompression are the caller's.
 */
import type { BBox } from '../bbox.ts';
import { ArchiveError, Compression, FIRST_READ, parseHeader, TileType, type ArchiveHeader } from './format.ts';
import type { Decompress, RangeRead } from './reader.ts';

/** The tile types the page draws: vector tiles, or raster images. */
export const ARCHIVE_TILE_TYPES = ['mvt', 'png', 'jpg', 'webp', 'avif'] as const;
export type ArchiveTileType = (typeof ARCHIVE_TILE_TYPES)[number];

/** The kinds of geometry a vector layer's metadata may name. */
export const VECTOR_GEOMETRIES = ['Point', 'LineString', 'Polygon'] as const;

/** A source-layer of a vector archive, and its kind of geometry where the metadata says it. */
export interface VectorLayerFact {
  id: string;
  geometry?: (typeof VECTOR_GEOMETRIES)[number];
}

/** An external archive as the page draws it. */
export interface ArchiveFacts {
  type: ArchiveTileType;
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  /** A raster archive's tile size in pixels, when its metadata says it. */
  tileSize?: number;
  /** A vector archive's source-layers (metadata `vector_layers`), in the metadata's order. */
  layers?: VectorLayerFact[];
}

const TYPE_NAMES: Record<number, ArchiveTileType> = { [TileType.mvt]: 'mvt', [TileType.png]: 'png', [TileType.jpeg]: 'jpg', [TileType.webp]: 'webp', [TileType.avif]: 'avif' };

/** A metadata geometry name (Tippecanoe's `tilestats` says `LineString`, some say `line`) as one of ours. */
function geometryOf(value: unknown): VectorLayerFact['geometry'] {
  const name = String(value ?? '').toLowerCase();
  if (name.includes('point')) return 'Point';
  if (name.includes('line')) return 'LineString';
  if (name.includes('polygon')) return 'Polygon';
  return undefined;
}

/**
 * An archive's facts from its header and parsed JSON metadata.
 *
 * @param header - the archive's header
 * @param metadata - its JSON metadata (anything; only `vector_layers`, `tilestats` and `tileSize`/`tile_size` are read)
 * @returns its facts
 * @throws ArchiveError for a tile type the page cannot draw
 * @example
 * archiveFacts(parseHeader(bytes), { vector_layers: [{ id: 'water' }] }).layers; // [{ id: 'water' }]
 */
export function archiveFacts(header: ArchiveHeader, metadata: unknown): ArchiveFacts {
  const type = TYPE_NAMES[header.tileType];
  if (!type) throw new ArchiveError(`its tile type (${header.tileType}) is none the page draws (vector tiles, PNG, JPEG, WebP or AVIF)`);
  const meta = (metadata && typeof metadata === 'object' ? metadata : {}) as Record<string, unknown>;
  const facts: ArchiveFacts = { type, minzoom: header.minZoom, maxzoom: header.maxZoom, bounds: header.bounds };
  const size = Number(meta.tileSize ?? meta.tile_size);
  if (type !== 'mvt' && [256, 512].includes(size)) facts.tileSize = size;
  if (type === 'mvt') {
    const stats = (meta.tilestats as { layers?: { layer?: unknown; geometry?: unknown }[] } | undefined)?.layers ?? [];
    const listed = Array.isArray(meta.vector_layers) ? (meta.vector_layers as { id?: unknown; geometry?: unknown }[]) : [];
    facts.layers = listed
      .filter((l) => typeof l?.id === 'string' && l.id)
      .map((l) => {
        const geometry = geometryOf(l.geometry) ?? geometryOf(Array.isArray(stats) ? stats.find((s) => s?.layer === l.id)?.geometry : undefined);
        return { id: l.id as string, ...(geometry ? { geometry } : {}) };
      });
  }
  return facts;
}

/**
 * Reads an archive's facts by ranges: its first 16 kB (the header), then its metadata.
 *
 * @param read - reads a range of the archive
 * @param decompress - undoes the archive's internal compression
 * @returns its facts
 * @throws ArchiveError for a bad header, unreadable metadata or a tile type the page cannot draw
 * @example
 * const facts = await readArchiveFacts((o, l) => Promise.resolve(bytes.subarray(o, o + l)), gunzip);
 */
export async function readArchiveFacts(read: RangeRead, decompress: Decompress): Promise<ArchiveFacts> {
  const header = parseHeader(await read(0, FIRST_READ));
  // The worker reads gzip or nothing (DecompressionStream): an archive in Brotli or zstd would publish, then fail every tile.
  for (const [what, c] of [['directories', header.internalCompression], ['tiles', header.tileCompression]] as const)
    if (c !== 0 && c !== Compression.none && c !== Compression.gzip) throw new ArchiveError(`its ${what} are compressed with a method the worker cannot read (${c}; gzip or none): convert it, for example with \`pmtiles convert\``);
  let metadata: unknown = {};
  if (header.metadataLength > 0) {
    let bytes = await read(header.metadataOffset, header.metadataLength);
    if (bytes.length < header.metadataLength) throw new ArchiveError('the archive is truncated: its metadata is cut short');
    if (header.internalCompression !== Compression.none) bytes = await decompress(bytes, header.internalCompression);
    try {
      metadata = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new ArchiveError(`its metadata is not JSON (${(e as Error).message.slice(0, 80)})`);
    }
  }
  return archiveFacts(header, metadata);
}
