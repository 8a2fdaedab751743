/**
 * The PMTiles v3 format (github.com/protomaps/PMTiles, spec/v3/spec.md): the 127-byte
 * header, tile ids on the Hilbert curve, and directories of varint-encoded,
 * run-length entries. Pure: the writer (writer.ts) and reader (reader.ts) share it.
 */

/** The header's size in bytes; the header and the root directory lie in the first 16,384. */
export const HEADER_BYTES = 127;
/** What a reader reads first: the header and the root directory (the specification's bound). */
export const FIRST_READ = 16_384;

/** The compressions the specification names (its numbers). */
export const Compression = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
/** The tile types the specification names (its numbers). */
export const TileType = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 } as const;

/** An archive's header. Positions in degrees (stored as 1e-7 degree integers). */
export interface ArchiveHeader {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafOffset: number;
  leafLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  clustered: boolean;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  centerZoom: number;
  center: [number, number];
}

/** A directory entry: a run of `runLength` tiles from `tileId` (0: a leaf directory), at `offset` for `length` bytes. */
export interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** A malformed archive: bad magic, a version other than 3, a truncated or corrupt part. */
export class ArchiveError extends Error {}

/**
 * A tile's id: its position on the Hilbert curve of its zoom, after every tile of the zooms above.
 *
 * @param z - zoom (0–26)
 * @param x - column
 * @param y - row
 * @returns the tile id
 * @example
 * zxyToTileId(1, 1, 0); // 4
 */
export function zxyToTileId(z: number, x: number, y: number): number {
  let id = (4 ** z - 1) / 3;
  let tx = x;
  let ty = y;
  for (let s = 2 ** (z - 1); s >= 1; s /= 2) {
    const rx = tx & s ? 1 : 0;
    const ry = ty & s ? 1 : 0;
    id += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant, as the curve does.
    if (ry === 0) {
      if (rx === 1) {
        tx = s - 1 - (tx % s);
        ty = s - 1 - (ty % s);
      }
      [tx, ty] = [ty, tx];
    }
    tx %= s;
    ty %= s;
  }
  return id;
}

/** Appends an unsigned varint (up to 2^53) to an array of bytes. */
function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * A directory's bytes, uncompressed: the count, then the tile ids as deltas, the run lengths, the
 * lengths and the offsets (0 where an entry follows the one before it).
 *
 * @param entries - sorted by tile id
 * @returns the bytes
 * @example
 * serialiseDirectory([{ tileId: 0, offset: 0, length: 10, runLength: 1 }]);
 */
export function serialiseDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  pushVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    pushVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) pushVarint(out, e.runLength);
  for (const e of entries) pushVarint(out, e.length);
  entries.forEach((e, i) => pushVarint(out, i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1));
  return Uint8Array.from(out);
}

/**
 * The entries of a directory's bytes (uncompressed).
 *
 * @param bytes - the directory
 * @returns its entries
 * @throws ArchiveError when the bytes end early or hold no entry
 * @example
 * parseDirectory(serialiseDirectory(entries));
 */
export function parseDirectory(bytes: Uint8Array): Entry[] {
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw new ArchiveError('a directory ends early');
      const b = bytes[pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new ArchiveError('a directory holds a number too large');
    }
  };
  const n = varint();
  // Each entry takes at least four bytes: a count beyond that is corruption, not an allocation to attempt.
  if (n === 0 || n > bytes.length) throw new ArchiveError(`a directory claims ${n} entries in ${bytes.length} bytes`);
  const entries: Entry[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) entries.push({ tileId: (last += varint()), offset: 0, length: 0, runLength: 0 });
  for (const e of entries) e.runLength = varint();
  for (const e of entries) e.length = varint();
  entries.forEach((e, i) => {
    const v = varint();
    e.offset = v === 0 && i > 0 ? entries[i - 1].offset + entries[i - 1].length : v - 1;
  });
  if (pos !== bytes.length) throw new ArchiveError('a directory has bytes after its entries');
  return entries;
}

/**
 * The entry of a directory that holds a tile id: its run's, or the leaf directory's that may.
 *
 * @param entries - a directory, sorted by tile id
 * @param tileId - the tile
 * @returns the entry, or null when no entry covers it
 * @example
 * findEntry(root, zxyToTileId(8, 205, 104));
 */
export function findEntry(entries: readonly Entry[], tileId: number): Entry | null {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = tileId - entries[mid].tileId;
    if (d === 0) return entries[mid];
    if (d > 0) lo = mid + 1;
    else hi = mid - 1;
  }
  // The last entry before the tile: a leaf (run length 0) may hold it, a run may reach it.
  if (hi >= 0 && (entries[hi].runLength === 0 || tileId - entries[hi].tileId < entries[hi].runLength)) return entries[hi];
  return null;
}

const MAGIC = 'PMTiles';
const E7 = 1e7;

/**
 * A header's 127 bytes.
 *
 * @param h - the header
 * @returns the bytes
 * @example
 * serialiseHeader(header).length; // 127
 */
export function serialiseHeader(h: ArchiveHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  bytes[7] = 3;
  const u64 = [h.rootOffset, h.rootLength, h.metadataOffset, h.metadataLength, h.leafOffset, h.leafLength, h.tileDataOffset, h.tileDataLength, h.addressedTiles, h.tileEntries, h.tileContents];
  u64.forEach((v, i) => view.setBigUint64(8 + i * 8, BigInt(v), true));
  bytes.set([h.clustered ? 1 : 0, h.internalCompression, h.tileCompression, h.tileType, h.minZoom, h.maxZoom], 96);
  h.bounds.forEach((v, i) => view.setInt32(102 + i * 4, Math.round(v * E7), true));
  bytes[118] = h.centerZoom;
  view.setInt32(119, Math.round(h.center[0] * E7), true);
  view.setInt32(123, Math.round(h.center[1] * E7), true);
  return bytes;
}

/**
 * The header of an archive's first bytes.
 *
 * @param bytes - at least the first 127 bytes
 * @returns the header
 * @throws ArchiveError for too few bytes, another magic or another version
 * @example
 * parseHeader(await read(0, 16384)).maxZoom;
 */
export function parseHeader(bytes: Uint8Array): ArchiveHeader {
  if (bytes.length < HEADER_BYTES) throw new ArchiveError(`the archive is ${bytes.length} bytes, shorter than its header`);
  if (String.fromCharCode(...bytes.subarray(0, 7)) !== MAGIC) throw new ArchiveError('not a PMTiles archive (no PMTiles magic)');
  if (bytes[7] !== 3) throw new ArchiveError(`a PMTiles archive of version ${bytes[7]}; this reader reads version 3`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const u64 = (i: number) => Number(view.getBigUint64(8 + i * 8, true));
  const i32 = (at: number) => view.getInt32(at, true) / E7;
  return {
    rootOffset: u64(0),
    rootLength: u64(1),
    metadataOffset: u64(2),
    metadataLength: u64(3),
    leafOffset: u64(4),
    leafLength: u64(5),
    tileDataOffset: u64(6),
    tileDataLength: u64(7),
    addressedTiles: u64(8),
    tileEntries: u64(9),
    tileContents: u64(10),
    clustered: bytes[96] === 1,
    internalCompression: bytes[97],
    tileCompression: bytes[98],
    tileType: bytes[99],
    minZoom: bytes[100],
    maxZoom: bytes[101],
    bounds: [i32(102), i32(106), i32(110), i32(114)],
    centerZoom: bytes[118],
    center: [i32(119), i32(123)],
  };
}
