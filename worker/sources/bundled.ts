/** The default layer source: the bundle validated at build time, in the worker's own code. */
import type { DataBundle } from '../../geo/bundle.ts';
import { manifestOf } from '../../geo/manifest.ts';
import type { LayerId } from '../../geo/layers.ts';
import type { LayerSource } from './source.ts';

/**
 * The bundled layer source.
 *
 * @param data - the bundle `npm run data:check` wrote
 * @returns a source that answers from memory
 * @example
 * const source = bundledSource(bundle); (await source.manifest()).version;
 */
export function bundledSource(data: DataBundle): LayerSource {
  const manifest = manifestOf(data);
  return {
    kind: 'bundled',
    manifest: async () => manifest,
    // The manifest names only the bundle's layers, so no other id reaches here.
    features: async (id) => data.layers[id as LayerId].data,
  };
}
