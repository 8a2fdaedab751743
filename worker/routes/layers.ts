/**
 * `/api/layers`: the catalogue, a layer as GeoJSON (filtered by bbox, status and
 * year), and one feature. The geography lives in geo/; this file only speaks HTTP.
 */
import { Hono } from 'hono';
import type { DataBundle } from '../../geo/bundle.ts';
import { CATALOG } from '../../geo/catalog.ts';
import { filterFeatures } from '../../geo/filter.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { LayerQuery, NoQuery, normaliseLayerQuery } from '../../geo/params.ts';
import { LAYER_IDS, type LayerId } from '../../geo/schema.ts';
import { ApiError } from '../errors.ts';
import { NO_EDGE, cachedJson, GEOJSON } from '../http/etag.ts';
import { Memo } from '../../geo/memo.ts';
import { parseQuery } from '../query.ts';

/**
 * The layer routes over a data bundle.
 *
 * @param data - the validated bundle to serve
 * @returns a Hono sub-app to mount at `/api/layers`
 * @example
 * app.route('/api/layers', layerRoutes(bundle));
 */
export function layerRoutes(data: DataBundle) {
  // Bodies by ETag, up to about 48 MB of the isolate's 128 (a string's length is its weight in UTF-16 units).
  const bodies = new Memo<string>(64, 24_000_000, (s) => s.length);
  const app = new Hono();

  const layerOf = (id: string) => {
    if (!(LAYER_IDS as string[]).includes(id)) {
      throw new ApiError(404, 'not_found', `unknown layer "${id.slice(0, 40)}"; the layers are ${LAYER_IDS.join(', ')}`);
    }
    return data.layers[id as LayerId];
  };

  app.get('/', (c) => {
    parseQuery(c, NoQuery);
    // The small answers are made in microseconds: nearer than any cache, so no edge for them.
    return cachedJson(c, `"${data.version}-layers"`, () =>
      JSON.stringify({
        version: data.version,
        layers: CATALOG.map(({ id, title, group }) => {
          const l = data.layers[id];
          return { id, title, group, geometry: l.geometry, count: l.count, bbox: l.bbox, version: l.version };
        }),
      }),
      { edge: NO_EDGE },
    );
  });

  app.get('/:id', (c) => {
    const layer = layerOf(c.req.param('id'));
    const query = parseQuery(c, LayerQuery);
    const normalised = normaliseLayerQuery(query);
    const etag = `"${layer.version}-${fnv1a64(normalised)}"`;
    return cachedJson(c, etag, () => JSON.stringify({ type: 'FeatureCollection', features: filterFeatures(layer.data.features, query) }), { contentType: GEOJSON, memo: bodies });
  });

  app.get('/:id/features/:featureId', (c) => {
    const layer = layerOf(c.req.param('id'));
    parseQuery(c, NoQuery);
    const featureId = c.req.param('featureId');
    const feature = layer.data.features.find((f) => f.properties.id === featureId);
    if (!feature) throw new ApiError(404, 'not_found', `layer ${c.req.param('id')} has no feature "${featureId.slice(0, 64)}"`);
    return cachedJson(c, `"${layer.version}-${fnv1a64(featureId)}"`, () => JSON.stringify(feature), { contentType: GEOJSON, edge: NO_EDGE });
  });

  return app;
}
