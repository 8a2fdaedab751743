/**
 * The explorer: the map, the layers panel, the year, feature details, search,
 * and the analysis panel (loaded when first needed). The URL holds the view.
 */
import { LngLatBounds, Map as MapLibreMap, NavigationControl, prewarm, ScaleControl, setWorkerUrl, type GeoJSONSource, type MapGeoJSONFeature, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import type { AtlasFeature } from '../geo/bundle.ts';
import { existsIn } from '../geo/lifecycle.ts';
import { LAYER_IDS } from '../geo/catalog.ts';
import type { ThematicProps } from '../geo/schema.ts';
import { anchorOf, collectAtlas, isTiled, loadCatalog, resolveFeature, searchTiled, type AtlasData, type KnownFeature } from './data.ts';
import type { CatalogEntry } from '../geo/catalog.ts';
import { t, type StringKey } from './i18n.ts';
import { addBasemap, fetchStyle, withBasemap, type Basemap, type BasemapConfig } from './map/basemap.ts';
import { applyLang, applyYear, atlasStyle, labelLayers, styleLayersOf, type MapLayer } from './map/style.ts';
import type { Theme } from '../geo/look.ts';
import { cameraFor, showSelection } from './map/selection.ts';
import { PANELS, readState, writeState, YEARS, type Panel, type ViewState } from '../geo/state.ts';
import { renderDetails } from './ui/details.ts';
import { closeStack, openStack, type StackItem } from './ui/stack.ts';
import { clickBox } from './map/click.ts';
import { renderLayers, renderStatusLegend } from './ui/layers.ts';
import { keepFocus } from './ui/dom.ts';
import { listedUnasked, MAX_RESULTS, rank, renderResults, searchFeatures, wireResultKeys, type Listed } from './ui/search.ts';
import { loadFontFor } from './fonts.ts';

setWorkerUrl(workerUrl);
// The map's web worker starts loading now, while the catalogue is awaited, not when the map is made
// (200–300 ms sooner to the first idle in two same-build comparisons, bench/RESULTS.md).
prewarm();

/** The four places and their neighbourhood. */
const HOME_BOUNDS: [number, number, number, number] = [107.1, 30.45, 109.0, 31.6];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
const themeNow = (): Theme => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

let state: ViewState = readState(location.search);
let data: AtlasData;
let map: MapLibreMap;
/** The catalogue's layers, bottom first, and how the map draws each. */
let ids: string[] = [];
let mapLayers: MapLayer[] = [];
let analysis: ReturnType<typeof import('./analysis/panel.ts').mountAnalysis> | null = null;
let analysisLoading: Promise<void> | null = null;

/** Changes the state; `push` makes a history entry (a user's step), else the entry is replaced (panning). */
function update(patch: Partial<ViewState>, push: boolean): void {
  const before = state;
  state = { ...state, ...patch };
  const url = `${location.pathname}${writeState(state)}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  apply(before);
}

/** Brings the page in line with the state, touching only what changed. */
function apply(before: ViewState | null): void {
  const changed = (k: keyof ViewState) => before === null || JSON.stringify(before[k]) !== JSON.stringify(state[k]);
  if (changed('lang')) {
    applyStrings();
    applyLang(map, ids, state.lang);
  }
  // A list of the features under a click says their status in a year and their names in a language.
  if (changed('year') || changed('lang')) closeStack();
  if (changed('year')) {
    applyYear(map, ids, state.year);
    $('year').setAttribute('aria-valuetext', String(state.year));
  }
  if (changed('hidden')) for (const id of ids) for (const l of styleLayersOf(id)) if (map.getLayer(l)) map.setLayoutProperty(l, 'visibility', state.hidden.includes(id) ? 'none' : 'visible');
  if (changed('lang') || changed('year') || changed('hidden')) {
    renderPanelLayers();
    renderSearch();
  }
  if (changed('panel')) showPanel(state.panel);
  if (changed('feature') || changed('lang') || changed('year') || changed('hidden')) showDetails();
  if (before && (changed('center') || changed('zoom')) && state.center && state.zoom !== null) {
    const c = map.getCenter();
    if (Math.abs(c.lng - state.center[0]) > 1e-4 || Math.abs(c.lat - state.center[1]) > 1e-4 || Math.abs(map.getZoom() - state.zoom) > 0.01) map.jumpTo({ center: state.center, zoom: state.zoom });
  }
  // Once loaded, the analysis panel follows every change (going back to no reach clears its bands).
  if (state.panel === 'analysis' || state.from || analysis) {
    if (changed('from') || changed('bands') || changed('year') || changed('lang') || changed('panel') || changed('compare') || !analysis) void withAnalysis((a) => a.refresh());
  }
}

/** Loads the analysis panel on first use. */
async function withAnalysis(fn: (a: NonNullable<typeof analysis>) => Promise<void> | void): Promise<void> {
  if (!analysis) {
    analysisLoading ??= import('./analysis/panel.ts').then(({ mountAnalysis }) => {
      analysis = mountAnalysis({ root: $('pane-analysis'), map, data, state: () => state, update, select: (id) => void select(id, true) });
    });
    await analysisLoading;
  }
  await fn(analysis!);
}

function applyStrings(): void {
  const lang = state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t(lang, 'title')} · ${t(lang === 'zh' ? 'en' : 'zh', 'title')}`;
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n]')) e.textContent = t(lang, e.dataset.i18n as StringKey);
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) e.setAttribute('aria-label', t(lang, e.dataset.i18nLabel as StringKey));
  const button = $('lang');
  button.textContent = t(lang, 'switchLang');
  button.setAttribute('aria-label', t(lang, 'switchLangLabel'));
  button.lang = lang === 'zh' ? 'en' : 'zh-CN';
  $('panel').setAttribute('aria-label', t(lang, 'panels'));
  $('q').setAttribute('placeholder', t(lang, 'searchPlaceholder'));
  $('year').setAttribute('aria-valuetext', `${state.year}`);
  renderPlayButton();
  renderStatusLegend($('status-legend'), lang);
}

