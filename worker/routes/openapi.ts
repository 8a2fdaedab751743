/**
 * `GET /api/openapi.json` (the OpenAPI 3.1 description, generated from the
 * routes' zod schemas) and `GET /api/docs` (the same as a page that reads offline).
 */
import { Hono } from 'hono';
import type { DataBundle } from '../../geo/bundle.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { NO_EDGE, cachedJson, ifNoneMatch } from '../http/etag.ts';
import { openApiDocument } from '../openapi/document.ts';
import { renderDocs } from '../openapi/docs.ts';
import { parseQuery } from '../query.ts';

/** The reference page may show nothing but itself and its stylesheet. */
const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The description routes.
 *
 * @param data - the bundle served
 * @returns a Hono sub-app to mount at `/api`
 * @example
 * app.route('/api', openApiRoutes(bundle));
 */
export function openApiRoutes(data: DataBundle) {
  const app = new Hono();
  // One document per origin the atlas is reached at (the examples name it), kept as the text both routes send.
  const docs = new WeighedLru<{ json: string; html: string }>(8);
  const docOf = (url: string) => {
    const origin = new URL(url).origin;
    return docs.get(origin, () => {
      const doc = openApiDocument(data, origin);
      return { json: JSON.stringify(doc), html: renderDocs(doc) };
    });
  };

  app.get('/openapi.json', (c) => {
    parseQuery(c, NoQuery);
    const origin = new URL(c.req.url).origin;
    return cachedJson(c, `"${data.version}-openapi-${fnv1a64(origin)}"`, () => docOf(c.req.url).json, { edge: NO_EDGE });
  });

  app.get('/docs', (c) => {
    parseQuery(c, NoQuery);
    const etag = `"${data.version}-docs-${fnv1a64(new URL(c.req.url).origin)}"`;
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': DOCS_CSP, 'X-Frame-Options': 'DENY' };
    if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.html(docOf(c.req.url).html, 200, headers);
  });
  return app;
}
