/**
 * Where the layer API reads its layers: one small interface, several sources
 * (the idea PMTiles' sources follow). The bundled source is the default; the
 * R2 source reads what `npm run data:publish` uploaded.
 */
import type { AtlasCollection } from '../../geo/bundle.ts';
import type { LayerManifest } from '../../geo/manifest.ts';
import type { LayerId } from '../../geo/schema.ts';
import { ApiError } from '../errors.ts';

/** A source of layers. */
export interface LayerSource {
  /** Which backend answers: `bundled` or `r2`. */
  readonly kind: 'bundled' | 'r2';
  /** Every layer's version, count, extent and geometry types. */
  manifest(): Promise<LayerManifest>;
  /**
   * A layer's features at a version the manifest named.
   *
   * @param id - the layer
   * @param version - its version, from the manifest
   */
  features(id: LayerId, version: string): Promise<AtlasCollection>;
}

/**
 * A source that cannot answer (an empty bucket, a missing binding): the API says so with a 503.
 *
 * @param message - what is missing and what to do
 * @returns the error to throw
 * @example
 * throw unavailable('the data bucket has no manifest.json; run npm run data:publish');
 */
export const unavailable = (message: string): ApiError => new ApiError(503, 'unavailable', message);
