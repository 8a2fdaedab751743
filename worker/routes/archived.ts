/**
 * The layer API of a layer served from its PMTiles archive (geo/pmtiles/): search and
 * details read the index objects the publish wrote beside the archive, a few megabytes
 * at a time, never the layer. Its whole GeoJSON, published for download, is passed
 * through as a stream, never parsed.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AtlasFeature } from '../../geo/bundle.ts';
import { bboxIntersects } from '../../geo/bbox.ts';
import { filterFeatures, nameMatch, withStatusIn } from '../../geo/filter.ts';
import { WeighedLru } from '../../geo/lru.ts';
import type { ManifestLayer } from '../../geo/manifest.ts';
import type { LayerQuery } from '../../geo/api/queries.ts';
import { featureShard, searchCandidates, type IndexedFeature } from '../../geo/pmtiles/layer-index.ts';
import { ApiError } from '../errors.ts';
import { archiveFailure } from '../sources/archive.ts';
import { unavailable, type LayerSource } from '../sources/source.ts';

/** The most features a search of an archived layer answers (the page asks for fewer). */
export const ARCHIVE_SEARCH_LIMIT = 1_000;

/** An index object's text, or the 503 that names the layer. */
async function indexText(source: LayerSource, id: string, key: string): Promise<string> {
  if (!source.body) throw unavailable(`layer ${id} is served from an archive, which the ${source.kind} layer source cannot read`);
  try {
    return await (await source.body(key)).text();
  } catch (e) {
    throw archiveFailure(id, e);
  }
}

/**
 * The index readers of archived layers, kept across requests.
 *
 * @returns `search` (a query's matching features, best first, as an archived layer's search answers)
 *   and `feature` (one feature, whole)
 * @example
 * const index = archivedIndexes(); const features = await index.search(source, 'synthetic', entry, { q: '合成点 12' });
 */
export function archivedIndexes() {
  // Parsed feature shards (about 1 MB of JSON each) and search shards' text (about 4 M characters), by key.
  const shards = new WeighedLru<AtlasFeature[]>(16, 8_000_000, (f) => f.length * 400);
  const texts = new WeighedLru<string>(8, 12_000_000, (t) => t.length);

  return {
    async search(source: LayerSource, id: string, layer: ManifestLayer, query: z.output<typeof LayerQuery>): Promise<IndexedFeature[]> {
      const q = query.q;
      if (!layer.index) throw new ApiError(404, 'not_found', `layer ${id} is a PMTiles archive: it has tiles only, no features to search`);
      if (q === undefined) throw new ApiError(400, 'invalid_parameter', `layer ${id} is served from its archive: search it with q, or ask for it without parameters to download it whole`);
      const limit = Math.min(query.limit ?? ARCHIVE_SEARCH_LIMIT, ARCHIVE_SEARCH_LIMIT);
      let best: { f: IndexedFeature; rank: number; at: number }[] = [];
      for (let k = 0; k < layer.index.search; k++) {
        const key = `${layer.index.prefix}/search-${k}.txt`;
        const text = texts.peek(key) ?? (await indexText(source, id, key));
        texts.set(key, text);
        const boxed = searchCandidates(text, q).filter((f) => !query.bbox || bboxIntersects(f.bbox, query.bbox));
        for (const f of filterFeatures(boxed, { q, year: query.year, status: query.status })) best.push({ f, rank: nameMatch(f.properties, q), at: best.length });
        // The best so far, in the layer's order within a rank: a search matching a million features holds only `limit`.
        best = best.sort((a, b) => a.rank - b.rank || a.at - b.at).slice(0, limit).map((b, at) => ({ ...b, at }));
      }
      const { year } = query;
      return best.map((b) => (year === undefined ? b.f : withStatusIn(b.f, year)));
    },

    async feature(source: LayerSource, id: string, layer: ManifestLayer, featureId: string): Promise<AtlasFeature | undefined> {
      if (!layer.index) return undefined;
      const key = `${layer.index.prefix}/features-${featureShard(featureId, layer.index.features)}.json`;
      let shard = shards.peek(key);
      if (!shard) {
        const text = await indexText(source, id, key);
        try {
          shard = JSON.parse(text) as AtlasFeature[];
        } catch {
          throw archiveFailure(id, new Error(`its index object ${key} is not JSON`));
        }
        shards.set(key, shard);
      }
      return shard.find((f) => f.properties.id === featureId);
    },
  };
}

/**
 * An archived layer's whole GeoJSON, as published, passed through as it streams from the bucket.
 *
 * @param c - the Hono context
 * @param source - the layer source
 * @param id - the layer
 * @param layer - its manifest entry
 * @param headers - the ETag, Cache-Control and Content-Type to answer with
 * @returns the response
 * @example
 * return wholeArchivedLayer(c, source, 'synthetic', entry, headers);
 */
export async function wholeArchivedLayer(c: Context, source: LayerSource, id: string, layer: ManifestLayer, headers: Record<string, string>): Promise<Response> {
  if (!layer.index) throw new ApiError(404, 'not_found', `layer ${id} is a PMTiles archive: it has tiles only (/tiles/${id}/{z}/{x}/{y}.mvt)`);
  if (layer.whole === false) throw new ApiError(404, 'not_found', `layer ${id} was too large to publish as one GeoJSON: search it with q, or open its features one by one`);
  if (!source.body) throw unavailable(`layer ${id} is served from an archive, which the ${source.kind} layer source cannot read`);
  const res = await source.body(layer.key);
  return c.body(res.body!, 200, headers);
}
