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
import { layerArchive } from './pmtiles/layer-archive.ts';
import { layerIndex, type LayerIndex } from './pmtiles/layer-index.ts';
import type { ArchiveFacts } from './pmtiles/facts.ts';
import { deliveryOf, LARGE_LAYER } from './catalog.ts';

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
  /**
   * A layer served from a PMTiles archive: the archive's key in the bucket, or an https URL read by ranges.
   * Its tiles come from the archive, its search and details from `index`; the worker never reads `key`'s
   * GeoJSON (published for download only).
   */
  archive?: string;
  /** An archived layer's index objects (geo/pmtiles/layer-index.ts); an external archive has none. */
  index?: LayerIndex;
  /** False when an archived layer's GeoJSON was too large to publish (`maxObjectBytes`): it has no whole download. */
  whole?: false;
  /** An external archive's tile type, zooms, bounds and source-layers, read at publish: how the page draws it. */
  external?: ArchiveFacts;
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
 * The key of a layer's PMTiles archive at a version.
 *
 * @param id - the layer
 * @param version - its version
 * @returns the key
 * @example
 * archiveKey('synthetic', '1a2b3c4d'); // 'layers/synthetic/1a2b3c4d.pmtiles'
 */
export const archiveKey = (id: string, version: string): string => `layers/${id}/${version}.pmtiles`;

/** An extra layer to publish: its catalogue entry and its features, or (a layer that is an archive) the archive's bytes when it is a file. */
export interface ExtraLayer {
  info: ExtraLayerInfo;
  data?: AtlasCollection;
  /** The bytes of the archive the catalogue names by file, with what its header says. */
  archive?: { bytes: Uint8Array; bbox: BBox | null };
  /** An archive's facts (geo/pmtiles/facts.ts), by file or by URL, when the publish could read them. */
  facts?: ArchiveFacts;
}

/** Options of {@link publishObjects}. */
export interface PublishOptions {
  /** Features from which an extra layer is cut into an archive (with four times as many positions); defaults to `LARGE_LAYER`. */
  threshold?: number;
  /** gzip, in the publisher's runtime: without it no layer is cut into an archive (the worker cuts its tiles). */
  gzip?: (bytes: Uint8Array) => Uint8Array;
  /** The largest object the upload takes (wrangler's is 300 MiB): an archived layer's GeoJSON beyond it is left out. */
  maxObjectBytes?: number;
}

/** An object to put in the bucket. */
export interface PublishObject {
  key: string;
  body: string | Uint8Array;
  contentType: string;
}

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

/** A fingerprint of bytes (FNV-1a and the length), for an archive's version. */
function bytesPrint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${bytes.length}:${h >>> 0}`;
}

/** An extra layer's manifest entry and its objects: the GeoJSON, and for an archived layer the archive and its index. */
function publishExtra({ info, data, archive, facts }: ExtraLayer, options: PublishOptions): { entry: ExtraManifestLayer; objects: PublishObject[] } {
  if (!data) {
    // A layer that is an archive: no features to count, search or open; its tiles are all there is.
    const version = fnv1a(JSON.stringify(info) + (archive ? bytesPrint(archive.bytes) : '') + (facts ? JSON.stringify(facts) : ''));
    const key = archive ? archiveKey(info.id, version) : (info.archive as { url: string }).url;
    const entry: ExtraManifestLayer = { info, version, count: 0, bbox: archive?.bbox ?? facts?.bounds ?? null, geometry: [], key, archive: key, ...(facts ? { external: facts } : {}) };
    return { entry, objects: archive ? [{ key, body: archive.bytes, contentType: 'application/vnd.pmtiles' }] : [] };
  }
  const version = fnv1a(JSON.stringify(info) + JSON.stringify(data));
  const entry: ExtraManifestLayer = { info, version, ...describeLayer(data), key: layerKey(info.id, version), ...layerFacts(data) };
  const objects: PublishObject[] = [{ key: entry.key, body: JSON.stringify(data), contentType: 'application/geo+json' }];
  if (options.gzip && deliveryOf(entry.count, options.threshold ?? LARGE_LAYER, entry.positions) === 'tiles') {
    const cut = layerArchive(info.id, data as never, { gzip: options.gzip, bbox: entry.bbox });
    const { index, objects: indexObjects } = layerIndex(`layers/${info.id}/${version}`, data.features);
    Object.assign(entry, { archive: archiveKey(info.id, version), index });
    // Its tiles, search and details need no GeoJSON: one too large to upload is left out (no whole download).
    // In bytes as uploaded (UTF-8: a Han character is three).
    const body = objects[0].body;
    if ((typeof body === 'string' ? new TextEncoder().encode(body).length : body.length) > (options.maxObjectBytes ?? Infinity)) {
      objects.pop();
      entry.whole = false;
    }
    objects.push({ key: entry.archive!, body: cut.bytes, contentType: 'application/vnd.pmtiles' });
    for (const o of indexObjects) objects.push({ ...o, contentType: o.key.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8' });
  }
  return { entry, objects };
}

/** The manifest of a bundle and the manifest entries of its extra layers. */
function assemble(bundle: DataBundle, extraLayers: ExtraManifestLayer[]): LayerManifest {
  const layers = Object.fromEntries(
    Object.entries(bundle.layers).map(([id, l]) => [
      id,
      { version: l.version, count: l.count, bbox: l.bbox, geometry: l.geometry, key: layerKey(id, l.version), ...layerFacts(l.data) },
    ]),
  ) as Record<LayerId, ManifestLayer>;
  // The manifest's version covers the extras too: they are part of what a reader sees.
  const version = extraLayers.length ? fnv1a(bundle.version + extraLayers.map((e) => e.version).join('')) : bundle.version;
  return { version, layers, ...(extraLayers.length ? { extras: extraLayers } : {}) };
}

/**
 * The manifest of a bundle.
 *
 * @param bundle - a validated bundle
 * @param extras - extra layers to publish beside it, checked (geo/validate/extra.ts)
 * @param options - the threshold and gzip, as the publish's (`publishObjects`)
 * @returns its manifest
 * @example
 * manifestOf(bundle).layers.rail.key; // 'layers/rail/1a2b3c4d.geojson'
 */
export function manifestOf(bundle: DataBundle, extras: readonly ExtraLayer[] = [], options: PublishOptions = {}): LayerManifest {
  return assemble(bundle, extras.map((e) => publishExtra(e, options).entry));
}

/**
 * The objects to publish, layers first and the manifest last, so that a reader
 * never finds a manifest naming an object not yet there. With `gzip`, an extra layer
 * from the threshold is also cut into a PMTiles archive, with its index objects.
 *
 * @param bundle - a validated bundle
 * @param extras - extra layers to publish beside it, checked
 * @param options - the threshold and gzip
 * @returns each object's key, body and media type
 * @example
 * for (const o of publishObjects(bundle, extras, { gzip: gzipSync })) await bucket.put(o.key, o.body);
 */
export function publishObjects(bundle: DataBundle, extras: readonly ExtraLayer[] = [], options: PublishOptions = {}): PublishObject[] {
  const published = extras.map((e) => publishExtra(e, options));
  const manifest = assemble(bundle, published.map((p) => p.entry));
  const own = (Object.entries(bundle.layers) as [LayerId, { data: AtlasCollection }][]).map(([id, l]) => ({ key: manifest.layers[id].key, body: JSON.stringify(l.data), contentType: 'application/geo+json' }));
  return [...own, ...published.flatMap((p) => p.objects), { key: MANIFEST_KEY, body: JSON.stringify(manifest), contentType: 'application/json' }];
}