function counts(): Map<string, number> {
  // A tiled layer's features are not in the page: the catalogue counted them for each year.
  return new Map(
    data.layers.map((l) => [l.id, isTiled(l) ? (l.countsByYear?.[state.year] ?? l.count) : (data.features.get(l.id) ?? []).filter((f) => existsIn(f.properties as ThematicProps, state.year)).length]),
  );
}

function renderPanelLayers(): void {
  keepFocus($('layer-groups'), () =>
    renderLayers($('layer-groups'), state.lang, data.layers, counts(), state.hidden, (id, shown) =>
      update({ hidden: shown ? state.hidden.filter((h) => h !== id) : [...state.hidden, id] }, true),
    ),
  );
}

let searchRun = 0;
let searchTimer: number | undefined;

/** Lists the search's results: the whole layers' at once, then, for tiled layers, the API's matches or the features the map shows. */
function renderSearch(): void {
  const query = ($('q') as HTMLInputElement).value;
  const run = ++searchRun;
  const show = (hits: readonly Listed[], more = false) =>
    keepFocus($('results'), () => renderResults($('results'), $('result-count'), data, hits, state.lang, (id, layer) => void select(id, true, layer), more));
  const local = searchFeatures(data, query, state).map(listed);
  const tiled = data.layers.filter(isTiled);
  clearTimeout(searchTimer);
  if (tiled.length === 0) return show(local);
  // With no query, what the map shows: the tiled layers' features take at most half of the list, so neither kind hides the other.
  if (query.trim() === '') return show([...drawnFromTiles(tiled).slice(0, local.length ? MAX_RESULTS / 2 : MAX_RESULTS), ...local]);
  show(local);
  // Typing fast asks the API once, after a pause; an answer to an older query is dropped.
  searchTimer = window.setTimeout(() => {
    void searchTiled(data, query, MAX_RESULTS).then(({ hits: remote, more }) => {
      if (run !== searchRun) return;
      const hits = rank([...searchFeatures(data, query, state), ...remote], query.trim());
      show(hits.map(listed), more);
    });
  }, 150);
}

const listed = (h: KnownFeature): Listed => ({ layer: h.layer, properties: h.feature.properties });

/** The features of tiled layers that the map draws now, once each (a feature may cross several tiles). */
function drawnFromTiles(tiled: readonly CatalogEntry[]): Listed[] {
  const seen = new Set<string>();
  const out: Listed[] = [];
  for (const l of tiled) {
    if (state.hidden.includes(l.id) || !listedUnasked(l.id)) continue;
    for (const f of map.queryRenderedFeatures({ layers: styleLayersOf(l.id).filter((s) => map.getLayer(s)) })) {
      const id = String(f.properties.id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ layer: l.id, properties: { id, name_zh: String(f.properties.name_zh ?? id), name_en: String(f.properties.name_en ?? id) } });
      if (out.length >= MAX_RESULTS) return out;
    }
  }
  return out;
}

