/**
 * The page's data: the layer catalogue and the features of every layer that comes
 * whole, fetched once from the API and shared by the map, the panels and the
 * search. A large layer comes as vector tiles: its features are asked for one at a
 * time (details) or by name (search), never all at once.
 */
import type { AtlasCollection, AtlasFeature } from '../geo/bundle.ts';
import type { CatalogEntry } from '../geo/catalog.ts';
import { ApiError, featureUrl, getJson, layersUrl, layerUrl } from './api.ts';

/** A feature the page knows, and its layer. */
export interface KnownFeature {
  layer: string;
  feature: AtlasFeature;
}

/** The catalogue and the features, by layer. */
export interface AtlasData {
  layers: CatalogEntry[];
  /** The features of the layers that come whole. */
  features: Map<string, AtlasFeature[]>;
  /** Every feature known to the page by id, with its layer: all of the whole layers', and each tiled one's once asked for. */
  byId: Map<string, KnownFeature>;
}

/** Whether a layer reaches the page as vector tiles. */
export const isTiled = (l: CatalogEntry): boolean => l.delivery === 'tiles';

/**
 * The layer catalogue.
 *
 * @returns the layers, bottom first
 * @example
 * const layers = await loadCatalog();
 */
export async function loadCatalog(): Promise<CatalogEntry[]> {
  return (await getJson<{ layers: CatalogEntry[] }>(layersUrl())).layers;
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
export async function collectAtlas(layers: CatalogEntry[], collection: (id: string) => Promise<unknown>): Promise<AtlasData> {
  const whole = layers.filter((l) => !isTiled(l));
  const collections = (await Promise.all(whole.map((l) => collection(l.id)))) as AtlasCollection[];
  const features = new Map<string, AtlasFeature[]>();
  const byId = new Map<string, KnownFeature>();
  whole.forEach((l, i) => {
    features.set(l.id, collections[i].features);
    for (const f of collections[i].features) byId.set(f.properties.id, { layer: l.id, feature: f });
  });
  return { layers, features, byId };
}

/**
 * A feature of a tiled layer, asked of the API once and then kept (a tile's copy is clipped and lacks nested properties).
 *
 * @param data - the page's data, where it is kept
 * @param id - the feature's id
 * @param layer - its layer when known (a click on the map knows it; a copied link does not, and each tiled layer is asked)
 * @returns the feature and its layer, or undefined when no layer has it
 * @example
 * const hit = await resolveFeature(data, 'p12', 'synthetic');
 */
export async function resolveFeature(data: AtlasData, id: string, layer?: string): Promise<KnownFeature | undefined> {
  const known = data.byId.get(id);
  if (known || nowhere.has(id)) return known;
  const candidates = data.layers.filter((l) => isTiled(l) && !l.archive && (layer === undefined || l.id === layer));
  let answered = true;
  for (const l of candidates) {
    const feature = await getJson<AtlasFeature>(featureUrl(l.id, id)).catch((e: unknown) => {
      // Only a 404 says the layer has no such feature; a failed request says nothing.
      if (!(e instanceof ApiError && e.status === 404)) answered = false;
      return null;
    });
    if (!feature) continue;
    const hit = { layer: l.id, feature };
    data.byId.set(id, hit);
    return hit;
  }
  // A link to a feature no layer has (every layer said 404) is asked about once, not at every redraw of the details.
  if (layer === undefined && answered) nowhere.add(id);
  return undefined;
}

/** Ids that no tiled layer has (a stale or mistyped link). */
const nowhere = new Set<string>();

/**
 * The features of the tiled layers whose names match a search, best first, as the API ranks them.
 *
 * @param data - the page's data (the matches are kept in it, so that a pick opens at once)
 * @param query - the search text
 * @param limit - at most this many per layer
 * @returns the matches, and whether some layer had more than the limit
 * @example
 * const { hits, more } = await searchTiled(data, '合成点 12', 300);
 */
export async function searchTiled(data: AtlasData, query: string, limit: number): Promise<{ hits: KnownFeature[]; more: boolean }> {
  // An external archive holds tiles only: nothing to search.
  const tiled = data.layers.filter((l) => isTiled(l) && !l.archive);
  const found = await Promise.all(
    tiled.map(async (l) => {
      try {
        return (await getJson<AtlasCollection>(layerUrl(l.id, { q: query.trim().slice(0, 64), limit }))).features.map((feature) => ({ layer: l.id, feature }));
      } catch {
        // A layer that cannot be searched now leaves the others' matches.
        return [];
      }
    }),
  );
  const hits = found.flat();
  for (const h of hits) data.byId.set(h.feature.properties.id, h);
  return { hits, more: found.some((f) => f.length >= limit) };
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
