/**
 * Which layer source answers: configuration chooses (`ATLAS_LAYER_SOURCE` in
 * wrangler.toml's `[vars]`: `bundled`, the default, or `r2`, reading the bucket
 * bound as `ATLAS_DATA`). Nothing else in the worker knows which it is.
 */
import type { DataBundle } from '../../geo/bundle.ts';
import { bundledSource } from './bundled.ts';
import { r2Source, type R2SourceOptions } from './r2.ts';
import { unavailable, type LayerSource } from './source.ts';

/** The configuration and binding the choice reads. */
export interface SourceBindings {
  /** `bundled` (default) or `r2`. */
  ATLAS_LAYER_SOURCE?: string;
  /** The data bucket, for `r2`. */
  ATLAS_DATA?: R2Bucket;
}

/**
 * The layer source for each request's configuration.
 *
 * @param data - the bundle, for the bundled source
 * @param options - the R2 source's options
 * @returns a function from a request's bindings to its source
 * @example
 * const sourceOf = layerSources(bundle); const source = sourceOf(c.env);
 */
export function layerSources(data: DataBundle, options: R2SourceOptions = {}): (env: SourceBindings | undefined) => LayerSource {
  const bundled = bundledSource(data);
  // One R2 source per bucket binding, so that its manifest and layers are kept across requests.
  const buckets = new WeakMap<R2Bucket, LayerSource>();
  return (env) => {
    const wanted = env?.ATLAS_LAYER_SOURCE?.trim() || 'bundled';
    if (wanted === 'bundled') return bundled;
    if (wanted !== 'r2') throw unavailable(`ATLAS_LAYER_SOURCE is "${wanted.slice(0, 20)}"; expected bundled or r2`);
    const bucket = env?.ATLAS_DATA;
    if (!bucket) throw unavailable('ATLAS_LAYER_SOURCE is r2 but no bucket is bound as ATLAS_DATA (wrangler.toml [[r2_buckets]])');
    let source = buckets.get(bucket);
    if (!source) buckets.set(bucket, (source = r2Source(bucket, options)));
    return source;
  };
}
