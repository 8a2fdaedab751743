/**
 * `GET /tiles/:layer/:z/:x/:y.mvt`: a layer as Mapbox Vector Tiles, cut in the
 * worker (geo/tiles.ts) from the configured layer source. The tile index is
 * built once per layer version and kept in the isolate; tiles go through the
 * edge cache under their version, so a publish changes their keys.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AtlasCollection } from '../../geo/bundle.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { EXTRA_LAYER_ID } from '../../geo/layers.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { createTiler, TILE_MAX_ZOOM } from '../../geo/tiles.ts';
import { ApiError } from '../errors.ts';
import { cachedResponse } from '../http/etag.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import { cacheVersion, type LayerSource } from '../sources/source.ts';
import { layerOf } from './layers.ts';

/** The media type of a Mapbox Vector Tile. */
export const MVT = 'application/vnd.mapbox-vector-tile';

/** A tile's address, checked: zoom 0–14, x and y within the zoom's grid. */
export const TileAddress = z
  .object({
    layer: z.string().regex(EXTRA_LAYER_ID, `expected a layer id: ${LAYER_IDS.join(', ')}, or an extra layer's`),
    z: z.string().regex(/^\d{1,2}$/, `expected a zoom from 0 to ${TILE_MAX_ZOOM}`).transform(Number),
    x: z.string().regex(/^\d{1,5}$/, 'expected a tile column').transform(Number),
    y: z.string().regex(/^\d{1,5}\.mvt$/, 'expected a tile row followed by .mvt').transform((s) => Number(s.slice(0, -4))),
  })
  .refine((t) => t.z <= TILE_MAX_ZOOM, { message: `expected a zoom from 0 to ${TILE_MAX_ZOOM} (the map overzooms deeper tiles)`, path: ['z'] })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must lie within the zoom’s grid, 0 to 2^z − 1', path: ['x'] });

/**
 * The tile routes.
 *
 * @param sourceOf - the source for a request's configuration (worker/sources/choose.ts)
 * @param code - the deployed bundle's version, folded into every ETag
 * @returns a Hono sub-app to mount at `/tiles`
 * @example
 * app.route('/tiles', tileRoutes(layerSources(bundle), bundle.version));
 */
export function tileRoutes(sourceOf: (env: SourceBindings | undefined) => LayerSource, code: string) {
  const app = new Hono<{ Bindings: SourceBindings }>();
  // One tiler per layer version; each bounds its own memory by the tiles it keeps (geo/tiles.ts `maxTiles`).
  const tilers = new WeighedLru<ReturnType<typeof createTiler>>(32);

  app.get('/:layer/:z/:x/:y{[0-9]+\\.mvt}', async (c) => {
    const parsed = TileAddress.safeParse(c.req.param());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(issue.path[0] === 'layer' ? 404 : 400, issue.path[0] === 'layer' ? 'not_found' : 'invalid_parameter', `${issue.path.join('.')}: ${issue.message}`);
    }
    parseQuery(c, NoQuery);
    const { layer: id, z: zoom, x, y } = parsed.data;
    const source = sourceOf(c.env);
    const entry = layerOf(await source.manifest(), id);
    const etag = `"${cacheVersion(id, entry.version, code)}-${zoom}-${x}-${y}"`;
    return cachedResponse(c, etag, 'public, max-age=300, stale-while-revalidate=86400', async (headers) => {
      const key = `${id}@${entry.version}`;
      let tiler = tilers.peek(key);
      if (!tiler) {
        // Each request reads for itself (a promise shared between requests is cancelled with the one
        // that made it: worker/sources/r2.ts); the build is synchronous, so the first to have the
        // features builds the index and those that arrived with it find it built.
        const features: AtlasCollection = await source.features(id, entry.version);
        tiler = tilers.peek(key) ?? createTiler(id, features as unknown as import('geojson').FeatureCollection);
        tilers.set(key, tiler);
      }
      const bytes = tiler.tile(zoom, x, y);
      // Nothing here: an empty answer the map understands, and no bytes to send.
      if (!bytes) return c.body(null, 204, headers);
      return c.body(bytes as unknown as ArrayBuffer, 200, { ...headers, 'Content-Type': MVT });
    });
  });
  return app;
}
