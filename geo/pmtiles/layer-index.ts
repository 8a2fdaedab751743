/**
 * What the worker reads of a layer served from its archive instead of the layer itself:
 * search shards (each feature's folded names, for a quick scan, and a compact copy of it:
 * names, life, extent and a representative position) and feature shards (every feature
 * whole, grouped by a hash of its id, so that a feature's details are one small read).
 * No object is larger than a few megabytes, so an isolate never holds more than a few
 * of them whatever the layer's size.
 */
import type { BBox } from '../bbox.ts';
import { geometryBBox } from '../bbox.ts';
import { fold } from '../filter.ts';
import { fnv1a } from '../hash.ts';

/** What the manifest says of a layer's index objects. */
export interface LayerIndex {
  /** The objects' common prefix: `<prefix>/search-<k>.txt` and `<prefix>/features-<k>.json`. */
  prefix: string;
  /** How many search shards. */
  search: number;
  /** How many feature shards. */
  features: number;
}

/** A feature as a layer's search answers it: its names, life and extent, at a representative position. */
export interface IndexedFeature {
  type: 'Feature';
  /** The whole feature's extent (RFC 7946 §5). */
  bbox: BBox;
  properties: Record<string, string | number | boolean>;
  geometry: { type: 'Point'; coordinates: [number, number] };
}

/** The properties a search answer keeps: what the page lists and filters by. */
const KEPT = ['id', 'name_zh', 'name_en', 'name_py', 'status', 'as_of', 'plan_year', 'start_year', 'opens', 'closed', 'focus'];
/** About this many characters a search shard, and bytes of JSON a feature shard. */
const SEARCH_SHARD = 4_000_000;
const FEATURE_SHARD = 1_000_000;

/** A representative position: a point's own, else the middle of the first part's positions. */
function anchor(geometry: { type: string; coordinates: unknown }): [number, number] {
  let c = geometry.coordinates as unknown[];
  while (Array.isArray(c[0]) && Array.isArray((c[0] as unknown[])[0])) c = c[0] as unknown[];
  return (typeof c[0] === 'number' ? c : c[Math.floor(c.length / 2)]) as [number, number];
}

/**
 * The folded keys a search line starts with: the names and id, as `nameMatch` compares them.
 *
 * @param p - a feature's properties
 * @returns the keys, joined by a separator no name holds
 * @example
 * searchKeys({ id: 'p1', name_zh: '合成点 1', name_en: 'Synthetic point 1' }); // '合成点1\u001fsyntheticpoint1\u001fp1'
 */
export const searchKeys = (p: Record<string, unknown>): string =>
  [p.name_zh, p.name_en, p.name_py, p.id].filter((k): k is string => typeof k === 'string').map(fold).join('\u001f');

/**
 * The shard of a feature id.
 *
 * @param id - the feature's id
 * @param shards - how many feature shards
 * @returns the shard's number
 * @example
 * featureShard('p7', index.features);
 */
export const featureShard = (id: string, shards: number): number => parseInt(fnv1a(id), 16) % shards;

/**
 * A layer's index objects.
 *
 * @param prefix - the objects' common key prefix
 * @param features - the layer's features
 * @returns the index's manifest entry and its objects (key and text)
 * @example
 * const { index, objects } = layerIndex('layers/synthetic/1a2b3c4d', layer.features);
 */
export function layerIndex(prefix: string, features: readonly { properties: object; geometry: { type: string; coordinates: unknown } }[]): { index: LayerIndex; objects: { key: string; body: string }[] } {
  const search: string[] = [];
  let shard: string[] = [];
  let size = 0;
  const texts = features.map((f) => JSON.stringify(f));
  for (const f of features) {
    const p = f.properties as Record<string, unknown>;
    const properties = Object.fromEntries(KEPT.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
    const line = `${searchKeys(p)}\t${JSON.stringify({ type: 'Feature', bbox: geometryBBox(f.geometry), properties, geometry: { type: 'Point', coordinates: anchor(f.geometry) } })}`;
    shard.push(line);
    size += line.length + 1;
    if (size >= SEARCH_SHARD) {
      search.push(shard.join('\n'));
      [shard, size] = [[], 0];
    }
  }
  if (shard.length || !search.length) search.push(shard.join('\n'));
  const shards = Math.max(1, Math.ceil(texts.reduce((a, t) => a + t.length, 0) / FEATURE_SHARD));
  const byShard: string[][] = Array.from({ length: shards }, () => []);
  features.forEach((f, i) => byShard[featureShard(String((f.properties as { id?: unknown }).id), shards)].push(texts[i]));
  return {
    index: { prefix, search: search.length, features: shards },
    objects: [
      ...search.map((body, k) => ({ key: `${prefix}/search-${k}.txt`, body })),
      ...byShard.map((list, k) => ({ key: `${prefix}/features-${k}.json`, body: `[${list.join(',')}]` })),
    ],
  };
}

/**
 * The features of a search shard whose names may match a search: every folded word of it is in
 * the line's keys (a necessary condition of every rank of `nameMatch`), found by a scan of the text.
 *
 * @param text - a search shard
 * @param query - the search text
 * @returns the candidates, parsed, for `filterFeatures` to rank
 * @example
 * filterFeatures(searchCandidates(shard, '合成点 12'), { q: '合成点 12' });
 */
export function searchCandidates(text: string, query: string): IndexedFeature[] {
  const words = query.split(/\s+/).map(fold).filter(Boolean).sort((a, b) => b.length - a.length);
  if (!words.length) return [];
  const found: IndexedFeature[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(words[0], from);
    if (at < 0) return found;
    const start = text.lastIndexOf('\n', at) + 1;
    const tab = text.indexOf('\t', start);
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    // A hit in the keys, not in the JSON after them, and the other words there too.
    if (at < tab) {
      const keys = text.slice(start, tab);
      if (words.every((w) => keys.includes(w))) found.push(JSON.parse(text.slice(tab + 1, stop)) as IndexedFeature);
    }
    from = stop + 1;
  }
}
