/**
 * The edge cache: responses kept in the Workers Cache API (`caches.default`),
 * keyed by the path and the response's strong ETag (the data version and the
 * normalised query), so that a deploy or a publish invalidates by key, not by
 * waiting. Where the runtime has no Cache API (Node, `app.request` in tests that
 * pass `cache: null`) it only makes the response.
 */
import type { Context } from 'hono';

/** Options of {@link edgeCached}. */
export interface EdgeCacheOptions {
  /** The cache; defaults to `caches.default` where the Workers runtime has one. `null` turns the edge cache off. */
  cache?: Cache | null;
  /** How long the edge keeps an entry, in seconds. The key carries the version, so this only bounds the space used. Defaults to a week. */
  ttl?: number;
}

/** The header that tells where the response came from: `memory` (the isolate's), `hit` (the edge's) or `miss` (made now). */
export const CACHE_STATUS = 'X-Atlas-Cache';
/** Where the response's own Cache-Control waits while the stored copy carries the edge's. */
const KEPT_CACHE_CONTROL = 'X-Atlas-Cache-Control';
const DEFAULT_TTL = 7 * 86400;

/** `caches.default` in the Workers runtime, else null. */
export function defaultEdgeCache(): Cache | null {
  const store = (globalThis as { caches?: { default?: Cache } }).caches;
  return store?.default ?? null;
}

/** The cache to use: the option's, else the runtime's. */
const cacheOf = (options: EdgeCacheOptions) => (options.cache === undefined ? defaultEdgeCache() : options.cache);
/** The key of a response: its path and ETag (the ETag carries the data version and the normalised query). */
const keyOf = (c: Context, etag: string) => new Request(`https://edge-cache.atlas.invalid${c.req.path}?etag=${encodeURIComponent(etag)}`);

/**
 * The edge's copy of a response, if it has one.
 *
 * @param c - the Hono context
 * @param etag - the response's strong ETag, quoted
 * @param options - the cache
 * @returns the response, marked `X-Atlas-Cache: hit`, or null
 * @example
 * const hit = await edgeMatch(c, etag);
 */
export async function edgeMatch(c: Context, etag: string, options: EdgeCacheOptions = {}): Promise<Response | null> {
  const cache = cacheOf(options);
  const hit = cache ? await cache.match(keyOf(c, etag)).catch(() => undefined) : undefined;
  if (!hit) return null;
  const res = new Response(hit.body, hit);
  res.headers.set('Cache-Control', hit.headers.get(KEPT_CACHE_CONTROL) ?? 'no-cache');
  res.headers.delete(KEPT_CACHE_CONTROL);
  res.headers.set(CACHE_STATUS, 'hit');
  return res;
}

/**
 * Keeps a copy of a 200 response at the edge, in the background (`waitUntil`),
 * and marks the response `X-Atlas-Cache: miss`.
 *
 * @param c - the Hono context
 * @param etag - the response's strong ETag, quoted
 * @param res - the response made on a miss
 * @param options - the cache and how long it keeps entries
 * @returns the response
 * @example
 * return edgeStore(c, etag, c.body(svg, 200, headers));
 */
export async function edgeStore(c: Context, etag: string, res: Response, options: EdgeCacheOptions = {}): Promise<Response> {
  const cache = cacheOf(options);
  if (!cache || res.status !== 200) return res;
  const stored = new Response(res.clone().body, res);
  stored.headers.set(KEPT_CACHE_CONTROL, res.headers.get('Cache-Control') ?? 'no-cache');
  stored.headers.set('Cache-Control', `public, max-age=${options.ttl ?? DEFAULT_TTL}`);
  // A cache that cannot store is a slower answer, never a failed one.
  const put = cache.put(keyOf(c, etag), stored).catch(() => undefined);
  try {
    c.executionCtx.waitUntil(put);
  } catch {
    await put; // no execution context (app.request in tests): store before answering
  }
  res.headers.set(CACHE_STATUS, 'miss');
  return res;
}

/**
 * Answers from the edge cache, or makes the response and keeps a copy there.
 *
 * @param c - the Hono context
 * @param etag - the response's strong ETag, quoted; with the path it is the key
 * @param make - builds the response on a miss
 * @param options - the cache and how long it keeps entries
 * @returns the response, with `X-Atlas-Cache: hit` or `miss`
 * @example
 * return edgeCached(c, `"${version}-${hash}"`, () => c.body(svg, 200, headers));
 */
export async function edgeCached(c: Context, etag: string, make: () => Response | Promise<Response>, options: EdgeCacheOptions = {}): Promise<Response> {
  return (await edgeMatch(c, etag, options)) ?? edgeStore(c, etag, await make(), options);
}
