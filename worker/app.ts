/**
 * The atlas worker as a Hono app: the JSON API under /api. The page's files are
 * served by Workers static assets before the worker runs (wrangler.toml).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { DataBundle } from '../geo/bundle.ts';
import { NoQuery } from '../geo/api/queries.ts';
import { ApiError, methodNotAllowed, onError, onNotFound } from './errors.ts';
import { CACHE_STATUS } from './http/edge-cache.ts';
import { parseQuery } from './query.ts';
import { analysisRoutes } from './routes/analyses.ts';
import { configRoutes } from './routes/config.ts';
import { oembedRoutes } from './routes/oembed.ts';
import { pageRoutes } from './routes/pages.ts';
import { staticRoutes, type Rasterise } from './routes/static.ts';
import { viewRoutes } from './routes/views.ts';
import { layerRoutes } from './routes/layers.ts';
import { atlasSources } from './sources/atlas.ts';
import { layerSources } from './sources/choose.ts';
import type { R2SourceOptions } from './sources/r2.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { tileRoutes } from './routes/tiles.ts';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The data to serve; tests pass fixtures, the worker passes the built bundle. */
  data: DataBundle;
  /** SVG → PNG for the static images; without it only SVG is offered. */
  rasterise?: Rasterise | null;
  /** The R2 layer source's options, used when the configuration chooses it (`ATLAS_LAYER_SOURCE=r2`). */
  r2?: R2SourceOptions;
}

/** Every path the worker serves (each described in worker/openapi/operations.ts): each takes GET and HEAD (and OPTIONS, for CORS preflight), and answers other methods 405. */
export const ROUTES = [
  '/api/health',
  '/api/layers',
  '/api/layers/:id',
  '/api/layers/:id/features/:featureId',
  '/api/network',
  '/api/reach',
  '/api/matrix',
  '/api/circle',
  '/api/plan',
  '/api/config',
  '/api/views',
  '/api/views/:id',
  '/api/openapi.json',
  '/api/docs',
  '/oembed',
  '/',
  '/index.html',
  '/embed',
  '/embed.html',
  '/embed/:view',
  '/static/:file',
  '/tiles/:layer/:z/:x/:y{[0-9]+\\.mvt}',
] as const;
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
  const features = Object.values(data.layers).reduce((n, l) => n + l.count, 0);
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

  app.get('/api/health', (c) => {
    parseQuery(c, NoQuery);
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true, version: data.version, layers: Object.keys(data.layers).length, features });
  });
  const sourceOf = layerSources(data, options.r2);
  // The analyses and pictures answer from the same source as the layers: a publish reaches them all.
  const atlasOf = atlasSources(data, sourceOf);
  app.route('/api/layers', layerRoutes(sourceOf, data.version));
  app.route('/tiles', tileRoutes(sourceOf, data.version));
  app.route('/api', analysisRoutes(atlasOf));
  app.route('/api', openApiRoutes(data));
  app.route('/static', staticRoutes(atlasOf, rasterise));
  app.route('/api/config', configRoutes());
  app.route('/api/views', viewRoutes(data));
  app.route('/oembed', oembedRoutes(data));
  app.route('/', pageRoutes(data, { images: rasterise !== null }));
  for (const path of ROUTES) app.all(path, methodNotAllowed(ALLOW));

  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
