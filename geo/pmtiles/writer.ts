/**
 * Writes a PMTiles v3 archive from tiles already encoded (and compressed, as the
 * header will say): tiles ordered by tile id (clustered), identical tiles stored
 * once, runs of one content in one entry, and the root directory kept within the
 * first 16 kB by moving entries into leaf directories. Pure: compression is the
 * caller's (zlib in Node).
 */
import { Compression, FIRST_READ, HEADER_BYTES, serialiseDirectory, serialiseHeader, TileType, zxyToTileId, type Entry } from './format.ts';

/** A tile to write: its address and its bytes as stored (compressed by `tileCompression`). */
export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Options of {@link writeArchive}. */
export interface WriteOptions {
  /** Compresses the directories and metadata (`internalCompression`); defaults to none. */
  compress?: (bytes: Uint8Array) => Uint8Array;
  /** What `compress` does, by the specification's numbers; defaults to gzip when `compress` is given, else none. */
  internalCompression?: number;
  /** How the tiles' bytes are compressed; defaults to gzip. */
  tileCompression?: number;
  /** Defaults to Mapbox Vector Tiles. */
  tileType?: number;
  /** The data's extent, degrees (west, south, east, north); defaults to the world. */
  bounds?: [number, number, number, number];
  /** The JSON metadata (for vector tiles, `vector_layers`); defaults to `{}`. */
  metadata?: object;
}

/** A fingerprint of bytes (FNV-1a), to find identical tiles. */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${h >>> 0}:${bytes.length}`;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The root directory and the leaves: all entries at the root when they fit, else leaves of growing size until the root fits. */
function directories(entries: Entry[], compress: (b: Uint8Array) => Uint8Array): { root: Uint8Array; leaves: Uint8Array } {
  const whole = compress(serialiseDirectory(entries));
  if (whole.length <= FIRST_READ - HEADER_BYTES) return { root: whole, leaves: new Uint8Array(0) };
  for (let size = 4096; ; size = Math.ceil(size * 1.2)) {
    const parts: Uint8Array[] = [];
    const root: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += size) {
      const leaf = compress(serialiseDirectory(entries.slice(i, i + size)));
      root.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      offset += leaf.length;
    }
    const rootBytes = compress(serialiseDirectory(root));
    if (rootBytes.length <= FIRST_READ - HEADER_BYTES) return { root: rootBytes, leaves: concat(parts) };
  }
}

/** One array of several. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A PMTiles v3 archive of some tiles.
 *
 * @param tiles - the tiles, in any order (each address once)
 * @param options - compression, tile type, bounds and metadata
 * @returns the archive's bytes
 * @example
 * const bytes = writeArchive([{ z: 0, x: 0, y: 0, data: gzipSync(mvt) }], { compress: gzipSync, bounds: [107, 30, 109, 32] });
 */
export function writeArchive(tiles: readonly ArchiveTile[], options: WriteOptions = {}): Uint8Array {
  const compress = options.compress ?? ((b: Uint8Array) => b);
  const internal = options.internalCompression ?? (options.compress ? Compression.gzip : Compression.none);
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), t })).sort((a, b) => a.id - b.id);
  const entries: Entry[] = [];
  const stored = new Map<string, { offset: number; data: Uint8Array }[]>();
  const data: Uint8Array[] = [];
  let size = 0;
  for (const { id, t } of sorted) {
    const key = fingerprint(t.data);
    const candidates = stored.get(key) ?? [];
    let found = candidates.find((c) => same(c.data, t.data));
    if (!found) {
      found = { offset: size, data: t.data };
      candidates.push(found);
      stored.set(key, candidates);
      data.push(t.data);
      size += t.data.length;
    }
    const last = entries.at(-1);
    // A run: the next tile id with the same stored bytes (the ocean's empty tiles, a dense area's full ones).
    if (last && last.offset === found.offset && last.tileId + last.runLength === id) last.runLength++;
    else entries.push({ tileId: id, offset: found.offset, length: t.data.length, runLength: 1 });
  }
  const { root, leaves } = directories(entries, compress);
  const metadata = compress(new TextEncoder().encode(JSON.stringify(options.metadata ?? {})));
  const zooms = tiles.map((t) => t.z);
  const minZoom = zooms.length ? Math.min(...zooms) : 0;
  const maxZoom = zooms.length ? Math.max(...zooms) : 0;
  const bounds = options.bounds ?? [-180, -85.05112878, 180, 85.05112878];
  const metadataOffset = HEADER_BYTES + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const tileDataOffset = leafOffset + leaves.length;
  const header = serialiseHeader({
    rootOffset: HEADER_BYTES,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafOffset,
    leafLength: leaves.length,
    tileDataOffset,
    tileDataLength: size,
    addressedTiles: tiles.length,
    tileEntries: entries.length,
    tileContents: data.length,
    clustered: true,
    internalCompression: internal,
    tileCompression: options.tileCompression ?? Compression.gzip,
    tileType: options.tileType ?? TileType.mvt,
    minZoom,
    maxZoom,
    bounds,
    centerZoom: Math.round((minZoom + maxZoom) / 2),
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2],
  });
  return concat([header, root, metadata, leaves, ...data]);
}
