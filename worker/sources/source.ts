/**
 * Where the layer API reads its layers: one small interface, several sources
 * (the idea PMTiles' sources follow). The bundled source is the default; the
 * R2 source reads what `npm run data:publish` uploaded.
 */
import type { AtlasCollection } from '../../geo/bundle.ts';
import type { LayerManifest } from '../../geo/manifest.ts';
import { fnv1a } from '../../geo/hash.ts';
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
   * @param id - the layer (the atlas's own or an extra one)
   * @param version - its version, from the manifest
   */
  features(id: string, version: string): Promise<AtlasCollection>;
  /**
   * Bytes of an object, for a layer served from a PMTiles archive (worker/sources/archive.ts); a source
   * without objects (the bundle) has none.
   *
   * @param key - the object
   * @param offset - the first byte
   * @param length - how many (fewer at the object's end)
   */
  range?(key: string, offset: number, length: number): Promise<Uint8Array>;
  /**
   * An object's whole body, for an archived layer's index objects and its GeoJSON (streamed, never parsed).
   *
   * @param key - the object
   */
  body?(key: string): Promise<Response>;
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

/**
 * The version a layer's answers are cached and tagged under: the layer, its data version
 * and the deployed code's, so that a publish and a deploy each change every key (a layer
 * published from R2 carries the publisher's code fingerprint, not the deployed one's), and
 * two layers never share a key.
 *
 * @param id - the layer
 * @param version - its data version, from the manifest
 * @param code - the deployed bundle's version
 * @returns eight hex digits
 * @example
 * `"${cacheVersion('rail', entry.version, bundle.version)}-${queryHash}"`;
 */
export const cacheVersion = (id: string, version: string, code: string): string => fnv1a(`${id}|${version}|${code}`);
