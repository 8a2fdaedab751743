/**
 * `/api/layers`: the catalogue, a layer as GeoJSON (filtered by bbox, status,
 * year and name), and one feature, read from the configured layer source (bundled
 * or R2, worker/sources). The catalogue says how each layer reaches the page:
 * whole, or as vector tiles once it is large. The geography lives in geo/; this
 * file only speaks HTTP.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CatalogResponse, FeatureResponse, LayerResponse } from '../../geo/api/layers.ts';
import { CATALOG, deliveryOf, LARGE_LAYER, LAYER_IDS, tilesPath, type CatalogEntry, type LayerDownload, type LayerInfo } from '../../geo/catalog.ts';
import type { ExtraLayerInfo } from '../../geo/schema.ts';
import { filterFeatures, withStatusIn } from '../../geo/filter.ts';
import { fnv1a, fnv1a64 } from '../../geo/hash.ts';
import { EXTRA_LAYER_ID } from '../../geo/layers.ts';
import { manifestLayer, type LayerManifest, type ManifestLayer } from '../../geo/manifest.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { LayerQuery, NoQuery, normaliseLayerQuery } from '../../geo/api/queries.ts';
import { TILE_MAX_ZOOM } from '../../geo/tiles.ts';
import { ApiError } from '../errors.ts';
import { cachedJson, cachedResponse, GEOJSON, ifNoneMatch, NO_EDGE } from '../http/etag.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import { cacheVersion, unavailable, type LayerSource } from '../sources/source.ts';
import { archivedIndexes, wholeArchivedLayer } from './archived.ts';

const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** The configuration the layer routes read besides the source's. */
export interface LayerBindings extends SourceBindings {
  /** The catalogue's threshold, in features, from which a layer reaches the page as tiles (default `LARGE_LAYER`); four times it in positions tiles a layer too. */
  ATLAS_TILE_THRESHOLD?: string;
}

/**
 * The catalogue's threshold under a configuration.
 *
 * @param env - the request's bindings
 * @returns features from which a layer is tiled
 * @example
 * tileThreshold({ ATLAS_TILE_THRESHOLD: '1000' }); // 1000
 */
export function tileThreshold(env: LayerBindings | undefined): number {
  const text = env?.ATLAS_TILE_THRESHOLD?.trim();
  if (!text) return LARGE_LAYER;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw unavailable(`ATLAS_TILE_THRESHOLD is "${text.slice(0, 20)}"; expected a whole number of features`);
  return Number(text);
}

/**
 * How an archived layer downloads: its own archive's layer whole, as published, unless its GeoJSON was too
 * large to publish; an external archive not at all (tiles only). Any other layer downloads by year.
 *
 * @param l - an archived layer's manifest entry
 * @returns `whole` or `none`
 * @example
 * downloadOf({ ...entry, archive: 'layers/synthetic/1.pmtiles', index }); // 'whole'
 */
export const downloadOf = (l: ManifestLayer): LayerDownload => (l.index && l.whole !== false ? 'whole' : 'none');

/**
 * The catalogue of a manifest, bottom of the map first: the base, the extra layers, then the atlas's thematic layers.
 *
 * @param manifest - the source's manifest
 * @param threshold - features from which a layer is tiled
 * @returns the entries
 * @example
 * catalogOf(await source.manifest(), LARGE_LAYER).find((l) => l.delivery === 'tiles');
 */
export function catalogOf(manifest: LayerManifest, threshold: number): CatalogEntry[] {
  const entry = (info: Omit<LayerInfo, 'id'> & { id: string }, l: ManifestLayer, extra?: ExtraLayerInfo): CatalogEntry => {
    // A layer cut into an archive at publish is served from it whatever the threshold now.
    const delivery = l.archive ? 'tiles' : deliveryOf(l.count, threshold, l.positions);
    return {
      id: info.id,
      title: info.title,
      group: info.group,
      geometry: l.geometry,
      count: l.count,
      bbox: l.bbox,
      version: l.version,
      ...(l.countsByYear ? { countsByYear: l.countsByYear } : {}),
      delivery,
      ...(l.chars !== undefined ? { chars: l.chars } : {}),
      ...(delivery === 'tiles' ? { tiles: tilesPath(info.id), maxzoom: Math.min(TILE_MAX_ZOOM, l.external?.maxzoom ?? TILE_MAX_ZOOM) } : {}),
      ...(l.external ? { archive: l.external } : {}),
      ...(l.archive ? { download: downloadOf(l) } : {}),
      ...(extra
        ? { extra: { colour: extra.colour, source: extra.source, accuracy: extra.accuracy, uncertainty_km: extra.uncertainty_km, ...(extra.attribution ? { attribution: extra.attribution } : {}) } }
        : {}),
    };
  };
  const own = CATALOG.map((info) => entry(info, manifest.layers[info.id]));
  const extras = (manifest.extras ?? []).map((e) => entry(e.info, e, e.info));
  // Extra layers lie on the base (districts, rivers), under the atlas's own: a dense layer never hides the plan's features.
  const onBase = own.findIndex((l) => l.id === 'rivers') + 1;
  return [...own.slice(0, onBase), ...extras, ...own.slice(onBase)];
}

