/**
 * The embed: one view of the atlas with minimal chrome, for a news page's iframe.
 * `/embed/:view` shows a named view (geo/data/views.json); `/embed?<state>` any
 * explorer state. Options in the URL: `lang` (zh, en), `theme` (light, dark,
 * auto), `interactive` (1, 0: a static camera), `legend` (1, 0), `height` (px of map).
 * It tells its parent page its height (postMessage), so the embed script can size the iframe.
 */
import type { Feature } from 'geojson';
import { Map as MapLibreMap, prewarm, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { CATALOG } from '../geo/catalog.ts';
import type { LayerId } from '../geo/layers.ts';
import type { View } from '../geo/views.ts';
import { loadFontFor } from './fonts.ts';
import type { Lang } from '../geo/state.ts';
import { t } from './i18n.ts';
import { BAND_COLOURS, LAYER_COLOURS, STATUS_LEGEND, type Theme } from '../geo/look.ts';
import { atlasStyle, labelLayers, overlayBefore } from './map/style.ts';
import { readState, viewFromState, writeState } from '../geo/state.ts';
import { el } from './ui/dom.ts';

setWorkerUrl(workerUrl);
// The map's web worker loads while the view is fetched (as in web/main.ts).
prewarm();

const query = new URLSearchParams(location.search);
const lang: Lang = query.get('lang') === 'en' ? 'en' : 'zh';
const themeOption = query.get('theme');
const theme: Theme = themeOption === 'dark' || themeOption === 'light' ? themeOption : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
const interactive = query.get('interactive') !== '0';
const showLegend = query.get('legend') !== '0';
const height = Math.min(1600, Math.max(160, Number(query.get('height')) || 420));
const $ = (id: string) => document.getElementById(id)!;

/** The view: a named one, or one made from an explorer state. */
async function loadView(): Promise<View> {
  const named = /^\/embed\/([a-z0-9-]+)$/.exec(location.pathname);
  if (named) {
    const res = await fetch(`/api/views/${named[1]}`);
    if (!res.ok) throw new Error(`view ${named[1]}: ${res.status}`);
    return (await res.json()) as View;
  }
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
    panel: view.reach || view.matrix ? ('analysis' as const) : s.panel,
  };
  return `/${writeState(state)}`;
}

