/**
 * `GET /api/openapi.json` (the OpenAPI 3.1 description, generated from the
 * routes' operations and zod schemas) and `GET /api/docs` (the same as a page that reads offline).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { NO_EDGE, cachedJson, ifNoneMatch } from '../http/etag.ts';
import { openApiDocument } from '../openapi/document.ts';
import { renderDocs } from '../openapi/docs.ts';
import { MEDIA_TYPES, operation, type Operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';

/** The reference page may show nothing but itself and its stylesheet. */
const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The answer of `GET /api/openapi.json`, in outline (the OpenAPI 3.1 specification is its full schema). */
export const OpenApiResponse = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  paths: z.record(z.string(), z.object({ get: z.looseObject({ summary: z.string(), parameters: z.array(z.looseObject({ name: z.string(), in: z.enum(['path', 'query']) })), responses: z.record(z.string(), z.unknown()) }) })),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});

/** Both routes take nothing, and answer from the document kept for the origin. */
const DESCRIPTION_ROUTE = { tag: 'service', query: NoQuery, errors: [304, 400] } as const satisfies Partial<Operation>;
const DOCUMENT = operation({
  ...DESCRIPTION_ROUTE,
  path: '/api/openapi.json', summary: 'This description (OpenAPI 3.1)',
  ok: { type: MEDIA_TYPES.json, description: 'The OpenAPI document.', schema: OpenApiResponse },
  examples: [{ request: '/api/openapi.json', status: 200, summary: 'The description' }],
});
const REFERENCE = operation({
  ...DESCRIPTION_ROUTE,
  path: '/api/docs', summary: 'This reference, as a page',
  description: 'The description rendered as HTML by the worker: no script, no outside request, so it reads offline.',
  ok: { type: MEDIA_TYPES.html, description: 'The reference.' },
  examples: [{ request: '/api/docs', status: 200, summary: 'The reference' }],
});
/** The description's routes, in the reference's order. */
export const OPENAPI_OPERATIONS = [DOCUMENT, REFERENCE] as const;

/**
 * The description routes.
 *
 * @param data - the bundle served
 * @param operations - every route the worker serves, these two included (worker/app.ts)
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', openApiRoutes(bundle, OPERATIONS));
 */
export function openApiRoutes(data: DataBundle, operations: readonly Operation[]) {
  const app = new Hono();
  // One document per origin the atlas is reached at (the examples name it), kept as the text both routes send.
  const docs = new WeighedLru<{ json: string; html: string }>(8);
  const docOf = (url: string) => {
    const origin = new URL(url).origin;
    return docs.get(origin, () => {
      const doc = openApiDocument(data, origin, operations);
      return { json: JSON.stringify(doc), html: renderDocs(doc) };
    });
  };

  app.get(DOCUMENT.path, (c) => {
    parseQuery(c, DOCUMENT.query);
    const origin = new URL(c.req.url).origin;
    return cachedJson(c, `"${data.version}-openapi-${fnv1a64(origin)}"`, () => docOf(c.req.url).json, { edge: NO_EDGE });
  });

  app.get(REFERENCE.path, (c) => {
    parseQuery(c, REFERENCE.query);
    const etag = `"${data.version}-docs-${fnv1a64(new URL(c.req.url).origin)}"`;
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': DOCS_CSP, 'X-Frame-Options': 'DENY' };
    if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.html(docOf(c.req.url).html, 200, headers);
  });
  return app;
}