/**
 * A layer of the manifest, or the 404 that lists the layers there are.
 *
 * @param manifest - the source's manifest
 * @param id - the requested id
 * @returns the layer's manifest entry
 * @example
 * const layer = layerOf(await source.manifest(), c.req.param('id'));
 */
export function layerOf(manifest: LayerManifest, id: string): ManifestLayer {
  const layer = manifestLayer(manifest, id);
  if (!layer) {
    const ids = [...LAYER_IDS, ...(manifest.extras ?? []).map((e) => e.info.id)];
    throw new ApiError(404, 'not_found', `unknown layer "${id.slice(0, 40)}"; the layers are ${ids.join(', ')}`);
  }
  return layer;
}

/** A layer id in a path. */
export const LayerIdParam = z.string().regex(EXTRA_LAYER_ID).meta({ description: `A layer id: ${LAYER_IDS.join(', ')}, or an extra layer's the catalogue lists.` });

const CATALOGUE = operation({
  path: '/api/layers', tag: 'layers', summary: 'The layer catalogue',
  description:
    'Every layer with its titles in Chinese and English, its group, geometry types, feature count, bounding box, version and features in each year, and how it reaches the page: `delivery` is `geojson` (whole, from `/api/layers/:id`) or, from 5,000 features or 20,000 positions (the district boundaries; `ATLAS_TILE_THRESHOLD` sets the first and four times it the second), `tiles` (with the `tiles` template). `chars`, the characters of the layer’s names, lets a page load the label font before the features arrive. Extra layers published with `npm run data:publish -- --extra` follow the base layers and carry their colour and source in `extra`; one served from a PMTiles archive says in `download` that it downloads `whole` (its published GeoJSON, from `/api/layers/:id` without parameters) or not at all (`none`). The layer routes read the configured layer source: the bundled data, or the R2 bucket `npm run data:publish` fills (`ATLAS_LAYER_SOURCE`).',
  query: NoQuery, errors: [304, 400, 503],
  ok: { type: MEDIA_TYPES.json, description: 'The catalogue.', schema: CatalogResponse },
  examples: [
    { request: '/api/layers', status: 200, summary: 'The catalogue' },
    { request: '/api/layers?foo=1', status: 400, summary: 'An unknown parameter is refused' },
  ],
});
const LAYER = operation({
  path: '/api/layers/:id', tag: 'layers', summary: 'A layer as GeoJSON',
  description:
    'A FeatureCollection (RFC 7946, WGS84). Every feature carries its names, its life as the sources tell it (`status`, the latest reported, `as_of` the date of that report, and where known `plan_year`, `start_year`, `opens`, `closed`), its figures, source (title, date, quoted sentence) and position quality (`accuracy`, `uncertainty_km`). Every feature also carries `name_py`, its Chinese name in pinyin for search. With `year`, each thematic feature also carries `status_in`: `{ year, status, expected }`, its status in that year, `expected` when only a plan says so (no source reports it yet). A large extra layer served from its PMTiles archive answers without parameters its published GeoJSON whole, and with `q` (and optionally `year`, `status`, `bbox`, `limit`, at most 1,000) the matches from its index: names, life and `bbox`, at a representative point (`/features/:featureId` gives the feature whole); other filters without `q` are refused.',
  params: z.object({ id: LayerIdParam }),
  query: LayerQuery, errors: [304, 400, 404, 503],
  ok: { type: MEDIA_TYPES.geojson, description: 'The layer’s features.', schema: LayerResponse },
  examples: [
    { request: '/api/layers/rail?year=2027', status: 200, summary: 'Railways in 2027' },
    { request: '/api/layers/hospitals?status=operating,under_construction', status: 200, summary: 'Hospitals open or being built' },
    { request: '/api/layers/roads?bbox=108.2,30.6,108.6,31.0', status: 200, summary: 'Roads near 万州' },
    { request: '/api/layers/ports?q=%E6%96%B0%E7%94%B0&limit=5', status: 200, summary: 'The five ports whose names best match 新田' },
    { request: '/api/layers/rail?limit=0', status: 400, summary: 'A limit below one' },
    { request: '/api/layers/rail?bbox=1,2,3', status: 400, summary: 'A malformed box' },
    { request: '/api/layers/canals', status: 404, summary: 'An unknown layer' },
  ],
});
const FEATURE = operation({
  path: '/api/layers/:id/features/:featureId', tag: 'layers', summary: 'One feature',
  params: z.object({ id: LayerIdParam, featureId: z.string().meta({ description: 'A feature id, as in the layer’s `properties.id`.' }) }),
  query: NoQuery, errors: [304, 400, 404, 503],
  ok: { type: MEDIA_TYPES.geojson, description: 'The feature.', schema: FeatureResponse },
  examples: [
    { request: '/api/layers/places/features/wanzhou', status: 200, summary: '万州区' },
    { request: '/api/layers/places/features/atlantis', status: 404, summary: 'An unknown feature' },
  ],
});
/** The layer routes, in the reference's order. */
export const LAYER_OPERATIONS = [CATALOGUE, LAYER, FEATURE] as const;

