/**
 * The published form of the data: one object per layer version and a manifest
 * that names them. `npm run data:publish` uploads these objects to R2; the
 * worker's R2 layer source reads them (worker/sources/r2.ts).
 */
import type { BBox } from './bbox.ts';
import type { AtlasCollection, DataBundle } from './bundle.ts';
import type { Geometry, LayerId } from './schema.ts';

/** What the manifest says of a layer. */
export interface ManifestLayer {
  /** Changes whenever the layer does (as in the bundle). */
  version: string;
  count: number;
  bbox: BBox | null;
  geometry: Geometry['type'][];
  /** The object holding the layer's FeatureCollection: immutable, since its name carries the version. */
  key: string;
}

/** The manifest: every layer's version and object. */
export interface LayerManifest {
  /** The bundle's version: changes whenever any layer does. */
  version: string;
  layers: Record<LayerId, ManifestLayer>;
}

/** The manifest's key in the bucket. */
export const MANIFEST_KEY = 'manifest.json';

/**
 * The key of a layer's object at a version.
 *
 * @param id - the layer
 * @param version - its version
 * @returns the key
 * @example
 * layerKey('rail', '1a2b3c4d'); // 'layers/rail/1a2b3c4d.geojson'
 */
export const layerKey = (id: LayerId, version: string): string => `layers/${id}/${version}.geojson`;

/**
 * The manifest of a bundle.
 *
 * @param bundle - a validated bundle
 * @returns its manifest
 * @example
 * manifestOf(bundle).layers.rail.key; // 'layers/rail/1a2b3c4d.geojson'
 */
export function manifestOf(bundle: DataBundle): LayerManifest {
  const layers = Object.fromEntries(
    Object.entries(bundle.layers).map(([id, l]) => [id, { version: l.version, count: l.count, bbox: l.bbox, geometry: l.geometry, key: layerKey(id as LayerId, l.version) }]),
  ) as Record<LayerId, ManifestLayer>;
  return { version: bundle.version, layers };
}

/**
 * The objects to publish, layers first and the manifest last, so that a reader
 * never finds a manifest naming an object not yet there.
 *
 * @param bundle - a validated bundle
 * @returns each object's key, text and media type
 * @example
 * for (const o of publishObjects(bundle)) await bucket.put(o.key, o.body);
 */
export function publishObjects(bundle: DataBundle): { key: string; body: string; contentType: string }[] {
  const manifest = manifestOf(bundle);
  const layers = (Object.entries(bundle.layers) as [LayerId, { data: AtlasCollection }][]).map(([id, l]) => ({
    key: manifest.layers[id].key,
    body: JSON.stringify(l.data),
    contentType: 'application/geo+json',
  }));
  return [...layers, { key: MANIFEST_KEY, body: JSON.stringify(manifest), contentType: 'application/json' }];
}
