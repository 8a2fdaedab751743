/**
 * The panel's reach section: the band limits to choose, the origin, the bands, and what lies within
 * reach, nearest first (the bands themselves are drawn on the map by overlay.ts).
 */
import type { ReachResponse } from '../../geo/api/reach.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import type { LayerId } from '../../geo/layers.ts';
import { BAND_COLOURS, type Theme } from '../../geo/look.ts';
import type { Lang, ViewState } from '../../geo/state.ts';
import { nearestFirst } from '../api.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { reachCsv } from './csv.ts';
import { bandLegend } from './legend.ts';
import { pending, type Loaded } from './section.ts';

/** The limits a reader may choose from (one to five of them). */
const BAND_CHOICES = [15, 30, 45, 60, 90, 120, 180];
/** At most this many bands are drawn: the palette has five steps (geo/look.ts). */
const MAX_BANDS = BAND_COLOURS.length;
/** At most this many features are listed per layer. */
const LISTED = 12;

/** What the reach section shows and does. */
export interface ReachSection {
  lang: Lang;
  state: ViewState;
  /** The theme the map is drawn in, for the legend's swatches (the reader's colour scheme unless given). */
  theme?: Theme;
  /** The answer for the state's origin. */
  reach: Loaded<ReachResponse>;
  /** The layers, in the catalogue's order: what lies within is listed by layer. */
  layers: readonly CatalogEntry[];
  placeName(id: string | null, coordinates?: [number, number]): string;
  update(patch: Partial<ViewState>, push: boolean): void;
  select(id: string): void;
}

/**
 * The band limits, as checkboxes: one to five of them may be chosen. A box that would make it none or
 * six is put back, and a live message under the boxes says why.
 */
function bandChooser(r: ReachSection): HTMLElement {
  const choose = el('fieldset', '', { class: 'bands' });
  choose.append(el('legend', t(r.lang, 'bands')));
  const message = el('p', '', { class: 'band-message', id: 'band-message', role: 'status', 'aria-live': 'polite' });
  for (const b of BAND_CHOICES) {
    const label = el('label');
    const box = el('input', '', { type: 'checkbox', value: String(b), 'data-band': String(b) });
    box.checked = r.state.bands.includes(b);
    box.addEventListener('change', () => {
      const next = BAND_CHOICES.filter((v) => (v === b ? box.checked : r.state.bands.includes(v)));
      if (next.length >= 1 && next.length <= MAX_BANDS) {
        message.textContent = '';
        r.update({ bands: next }, true);
        return;
      }
      box.checked = !box.checked;
      message.textContent = t(r.lang, next.length > MAX_BANDS ? 'bandsAtMost' : 'bandsAtLeast', { n: b });
    });
    label.append(box, el('span', String(b)));
    choose.append(label);
  }
  choose.append(message);
  return choose;
}

/** The bands, nearest first, each with its area and how many features of each layer it holds. */
function bandList(r: ReachSection, reach: ReachResponse): HTMLElement {
  const { lang } = r;
  const list = el('ul', '', { class: 'bands-result', id: 'reach-bands' });
  for (const band of nearestFirst(reach)) {
    const p = band.properties;
    const li = el('li');
    li.append(el('h3', `≤ ${p.minutes} ${t(lang, 'min')} · ${p.area_km2.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${t(lang, 'km2')}`));
    const counts = r.layers.flatMap((layer) => (layer.id === 'places' || !p.counts[layer.id as LayerId] ? [] : [`${layer.title[lang]} ${p.counts[layer.id as LayerId]}`]));
    if (counts.length) li.append(el('p', counts.join(' · '), { class: 'counts' }));
    list.append(li);
  }
  return list;
}

/**
 * What lies within the outermost band, by layer, nearest first: each feature with its minutes, and
 * marked where its drawn position cannot carry them (drawn at a seat, or uncertain by kilometres).
 */
function withinList(r: ReachSection, reach: ReachResponse): HTMLElement {
  const { lang } = r;
  const within = el('dl', '', { class: 'within', id: 'reach-within' });
  for (const layer of r.layers) {
    // What lies within is counted on the atlas's own layers (the analyses' data); an extra layer has none.
    const items = reach.within[layer.id as LayerId];
    if (!items?.length || layer.id === 'places') continue;
    within.append(el('dt', `${layer.title[lang]} (${items.length})`));
    const dd = el('dd');
    items.slice(0, LISTED).forEach((item, i) => {
      const mark = item.at_seat ? t(lang, 'drawnAtSeat', { seat: r.placeName(item.at_seat) }) : item.uncertainty_km ? t(lang, 'uncertainKm', { km: item.uncertainty_km }) : '';
      const b = el('button', `${lang === 'zh' ? item.name_zh : item.name_en} · ${Math.round(item.minutes)} ${t(lang, 'min')}`, { type: 'button', class: 'chip' });
      if (mark) b.append(el('span', ` (${mark})`, { class: 'uncertain' }));
      b.addEventListener('click', () => r.select(item.id));
      if (i) dd.append(' ');
      dd.append(b);
    });
    if (items.length > LISTED) dd.append(` … +${items.length - LISTED}`);
    within.append(dd);
  }
  return within;
}

/**
 * Fills the reach section.
 *
 * @param box - the section
 * @param r - the language, the state, the answer and what the section calls back
 * @example
 * renderReach(section(root, t(lang, 'reachTitle')), { lang, state, reach, layers, placeName, update, select });
 */
export function renderReach(box: HTMLElement, r: ReachSection): void {
  const { lang, state } = r;
  const reach = r.reach instanceof Error ? null : r.reach;
  box.append(bandChooser(r));
  if (!state.from) {
    box.append(el('p', t(lang, 'reachHint'), { class: 'note' }));
    return;
  }
  const origin = el('p', '', { class: 'origin' });
  origin.append(el('strong', `${t(lang, 'origin')}: `), el('span', r.placeName(reach?.origin.id ?? state.from, reach?.origin.coordinates), { id: 'reach-origin' }));
  const clear = el('button', t(lang, 'clearReach'), { type: 'button' });
  clear.addEventListener('click', () => r.update({ from: null }, true));
  origin.append(' ', clear);
  box.append(origin);
  if (reach) box.append(bandLegend(lang, nearestFirst(reach).map((b) => b.properties.minutes), r.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')), bandList(r, reach), el('h3', t(lang, 'within')), withinList(r, reach));
  else pending(box, lang, r.reach as Error | null);
  if (reach) box.append(reachCsv(reach, lang, r.layers, (_, id, at) => r.placeName(id, at)));
}
