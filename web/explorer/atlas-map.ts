/**
 * The explorer's map: made from the catalogue (each layer whole from the API, or from its tiles),
 * its controls, the performance marks the page's benchmark reads (bench/web.ts), its data and labels
 * once loaded, its style following the state's language, year and hidden layers, and the reader's
 * light or dark theme. The map's web worker is started before the catalogue is awaited.
 */
import { LngLatBounds, Map as MapLibreMap, NavigationControl, prewarm, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import type { CatalogEntry } from '../../geo/catalog.ts';
import type { Theme } from '../../geo/look.ts';
import type { Lang, ViewState } from '../../geo/state.ts';
import { collectAtlas, isTiled, type AtlasData } from '../data.ts';
import { loadFontFor } from '../fonts.ts';
import { applyLang, applyYear, atlasStyle, labelLayers, styleLayersOf, type MapLayer } from '../map/style.ts';
import { joinBasemap, withBase, type RemoteBasemap } from './remote-basemap.ts';
import type { Store } from './store.ts';

/** The four places and their neighbourhood. */
export const HOME_BOUNDS: [number, number, number, number] = [107.1, 30.45, 109.0, 31.6];

const darkScheme = () => matchMedia('(prefers-color-scheme: dark)');
const themeNow = (): Theme => (darkScheme().matches ? 'dark' : 'light');

/**
 * Starts MapLibre's web worker loading now, while the catalogue is awaited, not when the map is made
 * (200–300 ms sooner to the first idle in two same-build comparisons, bench/RESULTS.md).
 *
 * @example
 * startMapWorker(); const catalog = await loadCatalog();
 */
export function startMapWorker(): void {
  setWorkerUrl(workerUrl);
  prewarm();
}

/** Options of {@link createAtlasMap}. */
export interface AtlasMapOptions {
  /** The catalogue: which layers there are, bottom first, and how each comes. */
  catalog: CatalogEntry[];
  /** The view's state (the map starts at its year and camera; the test hook reads it). */
  state(): ViewState;
  /** The remote basemap, coming, if the worker is configured with one. */
  basemap?: RemoteBasemap;
  /** The map's element or its id; default `'map'`. */
  container?: string | HTMLElement;
  /** Where the map starts when the state has no camera; default {@link HOME_BOUNDS}. */
  home?: [number, number, number, number];
}

/** The explorer's map and what the page does with it. */
export interface AtlasMap {
  map: MapLibreMap;
  /** The catalogue's layer ids, bottom first. */
  ids: string[];
  /** Waits for the map to load, then collects the data and adds the labels once their font has loaded. */
  loadData(): Promise<AtlasData>;
  /** Shows a year at once (the state's year is shown by {@link AtlasMap.follow}). */
  showYear(year: number): void;
  /** Makes the map follow the state's language, year and hidden layers. */
  follow(store: Store): void;
  /** Redraws the map in the reader's theme when it changes; `restyled` brings the rest back onto the new style. */
  followTheme(data: AtlasData, restyled: () => void): void;
  /** Resolves the test hook's `ready`: the page is wired. */
  ready(): void;
}

/** How the map draws a layer of the catalogue: whole from the API, or from its tiles. */
function mapLayerOf(l: CatalogEntry): MapLayer {
  const look = { id: l.id, geometry: l.geometry, ...(l.extra ? { colour: l.extra.colour, attribution: [l.extra.source.title, l.extra.attribution].filter(Boolean).join(' · ') } : {}) };
  // MapLibre's tile URLs must be absolute; the template's braces must stay as they are (new URL would escape them).
  if (isTiled(l) && l.tiles) return { ...look, tiles: `${location.origin}${l.tiles}`, maxzoom: l.maxzoom ?? 14, bounds: l.bbox, ...(l.archive ? { archive: l.archive } : {}) };
  return { ...look, data: new URL(`/api/layers/${encodeURIComponent(l.id)}`, location.href).href };
}

/**
 * Makes the map and starts loading the labels' font beside it.
 *
 * @param options - the catalogue, the state, the basemap, where the map goes
 * @returns the map and what the page does with it
 * @example
 * const atlas = createAtlasMap({ catalog, state: store.state, basemap });
 * const data = await atlas.loadData();
 */
export function createAtlasMap(options: AtlasMapOptions): AtlasMap {
  const { catalog, state } = options;
  const ids = catalog.map((l) => l.id);
  const mapLayers = catalog.map(mapLayerOf);
  // An external archive's style layers are named by its map layer (its source-layers); every other layer's by its id.
  const archives = new Map(mapLayers.flatMap((l) => ('archive' in l && l.archive ? [[l.id, l] as const] : [])));
  const styleIdsOf = (id: string) => styleLayersOf(archives.get(id) ?? id);
  const labelsFor = (view: { lang: Lang; year: number }) => labelLayers(mapLayers, { theme: themeNow(), lang: view.lang, year: view.year });
  // Labels wait for their font (MapLibre draws each glyph once and keeps it): the catalogue lists the
  // names' characters, so the font's subsets load beside the map, not after it.
  const listedFont = loadFontFor(catalog.map((l) => l.chars ?? '').join(''));
  const { year, center, zoom } = state();
  const map = new MapLibreMap({
    container: options.container ?? 'map',
    style: atlasStyle(mapLayers, { theme: themeNow(), year }),
    ...(center && zoom !== null ? { center, zoom } : { bounds: new LngLatBounds(options.home ?? HOME_BOUNDS) }),
    attributionControl: { compact: false },
    // Chinese glyphs are drawn in the browser from the self-hosted font, not fetched from a glyph server.
    localIdeographFontFamily: "'Noto Sans SC', sans-serif",
    // Labels appear without a fade: the map is still sooner, and no motion is added.
    fadeDuration: 0,
  });
  if (options.basemap) joinBasemap(map, options.basemap);
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.once('idle', () => performance.mark('atlas-first-idle'));
  map.once('load', () => performance.mark('atlas-map-load'));
  const onSource = () => {
    if (ids.every((id) => map.isSourceLoaded(id))) {
      performance.mark('atlas-sources');
      map.off('sourcedata', onSource);
    }
  };
  map.on('sourcedata', onSource);
  let ready: () => void = () => {};
  // A hook for the browser tests and for people debugging in the console.
  (window as unknown as { atlas: unknown }).atlas = { map, layers: ids, styleLayersOf: styleIdsOf, state, ready: new Promise<void>((r) => (ready = r)) };
  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));

  return {
    map,
    ids,
    async loadData() {
      await loaded;
      const collected = collectAtlas(catalog, (id) => (map.getSource(id) as GeoJSONSource).getData());
      // Its failure is reported where it is awaited, below, not also as an unhandled rejection meanwhile.
      collected.catch(() => {});
      // A manifest published before the catalogue listed characters: the names are read from the data.
      const unlisted = catalog.some((l) => l.chars === undefined);
      await Promise.all([listedFont, unlisted && collected.then((d) => loadFontFor([...d.byId.values()].map(({ feature: f }) => f.properties.name_zh + f.properties.name_en).join('')))]);
      for (const l of labelsFor(state())) map.addLayer(l);
      map.once('idle', () => performance.mark('atlas-labels-drawn'));
      return collected;
    },
    showYear: (year) => applyYear(map, ids, year),
    follow(store) {
      store.follow(({ state, changed }) => {
        if (changed('lang')) applyLang(map, ids, state.lang);
        if (changed('year')) applyYear(map, ids, state.year);
        if (changed('hidden')) for (const id of ids) for (const l of styleIdsOf(id)) if (map.getLayer(l)) map.setLayoutProperty(l, 'visibility', state.hidden.includes(id) ? 'none' : 'visible');
      });
    },
    followTheme(data, restyled) {
      darkScheme().addEventListener('change', () => {
        // The whole layers' data is in the page already; tiled ones keep their tiles.
        const layers = mapLayers.map((l): MapLayer => ('data' in l ? { ...l, data: { type: 'FeatureCollection', features: data.features.get(l.id)! } as FeatureCollection } : l));
        // Listened for before the style is set: a style MapLibre can patch in place is loaded at once.
        map.once('style.load', () => {
          for (const l of labelsFor(state())) map.addLayer(l);
          restyled();
        });
        map.setStyle(withBase(atlasStyle(layers, { theme: themeNow(), year: state().year }), options.basemap?.current() ?? null));
      });
    },
    ready: () => ready(),
  };
}
