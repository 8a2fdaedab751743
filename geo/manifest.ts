/**
 * The published form of the data: one object per layer version and a manifest
 * that names them. `npm run data:publish` uploads these objects to R2; the
 * worker's R2 layer source reads them (worker/sources/r2.ts). Besides the atlas's
 * own layers, a publish may carry extra layers (geo/validate/extra.ts).
 */
import { eachPosition, type BBox } from './bbox.ts';
import { describeLayer, type AtlasCollection, type DataBundle } from './bundle.ts';
import type { ExtraLayerInfo } from './schema.ts';
import { existsIn } from './lifecycle.ts';
import { fnv1a } from './hash.ts';
import type { LayerId } from './layers.ts';
import type { Geometry, ThematicProps } from './schema.ts';
import { YEARS } from './state.ts';

/** What the manifest says of a layer. */
export interface ManifestLayer {
  /** Changes whenever the layer does (as in the bundle). */
  version: string;
  count: number;
  bbox: BBox | null;
  geometry: Geometry['type'][];
  /** The object holding the layer's FeatureCollection: immutable, since its name carries the version. */
  key: string;
  /** How many features exist in each year of the page's slider: a page that draws the layer from tiles holds no features to count. */
  countsByYear?: Record<string, number>;
  /** Every character of the features' names, once: the page loads its label font's subsets for them. */
  chars?: string;
  /** The positions (vertices) of all its geometry: what a page pays to draw the layer whole. */
  positions?: number;
}

/** An extra layer in the manifest: what the manifest says of any layer, and its catalogue entry. */
export interface ExtraManifestLayer extends ManifestLayer {
  info: ExtraLayerInfo;
}

/** The manifest: every layer's version and object. */
export interface LayerManifest {
  /** The bundle's version: changes whenever any layer does. */
  version: string;
  layers: Record<LayerId, ManifestLayer>;
  /** Layers published beside the atlas's own, bottom of the map first. */
  extras?: ExtraManifestLayer[];
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
export const layerKey = (id: string, version: string): string => `layers/${id}/${version}.geojson`;

/**
 * A layer of the manifest, the atlas's own or an extra one.
 *
 * @param manifest - the manifest
 * @param id - any text (a request's path segment)
 * @returns its entry, or undefined when the manifest has no such layer
 * @example
 * manifestLayer(manifest, 'synthetic')?.count;
 */
export function manifestLayer(manifest: LayerManifest, id: string): ManifestLayer | ExtraManifestLayer | undefined {
  return Object.hasOwn(manifest.layers, id) ? manifest.layers[id as LayerId] : manifest.extras?.find((e) => e.info.id === id);
}

/**
 * What the page needs of a layer it will not hold: the features in each year, the names' characters,
 * and what the layer weighs in positions (from which the catalogue sends it as tiles).
 *
 * @param data - the layer's features
 * @returns `countsByYear`, `chars` and `positions`
 * @example
 * layerFacts(rail).countsByYear['2027']; // railway features on the map of 2027
 */
export function layerFacts(data: AtlasCollection): Pick<ManifestLayer, 'countsByYear' | 'chars' | 'positions'> {
  const countsByYear: Record<string, number> = {};
  for (let y = YEARS.min; y <= YEARS.max; y++) countsByYear[y] = 0;
  const chars = new Set<string>();
  let positions = 0;
  for (const f of data.features) {
    const p = f.properties as ThematicProps;
    for (let y = YEARS.min; y <= YEARS.max; y++) if (existsIn(p, y)) countsByYear[y]++;
    for (const c of p.name_zh + p.name_en) chars.add(c);
    eachPosition(f.geometry.coordinates, () => positions++);
  }
  return { countsByYear, chars: [...chars].sort().join(''), positions };
}

/**
 * The manifest of a bundle.
 *
 * @param bundle - a validated bundle
 * @param extras - extra layers to publish beside it, checked (geo/validate/extra.ts)
 * @returns its manifest
 * @example
 * manifestOf(bundle).layers.rail.key; // 'layers/rail/1a2b3c4d.geojson'
 */
export function manifestOf(bundle: DataBundle, extras: readonly { info: ExtraLayerInfo; data: AtlasCollection }[] = []): LayerManifest {
  const layers = Object.fromEntries(
    Object.entries(bundle.layers).map(([id, l]) => [
      id,
      { version: l.version, count: l.count, bbox: l.bbox, geometry: l.geometry, key: layerKey(id, l.version), ...layerFacts(l.data) },
    ]),
  ) as Record<LayerId, ManifestLayer>;
  const extraLayers = extras.map(({ info, data }): ExtraManifestLayer => {
    const version = fnv1a(JSON.stringify(info) + JSON.stringify(data));
    return { info, version, ...describeLayer(data), key: layerKey(info.id, version), ...layerFacts(data) };
  });
  // The manifest's version covers the extras too: they are part of what a reader sees.
  const version = extraLayers.length ? fnv1a(bundle.version + extraLayers.map((e) => e.version).join('')) : bundle.version;
  return { version, layers, ...(extraLayers.length ? { extras: extraLayers } : {}) };
}

/**
 * The objects to publish, layers first and the manifest last, so that a reader
 * never finds a manifest naming an object not yet there.
 *
 * @param bundle - a validated bundle
 * @param extras - extra layers to publish beside it, checked
 * @returns each object's key, text and media type
 * @example
 * for (const o of publishObjects(bundle)) await bucket.put(o.key, o.body);
 */
export function publishObjects(bundle: DataBundle, extras: readonly { info: ExtraLayerInfo; data: AtlasCollection }[] = []): { key: string; body: string; contentType: string }[] {
  const manifest = manifestOf(bundle, extras);
  const own = (Object.entries(bundle.layers) as [LayerId, { data: AtlasCollection }][]).map(([id, l]) => ({ key: manifest.layers[id].key, data: l.data }));
  const more = extras.map((e, i) => ({ key: manifest.extras![i].key, data: e.data }));
  return [
    ...[...own, ...more].map(({ key, data }) => ({ key, body: JSON.stringify(data), contentType: 'application/geo+json' })),
    { key: MANIFEST_KEY, body: JSON.stringify(manifest), contentType: 'application/json' },
  ];
}
