/**
 * Reads tiles from a PMTiles v3 archive through ranged reads (an R2 object's, a URL's,
 * a file's): the header and root directory are read once and kept, leaf directories
 * in a small least-recently-used cache. Only values already read are kept, never a
 * pending promise: in the Workers runtime a promise made by one request and awaited
 * by another is cancelled with the first (worker/sources/r2.ts), so requests that
 * arrive together each read for themselves. Pure: reading and decompression are the caller's.
 */
import { WeighedLru } from '../lru.ts';
import { ArchiveError, Compression, FIRST_READ, findEntry, parseDirectory, parseHeader, zxyToTileId, type ArchiveHeader, type Entry } from './format.ts';

/** Reads `length` bytes from `offset` (fewer at the end of the archive). */
export type RangeRead = (offset: number, length: number) => Promise<Uint8Array>;
/** Undoes a compression named by the specification's number (1 is none). */
export type Decompress = (bytes: Uint8Array, compression: number) => Promise<Uint8Array>;

/** Options of {@link openArchive}. */
export interface ReaderOptions {
  /** Leaf directories kept. Defaults to 64 (a leaf of 4,096 entries is about 100 kB parsed). */
  leaves?: number;
}

/** An archive opened for reading. */
export interface ArchiveReader {
  /**
   * A tile's bytes, decompressed.
   *
   * @param z - zoom
   * @param x - column
   * @param y - row
   * @returns the bytes, or null when the archive has no such tile
   */
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  /** The header, once read (`tile` reads it first). */
  header(): Promise<ArchiveHeader>;
  /** How many ranged reads this reader has made: the cost it reports (R2 Class B operations). */
  reads(): number;
}

/** A leaf or directory may nest at most this deep (the specification's writers use one level; three is generous). */
const MAX_DEPTH = 3;

/**
 * Opens an archive.
 *
 * @param read - reads a range of the archive
 * @param decompress - undoes the archive's compressions
 * @param options - the leaf cache's size
 * @returns a reader
 * @throws (from its methods) ArchiveError for a bad magic or version, or a truncated or corrupt archive
 * @example
 * const archive = openArchive((o, l) => readRange(key, o, l), gunzip); await archive.tile(8, 205, 104);
 */
export function openArchive(read: RangeRead, decompress: Decompress, options: ReaderOptions = {}): ArchiveReader {
  let first: { header: ArchiveHeader; root: Entry[] } | null = null;
  const leaves = new WeighedLru<Entry[]>(options.leaves ?? 64);
  let count = 0;

  /** Exactly `length` bytes from `offset`; fewer is a truncated archive. */
  const exact = async (offset: number, length: number, what: string): Promise<Uint8Array> => {
    count++;
    const bytes = await read(offset, length);
    if (bytes.length < length) throw new ArchiveError(`the archive is truncated: its ${what} (${length} bytes at ${offset}) ends after ${bytes.length}`);
    return bytes.length === length ? bytes : bytes.subarray(0, length);
  };
  const inflate = async (bytes: Uint8Array, compression: number, what: string): Promise<Uint8Array> => {
    // 0 (unknown) is read as none, as the reference reader reads it: raster archives often say 0.
    if (compression === Compression.none || compression === 0) return bytes;
    try {
      return await decompress(bytes, compression);
    } catch (e) {
      throw new ArchiveError(`its ${what} could not be decompressed (${(e as Error).message.slice(0, 80)})`);
    }
  };
  const directory = async (header: ArchiveHeader, bytes: Uint8Array, what: string) => parseDirectory(await inflate(bytes, header.internalCompression, what));

  const opened = async () => {
    if (first) return first;
    count++;
    const bytes = await read(0, FIRST_READ);
    const header = parseHeader(bytes);
    const end = header.rootOffset + header.rootLength;
    if (end > bytes.length) throw new ArchiveError(`the archive is truncated: its root directory ends at ${end}, the archive at ${bytes.length}`);
    const root = await directory(header, bytes.subarray(header.rootOffset, end), 'root directory');
    // Kept only once whole: a request that arrived meanwhile read its own.
    first ??= { header, root };
    return first;
  };

  return {
    header: async () => (await opened()).header,
    reads: () => count,
    async tile(z, x, y) {
      const { header, root } = await opened();
      if (z < header.minZoom || z > header.maxZoom) return null;
      const id = zxyToTileId(z, x, y);
      let entries = root;
      for (let depth = 0; depth <= MAX_DEPTH; depth++) {
        const entry = findEntry(entries, id);
        if (!entry) return null;
        if (entry.runLength > 0) {
          const bytes = await exact(header.tileDataOffset + entry.offset, entry.length, `tile ${z}/${x}/${y}`);
          return inflate(bytes, header.tileCompression, `tile ${z}/${x}/${y}`);
        }
        const key = `${entry.offset}:${entry.length}`;
        let leaf = leaves.peek(key);
        if (!leaf) {
          leaf = await directory(header, await exact(header.leafOffset + entry.offset, entry.length, 'leaf directory'), 'leaf directory');
          leaves.set(key, leaf);
        }
        entries = leaf;
      }
      throw new ArchiveError('its directories nest deeper than any writer makes them');
    },
  };
}