function showPanel(panel: Panel): void {
  for (const p of PANELS) {
    const tab = $(`tab-${p}`);
    tab.setAttribute('aria-selected', String(p === panel));
    tab.tabIndex = p === panel ? 0 : -1;
    $(`pane-${p}`).hidden = p !== panel;
  }
}

let picks = 0;

/** Opens a feature's details (and shows it on the map when asked); a tiled layer's feature is fetched first. */
async function select(id: string, fly: boolean, layer?: string): Promise<void> {
  const pick = ++picks;
  // A slow fetch must not undo a later pick.
  if (!(await resolveFeature(data, id, layer)) || pick !== picks) return;
  update({ feature: id }, true);
  if (fly) flyTo(id);
  ($('details-title') as HTMLElement | null)?.focus();
}

/** Shows a feature on the map: a point close up, a line or area fitted whole in the view. */
function flyTo(id: string): void {
  const hit = data.byId.get(id);
  if (!hit) return;
  const target = cameraFor(hit.feature, map.getZoom());
  const duration = reducedMotion() ? 0 : 800;
  if ('bounds' in target) map.fitBounds(target.bounds, { padding: 60, maxZoom: 13, duration });
  else map.flyTo({ ...target, duration });
}

/** The feature a link named that the page asked its layer for: asked once, however often the year moves. */
let asked: string | null = null;

function showDetails(): void {
  const section = $('details');
  const wanted = state.feature;
  const hit = wanted ? data.byId.get(wanted) : undefined;
  // The halo only where the feature is drawn: its layer shown, and on the map of the year.
  showSelection(map, hit && !state.hidden.includes(hit.layer) && existsIn(hit.feature.properties, state.year) ? hit.feature : null);
  if (!hit) {
    section.hidden = true;
    section.replaceChildren();
    // A link to a tiled layer's feature: the page fetches it, then shows it if it is still wanted.
    if (wanted && wanted !== asked && data.layers.some(isTiled)) {
      asked = wanted;
      void resolveFeature(data, wanted).then((found) => found && state.feature === wanted && showDetails());
    }
    return;
  }
  const layer = data.layers.find((l) => l.id === hit.layer);
  // An extra layer's features may leave their source and position quality to the layer's.
  const extra = layer?.extra;
  const own = hit.feature.properties as unknown as Record<string, unknown>;
  const feature = extra ? ({ ...hit.feature, properties: { source: extra.source, accuracy: extra.accuracy, uncertainty_km: extra.uncertainty_km, ...own } } as AtlasFeature) : hit.feature;
  renderDetails(section, state.lang, feature, layer?.title[state.lang] ?? hit.layer, state.year, {
    close: () => update({ feature: null }, true),
    flyTo: () => flyTo(hit.feature.properties.id),
    reachFrom: () => update({ from: reachOriginOf(hit), panel: 'analysis' }, true),
  });
  section.hidden = false;
}

/** A feature as a reach origin: an atlas point's id (the analyses know it), else the position it is shown at. */
function reachOriginOf({ layer, feature }: KnownFeature): string {
  const own = (LAYER_IDS as readonly string[]).includes(layer);
  return own && feature.geometry.type === 'Point' ? feature.properties.id : anchorOf(feature).map((v) => v.toFixed(4)).join(',');
}

function renderPlayButton(): void {
  const button = $('play');
  const playing = button.getAttribute('aria-pressed') === 'true';
  button.textContent = playing ? '❚❚' : '▶';
  button.setAttribute('aria-label', t(state.lang, playing ? 'pause' : 'play'));
}

