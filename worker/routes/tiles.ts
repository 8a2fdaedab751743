/**
 * `GET /tiles/:layer/:z/:x/:y.mvt`: a layer as Mapbox Vector Tiles, cut in the
 * worker (geo/tiles.ts) from the configured layer source. The tile index is
 * built once per layer version and kept in the isolate; tiles go through the
 * edge cache under their version, so a publish changes their keys (and, for an
 * external archive, a new version of it at its URL: worker/sources/archive.ts).
 */
import { Hono } from 'hono';
import type { AtlasCollection } from '../../geo/bundle.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { NoQuery, TileAddress } from '../../geo/api/queries.ts';
import { createTiler } from '../../geo/tiles.ts';
import { ApiError } from '../errors.ts';
import { cachedResponse } from '../http/etag.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import { archiveFailure, archiveReaders } from '../sources/archive.ts';
import { cacheVersion, type LayerSource } from '../sources/source.ts';
import { layerOf } from './layers.ts';

/** The media type of a Mapbox Vector Tile. */
export const MVT = MEDIA_TYPES.mvt;
/** The media types of an archive's tile types (the PMTiles specification's numbers); a vector archive's are MVT. */
const TILE_TYPES: Record<number, string> = { 2: 'image/png', 3: 'image/jpeg', 4: 'image/webp', 5: 'image/avif' };

/** The route of a tile; Hono's pattern makes the row end in `.mvt`. */
export const TILE_OPERATION = operation({
  path: '/tiles/:layer/:z/:x/:y{[0-9]+\\.mvt}', tag: 'layers', summary: 'A layer as vector tiles',
  description:
    'Mapbox Vector Tiles (version 2, extent 4096), cut in the worker from the configured layer source, or, for a large extra layer, cut at publish into a PMTiles archive and read from it by ranges (the same tiles); the tile’s layer is named after the atlas layer, and its features carry the scalar properties (nested ones such as `source` stay in the GeoJSON). Zoom 0–14; the map overzooms deeper. Below zoom 14 lines and polygons are simplified (by one screen pixel for the districts and rivers, otherwise by geojson-vt’s default). An empty tile is 204. An extra layer that is an external PMTiles archive answers its own tiles (raster archives in their image type). A corrupt or truncated archive is a 503 naming the layer.',
  params: TileAddress,
  query: NoQuery, errors: [204, 304, 400, 404, 503],
  ok: { type: MVT, description: 'The tile (204 when nothing lies in it).' },
  examples: [
    { request: '/tiles/rail/8/205/104.mvt', status: 200, summary: 'Railways around 万州 at zoom 8' },
    { request: '/tiles/rail/8/0/0.mvt', status: 204, summary: 'An empty tile' },
    { request: '/tiles/rail/15/0/0.mvt', status: 400, summary: 'Deeper than zoom 14' },
    { request: '/tiles/canals/8/205/104.mvt', status: 404, summary: 'An unknown layer' },
  ],
});

/**
 * The tile routes.
 *
 * @param sourceOf - the source for a request's configuration (worker/sources/choose.ts)
 * @param code - the deployed bundle's version, folded into every ETag
 * @param fetcher - the fetch that reads external archives (tests pass their own)
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', tileRoutes(layerSources(bundle), bundle.version));
 */
export function tileRoutes(sourceOf: (env: SourceBindings | undefined) => LayerSource, code: string, fetcher?: typeof fetch) {
  const app = new Hono<{ Bindings: SourceBindings }>();
  const readerOf = archiveReaders({ fetcher });
  // One tiler per layer version; each bounds its own memory by the tiles it keeps (geo/tiles.ts `maxTiles`).
  const tilers = new WeighedLru<ReturnType<typeof createTiler>>(32);

  app.get(TILE_OPERATION.path, async (c) => {
    const parsed = TileAddress.safeParse(c.req.param());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(issue.path[0] === 'layer' ? 404 : 400, issue.path[0] === 'layer' ? 'not_found' : 'invalid_parameter', `${issue.path.join('.')}: ${issue.message}`);
    }
    parseQuery(c, TILE_OPERATION.query);
    const { layer: id, z: zoom, x, y } = parsed.data;
    const source = sourceOf(c.env);
    const entry = layerOf(await source.manifest(), id);
    // An external archive may change at its URL after the publish: its tiles' ETags and edge-cache keys carry
    // the version its reads saw too, so a replaced archive answers new tiles, not 304s or the edge's old copies.
    const archived = entry.archive
      ? await readerOf(source, id, entry).catch((e: unknown) => {
          throw archiveFailure(id, e);
        })
      : undefined;
    const version = archived?.version ? `${entry.version}|${archived.version}` : entry.version;
    const etag = `"${cacheVersion(id, version, code)}-${zoom}-${x}-${y}"`;
    return cachedResponse(c, etag, 'public, max-age=300, stale-while-revalidate=86400', async (headers) => {
      if (archived) {
        // Cut at publish: one ranged read of the archive (and one for a leaf directory not kept).
        const { reader } = archived;
        // The tile first: it reads the header, which the type then finds kept.
        const read = async () => [await reader.tile(zoom, x, y), (await reader.header()).tileType] as const;
        const [bytes, type] = await read().catch((e: unknown) => {
          throw archiveFailure(id, e);
        });
        if (!bytes) return c.body(null, 204, headers);
        return c.body(bytes as unknown as ArrayBuffer, 200, { ...headers, 'Content-Type': TILE_TYPES[type] ?? MVT });
      }
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