/**
 * The layer routes over a layer source.
 *
 * @param sourceOf - the source for a request's configuration (worker/sources/choose.ts)
 * @param code - the deployed bundle's version, folded into every ETag (see `cacheVersion`)
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', layerRoutes(layerSources(bundle), bundle.version));
 */
export function layerRoutes(sourceOf: (env: SourceBindings | undefined) => LayerSource, code: string) {
  // Bodies by ETag, up to 8 million characters (16 MB of the isolate's 128 at most, as UTF-16).
  const bodies = new WeighedLru<string>(64, 8_000_000, (s) => s.length);
  const indexes = archivedIndexes();
  const app = new Hono<{ Bindings: LayerBindings }>();

  app.get(CATALOGUE.path, async (c) => {
    parseQuery(c, CATALOGUE.query);
    const manifest = await sourceOf(c.env).manifest();
    const threshold = tileThreshold(c.env);
    // The small answers are made in microseconds: nearer than any cache, so no edge for them.
    return cachedJson(c, `"${fnv1a(`${manifest.version}|${code}|${threshold}`)}-layers"`, () => JSON.stringify({ version: manifest.version, layers: catalogOf(manifest, threshold) }), {
      edge: NO_EDGE,
    });
  });

  app.get(LAYER.path, async (c) => {
    const source = sourceOf(c.env);
    const id = c.req.param('id');
    const layer = layerOf(await source.manifest(), id);
    const query = parseQuery(c, LAYER.query);
    const etag = `"${cacheVersion(id, layer.version, code)}-${fnv1a64(normaliseLayerQuery(query))}"`;
    // The features are read only when the body must be made: a 304 or a kept body never touches the source's objects.
    const needed = !ifNoneMatch(c.req.header('If-None-Match'), etag) && bodies.peek(etag) === undefined;
    if (layer.archive) {
      // Served from its archive: the whole layer streamed as published, or a search of its index.
      if (Object.values(query).every((v) => v === undefined)) {
        return cachedResponse(c, etag, CACHE_CONTROL, (headers) => wholeArchivedLayer(c, source, id, layer, { ...headers, 'Content-Type': GEOJSON }), NO_EDGE);
      }
      const found = needed ? await indexes.search(source, id, layer, query) : [];
      return cachedJson(c, etag, () => JSON.stringify({ type: 'FeatureCollection', features: found }), { contentType: GEOJSON, memo: bodies });
    }
    const features = needed ? (await source.features(id, layer.version)).features : [];
    return cachedJson(
      c,
      etag,
      () => {
        const kept = filterFeatures(features, query);
        const limited = query.limit !== undefined ? kept.slice(0, query.limit) : kept;
        // A year's answer says each feature's status in that year beside the status its sources report.
        const { year } = query;
        return JSON.stringify({ type: 'FeatureCollection', features: year === undefined ? limited : limited.map((f) => withStatusIn(f, year)) });
      },
      { contentType: GEOJSON, memo: bodies },
    );
  });

  app.get(FEATURE.path, async (c) => {
    const source = sourceOf(c.env);
    const id = c.req.param('id');
    const layer = layerOf(await source.manifest(), id);
    parseQuery(c, FEATURE.query);
    const featureId = c.req.param('featureId');
    const etag = `"${cacheVersion(id, layer.version, code)}-${fnv1a64(featureId)}"`;
    // A 304 never reads the layer (a large one is read whole to find one feature).
    if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return cachedJson(c, etag, () => '', { contentType: GEOJSON, edge: NO_EDGE });
    // An archived layer's feature is one read of its index, never the layer.
    const feature = layer.archive ? await indexes.feature(source, id, layer, featureId) : (await source.features(id, layer.version)).features.find((f) => f.properties.id === featureId);
    if (!feature) throw new ApiError(404, 'not_found', `layer ${id} has no feature "${featureId.slice(0, 64)}"`);
    return cachedJson(c, etag, () => JSON.stringify(feature), { contentType: GEOJSON, edge: NO_EDGE });
  });

  return app;
}
