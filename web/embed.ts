/**
 * The embed: one view of the atlas with minimal chrome, for a news page's iframe.
 * `/embed/:view` shows a named view (geo/data/views.json); `/embed?<state>` any
 * explorer state. Options in the URL: `lang` (zh, en), `theme` (light, dark,
 * auto), `interactive` (1, 0: a static camera), `legend` (1, 0), `matrix` (1, 0), `height` (px of
 * map; by default from the frame's width), and a newsroom's own title, caption, markers, highlight, callout
 * and labels (geo/annotations.ts). It tells its parent page its height (postMessage), so the
 * embed script can size the iframe; in a frame that does not follow it, it shortens its map instead.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { Map as MapLibreMap, prewarm, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { readAnnotations, retitled } from '../geo/annotations.ts';
import { CATALOG } from '../geo/catalog.ts';
import { FOUR_PLACE_IDS, FOUR_PLACES } from '../geo/four-places.ts';
import type { View } from '../geo/views.ts';
import { fetchImpact, fetchMatrix, fetchReach, fetchRoute, fetchView, layerUrl } from './api.ts';
import { matrixCsv } from './analysis/csv.ts';
import { matrixTable } from './analysis/matrix-table.ts';
import { bandLegend } from './analysis/legend.ts';
import { drawReach } from './analysis/overlay.ts';
import { drawRoute } from './analysis/route-overlay.ts';
import { loadFontFor } from './fonts.ts';
import type { Lang } from '../geo/state.ts';
import { t } from './i18n.ts';
import { LAYER_COLOURS, STATUS_LEGEND, type Theme } from '../geo/look.ts';
import { atlasStyle, labelLayers } from './map/style.ts';
import { readState, viewFromState, writeState } from '../geo/state.ts';
import { el } from './ui/dom.ts';
import { chosenLabels, drawAnnotations, framedWith, renderNote } from './embed-annotations.ts';
import { creditLine, fitFrame, foldNarrowAttribution, framedPositions, keepInFrame, localiseAttribution, mapHeightFor } from './embed-frame.ts';

setWorkerUrl(workerUrl);
// The map's web worker loads while the view is fetched (as in web/main.ts).
prewarm();

const query = new URLSearchParams(location.search);
const lang: Lang = query.get('lang') === 'en' ? 'en' : 'zh';
const themeOption = query.get('theme');
const theme: Theme = themeOption === 'dark' || themeOption === 'light' ? themeOption : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
const interactive = query.get('interactive') !== '0';
const showLegend = query.get('legend') !== '0';
const showMatrix = query.get('matrix') !== '0';
const heightOption = query.get('height');
const annotations = readAnnotations(query);
/** Set by web/public/embed.js (in the URL, or by a message), whose frame follows the embed's height: nothing to shorten. */
let responsive = location.hash === '#atlas-responsive';
addEventListener('message', (e) => {
  if (e.source !== parent || (e.data as { type?: string } | null)?.type !== 'atlas:responsive' || responsive) return;
  responsive = true;
  layout();
});
const $ = (id: string) => document.getElementById(id)!;

/** The view: a named one, or one made from an explorer state. */
async function loadView(): Promise<View> {
  const named = /^\/embed\/([a-z0-9-]+)$/.exec(location.pathname);
  if (named) return retitled(await fetchView(named[1]), annotations);
  return viewFromState(readState(location.search));
}

/** The explorer at the same view. */
function explorerLink(view: View): string {
  const s = readState('');
  const state = {
    ...s,
    lang,
    year: view.year,
    hidden: CATALOG.map((l) => l.id).filter((id) => !view.layers.includes(id)),
    center: view.camera.center,
    zoom: view.camera.zoom,
    // The explorer draws one reach at a time: the view's first origin, with the analysis panel open.
    from: view.reach?.from[0] ?? null,
    bands: view.reach?.bands ?? s.bands,
    panel: view.reach || view.matrix || view.route || view.impact ? ('analysis' as const) : s.panel,
    route: view.route ? ([view.route.from, view.route.to] as [string, string]) : null,
    with: view.with ?? [],
    without: view.without ?? [],
    annotations,
  };
  return `/${writeState(state)}`;
}

/** What the tests read of the embed: its map, layers, the places kept in frame and how much the map was shortened. */
const atlas: { map?: MapLibreMap; layers: string[]; places: { id: string; at: [number, number] }[]; shrunk: number } = { layers: [], places: [], shrunk: 0 };
(window as unknown as { atlas: typeof atlas }).atlas = atlas;

/** Sizes the map for the frame's width (and, in a fixed frame, its height), then tells the parent. */
function layout(): void {
  const mapEl = $('map');
  const natural = mapHeightFor(heightOption, innerWidth);
  if (parent === window || responsive) mapEl.style.height = `${natural}px`;
  else atlas.shrunk = fitFrame(mapEl, natural);
  postHeight();
}

/** Tells the parent page how tall the embed is. */
function postHeight(): void {
  if (parent === window) return;
  // The body's own height, not the document's (never less than the frame's): a frame can also shrink.
  parent.postMessage({ type: 'atlas:height', height: Math.ceil(document.body.getBoundingClientRect().height), href: location.href }, '*');
}