/** The year slider: dragging shows each year at once; the year lands in the history when let go. Play steps through the plan. */
function wireTimeline(): void {
  const slider = $('year') as HTMLInputElement;
  const out = $('year-out') as HTMLOutputElement;
  slider.min = String(YEARS.min);
  slider.max = String(YEARS.max);
  slider.value = String(state.year);
  out.value = String(state.year);
  slider.addEventListener('input', () => {
    out.value = slider.value;
    applyYear(map, ids, Number(slider.value));
  });
  slider.addEventListener('change', () => update({ year: Number(slider.value) }, true));
  let timer: number | null = null;
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('play').setAttribute('aria-pressed', 'false');
    renderPlayButton();
  };
  $('play').addEventListener('click', () => {
    if (timer !== null) return stop();
    $('play').setAttribute('aria-pressed', 'true');
    renderPlayButton();
    let year = state.year >= YEARS.max ? YEARS.min : state.year;
    timer = window.setInterval(
      () => {
        slider.value = String(year);
        out.value = String(year);
        update({ year }, false);
        if (++year > YEARS.max) stop();
      },
      reducedMotion() ? 1500 : 700,
    );
  });
  addEventListener('popstate', () => {
    stop();
    const before = state;
    state = readState(location.search, ids);
    slider.value = out.value = String(state.year);
    apply(before);
  });
}

