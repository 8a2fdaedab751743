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
 * Which version of an archive an answer is of: its ETag (without `W/`, which may come and go between
 * a full and a ranged answer), else its Last-Modified and whole length (Content-Range), else null.
 *
 * @param res - a ranged answer
 * @returns the version, or null when the answer says nothing of it
 * @example
 * answerVersion(new Response(null, { headers: { ETag: 'W/"a1"' } })); // '"a1"'
 */
export function answerVersion(res: Response): string | null {
  const tag = res.headers.get('ETag')?.replace(/^W\//, '');
  if (tag) return tag;
  const modified = res.headers.get('Last-Modified');
  const length = /\/(\d+)\s*$/.exec(res.headers.get('Content-Range') ?? '')?.[1];
  return modified || length ? `${modified ?? ''}|${length ?? ''}` : null;
}

/** Ranged reads over a URL that also tell which version of the archive they read. */
export interface UrlRange extends RangeRead {
  /** The version the first answer gave (see {@link answerVersion}), or null before any or when none said. */
  version(): string | null;
}

/**
 * Ranged reads over an https URL (an external archive): `Range` requests, each answered 206, all of
 * the same version of the archive (the first answer's, see {@link answerVersion}).
 *
 * @param url - the archive's address
 * @param fetcher - the fetch to use (tests pass their own)
 * @returns a range reader, whose `version()` is the version its reads saw
 * @throws ArchiveChanged when an answer's version differs from the first one's
 * @example
 * openArchive(urlRange('https://example.org/region.pmtiles'), decompress);
 */
export function urlRange(url: string, fetcher: typeof fetch = fetch): UrlRange {
  let seen: string | null = null;
  const read: RangeRead = async (offset, length) => {
    let res: Response;
    try {
      res = await fetcher(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, signal: AbortSignal.timeout(URL_READ_TIMEOUT_MS) });
    } catch (e) {
      throw unavailable(`the archive at ${url} could not be fetched (${(e as Error).message.slice(0, 80)})`);
    }
    // A whole body where a range was asked would cost the isolate the whole archive: refused.
    if (res.status !== 206 && res.status !== 416) throw unavailable(`the archive at ${url} answered ${res.status} to a range request; it must serve byte ranges`);
    // Checked before a 416 too: a range past the end of a shorter archive now at the URL is a change, not a truncation.
    const version = answerVersion(res);
    if (version !== null) {
      seen ??= version;
      if (version !== seen) throw new ArchiveChanged(`the archive at ${url} changed since it was opened`);
    }
    // Past the end: nothing there (the reader calls that truncated where it expected bytes).
    if (res.status === 416) return new Uint8Array(0);
    return new Uint8Array(await res.arrayBuffer());
  };
  return Object.assign(read, { version: () => seen });
}

/** The external archive's URL of a layer, when its archive is one (an own archive is a key in the bucket). */
const isUrl = (archive: string) => /^https?:\/\//.test(archive);

/** A layer's archive reader, and the version of the archive its reads saw. */
export interface LayerArchive {
  reader: ArchiveReader;
  /** An external archive's version as its reads saw it (see {@link answerVersion}); '' for an own archive, immutable under its key. */
  version: string;
}

/** Options of {@link archiveReaders}. */
export interface ArchiveReadersOptions {
  /** The fetch for external archives; defaults to the runtime's. */
  fetcher?: typeof fetch;
  /**
   * How long an external archive's version is taken as read before one ranged read checks it again
   * (edge-cache hits read nothing, so without it a replaced archive would show only at a miss).
   * Defaults to five minutes, the tiles' max-age: one request per archive and isolate at most that often.
   */
  recheckMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

/** A kept reader; an external archive's with its ranged reads and when its version was last checked. */
interface Kept {
  reader: ArchiveReader;
  ranged?: UrlRange;
  checked: number;
}

/**
 * The readers of archived layers, one per archive and kept across requests.
 *
 * @param options - the fetch for external archives, how often their version is checked, the clock
 * @returns `readerOf(source, id, entry)`: the reader of a layer's archive and its version (an external
 *   archive's header is read for it, once per reader; an own archive is not read)
 * @example
 * const readerOf = archiveReaders(); const { reader } = await readerOf(source, 'synthetic', entry); await reader.tile(8, 205, 104);
 */
export function archiveReaders(options: ArchiveReadersOptions = {}) {
  const recheckMs = options.recheckMs ?? 300_000;
  const now = options.now ?? (() => Date.now());
  // Readers hold a header, a root directory (up to 16 kB, a few hundred kB parsed) and up to 64 leaves each.
  const readers = new WeighedLru<Kept>(16);

  const external = (key: string, url: string): Kept => {
    const ranged = urlRange(url, options.fetcher);
    // An archive replaced at its URL: this reader's directories are stale, so it goes (unless a newer one
    // already took its place); the next request opens the new one.
    const read: RangeRead = async (offset, length) => {
      try {
        return await ranged(offset, length);
      } catch (e) {
        if (!(e instanceof ArchiveChanged)) throw e;
        if (readers.peek(key) === kept) readers.delete(key);
        throw unavailable(`${e.message}; it is read afresh from the next request`);
      }
    };
    const kept: Kept = { reader: openArchive(read, decompress), ranged, checked: now() };
    return kept;
  };
  /** Whether a kept external archive changed at its URL: one byte read, at most once per `recheckMs`. */
  const changed = async (kept: Kept): Promise<boolean> => {
    if (!kept.ranged || now() - kept.checked < recheckMs) return false;
    kept.checked = now();
    // A failure to reach it here is the next tile read's to report.
    return kept.ranged(0, 1).then(
      () => false,
      (e: unknown) => e instanceof ArchiveChanged,
    );
  };

  return async (source: LayerSource, id: string, entry: ManifestLayer): Promise<LayerArchive> => {
    const archive = entry.archive!;
    // By version too: a publish that names the same URL again starts a new reader.
    const key = `${archive}|${entry.version}`;
    let kept = readers.peek(key);
    if (kept && (await changed(kept))) kept = undefined;
    if (!kept) {
      if (isUrl(archive)) kept = external(key, archive);
      else if (source.range) kept = { reader: openArchive((offset, length) => source.range!(archive, offset, length), decompress), checked: 0 };
      else throw unavailable(`its archive cannot be read from the ${source.kind} layer source`);
      readers.set(key, kept);
    }
    if (!kept.ranged) return { reader: kept.reader, version: '' };
    // The header is the first read of any tile: read here, it gives the version the ETag carries.
    await kept.reader.header();
    return { reader: kept.reader, version: kept.ranged.version() ?? '' };
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
