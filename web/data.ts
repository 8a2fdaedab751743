/**
 * The page's data: the layer catalogue and every layer's features, fetched once
 * from the API and shared by the map, the panels and the search.
 */
import type { AtlasCollection, AtlasFeature } from '../geo/bundle.ts';
import type { LayerInfo } from '../geo/catalog.ts';
import type { LayerId } from '../geo/schema.ts';

/** What `GET /api/layers` says of a layer. */
export interface LayerSummary extends LayerInfo {
  count: number;
  geometry: string[];
  bbox: [number, number, number, number] | null;
}

/** The catalogue and the features, by layer. */
export interface AtlasData {
  layers: LayerSummary[];
  features: Map<LayerId, AtlasFeature[]>;
  /** Every feature by id, with its layer. */
  byId: Map<string, { layer: LayerId; feature: AtlasFeature }>;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The layer catalogue.
 *
 * @returns the layers, bottom first
 * @example
 * const layers = await loadCatalog();
 */
export async function loadCatalog(): Promise<LayerSummary[]> {
  return (await getJson<{ layers: LayerSummary[] }>('/api/layers')).layers;
}

/**
 * The features of every layer, as the map's sources hold them: MapLibre has
 * fetched and parsed them in its worker, so nothing is downloaded twice.
 *
 * @param layers - the catalogue
 * @param collection - returns a layer's data (the map source's `getData`)
 * @returns the data
 * @example
 * const data = await collectAtlas(layers, (id) => (map.getSource(id) as GeoJSONSource).getData());
 */
export async function collectAtlas(layers: LayerSummary[], collection: (id: LayerId) => Promise<unknown>): Promise<AtlasData> {
  const collections = (await Promise.all(layers.map((l) => collection(l.id)))) as AtlasCollection[];
  const features = new Map<LayerId, AtlasFeature[]>();
  const byId = new Map<string, { layer: LayerId; feature: AtlasFeature }>();
  layers.forEach((l, i) => {
    features.set(l.id, collections[i].features);
    for (const f of collections[i].features) byId.set(f.properties.id, { layer: l.id, feature: f });
  });
  return { layers, features, byId };
}

/**
 * A representative position of a feature: a point's, a line's middle vertex, a polygon's first ring's centre of vertices.
 *
 * @param f - the feature
 * @returns `[lon, lat]`
 * @example
 * anchorOf(feature); // [108.37, 30.81]
 */
export function anchorOf(f: AtlasFeature): [number, number] {
  const g = f.geometry;
  const pick = (cs: number[][]) => cs[Math.floor(cs.length / 2)] as [number, number];
  switch (g.type) {
    case 'Point':
      return g.coordinates as [number, number];
    case 'LineString':
      return pick(g.coordinates);
    case 'MultiLineString':
      return pick(g.coordinates[0]);
    case 'Polygon':
    case 'MultiPolygon': {
      const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      const n = ring.length - 1;
      return [ring.slice(0, n).reduce((s, c) => s + c[0], 0) / n, ring.slice(0, n).reduce((s, c) => s + c[1], 0) / n];
    }
  }
}
