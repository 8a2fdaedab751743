/**
 * An optional remote basemap under the atlas's own layers: any MapLibre style
 * URL, or 天地图 (Tianditu) WMTS tiles with the deployer's own token. Set in the
 * worker's configuration (`ATLAS_BASEMAP_STYLE`, `ATLAS_TIANDITU_TOKEN`), never
 * required: without it, or when it fails, the atlas's own base is the map.
 */
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl';

/** What `GET /api/config` says of the basemap. */
export interface BasemapConfig {
  style: string | null;
  tianditu: { token: string } | null;
}

/** Tianditu's Web Mercator vector base (vec_w) and its Chinese annotation (cva_w), eight mirror hosts. */
export function tiandituSources(token: string): Record<string, SourceSpecification> {
  const tiles = (layer: 'vec' | 'cva') =>
    [0, 1, 2, 3, 4, 5, 6, 7].map(
      (n) =>
        `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(token)}`,
    );
  const attribution = '© 天地图 Tianditu (国家地理信息公共服务平台)';
  return {
    'basemap-vec': { type: 'raster', tiles: tiles('vec'), tileSize: 256, maxzoom: 18, attribution },
    'basemap-cva': { type: 'raster', tiles: tiles('cva'), tileSize: 256, maxzoom: 18 },
  };
}

/** A remote base: a fetched MapLibre style, or Tianditu with a token. */
export type Basemap = { style: StyleSpecification } | { tianditu: string };

/** A remote base's sources and layers, ids prefixed so they cannot clash with the atlas's, and its sprite. */
function basemapParts(base: Basemap): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[]; sprite?: StyleSpecification['sprite'] } {
  if ('tianditu' in base)
    return {
      sources: tiandituSources(base.tianditu),
      layers: [
        { id: 'basemap-vec', type: 'raster', source: 'basemap-vec' },
        { id: 'basemap-cva', type: 'raster', source: 'basemap-cva' },
      ],
    };
  return {
    sources: Object.fromEntries(Object.entries(base.style.sources).map(([id, s]) => [`basemap-${id}`, s])),
    layers: base.style.layers.map((l) => ({ ...l, id: `basemap-${l.id}`, ...('source' in l && typeof l.source === 'string' ? { source: `basemap-${l.source}` } : {}) }) as LayerSpecification),
    // Its sprite comes along; its glyph server does not, since the atlas's labels are drawn from the
    // self-hosted font: the remote style's own labels are drawn locally too (MapLibre ≥ 5.11).
    ...(base.style.sprite ? { sprite: base.style.sprite } : {}),
  };
}

/**
 * Puts a remote base under the atlas's style: the remote style's sources and
 * layers, or Tianditu's rasters, just above the background; the atlas's
 * district fills go transparent so the base shows through.
 *
 * @param own - the atlas's style
 * @param base - a fetched MapLibre style, or Tianditu's token
 * @returns the combined style
 * @example
 * withBasemap(atlasStyle(…), { tianditu: 'token' });
 */
export function withBasemap(own: StyleSpecification, base: Basemap): StyleSpecification {
  const { sources, layers, sprite } = basemapParts(base);
  const ownLayers = own.layers.map((l) => (l.id === 'districts-fill' ? ({ ...l, paint: { ...(l as { paint?: object }).paint, 'fill-opacity': 0 } } as LayerSpecification) : l));
  const [background, ...rest] = ownLayers;
  return { ...own, ...(sprite ? { sprite } : {}), sources: { ...sources, ...own.sources }, layers: [background, ...layers, ...rest] };
}

/**
 * Adds a remote base to a map already drawing the atlas's style, as
 * `withBasemap` would have placed it: the atlas does not wait for the base.
 *
 * @param map - the map, its style loaded
 * @param base - a fetched MapLibre style, or Tianditu's token
 * @example
 * map.once('style.load', () => addBasemap(map, { tianditu: 'token' }));
 */
export function addBasemap(map: MapLibreMap, base: Basemap): void {
  const { sources, layers, sprite } = basemapParts(base);
  if (typeof sprite === 'string') map.setSprite(sprite);
  else if (sprite) for (const { id, url } of sprite) map.addSprite(id, url);
  for (const [id, source] of Object.entries(sources)) map.addSource(id, source);
  // Just above the background, under every layer of the atlas.
  const above = map.getStyle().layers[1]?.id;
  for (const l of layers) map.addLayer(l, above);
  if (map.getLayer('districts-fill')) map.setPaintProperty('districts-fill', 'fill-opacity', 0);
}

/**
 * Fetches a remote style, giving up after a while. The atlas never waits for it (it joins when it
 * comes), so the limit only bounds how long a host that never answers goes unreported: generous,
 * for slow networks and busy machines (4 s was too short for a busy test machine).
 *
 * @param url - the style's URL
 * @param timeoutMs - how long to wait (15 s by default)
 * @returns the style, or null when it could not be had
 * @example
 * const style = await fetchStyle(config.style);
 */
export async function fetchStyle(url: string, timeoutMs = 15_000): Promise<StyleSpecification | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const style = (await res.json()) as StyleSpecification;
    return style.version === 8 && Array.isArray(style.layers) && typeof style.sources === 'object' ? style : null;
  } catch {
    return null;
  }
}