/** Tells the parent page how tall the embed is. */
function postHeight(): void {
  if (parent === window) return;
  parent.postMessage({ type: 'atlas:height', height: Math.ceil(document.documentElement.scrollHeight), href: location.href }, '*');
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
  if (view.reach) {
    view.reach.bands.forEach((b, i) => {
      const li = el('li');
      const swatch = el('span', '', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = BAND_COLOURS[i];
      li.append(swatch, el('span', `≤ ${b} ${t(lang, 'min')}`));
      statuses.append(li);
    });
  }
  $('legend').append(list, statuses);
}

async function renderMatrix(view: View): Promise<void> {
  if (!view.matrix) return;
  const places = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang'];
  const res = await fetch(`/api/matrix?places=${places.join(',')}&year=${view.year}`);
  if (!res.ok) return;
  const m = (await res.json()) as { minutes: (number | null)[][] };
  const names = { zh: ['万州', '达州', '开州', '云阳'], en: ['Wanzhou', 'Dazhou', 'Kaizhou', 'Yunyang'] }[lang];
  const table = el('table', '', { class: 'matrix' });
  table.append(el('caption', t(lang, 'matrixCaption', { year: view.year })));
  const head = el('tr');
  head.append(el('th', t(lang, 'fromTo'), { scope: 'col' }), ...names.map((n) => el('th', n, { scope: 'col' })));
  const body = el('tbody');
  m.minutes.forEach((row, i) => {
    const tr = el('tr');
    tr.append(el('th', names[i], { scope: 'row' }));
    row.forEach((v, j) => {
      const within = v !== null && i !== j && v <= 60;
      const td = el('td', i === j ? '—' : v === null ? '…' : String(Math.round(v)), within ? { class: 'within-hour' } : {});
      if (within) td.append(el('span', ` ${t(lang, 'withinHour')}`, { class: 'sr-only' }));
      tr.append(td);
    });
    body.append(tr);
  });
  const thead = el('thead');
  thead.append(head);
  table.append(thead, body);
  $('matrix').append(table);
}

async function main(): Promise<void> {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.theme = theme;
  const view = await loadView();
  $('title').textContent = view.title[lang];
  $('caption').textContent = view.caption[lang];
  $('source').textContent = lang === 'zh' ? '数据：万州区人民政府等（行动方案及报道）· 万达开云地图集' : 'Data: Wanzhou District People’s Government and others · Wan-Da-Kai-Yun Atlas';
  const open = $('open') as HTMLAnchorElement;
  open.href = explorerLink(view);
  open.textContent = lang === 'zh' ? '在地图集中打开' : 'Open in the atlas';
  document.title = `${view.title[lang]} · ${t(lang, 'title')}`;
  const mapEl = $('map');
  mapEl.style.height = `${height}px`;
  mapEl.setAttribute('aria-label', `${view.title[lang]}. ${view.caption[lang]}`);
  renderLegend(view);
  void renderMatrix(view).then(postHeight);
  postHeight();
  new ResizeObserver(postHeight).observe(document.body);

  const ids = CATALOG.map((l) => l.id).filter((id) => view.layers.includes(id));
  // A view's layers load whole, as GeoJSON: the embed builds its style from the static catalogue and
  // does not ask the worker's, so even the districts, which the explorer gets as tiles, come whole
  // here (1 MB; slower, but the same picture).
  const layers = ids.map((id) => ({ id, data: new URL(`/api/layers/${id}`, location.href).href }));
  const map = new MapLibreMap({
    container: 'map',
    style: atlasStyle(layers, { theme, year: view.year }),
    center: view.camera.center,
    zoom: view.camera.zoom,
    interactive,
    attributionControl: { compact: true },
    localIdeographFontFamily: "'Noto Sans SC', sans-serif",
    fadeDuration: 0,
  });
  (window as unknown as { atlas: unknown }).atlas = { map, layers: ids };
  map.once('idle', () => performance.mark('atlas-first-idle'));
  await new Promise<void>((r) => map.once('load', () => r()));
  if (view.reach) {
    const bands = await Promise.all(
      view.reach.from.map((from) =>
        fetch(`/api/reach?from=${encodeURIComponent(from)}&minutes=${view.reach!.bands.join(',')}&year=${view.year}`).then((r) => (r.ok ? (r.json() as Promise<{ features: Feature[] }>) : { features: [] })),
      ),
    );
    const colour = ['match', ['get', 'minutes'], ...view.reach.bands.flatMap((b, i) => [b, BAND_COLOURS[i]]), BAND_COLOURS[4]] as unknown as string;
    map.addSource('reach', { type: 'geojson', data: { type: 'FeatureCollection', features: bands.flatMap((b) => b.features) } });
    const before = overlayBefore(map);
    map.addLayer({ id: 'reach-fill', type: 'fill', source: 'reach', paint: { 'fill-color': colour, 'fill-opacity': 0.22 } }, before);
    map.addLayer({ id: 'reach-line', type: 'line', source: 'reach', paint: { 'line-color': colour, 'line-width': 1.2 } }, before);
  }
  const names = await Promise.all(ids.map((id) => (map.getSource(id) as GeoJSONSource).getData()));
  await loadFontFor(names.flatMap((fc) => (fc as { features: Feature[] }).features.map((f) => `${f.properties?.name_zh ?? ''}${f.properties?.name_en ?? ''}`)).join(''));
  for (const l of labelLayers(layers, { theme, lang, year: view.year })) map.addLayer(l);
  postHeight();
}

main().catch((e: unknown) => {
  console.error(e);
  $('caption').textContent = `${t(lang, 'failed')}: ${(e as Error).message}`;
  postHeight();
});
