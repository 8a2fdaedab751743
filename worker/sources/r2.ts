/**
 * The R2 layer source: the objects `npm run data:publish` put in the bucket
 * bound as `ATLAS_DATA`. The manifest is read again after a short while, so a
 * publish reaches readers without a deploy; layer objects never change (their
 * names carry their versions), so each is parsed once per isolate.
 */
import type { AtlasCollection } from '../../geo/bundle.ts';
import { layerKey, MANIFEST_KEY, type LayerManifest } from '../../geo/manifest.ts';
import { Memo } from '../../geo/memo.ts';
import { unavailable, type LayerSource } from './source.ts';

/** Options of {@link r2Source}. */
export interface R2SourceOptions {
  /** How long a manifest read is trusted, in ms: the longest a publish waits to be seen. Defaults to 30 s. */
  manifestTtlMs?: number;
  /** The most layer text kept parsed in the isolate, in characters. Defaults to 24 million (about 48 MB). */
  budget?: number;
}

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_BUDGET = 24_000_000;

/**
 * A layer source over an R2 bucket.
 *
 * @param bucket - the `ATLAS_DATA` binding
 * @param options - manifest TTL and memory budget
 * @returns the source
 * @example
 * const source = r2Source(env.ATLAS_DATA); await source.features('rail', (await source.manifest()).layers.rail.version);
 */
export function r2Source(bucket: R2Bucket, options: R2SourceOptions = {}): LayerSource {
  const ttl = options.manifestTtlMs ?? DEFAULT_TTL_MS;
  const layers = new Memo<{ text: number; data: AtlasCollection }>(64, options.budget ?? DEFAULT_BUDGET, (l) => l.text);
  let manifest: { read: number; value: Promise<LayerManifest> } | null = null;

  const readJson = async <T>(key: string): Promise<T> => {
    const object = await bucket.get(key);
    if (!object) throw unavailable(`the data bucket has no ${key}; run npm run data:publish`);
    return (await object.json()) as T;
  };

  return {
    kind: 'r2',
    manifest() {
      const now = Date.now();
      if (!manifest || now - manifest.read > ttl) {
        const value = readJson<LayerManifest>(MANIFEST_KEY);
        manifest = { read: now, value };
        // A failed read is not kept: the next request tries again.
        value.catch(() => (manifest = null));
      }
      return manifest.value;
    },
    async features(id, version) {
      const key = layerKey(id, version);
      const kept = layers.peek(key);
      if (kept) return kept.data;
      const object = await bucket.get(key);
      if (!object) throw unavailable(`the data bucket has no ${key}; run npm run data:publish`);
      const text = await object.text();
      const data = JSON.parse(text) as AtlasCollection;
      layers.set(key, { text: text.length, data });
      return data;
    },
  };
}