function renderLegend(view: View): void {
  if (!showLegend) return;
  const list = el('ul', '', { class: 'legend-list' });
  for (const layer of CATALOG.filter((l) => view.layers.includes(l.id) && l.id !== 'districts')) {
    const swatch = el('span', '', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = layer.id === 'rail' || layer.id === 'places' ? 'var(--ink)' : LAYER_COLOURS[layer.id];
    const li = el('li');
    li.append(swatch, el('span', layer.title[lang]));
    list.append(li);
  }
  const statuses = el('ul', '', { class: 'legend-list statuses' });
  for (const s of STATUS_LEGEND) {
    const li = el('li');
    const dash = el('span', '', { class: `dash dash-${s.status}`, 'aria-hidden': 'true' });
    dash.style.opacity = String(s.opacity);
    li.append(dash, el('span', t(lang, s.status)));
    statuses.append(li);
  }
  $('legend').append(list, statuses);
  if (view.reach) $('legend').append(bandLegend(lang, view.reach.bands, theme));
}

/** The four places' matrix of the view's year, when the view has one; nothing when it cannot be had. */
async function renderMatrix(view: View): Promise<void> {
  if (!view.matrix || !showMatrix) return;
  const matrix = await fetchMatrix({ places: [...FOUR_PLACE_IDS], year: view.year, ...scenarioOf(view) }).catch(() => null);
  if (!matrix) return;
  const names = (l: Lang, id: string | null) => FOUR_PLACES.find((p) => p.id === id)?.name[l] ?? id ?? '';
  $('matrix').append(matrixTable(matrix, { lang, name: (id) => names(lang, id) }), matrixCsv(matrix, lang, names));
}

/** The view's scenario, as the analyses take it: nothing when it has none. */
const scenarioOf = (view: View) => ({ ...(view.with?.length ? { with: view.with } : {}), ...(view.without?.length ? { without: view.without } : {}) });

/** The project-impact chart of the view's year, under the map, when the view is one (the code loads only then). */
async function renderImpactChart(view: View): Promise<void> {
  if (!view.impact) return;
  const [{ drawChart }, answer] = await Promise.all([import('./analysis/impact.ts'), fetchImpact({ year: view.year }).catch(() => null)]);
  if (!answer) return;
  const holder = el('div', '', { class: 'impact-chart', id: 'impact' });
  $('matrix').before(holder);
  drawChart(holder, answer, { lang, theme });
}

async function main(): Promise<void> {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.theme = theme;
  const view = await loadView();
  $('title').textContent = view.title[lang];
  $('caption').textContent = view.caption[lang];
  renderNote(annotations, $('caption'));
  const ids = CATALOG.map((l) => l.id).filter((id) => view.layers.includes(id));
  $('source').textContent = creditLine(lang, ids);
  const open = $('open') as HTMLAnchorElement;
  open.href = explorerLink(view);
  open.textContent = lang === 'zh' ? '在地图集中打开' : 'Open in the atlas';
  document.title = `${view.title[lang]} · ${t(lang, 'title')}`;
  const mapEl = $('map');
  mapEl.setAttribute('aria-label', `${view.title[lang]}. ${view.caption[lang]}`);
  renderLegend(view);
  layout();
  void renderMatrix(view).then(layout);
  void renderImpactChart(view).then(layout);
  void document.fonts.ready.then(layout);
  addEventListener('resize', layout);
  new ResizeObserver(postHeight).observe(document.body);

  // A view's layers load whole, as GeoJSON: the embed builds its style from the static catalogue and
  // does not ask the worker's, so even the districts, which the explorer gets as tiles, come whole
  // here (1 MB; slower, but the same picture).
  const layers = ids.map((id) => ({ id, data: new URL(layerUrl(id), location.href).href }));
  const map = new MapLibreMap({
    container: 'map',
    style: localiseAttribution(atlasStyle(layers, { theme, year: view.year }), lang),
    center: view.camera.center,
    zoom: view.camera.zoom,
    interactive,
    attributionControl: { compact: true },
    localIdeographFontFamily: "'Noto Sans SC', sans-serif",
    fadeDuration: 0,
  });
  Object.assign(atlas, { map, layers: ids });
  map.once('idle', () => performance.mark('atlas-first-idle'));
  await new Promise<void>((r) => map.once('load', () => r()));
  foldNarrowAttribution(map);
  if (view.reach) {
    const { from, bands } = view.reach;
    // An origin whose reach cannot be had is left out; the others are drawn.
    const answers = await Promise.all(from.map((f) => fetchReach({ from: f, minutes: bands, year: view.year, ...scenarioOf(view) }).catch(() => null)));
    drawReach(map, bands, answers.filter((a) => a !== null));
  }
  // A route the view asks for, over the bands; left out when it cannot be had.
  if (view.route) drawRoute(map, await fetchRoute({ ...view.route, year: view.year, ...scenarioOf(view) }).catch(() => null), theme);
  const names = await Promise.all(ids.map((id) => (map.getSource(id) as GeoJSONSource).getData()));
  await loadFontFor(names.flatMap((fc) => (fc as { features: Feature[] }).features.map((f) => `${f.properties?.name_zh ?? ''}${f.properties?.name_en ?? ''}`)).join(''));
  drawAnnotations(map, annotations, { data: ids.map((id, i) => ({ id, data: names[i] as FeatureCollection })), theme });
  for (const l of chosenLabels(labelLayers(layers, { theme, lang, year: view.year }), annotations)) map.addLayer(l);
  // Every place the view is about stays in frame at any width, until the reader moves the map.
  atlas.places = await framedPositions(map, framedWith(view, annotations), ids);
  let moved = false;
  map.on('movestart', (e: { originalEvent?: unknown }) => (moved ||= Boolean(e.originalEvent)));
  const refit = () => !moved && keepInFrame(map, view, atlas.places);
  refit();
  map.on('resize', refit);
  postHeight();
}

main().catch((e: unknown) => {
  console.error(e);
  $('caption').textContent = `${t(lang, 'failed')}: ${(e as Error).message}`;
  postHeight();
});
