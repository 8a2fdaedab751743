/**
 * The first page of the atlas: every layer from the API on a MapLibre map, a
 * layers panel with counts and toggles, a status legend, and feature details on click.
 */
import { Map as MapLibreMap, NavigationControl, Popup, ScaleControl, setWorkerUrl, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { LayerInfo } from '../geo/catalog.ts';
import type { LayerId } from '../geo/schema.ts';
import { featureDetails } from './details.ts';
import { atlasStyle, LAYER_COLOURS, STATUS_STYLES, styleLayersOf } from './map/style.ts';

setWorkerUrl(workerUrl);

/** What `GET /api/layers` answers. */
interface LayerSummary extends LayerInfo {
  count: number;
  geometry: string[];
}

/** Statuses in the order a popup lists them (base features, with none, last). */
const STATUS_ORDER = ['operating', 'under_construction', 'planned', 'proposed', 'undefined'];

/** The four places and their neighbourhood. */
const HOME_BOUNDS: [number, number, number, number] = [107.1, 30.45, 109.0, 31.6];

async function main(): Promise<void> {
  const res = await fetch('/api/layers');
  if (!res.ok) throw new Error(`GET /api/layers: ${res.status}`);
  const { layers } = (await res.json()) as { layers: LayerSummary[] };
  const ids = layers.map((l) => l.id);

  const map = new MapLibreMap({
    container: 'map',
    style: atlasStyle(ids, (id) => new URL(`/api/layers/${id}`, location.href).href),
    bounds: HOME_BOUNDS,
    attributionControl: { compact: false },
    localIdeographFontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  // A hook for the browser tests and for people debugging in the console.
  (window as unknown as { atlas: unknown }).atlas = { map, layers: ids, styleLayersOf };

  renderLayerList(layers, (id, visible) => {
    for (const l of styleLayersOf(id)) map.setLayoutProperty(l.id, 'visibility', visible ? 'visible' : 'none');
  });
  renderStatusLegend();

  const clickable = layers.filter((l) => l.id !== 'districts').flatMap((l) => styleLayersOf(l.id).map((s) => s.id));
  map.on('click', (e) => {
    // Several facilities often share a point (a port and its expansion): show them all, once each.
    const hits = map.queryRenderedFeatures(e.point, { layers: clickable }) as MapGeoJSONFeature[];
    // Operating facilities first: at an airport, the airport before its expansion projects.
    const unique = [...new Map(hits.map((h) => [h.properties.id as string, h])).values()].sort(
      (a, b) => STATUS_ORDER.indexOf(String(a.properties.status)) - STATUS_ORDER.indexOf(String(b.properties.status)),
    );
    if (unique.length === 0) return;
    const content = document.createElement('div');
    content.className = 'details-list';
    if (unique.length > 1) {
      const head = document.createElement('p');
      head.className = 'details-count';
      head.textContent = `此处 ${unique.length} 个要素 · ${unique.length} features here`;
      content.append(head);
    }
    for (const hit of unique) content.append(featureDetails(hit.properties, hit.source as LayerId));
    new Popup({ maxWidth: '22rem' }).setLngLat(e.lngLat).setDOMContent(content).addTo(map);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = map.queryRenderedFeatures(e.point, { layers: clickable }).length ? 'pointer' : '';
  });
}

/** The layers panel: a checkbox per layer, with its swatch, both titles and its count. */
function renderLayerList(layers: LayerSummary[], onToggle: (id: LayerId, visible: boolean) => void): void {
  const list = document.getElementById('layers')!;
  for (const layer of [...layers].reverse()) {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.layer = layer.id;
    box.addEventListener('change', () => onToggle(layer.id, box.checked));
    const swatch = document.createElement('span');
    const pointsOnly = layer.geometry.every((g) => g === 'Point');
    swatch.className = pointsOnly ? 'swatch point' : 'swatch';
    swatch.style.background = LAYER_COLOURS[layer.id];
    const name = document.createElement('span');
    name.className = 'zh';
    name.textContent = layer.title.zh;
    const en = document.createElement('span');
    en.className = 'en';
    en.lang = 'en';
    en.textContent = layer.title.en;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(layer.count);
    count.title = `${layer.count} features`;
    label.append(box, swatch, name, en, count);
    li.append(label);
    list.append(li);
  }
}

/** The status legend, drawn with the same dashes and opacities as the map. */
function renderStatusLegend(): void {
  const list = document.getElementById('status-legend')!;
  for (const s of STATUS_STYLES) {
    const li = document.createElement('li');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '50');
    svg.setAttribute('height', '10');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    line.setAttribute('x1', '0');
    line.setAttribute('y1', '5');
    line.setAttribute('x2', '34');
    line.setAttribute('y2', '5');
    line.setAttribute('stroke', '#3a3a3a');
    line.setAttribute('stroke-width', '3');
    line.setAttribute('stroke-opacity', String(s.opacity));
    if (s.dash) line.setAttribute('stroke-dasharray', s.dash.map((d) => d * 3).join(' '));
    svg.append(line);
    // The point symbol of the same status: a dot when operating, a ring otherwise.
    const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    dot.setAttribute('cx', '44');
    dot.setAttribute('cy', '5');
    dot.setAttribute('r', '3.5');
    dot.setAttribute('fill', s.status === 'operating' ? '#3a3a3a' : '#ffffff');
    dot.setAttribute('stroke', '#3a3a3a');
    dot.setAttribute('stroke-width', '1.6');
    dot.setAttribute('opacity', String(s.opacity));
    svg.append(dot);
    const zh = document.createElement('span');
    zh.textContent = s.zh;
    const en = document.createElement('span');
    en.className = 'en';
    en.lang = 'en';
    en.textContent = s.en;
    li.append(svg, zh, en);
    list.append(li);
  }
  document.getElementById('data-note')!.textContent =
    '线路为示意走向；点位标注精度（实测、近似、示意）。Lines are schematic; every position carries its accuracy.';
}

main().catch((err: unknown) => {
  console.error(err);
  const note = document.getElementById('data-note');
  if (note) note.textContent = `数据加载失败 · The data did not load: ${(err as Error).message}`;
});
