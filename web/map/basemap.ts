/**
 * An optional remote basemap under the atlas's own layers: any MapLibre style
 * URL, or 天地图 (Tianditu) WMTS tiles with the deployer's own token. Set in the
 * worker's configuration (`ATLAS_BASEMAP_STYLE`, `ATLAS_TIANDITU_TOKEN`), never
 * required: without it, or when it fails, the atlas's own base is the map.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

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

/**
 * Puts a remote base under the atlas's style: the remote style's sources and
 * layers (ids prefixed, so they cannot clash), or Tianditu's rasters; the
 * atlas's district fills go transparent so the base shows through.
 *
 * @param own - the atlas's style
 * @param base - a fetched MapLibre style, or Tianditu's sources
 * @returns the combined style
 * @example
 * withBasemap(atlasStyle(…), { tianditu: 'token' });
 */
export function withBasemap(own: StyleSpecification, base: { style: StyleSpecification } | { tianditu: string }): StyleSpecification {
  let sources: Record<string, SourceSpecification>;
  let layers: LayerSpecification[];
  let extra: Partial<StyleSpecification> = {};
  if ('tianditu' in base) {
    sources = tiandituSources(base.tianditu);
    layers = [
      { id: 'basemap-vec', type: 'raster', source: 'basemap-vec' },
      { id: 'basemap-cva', type: 'raster', source: 'basemap-cva' },
    ];
  } else {
    sources = Object.fromEntries(Object.entries(base.style.sources).map(([id, s]) => [`basemap-${id}`, s]));
    layers = base.style.layers.map((l) => ({ ...l, id: `basemap-${l.id}`, ...('source' in l && typeof l.source === 'string' ? { source: `basemap-${l.source}` } : {}) }) as LayerSpecification);
    // Its sprite comes along; its glyph server does not, since the atlas's labels are drawn from the
    // self-hosted font: the remote style's own labels are drawn locally too (MapLibre ≥ 5.11).
    extra = base.style.sprite ? { sprite: base.style.sprite } : {};
  }
  const ownLayers = own.layers.map((l) => (l.id === 'districts-fill' ? ({ ...l, paint: { ...(l as { paint?: object }).paint, 'fill-opacity': 0 } } as LayerSpecification) : l));
  const [background, ...rest] = ownLayers;
  return { ...own, ...extra, sources: { ...sources, ...own.sources }, layers: [background, ...layers, ...rest] };
}

/**
 * Fetches a remote style, giving up after a few seconds.
 *
 * @param url - the style's URL
 * @param timeoutMs - how long to wait
 * @returns the style, or null when it could not be had
 * @example
 * const style = await fetchStyle(config.style);
 */
export async function fetchStyle(url: string, timeoutMs = 4000): Promise<StyleSpecification | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const style = (await res.json()) as StyleSpecification;
    return style.version === 8 && Array.isArray(style.layers) && typeof style.sources === 'object' ? style : null;
  } catch {
    return null;
  }
}
