/**
 * The atlas's own layers as one bundle, read from the configured layer source,
 * with the analyses over it: the analyses and pictures answer from the data the
 * layer API serves, so a publish to R2 reaches them as it reaches the layers.
 */
import type { AtlasCollection, DataBundle } from '../../geo/bundle.ts';
import { fnv1a } from '../../geo/hash.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { createAnalyses, type Analyses } from '../../geo/reach/analyses.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import type { SourceBindings } from './choose.ts';
import type { LayerSource } from './source.ts';

/** What a request is answered from: the data served (the bundle, or a publish of its layers) and the analyses over it. */
export interface Served {
  data: DataBundle;
  analyses: Analyses;
}

/** The served data for a request's configuration (its bindings). */
export type ServedDataOf = (env: SourceBindings | undefined) => Promise<Served>;

/**
 * The served data for each request's configuration.
 *
 * @param bundle - the bundled data (the default source's, and the views')
 * @param sourceOf - the layer source for a request's configuration
 * @returns a function from a request's bindings to the data it is answered from
 * @example
 * const servedDataOf = servedSources(bundle, layerSources(bundle)); const { analyses } = await servedDataOf(c.env);
 */
export function servedSources(bundle: DataBundle, sourceOf: (env: SourceBindings | undefined) => LayerSource): ServedDataOf {
  const bundled: Served = { data: bundle, analyses: createAnalyses(bundle) };
  // One per publish of the atlas's layers (extra layers do not change it): the last two are kept.
  const published = new WeighedLru<Served>(2);
  return async (env) => {
    const source = sourceOf(env);
    if (source.kind === 'bundled') return bundled;
    const manifest = await source.manifest();
    const versions = LAYER_IDS.map((id) => manifest.layers[id].version);
    // The same data as the bundle's (a publish of this very build): the bundle's answers and ETags.
    if (LAYER_IDS.every((id, i) => bundle.layers[id].version === versions[i])) return bundled;
    const key = versions.join('|');
    const kept = published.peek(key);
    if (kept) return kept;
    // Each request reads for itself (worker/sources/r2.ts says why); building is synchronous, so one
    // that arrived with another finds it made.
    const collections = await Promise.all(LAYER_IDS.map((id, i) => source.features(id, versions[i])));
    const again = published.peek(key);
    if (again) return again;
    const layers = Object.fromEntries(
      LAYER_IDS.map((id, i) => {
        const l = manifest.layers[id];
        return [id, { version: l.version, count: l.count, bbox: l.bbox, geometry: l.geometry, data: collections[i] as AtlasCollection }];
      }),
    ) as DataBundle['layers'];
    const data: DataBundle = { version: fnv1a(`${key}|${bundle.version}`), views: bundle.views, layers };
    const served = { data, analyses: createAnalyses(data) };
    published.set(key, served);
    return served;
  };
}
