/**
 * `/api/layers`: the catalogue, a layer as GeoJSON (filtered by bbox, status and
 * year), and one feature, read from the configured layer source (bundled or R2,
 * worker/sources). The geography lives in geo/; this file only speaks HTTP.
 */
import { Hono } from 'hono';
import { CATALOG } from '../../geo/catalog.ts';
import { filterFeatures } from '../../geo/filter.ts';
import { fnv1a, fnv1a64 } from '../../geo/hash.ts';
import { cacheVersion } from '../sources/source.ts';
import type { LayerManifest } from '../../geo/manifest.ts';
import { Memo } from '../../geo/memo.ts';
import { LayerQuery, NoQuery, normaliseLayerQuery } from '../../geo/params.ts';
import { LAYER_IDS, type LayerId } from '../../geo/schema.ts';
import { ApiError } from '../errors.ts';
import { cachedJson, GEOJSON, ifNoneMatch, NO_EDGE } from '../http/etag.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import type { LayerSource } from '../sources/source.ts';

/**
 * The layer routes over a layer source.
 *
 * @param sourceOf - the source for a request's configuration (worker/sources/choose.ts)
 * @param code - the deployed bundle's version, folded into every ETag (see `cacheVersion`)
 * @returns a Hono sub-app to mount at `/api/layers`
 * @example
 * app.route('/api/layers', layerRoutes(layerSources(bundle), bundle.version));
 */
export function layerRoutes(sourceOf: (env: SourceBindings | undefined) => LayerSource, code: string) {
  // Bodies by ETag, up to 8 million characters (16 MB of the isolate's 128 at most, as UTF-16).
  const bodies = new Memo<string>(64, 8_000_000, (s) => s.length);
  const app = new Hono<{ Bindings: SourceBindings }>();

  const layerOf = (manifest: LayerManifest, id: string) => {
    if (!(LAYER_IDS as string[]).includes(id) || !manifest.layers[id as LayerId]) {
      throw new ApiError(404, 'not_found', `unknown layer "${id.slice(0, 40)}"; the layers are ${LAYER_IDS.join(', ')}`);
    }
    return manifest.layers[id as LayerId];
  };

  app.get('/', async (c) => {
    parseQuery(c, NoQuery);
    const manifest = await sourceOf(c.env).manifest();
    // The small answers are made in microseconds: nearer than any cache, so no edge for them.
    return cachedJson(
      c,
      `"${fnv1a(`${manifest.version}|${code}`)}-layers"`,
      () =>
        JSON.stringify({
          version: manifest.version,
          layers: CATALOG.map(({ id, title, group }) => {
            const l = manifest.layers[id];
            return { id, title, group, geometry: l.geometry, count: l.count, bbox: l.bbox, version: l.version };
          }),
        }),
      { edge: NO_EDGE },
    );
  });

  app.get('/:id', async (c) => {
    const source = sourceOf(c.env);
    const id = c.req.param('id');
    const layer = layerOf(await source.manifest(), id);
    const query = parseQuery(c, LayerQuery);
    const etag = `"${cacheVersion(id as LayerId, layer.version, code)}-${fnv1a64(normaliseLayerQuery(query))}"`;
    // The features are read only when the body must be made: a 304 or a kept body never touches the source's objects.
    const needed = !ifNoneMatch(c.req.header('If-None-Match'), etag) && bodies.peek(etag) === undefined;
    const features = needed ? (await source.features(id as LayerId, layer.version)).features : [];
    return cachedJson(c, etag, () => JSON.stringify({ type: 'FeatureCollection', features: filterFeatures(features, query) }), { contentType: GEOJSON, memo: bodies });
  });

  app.get('/:id/features/:featureId', async (c) => {
    const source = sourceOf(c.env);
    const id = c.req.param('id');
    const layer = layerOf(await source.manifest(), id);
    parseQuery(c, NoQuery);
    const featureId = c.req.param('featureId');
    const feature = (await source.features(id as LayerId, layer.version)).features.find((f) => f.properties.id === featureId);
    if (!feature) throw new ApiError(404, 'not_found', `layer ${id} has no feature "${featureId.slice(0, 64)}"`);
    return cachedJson(c, `"${cacheVersion(id as LayerId, layer.version, code)}-${fnv1a64(featureId)}"`, () => JSON.stringify(feature), { contentType: GEOJSON, edge: NO_EDGE });
  });

  return app;
}
