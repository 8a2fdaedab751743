/**
 * Conditional JSON responses: a strong ETag from the data version and the
 * normalised request, `Cache-Control`, and 304 when the client already has it.
 */
import type { Context } from 'hono';

/** Options of {@link cachedJson}. */
export interface CachedJsonOptions {
  /** Defaults to five minutes fresh, then revalidated by ETag (cheap: a 304). */
  cacheControl?: string;
  /** Defaults to `application/json; charset=utf-8`. */
  contentType?: string;
}

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
 * Answers with a JSON body under an ETag, or 304 when the client has it. The
 * body is a thunk so that a 304 never serialises anything.
 *
 * @param c - the Hono context
 * @param etag - a strong ETag, quoted (`"<data version>-<query hash>"`)
 * @param body - returns the JSON text
 * @param options - cache control and content type
 * @returns the response
 * @example
 * return cachedJson(c, `"${layer.version}-all"`, () => JSON.stringify(layer.data), { contentType: GEOJSON });
 */
export function cachedJson(c: Context, etag: string, body: () => string, options: CachedJsonOptions = {}): Response {
  const headers = {
    ETag: etag,
    'Cache-Control': options.cacheControl ?? DEFAULT_CACHE_CONTROL,
  };
  if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(body(), 200, { ...headers, 'Content-Type': options.contentType ?? 'application/json; charset=utf-8' });
}

/** The media type of GeoJSON (RFC 7946). */
export const GEOJSON = 'application/geo+json; charset=utf-8';
