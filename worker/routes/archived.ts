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
import { filterFeatures, withStatusIn } from '../../geo/filter.ts';
import { WeighedLru } from '../../geo/lru.ts';
import type { ManifestLayer } from '../../geo/manifest.ts';
import type { LayerQuery } from '../../geo/api/queries.ts';
import { featureShard, matchKeys, type IndexedFeature } from '../../geo/pmtiles/layer-index.ts';
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

/** Row shards a search reads at most to fill its answer (filters may refuse many rows): 32 MB of rows. */
const MAX_ROW_READS = 32;

/**
 * The index readers of archived layers, kept across requests.
 *
 * @returns `search` (a query's matching features, best first, as an archived layer's search answers)
 *   and `feature` (one feature, whole)
 * @example
 * const index = archivedIndexes(); const features = await index.search(source, 'synthetic', entry, { q: '合成点 12' });
 */
export function archivedIndexes() {
  // Parsed feature shards (about 1 MB of JSON each), key shards' text (about 3 MB) and row shards' lines (about 1 MB), by key.
  const shards = new WeighedLru<AtlasFeature[]>(16, 8_000_000, (f) => f.length * 400);
  const texts = new WeighedLru<string>(8, 8_000_000, (t) => t.length);
  const rows = new WeighedLru<string[]>(32, 8_000_000, (r) => r.length * 250);
  const text = async (source: LayerSource, id: string, key: string) => {
    const kept = texts.peek(key) ?? (await indexText(source, id, key));
    texts.set(key, kept);
    return kept;
  };

  return {
    async search(source: LayerSource, id: string, layer: ManifestLayer, query: z.output<typeof LayerQuery>): Promise<IndexedFeature[]> {
      const { q, year, status, bbox } = query;
      const index = layer.index;
      if (!index) throw new ApiError(404, 'not_found', `layer ${id} is a PMTiles archive: it has tiles only, no features to search`);
      if (q === undefined) throw new ApiError(400, 'invalid_parameter', `layer ${id} is served from its archive: search it with q, or ask for it without parameters to download it whole`);
      const limit = Math.min(query.limit ?? ARCHIVE_SEARCH_LIMIT, ARCHIVE_SEARCH_LIMIT);
      // With filters, the best matches by name are kept twenty times over, for the rows to be filtered.
      const keep = year === undefined && !status && !bbox ? limit : limit * 20;
      let best: { at: number; rank: number }[] = [];
      const order = (a: { at: number; rank: number }, b: { at: number; rank: number }) => a.rank - b.rank || a.at - b.at;
      for (let k = 0; k < index.search; k++) {
        for (const m of matchKeys(await text(source, id, `${index.prefix}/keys-${k}.txt`), q, k * index.keysPerShard)) best.push(m);
        if (best.length > keep) best = best.sort(order).slice(0, keep);
      }
      best.sort(order);
      const found: IndexedFeature[] = [];
      const read = new Set<number>();
      for (const { at } of best) {
        const shard = Math.floor(at / index.rowsPerShard);
        if (found.length >= limit || (!read.has(shard) && read.size >= MAX_ROW_READS)) break;
        read.add(shard);
        const key = `${index.prefix}/rows-${shard}.txt`;
        const lines = rows.peek(key) ?? (await text(source, id, key)).split('\n');
        rows.set(key, lines);
        let f: IndexedFeature;
        try {
          f = JSON.parse(lines[at % index.rowsPerShard]) as IndexedFeature;
        } catch {
          throw archiveFailure(id, new Error(`its index object ${key} is corrupt or shorter than its key shards say`));
        }
        if (bbox && !bboxIntersects(f.bbox, bbox)) continue;
        if (filterFeatures([f], { year, status }).length) found.push(year === undefined ? f : withStatusIn(f, year));
      }
      return found;
    },

    async feature(source: LayerSource, id: string, layer: ManifestLayer, featureId: string): Promise<AtlasFeature | undefined> {
      if (!layer.index) return undefined;
      const key = `${layer.index.prefix}/features-${featureShard(featureId, layer.index.features)}.json`;
      let shard = shards.peek(key);
      if (!shard) {
        const body = await indexText(source, id, key);
        try {
          shard = JSON.parse(body) as AtlasFeature[];
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
