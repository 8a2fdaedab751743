/**
 * The R2 layer source: the objects `npm run data:publish` put in the bucket
 * bound as `ATLAS_DATA`. The manifest is read again after a short while, so a
 * publish reaches readers without a deploy; layer objects never change (their
 * names carry their versions), so each is read and parsed once per isolate while it
 * fits the memory budget (a larger one is read again by each request that needs its
 * features: for such a layer the tile index, kept apart, spares most of them).
 * Requests never await one another's reads: a promise made by one request and
 * awaited by another is cancelled with the first (the Workers runtime's documented
 * rule: a map aborts tile requests as it moves, and the others would hang), so what is shared is
 * only what has been read, and requests that arrive together each read for themselves.
 */
import { z } from 'zod';
import type { AtlasCollection } from '../../geo/bundle.ts';
import { layerKey, MANIFEST_KEY, type LayerManifest } from '../../geo/manifest.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { ArchiveFactsSchema } from '../../geo/api/layers.ts';
import { ExtraLayerEntry } from '../../geo/schema.ts';
import { ApiError } from '../errors.ts';
import { unavailable, type LayerSource } from './source.ts';

/** Options of {@link r2Source}. */
export interface R2SourceOptions {
  /** How long a manifest read is trusted, in ms: the longest a publish waits to be seen. Defaults to 30 s. */
  manifestTtlMs?: number;
  /** The most layer text kept parsed in the isolate, in characters (parsed, a character takes about 3.5 bytes). Defaults to 8 million. */
  budget?: number;
}

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_BUDGET = 8_000_000;

/** What a manifest must hold to be used: anything else is a broken publish, answered 503. */
const LayerShape = z.object({
  version: z.string().min(1),
  count: z.number(),
  bbox: z.array(z.number()).length(4).nullable(),
  geometry: z.array(z.string()),
  key: z.string(),
  // Written since extra layers and tiles came (positions since heavy layers are tiled); a manifest published before them lacks them.
  countsByYear: z.record(z.string(), z.number()).optional(),
  chars: z.string().optional(),
  positions: z.number().int().nonnegative().optional(),
  // Written since large layers are archived (geo/pmtiles/).
  archive: z.string().min(1).optional(),
  index: z.object({ prefix: z.string().min(1), search: z.number().int().positive(), keysPerShard: z.number().int().positive(), rowsPerShard: z.number().int().positive(), features: z.number().int().positive() }).optional(),
  whole: z.literal(false).optional(),
  // Written since external archives are drawn by their type and layers (geo/pmtiles/facts.ts).
  external: ArchiveFactsSchema.optional(),
});
const ManifestShape = z.object({
  version: z.string().min(1),
  layers: z.record(z.string(), LayerShape),
  extras: z.array(LayerShape.extend({ info: ExtraLayerEntry })).optional(),
});

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
  const layers = new WeighedLru<{ text: number; data: AtlasCollection }>(64, options.budget ?? DEFAULT_BUDGET, (l) => l.text);
  let manifest: { read: number; value: LayerManifest } | null = null;

  /** An object, or a range of it; a missing object or a failing bucket is a 503 that says what to do. */
  const get = async (key: string, range?: { offset: number; length: number }): Promise<R2ObjectBody> => {
    let object: R2ObjectBody | null;
    try {
      object = await bucket.get(key, range ? { range } : undefined);
    } catch (e) {
      throw unavailable(`the data bucket could not be read (${(e as Error).message.slice(0, 80)})`);
    }
    if (!object) throw unavailable(`the data bucket has no ${key}; run npm run data:publish`);
    return object;
  };
  const text = async (key: string): Promise<string> => (await get(key)).text();

  const readManifest = async (): Promise<LayerManifest> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await text(MANIFEST_KEY));
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw unavailable(`the data bucket's ${MANIFEST_KEY} is not JSON; publish again`);
    }
    const checked = ManifestShape.safeParse(parsed);
    if (!checked.success) throw unavailable(`the data bucket's ${MANIFEST_KEY} is not a manifest (${checked.error.issues[0].path.join('.')}); publish again`);
    const missing = LAYER_IDS.find((id) => !checked.data.layers[id]);
    if (missing) throw unavailable(`the data bucket's ${MANIFEST_KEY} is not a manifest of this atlas (no layer ${missing}); publish again`);
    return checked.data as LayerManifest;
  };

  return {
    kind: 'r2',
    // One range read (one Class B operation) a call; past the object's end R2 answers what there is.
    range: async (key, offset, length) => new Uint8Array(await (await get(key, { offset, length })).arrayBuffer()),
    body: async (key) => new Response((await get(key)).body),
    async manifest() {
      if (manifest && Date.now() - manifest.read <= ttl) return manifest.value;
      try {
        const value = await readManifest();
        manifest = { read: Date.now(), value };
        return value;
      } catch (e) {
        // A failed refresh keeps the last good manifest (its objects never change); with none, the 503 stands.
        if (manifest) return manifest.value;
        throw e;
      }
    },
    async features(id, version) {
      const key = layerKey(id, version);
      const kept = layers.peek(key);
      if (kept) return kept.data;
      const body = await text(key);
      // Another request may have read it meanwhile: keep one copy.
      const again = layers.peek(key);
      if (again) return again.data;
      let data: AtlasCollection;
      try {
        data = JSON.parse(body) as AtlasCollection;
      } catch {
        throw unavailable(`the data bucket's ${key} is not JSON; publish again`);
      }
      layers.set(key, { text: body.length, data });
      return data;
    },
  };
}
