/**
 * The layers panel: the layers in their groups, each with a legend swatch, its
 * title and the number of its features that exist in the year; a checkbox
 * toggles it, and a small menu downloads its data of the year (or, for a layer
 * served from its own archive, the whole layer as published). Native checkboxes
 * and buttons make it keyboard- and screen-reader-operable.
 */
import type { LayerGroup } from '../../geo/layers.ts';
import type { LayerId } from '../../geo/layers.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import type { Lang } from '../../geo/state.ts';
import { t, type StringKey } from '../i18n.ts';
import { STATUS_LEGEND } from '../../geo/look.ts';
import { LAYER_COLOURS } from '../../geo/look.ts';
import { el } from './dom.ts';
import { downloadWord } from '../download/words.ts';
import { downloadMenu, wholeDownloadMenu, type DataFormat } from './download.ts';

const GROUPS: [LayerGroup, StringKey][] = [
  ['transport', 'groupTransport'],
  ['parks', 'groupParks'],
  ['hospitals', 'groupHospitals'],
  ['ecology', 'groupEcology'],
  ['base', 'groupBase'],
];

/** What the layers' download menus offer: the year's data, and what saves it; or a layer's whole GeoJSON. */
export interface LayerDownloads {
  year: number;
  pick(id: string, format: DataFormat): void;
  /** The address of a layer's whole GeoJSON as published (a layer the catalogue says downloads `whole`). */
  whole(id: string): string;
}

/** A layer's download menu, as its catalogue entry says it downloads; none for a layer that downloads not at all. */
function menuOf(lang: Lang, layer: CatalogEntry, downloads: LayerDownloads): HTMLElement | undefined {
  const title = layer.title[lang];
  if (layer.download === 'none') return undefined;
  if (layer.download === 'whole') return wholeDownloadMenu(lang, title, layer.count, layer.id, downloads.whole(layer.id));
  return downloadMenu(lang, title, downloads.year, layer.id, (format) => downloads.pick(layer.id, format));
}

/**
 * Renders the layer groups.
 *
 * @param root - the container (emptied first)
 * @param lang - the language
 * @param layers - the catalogue
 * @param counts - features per layer in the year
 * @param hidden - the layers switched off
 * @param onToggle - called with a layer and whether it is now shown
 * @param downloads - the year whose data each layer's menu downloads, and what saves it (no menus without)
 * @example
 * renderLayers(div, 'zh', data.layers, counts, state.hidden, toggle);
 */
export function renderLayers(
  root: HTMLElement,
  lang: Lang,
  layers: readonly CatalogEntry[],
  counts: ReadonlyMap<string, number>,
  hidden: readonly string[],
  onToggle: (id: string, shown: boolean) => void,
  downloads?: LayerDownloads,
): void {
  root.replaceChildren();
  for (const [group, key] of GROUPS) {
    const members = layers.filter((l) => l.group === group).reverse();
    if (members.length === 0) continue;
    const fieldset = el('fieldset', '', { class: 'layer-group' });
    fieldset.append(el('legend', t(lang, key)));
    for (const layer of members) {
      const label = el('label', '', { class: 'layer' });
      const box = el('input', '', { type: 'checkbox', 'data-layer': layer.id });
      box.checked = !hidden.includes(layer.id);
      box.addEventListener('change', () => onToggle(layer.id, box.checked));
      const pointsOnly = layer.geometry.every((g) => g === 'Point');
      const swatch = el('span', '', { class: pointsOnly ? 'swatch point' : 'swatch', 'aria-hidden': 'true' });
      // Railways and seats are drawn in the theme's ink (dark on light, light on dark).
      swatch.style.background = layer.extra?.colour ?? (layer.id === 'rail' || layer.id === 'places' ? 'var(--ink)' : LAYER_COLOURS[layer.id as LayerId]);
      label.append(box, swatch, el('span', layer.title[lang], { class: 'layer-title' }));
      // An external archive is tiles only: no features to count or download.
      if (!layer.archive) {
        const counted = el('span', String(counts.get(layer.id) ?? layer.count), { class: 'count' });
        counted.append(el('span', ` ${t(lang, 'results')}`, { class: 'sr-only' }));
        label.append(counted);
      }
      const row = el('div', '', { class: 'layer-row' });
      row.append(label);
      const menu = downloads && menuOf(lang, layer, downloads);
      if (menu) row.append(menu);
      // A layer of features too large to download can still be searched: its row says so where the menu would be.
      else if (downloads && layer.download === 'none' && layer.count > 0) {
        const note = downloadWord(lang, 'noDownload');
        label.title = note;
        label.append(el('span', ` ${note}`, { class: 'sr-only' }));
        row.append(el('span', '–', { class: 'data-none', title: note, 'aria-hidden': 'true' }));
      }
      fieldset.append(row);
    }
    root.append(fieldset);
  }
}

/**
 * The status legend, drawn with the map's dashes and opacities, and the point symbol of each status
 * (filled where it operates, as reported or as a plan expects).
 *
 * @param root - the list
 * @param lang - the language
 * @example
 * renderStatusLegend(ul, 'en');
 */
export function renderStatusLegend(root: HTMLElement, lang: Lang): void {
  root.replaceChildren();
  const ns = 'http://www.w3.org/2000/svg';
  for (const s of STATUS_LEGEND) {
    const li = el('li');
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '50');
    svg.setAttribute('height', '10');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS(ns, 'line');
    for (const [k, v] of Object.entries({ x1: '0', y1: '5', x2: '34', y2: '5', stroke: 'currentColor', 'stroke-width': '3', 'stroke-opacity': String(s.opacity) })) line.setAttribute(k, v);
    if (s.dash) line.setAttribute('stroke-dasharray', s.dash.map((d) => d * 3).join(' '));
    const dot = document.createElementNS(ns, 'circle');
    for (const [k, v] of Object.entries({ cx: '44', cy: '5', r: '3.5', stroke: 'currentColor', 'stroke-width': '1.6', opacity: String(s.opacity) })) dot.setAttribute(k, v);
    dot.setAttribute('fill', s.status === 'operating' || s.status === 'expected' ? 'currentColor' : 'none');
    svg.append(line, dot);
    li.append(svg, el('span', t(lang, s.status)));
    root.append(li);
  }
}
