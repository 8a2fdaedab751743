/**
 * The remote basemap the worker is configured with (`GET /api/config`), if any and if it loads. The
 * atlas's own map never waits for it: it joins the map when it has loaded.
 */
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { addBasemap, fetchStyle, withBasemap, type Basemap, type BasemapConfig } from '../map/basemap.ts';

/** Options of {@link loadRemoteBasemap}. */
export interface RemoteBasemapOptions {
  /** Where the worker's configuration is read; default `/api/config`. */
  configUrl?: string;
  /** Called when a configured style could not be had (the atlas's own base stays the map). */
  onFail?: () => void;
}

/** The remote basemap: coming, and as far as it is known now. */
export interface RemoteBasemap {
  /** The base once it has loaded, or null when there is none or it failed. */
  loaded: Promise<Basemap | null>;
  /** The base if it has loaded by now, else null. */
  current(): Basemap | null;
}

/**
 * Starts loading the configured basemap.
 *
 * @param options - where the configuration is, what a failure does
 * @returns the base, coming
 * @example
 * const basemap = loadRemoteBasemap({ onFail: () => (status.textContent = 'basemap failed') });
 */
export function loadRemoteBasemap(options: RemoteBasemapOptions = {}): RemoteBasemap {
  let basemap: Basemap | null = null;
  const loaded = (async () => {
    const config = await fetch(options.configUrl ?? '/api/config')
      .then((r) => (r.ok ? (r.json() as Promise<{ basemap: BasemapConfig }>) : null))
      .catch(() => null);
    const wanted = config?.basemap;
    if (wanted?.tianditu) basemap = { tianditu: wanted.tianditu.token };
    else if (wanted?.style) {
      const style = await fetchStyle(wanted.style);
      if (style) basemap = { style };
      else options.onFail?.();
    }
    return basemap;
  })();
  return { loaded, current: () => basemap };
}

/**
 * The atlas's style with the base under it, if there is one.
 *
 * @param own - the atlas's style
 * @param base - the base, or null
 * @returns the style to set
 * @example
 * map.setStyle(withBase(atlasStyle(layers, { theme, year }), basemap.current()));
 */
export const withBase = (own: StyleSpecification, base: Basemap | null): StyleSpecification => (base ? withBasemap(own, base) : own);

/**
 * Adds the base to a new map once both have loaded. Call it right after the map is made: it waits for
 * the map's first style.
 *
 * @param map - the map, just made
 * @param basemap - the base, coming
 * @example
 * joinBasemap(map, basemap);
 */
export function joinBasemap(map: MapLibreMap, basemap: RemoteBasemap): void {
  const styleLoaded = new Promise<void>((resolve) => map.once('style.load', () => resolve()));
  void Promise.all([basemap.loaded, styleLoaded]).then(([b]) => {
    if (!b) return;
    // A theme change may have replaced the style meanwhile: it carries the basemap if it was known
    // by then; if not, the base joins once that style has loaded.
    const add = () => {
      if (!map.getStyle().layers.some((l) => l.id.startsWith('basemap-'))) addBasemap(map, b);
    };
    try {
      add();
    } catch {
      map.once('style.load', add);
    }
  });
}