function wireControls(): void {
  $('lang').addEventListener('click', () => update({ lang: state.lang === 'zh' ? 'en' : 'zh' }, true));
  $('share').addEventListener('click', () => void import('./share/dialog.ts').then(({ openShareDialog }) => openShareDialog(state.lang, state)));
  const tabs = PANELS.map((p) => $(`tab-${p}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => update({ panel: tab.dataset.panel as Panel }, true));
    // Arrow keys move between tabs (WAI-ARIA tabs pattern).
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      update({ panel: next.dataset.panel as Panel }, true);
    });
  });
  $('q').addEventListener('input', () => {
    renderSearch();
  });
  wireResultKeys($('q') as HTMLInputElement, $('results'));
}

/** The features under a click, each once, the topmost first, with what the page knows of them. */
function stackAt(hits: readonly MapGeoJSONFeature[]): StackItem[] {
  const titles = new Map(data.layers.map((l) => [l.id, l.title[state.lang]]));
  const seen = new Set<string>();
  const items: StackItem[] = [];
  for (const h of hits) {
    const id = String(h.properties.id);
    if (seen.has(id)) continue;
    seen.add(id);
    // A whole layer's feature as the page holds it; a tiled one's as its tile carries it.
    const known = data.byId.get(id)?.feature.properties;
    items.push({ layer: h.source, layerTitle: titles.get(h.source) ?? h.source, properties: (known ?? h.properties) as StackItem['properties'] });
  }
  return items;
}

function wireMap(): void {
  // Computed once: every mouse move asks for them (a theme change re-adds the same layers).
  const layers = ids.filter((id) => id !== 'districts').flatMap((id) => styleLayersOf(id)).filter((l) => map.getLayer(l));
  const clickable = () => layers;
  map.on('click', (e) => {
    const items = stackAt(map.queryRenderedFeatures(clickBox(e.point), { layers: clickable() }) as MapGeoJSONFeature[]);
    if (items.length === 1) return void select(items[0].properties.id, false, items[0].layer);
    // Several features here (nineteen on the 万州 seat): the reader chooses.
    if (items.length > 1) return void openStack(map, e.lngLat, items, { lang: state.lang, year: state.year, pick: (id, layer) => void select(id, false, layer) });
    // Empty ground starts a reach only where one was asked for: in the analysis tab.
    if (state.panel === 'analysis') update({ from: `${e.lngLat.lng.toFixed(4)},${e.lngLat.lat.toFixed(4)}` }, true);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = map.queryRenderedFeatures(clickBox(e.point), { layers: clickable() }).length ? 'pointer' : '';
  });
  map.on('moveend', () => {
    const c = map.getCenter();
    update({ center: [Number(c.lng.toFixed(4)), Number(c.lat.toFixed(4))], zoom: Number(map.getZoom().toFixed(2)) }, false);
  });
  // The list of what the map shows follows the view when tiled layers are on it (their features come with the tiles).
  if (data.layers.some((l) => isTiled(l) && listedUnasked(l.id))) map.on('idle', () => ($('q') as HTMLInputElement).value.trim() === '' && renderSearch());
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    // The whole layers' data is in the page already; tiled ones keep their tiles.
    const layers = mapLayers.map((l): MapLayer => ('data' in l ? { ...l, data: { type: 'FeatureCollection', features: data.features.get(l.id)! } as FeatureCollection } : l));
    // Listened for before the style is set: a style MapLibre can patch in place is loaded at once.
    map.once('style.load', () => {
      for (const l of labelLayers(mapLayers, { theme: themeNow(), lang: state.lang, year: state.year })) map.addLayer(l);
      apply(null);
      analysis?.redraw();
    });
    map.setStyle(withBase(atlasStyle(layers, { theme: themeNow(), year: state.year }), basemap));
  });
}

/** The remote basemap the worker is configured with, if any and if it loads. */
let basemap: Basemap | null = null;

async function remoteBase(): Promise<Basemap | null> {
  const config = await fetch('/api/config')
    .then((r) => (r.ok ? (r.json() as Promise<{ basemap: BasemapConfig }>) : null))
    .catch(() => null);
  const wanted = config?.basemap;
  if (wanted?.tianditu) basemap = { tianditu: wanted.tianditu.token };
  else if (wanted?.style) {
    const style = await fetchStyle(wanted.style);
    if (style) basemap = { style };
    else $('status-line').textContent = t(state.lang, 'basemapFailed');
  }
  return basemap;
}

const withBase = (own: StyleSpecification, base: typeof basemap) => (base ? withBasemap(own, base) : own);

/** How the map draws a layer of the catalogue: whole from the API, or from its tiles. */
function mapLayerOf(l: CatalogEntry): MapLayer {
  const look = { id: l.id, geometry: l.geometry, ...(l.extra ? { colour: l.extra.colour, attribution: l.extra.source.title } : {}) };
  // MapLibre's tile URLs must be absolute; the template's braces must stay as they are (new URL would escape them).
  if (isTiled(l) && l.tiles) return { ...look, tiles: `${location.origin}${l.tiles}`, maxzoom: l.maxzoom ?? 14, bounds: l.bbox };
  return { ...look, data: new URL(`/api/layers/${encodeURIComponent(l.id)}`, location.href).href };
}

async function main(): Promise<void> {
  applyStrings();
  showPanel(state.panel);
  // A remote basemap joins when it has loaded: the atlas's own map never waits for it.
  const base = remoteBase();
  // The catalogue (preloaded by index.html) says which layers there are and how each comes: whole, its
  // GeoJSON fetched and parsed by MapLibre's worker, or as vector tiles once it is large.
  const catalog = await loadCatalog();
  performance.mark('atlas-catalog');
  ids = catalog.map((l) => l.id);
  state = { ...state, hidden: readState(location.search, ids).hidden };
  mapLayers = catalog.map(mapLayerOf);
  // Labels wait for their font (MapLibre draws each glyph once and keeps it): the catalogue lists the
  // names' characters, so the font's subsets load beside the map, not after it.
  const listedFont = loadFontFor(catalog.map((l) => l.chars ?? '').join(''));
  map = new MapLibreMap({
    container: 'map',
    style: atlasStyle(mapLayers, { theme: themeNow(), year: state.year }),
    ...(state.center && state.zoom !== null ? { center: state.center, zoom: state.zoom } : { bounds: new LngLatBounds(HOME_BOUNDS) }),
    attributionControl: { compact: false },
    // Chinese glyphs are drawn in the browser from the self-hosted font, not fetched from a glyph server.
    localIdeographFontFamily: "'Noto Sans SC', sans-serif",
    // Labels appear without a fade: the map is still sooner, and no motion is added.
    fadeDuration: 0,
  });
  const styleLoaded = new Promise<void>((resolve) => map.once('style.load', () => resolve()));
  void Promise.all([base, styleLoaded]).then(([b]) => {
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
  (window as unknown as { atlas: unknown }).atlas = { map, layers: ids, styleLayersOf, state: () => state, ready: new Promise<void>((r) => (ready = r)) };
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  const collected = collectAtlas(catalog, (id) => (map.getSource(id) as GeoJSONSource).getData());
  // Its failure is reported where it is awaited, below, not also as an unhandled rejection meanwhile.
  collected.catch(() => {});
  // A manifest published before the catalogue listed characters: the names are read from the data.
  const unlisted = catalog.some((l) => l.chars === undefined);
  await Promise.all([listedFont, unlisted && collected.then((d) => loadFontFor([...d.byId.values()].map(({ feature: f }) => f.properties.name_zh + f.properties.name_en).join('')))]);
  for (const l of labelLayers(mapLayers, { theme: themeNow(), lang: state.lang, year: state.year })) map.addLayer(l);
  map.once('idle', () => performance.mark('atlas-labels-drawn'));
  data = await collected;
  apply(null);
  wireTimeline();
  wireControls();
  wireMap();
  ready();
}

main().catch((err: unknown) => {
  console.error(err);
  $('status-line').textContent = `${t(state.lang, 'failed')}: ${(err as Error).message}`;
});
