/**
 * The data bundle: the validated layers with what the API says about each
 * (count, extent, geometry types) and a version that changes when the data does.
 * `npm run data:check` writes it; the worker serves it.
 */
import { geometryBBox, unionBBox, type BBox } from './bbox.ts';
import { fnv1a } from './hash.ts';
import type { LayerId } from './layers.ts';
import type { FeatureProps, Geometry } from './schema.ts';
import type { View } from './views.ts';

/** What the bundle derives for each feature (geo/scripts/derived.ts); the data files never hold them. */
export interface DerivedKeys {
  /** The Chinese name in pinyin, for search. */
  name_py?: string;
  /** The status in each year of the slider, one letter a year (geo/lifecycle.ts `statusYears`). */
  status_years?: string;
}

/** A feature of the atlas. */
export interface AtlasFeature {
  type: 'Feature';
  properties: FeatureProps & DerivedKeys;
  geometry: Geometry;
}

/** A layer's features. */
export interface AtlasCollection {
  type: 'FeatureCollection';
  features: AtlasFeature[];
}

/** One layer in the bundle. */
export interface BundledLayer {
  /** Changes whenever any feature of the layer, or the code, changes. */
  version: string;
  count: number;
  bbox: BBox | null;
  /** The geometry types present, sorted. */
  geometry: Geometry['type'][];
  data: AtlasCollection;
}

/** What the worker serves. */
export interface DataBundle {
  /** The named views (geo/data/views.json). */
  views: View[];
  /** Changes whenever any layer, or the code that answers from them, changes. */
  version: string;
  layers: Record<LayerId, BundledLayer>;
}

/**
 * What the API says of a layer's features: their count, extent and geometry types.
 *
 * @param data - the layer's features
 * @returns `count`, `bbox` (null when empty) and the sorted geometry types
 * @example
 * describeLayer(ports).count;
 */
export function describeLayer(data: AtlasCollection): Pick<BundledLayer, 'count' | 'bbox' | 'geometry'> {
  return {
    count: data.features.length,
    bbox: unionBBox(data.features.map((f) => geometryBBox(f.geometry))),
    geometry: [...new Set(data.features.map((f) => f.geometry.type))].sort(),
  };
}

/**
 * Packs validated layers into a bundle.
 *
 * @param layers - every layer's FeatureCollection, already validated
 * @param code - a fingerprint of the code that serves the bundle (see `npm run data:check`)
 * @param views - the named views
 * @returns the bundle, with versions derived from the data itself
 * @example
 * const bundle = buildBundle({ districts, places, rivers, ports, ... });
 * bundle.layers.ports.count; // the number of port features
 */
export function buildBundle(layers: Record<LayerId, AtlasCollection>, code = '', views: View[] = []): DataBundle {
  const out = {} as Record<LayerId, BundledLayer>;
  for (const [id, data] of Object.entries(layers) as [LayerId, AtlasCollection][]) {
    out[id] = { version: fnv1a(JSON.stringify(data) + code), ...describeLayer(data), data };
  }
  // The code's fingerprint is folded in, so that a deploy that changes only how answers are made still changes every ETag.
  const version = fnv1a(Object.values(out).map((l) => l.version).join('') + code + JSON.stringify(views));
  return { version, layers: out, views };
}
