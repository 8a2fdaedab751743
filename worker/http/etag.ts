/**
 * Conditional JSON responses: a strong ETag from the data version and the
 * normalised request, `Cache-Control`, and 304 when the client already has it.
 */
import type { Context } from 'hono';
import type { WeighedLru } from '../../geo/lru.ts';
import { CACHE_STATUS, edgeCached, edgeMatch, edgeStore, type EdgeCacheOptions } from './edge-cache.ts';

/** Options of {@link cachedJson}. */
export interface CachedJsonOptions {
  /** Defaults to five minutes fresh, then revalidated by ETag (cheap: a 304). */
  cacheControl?: string;
  /** Defaults to `application/json; charset=utf-8`. */
  contentType?: string;
  /** The edge cache (worker/http/edge-cache.ts); defaults to `caches.default` where there is one. */
  edge?: EdgeCacheOptions;
  /** The isolate's own bodies by ETag, asked before the edge: memory is nearer than the Cache API. */
  memo?: WeighedLru<string>;
}

/**
 * Answers any body under an ETag: 304 when the client has it, else from the edge
 * cache, else made by `make` (and kept at the edge). For pictures and tiles;
 * JSON goes through {@link cachedJson}, which also keeps bodies in memory.
 *
 * @param c - the Hono context
 * @param etag - a strong ETag, quoted
 * @param cacheControl - the response's Cache-Control
 * @param make - makes the response on a miss (given the ETag and Cache-Control headers to carry)
 * @param edge - the edge cache; defaults to `caches.default` where there is one
 * @returns the response
 * @example
 * return cachedResponse(c, etag, 'public, max-age=300', (headers) => c.body(bytes, 200, { ...headers, 'Content-Type': MVT }));
 */
export function cachedResponse(
  c: Context,
  etag: string,
  cacheControl: string,
  make: (headers: { ETag: string; 'Cache-Control': string }) => Response | Promise<Response>,
  edge?: EdgeCacheOptions,
): Response | Promise<Response> {
  const headers = { ETag: etag, 'Cache-Control': cacheControl };
  if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return edgeCached(c, etag, () => make(headers), edge);
}

/** For answers made in microseconds: nearer than any cache, so the edge is not asked. */
export const NO_EDGE: EdgeCacheOptions = { cache: null };

const DEFAULT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/**
 * Whether an `If-None-Match` header matches an ETag (weak comparison, RFC 9110 §13.1.2).
 *
 * @param header - the request's If-None-Match, or undefined
 * @param etag - the current strong ETag, quoted
 * @returns true when the client's copy is current
 * @example
 * ifNoneMatch('W/"a1-b2", "c3"', '"a1-b2"'); // true
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Answers with a JSON body under an ETag: 304 when the client has it, else from
 * the isolate's memory, else from the edge cache, else computed (and kept in
 * both). The body is a thunk so that a 304 or a hit never computes anything.
 *
 * @param c - the Hono context
 * @param etag - a strong ETag, quoted (`"<data version>-<query hash>"`)
 * @param body - returns the JSON text
 * @param options - cache control, content type, the memo and the edge cache
 * @returns the response
 * @example
 * return cachedJson(c, `"${layer.version}-all"`, () => JSON.stringify(layer.data), { contentType: GEOJSON, memo });
 */
export async function cachedJson(c: Context, etag: string, body: () => string, options: CachedJsonOptions = {}): Promise<Response> {
  const headers = {
    ETag: etag,
    'Cache-Control': options.cacheControl ?? DEFAULT_CACHE_CONTROL,
    'Content-Type': options.contentType ?? 'application/json; charset=utf-8',
  };
  if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, { ETag: headers.ETag, 'Cache-Control': headers['Cache-Control'] });
  const hot = options.memo?.peek(etag);
  if (hot !== undefined) return c.body(hot, 200, { ...headers, [CACHE_STATUS]: 'memory' });
  const edge = await edgeMatch(c, etag, options.edge);
  if (edge) {
    if (!options.memo) return edge;
    const text = await edge.text();
    options.memo.set(etag, text);
    return new Response(text, edge);
  }
  const text = body();
  options.memo?.set(etag, text);
  return edgeStore(c, etag, c.body(text, 200, headers), options.edge);
}

/** The media type of GeoJSON (RFC 7946). */
export const GEOJSON = 'application/geo+json; charset=utf-8';
