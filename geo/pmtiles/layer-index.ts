/**
 * What the worker reads of a layer served from its archive instead of the layer itself:
 * key shards (each feature's folded names and id, one line each in the layer's order: what
 * a search scans), row shards (a compact copy of each feature in the same order: names,
 * life, extent and a representative position, read only for the best matches) and feature
 * shards (every feature whole, grouped by a hash of its id, so that a feature's details are
 * one small read). No object is larger than a few megabytes, so an isolate holds only a few
 * of them whatever the layer's size.
 */
import type { BBox } from '../bbox.ts';
import { geometryBBox } from '../bbox.ts';
import { fold, nameMatch } from '../filter.ts';
import { fnv1a } from '../hash.ts';

/** What the manifest says of a layer's index objects. */
export interface LayerIndex {
  /** The objects' common prefix: `<prefix>/keys-<k>.txt`, `<prefix>/rows-<k>.txt` and `<prefix>/features-<k>.json`. */
  prefix: string;
  /** How many key shards, of `keysPerShard` features each (the last fewer). */
  search: number;
  keysPerShard: number;
  /** Features per row shard. */
  rowsPerShard: number;
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
/** Features a key shard (about 3 MB) and a row shard (about 1 MB); bytes of JSON a feature shard. */
const KEYS_PER_SHARD = 50_000;
const ROWS_PER_SHARD = 4_000;
const FEATURE_SHARD = 1_000_000;

/** A representative position: a point's own, else the middle of the first part's positions. */
function anchor(geometry: { type: string; coordinates: unknown }): [number, number] {
  let c = geometry.coordinates as unknown[];
  while (Array.isArray(c[0]) && Array.isArray((c[0] as unknown[])[0])) c = c[0] as unknown[];
  return (typeof c[0] === 'number' ? c : c[Math.floor(c.length / 2)]) as [number, number];
}

/**
 * A feature's key line: its names (Chinese, English, pinyin) and id folded as `nameMatch` folds them, and
 * `1` for one of the four seats, always five fields.
 *
 * @param p - a feature's properties
 * @returns the line, fields joined by a separator no name holds
 * @example
 * keyLine({ id: 'p1', name_zh: '合成点 1', name_en: 'Synthetic point 1' }); // '合成点1\u001fsyntheticpoint1\u001f\u001fp1\u001f'
 */
export const keyLine = (p: Record<string, unknown>): string =>
  [...[p.name_zh, p.name_en, p.name_py, p.id].map((k) => (typeof k === 'string' ? fold(k) : '')), p.focus === true ? '1' : ''].join('\u001f');

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

/** Lines cut into texts of `per` lines each. */
const chunked = (lines: readonly string[], per: number): string[] =>
  Array.from({ length: Math.max(1, Math.ceil(lines.length / per)) }, (_, k) => lines.slice(k * per, (k + 1) * per).join('\n'));

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
  const props = features.map((f) => f.properties as Record<string, unknown>);
  const keys = chunked(props.map(keyLine), KEYS_PER_SHARD);
  const rows = chunked(
    features.map((f, i) => {
      const properties = Object.fromEntries(KEPT.filter((k) => props[i][k] !== undefined).map((k) => [k, props[i][k]]));
      return JSON.stringify({ type: 'Feature', bbox: geometryBBox(f.geometry), properties, geometry: { type: 'Point', coordinates: anchor(f.geometry) } });
    }),
    ROWS_PER_SHARD,
  );
  const texts = features.map((f) => JSON.stringify(f));
  const shards = Math.max(1, Math.ceil(texts.reduce((a, t) => a + t.length, 0) / FEATURE_SHARD));
  const byShard: string[][] = Array.from({ length: shards }, () => []);
  props.forEach((p, i) => byShard[featureShard(String(p.id), shards)].push(texts[i]));
  return {
    index: { prefix, search: keys.length, keysPerShard: KEYS_PER_SHARD, rowsPerShard: ROWS_PER_SHARD, features: shards },
    objects: [
      ...keys.map((body, k) => ({ key: `${prefix}/keys-${k}.txt`, body })),
      ...rows.map((body, k) => ({ key: `${prefix}/rows-${k}.txt`, body })),
      ...byShard.map((list, k) => ({ key: `${prefix}/features-${k}.json`, body: `[${list.join(',')}]` })),
    ],
  };
}

/**
 * The features of a key shard whose names match a search, with their rank (`nameMatch`'s): only the lines
 * holding every folded word of it (a necessary condition of every rank) are ranked, found by a scan of the text.
 *
 * @param text - a key shard
 * @param query - the search text
 * @param first - the ordinal (place in the layer) of the shard's first feature
 * @returns each match's ordinal and rank, in the layer's order
 * @example
 * matchKeys(shard, '合成点 12', 0); // [{ at: 12, rank: 2 }, …]
 */
export function matchKeys(text: string, query: string, first: number): { at: number; rank: number }[] {
  const words = query.split(/\s+/).map(fold).filter(Boolean).sort((a, b) => b.length - a.length);
  if (!words.length) return [];
  const found: { at: number; rank: number }[] = [];
  // Where each other word next occurs: each only moves forward, so the scan stays linear and a line is cut
  // out of the text (for its rank) only when every word is in it.
  const next = words.map(() => -1);
  // Line numbers counted as the scan goes: the newlines between the last hit and this one.
  let [from, line, counted] = [0, 0, 0];
  for (;;) {
    const hit = text.indexOf(words[0], from);
    if (hit < 0) return found;
    const start = text.lastIndexOf('\n', hit) + 1;
    const end = text.indexOf('\n', hit);
    const stop = end < 0 ? text.length : end;
    from = stop + 1;
    let all = true;
    for (let w = 1; w < words.length && all; w++) {
      if (next[w] !== Infinity && next[w] < start) next[w] = text.indexOf(words[w], start) < 0 ? Infinity : text.indexOf(words[w], start);
      all = next[w] < stop;
    }
    if (!all) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const [name_zh, name_en, name_py, id, focus] = text.slice(start, stop).split('\u001f');
    const rank = nameMatch({ name_zh, name_en, name_py, id, focus: focus === '1' }, query);
    if (rank >= 0) found.push({ at: first + line, rank });
  }
}
