/**
 * The atlas worker as a Hono app: the JSON API under /api. The page's files are
 * served by Workers static assets before the worker runs (wrangler.toml).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { DataBundle } from '../geo/bundle.ts';
import { ApiError, methodNotAllowed, onError, onNotFound } from './errors.ts';
import { CACHE_STATUS } from './http/edge-cache.ts';
import { pathsOf } from './openapi/operation.ts';
import { ANALYSIS_OPERATIONS, analysisRoutes } from './routes/analyses.ts';
import { CONFIG_OPERATION, configRoutes } from './routes/config.ts';
import { HEALTH_OPERATION, healthRoutes } from './routes/health.ts';
import { LAYER_OPERATIONS, layerRoutes } from './routes/layers.ts';
import { OEMBED_OPERATION, oembedRoutes } from './routes/oembed.ts';
import { OPENAPI_OPERATIONS, openApiRoutes } from './routes/openapi.ts';
import { PAGE_OPERATIONS, pageRoutes } from './routes/pages.ts';
import { STATIC_OPERATION, staticRoutes, type Rasterise } from './routes/static.ts';
import { TILE_OPERATION, tileRoutes } from './routes/tiles.ts';
import { VIEW_OPERATIONS, viewRoutes } from './routes/views.ts';
import { layerSources } from './sources/choose.ts';
import type { R2SourceOptions } from './sources/r2.ts';
import { servedSources } from './sources/served.ts';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The data to serve; tests pass fixtures, the worker passes the built bundle. */
  data: DataBundle;
  /** SVG → PNG for the static images; without it only SVG is offered. */
  rasterise?: Rasterise | null;
  /** The R2 layer source's options, used when the configuration chooses it (`ATLAS_LAYER_SOURCE=r2`). */
  r2?: R2SourceOptions;
  /** The fetch that reads external PMTiles archives by range (tests pass their own); defaults to the runtime's. */
  fetch?: typeof fetch;
}

/** Every route the worker serves, as each route module declares it beside its handler, in the API reference's order. */
export const OPERATIONS = [
  ...LAYER_OPERATIONS,
  TILE_OPERATION,
  ...ANALYSIS_OPERATIONS,
  ...VIEW_OPERATIONS,
  STATIC_OPERATION,
  OEMBED_OPERATION,
  ...PAGE_OPERATIONS,
  HEALTH_OPERATION,
  CONFIG_OPERATION,
  ...OPENAPI_OPERATIONS,
] as const;
/** Every path the worker serves: each takes GET and HEAD (and OPTIONS, for CORS preflight), and answers other methods 405. */
export const ROUTES = pathsOf(OPERATIONS);
const ALLOW = ['GET', 'HEAD', 'OPTIONS'];
/** The longest URL the atlas reads (a 25-place matrix with coordinates needs under 1,000 characters). */
const MAX_URL = 4096;

/**
 * Builds the atlas app over a data bundle.
 *
 * @param options - the data to serve
 * @returns the Hono app; `export default createApp({ data })` is a worker
 * @example
 * const res = await createApp({ data: fixture }).request('/api/layers/ports?year=2027');
 */
export function createApp(options: AppOptions) {
  const { data } = options;
  const rasterise = options.rasterise ?? null;
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
  app.use('/tiles/*', cors({ origin: '*', allowMethods: ALLOW, exposeHeaders: ['ETag', CACHE_STATUS], maxAge: 86400 }));
  app.use('/api/*', cors({ origin: '*', allowMethods: ALLOW, exposeHeaders: ['ETag', CACHE_STATUS], maxAge: 86400 }));
  app.use('/oembed', cors({ origin: '*', allowMethods: ALLOW }));
  // Data (the API, oEmbed, every error) is never a page to frame.
  app.use('*', async (c, next) => {
    await next();
    if (!/json|xml/.test(c.res.headers.get('Content-Type') ?? '')) return;
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
  });
  app.use('*', async (c, next) => {
    // No route takes a query this long: refuse it before anything parses it (after the header middlewares, so the 413 has them too).
    if (c.req.url.length > MAX_URL) throw new ApiError(413, 'too_large', `the URL is ${c.req.url.length} characters long; at most ${MAX_URL}`);
    await next();
  });

  const sourceOf = layerSources(data, options.r2);
  // The analyses and pictures answer from the same source as the layers: a publish reaches them all.
  const servedDataOf = servedSources(data, sourceOf);
  // Each module registers its handlers at its operations' full paths.
  app.route('/', healthRoutes(data));
  app.route('/', layerRoutes(sourceOf, data.version));
  app.route('/', tileRoutes(sourceOf, data.version, options.fetch));
  app.route('/', analysisRoutes(servedDataOf));
  app.route('/', openApiRoutes(data, OPERATIONS));
  app.route('/', staticRoutes(servedDataOf, rasterise));
  app.route('/', configRoutes());
  app.route('/', viewRoutes(data));
  app.route('/', oembedRoutes(data));
  app.route('/', pageRoutes(data, { images: rasterise !== null }));
  for (const path of ROUTES) app.all(path, methodNotAllowed(ALLOW));

  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
