/**
 * Layers served from PMTiles archives (geo/pmtiles/): the published archive of a large
 * layer, read by ranges from the layer source's bucket, or an external archive read by
 * ranges from its URL. Each archive's reader keeps its header, root directory and a few
 * leaf directories in the isolate (geo/pmtiles/reader.ts); a tile is then one ranged
 * read (one R2 Class B operation), plus one for a leaf directory not kept.
 */
import type { ManifestLayer } from '../../geo/manifest.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { ArchiveError } from '../../geo/pmtiles/format.ts';
import { openArchive, type ArchiveReader, type RangeRead } from '../../geo/pmtiles/reader.ts';
import { ApiError } from '../errors.ts';
import { unavailable, type LayerSource } from './source.ts';


/**
 * Undoes an archive's compression in the Workers runtime.
 *
 * @param bytes - compressed bytes
 * @param compression - the specification's number (1 none, 2 gzip)
 * @returns the bytes
 * @throws Error for a compression the runtime lacks (brotli, zstd) or corrupt bytes
 * @example
 * await decompress(tileBytes, 2);
 */
export async function decompress(bytes: Uint8Array, compression: number): Promise<Uint8Array> {
  if (compression === 1) return bytes;
  // Brotli and zstd archives exist, but DecompressionStream reads neither everywhere.
  if (compression !== 2) throw new Error(`compression ${compression} is not read here (only gzip or none)`);
  // The bytes are never a SharedArrayBuffer's view, which the DOM's BodyInit (as the root project types it) leaves out.
  const stream = new Response(bytes as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The most a range read of an external archive may take: a stalled server must not hold every tile. */
const URL_READ_TIMEOUT_MS = 10_000;

/** An external archive that changed at its URL since a reader opened it: its directories no longer hold. */
export class ArchiveChanged extends Error {}

/**
 * Ranged reads over an https URL (an external archive): `Range` requests, each answered 206, all of
 * the same version of the archive (the first answer's `ETag`, when the server gives one).
 *
 * @param url - the archive's address
 * @param fetcher - the fetch to use (tests pass their own)
 * @returns a range reader
 * @throws ArchiveChanged when an answer's ETag differs from the first one's
 * @example
 * openArchive(urlRange('https://example.org/region.pmtiles'), decompress);
 */
export function urlRange(url: string, fetcher: typeof fetch = fetch): RangeRead {
  let etag: string | null = null;
  return async (offset, length) => {
    let res: Response;
    try {
      res = await fetcher(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, signal: AbortSignal.timeout(URL_READ_TIMEOUT_MS) });
    } catch (e) {
      throw unavailable(`the archive at ${url} could not be fetched (${(e as Error).message.slice(0, 80)})`);
    }
    // A weak ETag's W/ may come and go between a full and a ranged answer: compared without it.
    const tag = res.headers.get('ETag')?.replace(/^W\//, '') ?? null;
    if (tag !== null) {
      etag ??= tag;
      if (tag !== etag) throw new ArchiveChanged(`the archive at ${url} changed since it was opened`);
    }
    // Past the end: nothing there (the reader calls that truncated where it expected bytes).
    if (res.status === 416) return new Uint8Array(0);
    // A whole body where a range was asked would cost the isolate the whole archive: refused.
    if (res.status !== 206) throw unavailable(`the archive at ${url} answered ${res.status} to a range request; it must serve byte ranges`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/** The external archive's URL of a layer, when its archive is one (an own archive is a key in the bucket). */
const isUrl = (archive: string) => /^https?:\/\//.test(archive);

/**
 * The readers of archived layers, one per archive and kept across requests.
 *
 * @param fetcher - the fetch for external archives
 * @returns `readerOf(source, id, entry)`: the reader of a layer's archive
 * @example
 * const readerOf = archiveReaders(); const bytes = await readerOf(source, 'synthetic', entry).tile(8, 205, 104);
 */
export function archiveReaders(fetcher?: typeof fetch) {
  // Readers hold a header, a root directory (up to 16 kB, a few hundred kB parsed) and up to 64 leaves each.
  const readers = new WeighedLru<ArchiveReader>(16);
  return (source: LayerSource, id: string, entry: ManifestLayer): ArchiveReader => {
    const archive = entry.archive!;
    // By version too: a publish that names the same URL again starts a new reader.
    const key = `${archive}|${entry.version}`;
    const kept = readers.peek(key);
    if (kept) return kept;
    let read: RangeRead;
    if (isUrl(archive)) {
      const ranged = urlRange(archive, fetcher);
      // An archive replaced at its URL: this reader's directories are stale, so it goes; the next request opens the new one.
      read = async (offset, length) => {
        try {
          return await ranged(offset, length);
        } catch (e) {
          if (e instanceof ArchiveChanged) {
            readers.delete(key);
            throw unavailable(`${e.message}; it is read afresh from the next request`);
          }
          throw e;
        }
      };
    } else if (source.range) read = (offset, length) => source.range!(archive, offset, length);
    else throw unavailable(`layer ${id} is served from an archive, which the ${source.kind} layer source cannot read`);
    const reader = openArchive(read, decompress);
    readers.set(key, reader);
    return reader;
  };
}

/**
 * What a failed archive read answers: a corrupt or truncated archive is a 503 naming the layer, never a 500.
 *
 * @param id - the layer
 * @param e - what was thrown
 * @returns the error to throw
 * @example
 * try { await reader.tile(z, x, y); } catch (e) { throw archiveFailure('synthetic', e); }
 */
export function archiveFailure(id: string, e: unknown): ApiError {
  if (e instanceof ApiError) return new ApiError(e.status, e.code, `layer ${id}: ${e.message}`);
  const why = e instanceof ArchiveError ? e.message : `it could not be read (${(e as Error).message?.slice(0, 80)})`;
  return unavailable(`layer ${id}: its PMTiles archive is unusable: ${why}; publish it again`);
}
