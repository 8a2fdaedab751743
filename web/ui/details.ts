/**
 * A feature's details: names in both languages, its status in the map's year and its life as
 * the sources tell it, the figures, the position's worth, the source with its quoted sentence, and
 * the feature's data to download.
 */
import type { AtlasFeature } from '../../geo/bundle.ts';
import { statusIn, type LifeProps } from '../../geo/lifecycle.ts';
import type { Source } from '../../geo/schema.ts';
import type { Lang } from '../../geo/state.ts';
import { capacityText, nameOf, t } from '../i18n.ts';
import { el } from './dom.ts';
import { dataButtons, type DataFormat } from './download.ts';

/** Actions the details offer. */
export interface DetailsActions {
  close(): void;
  flyTo(): void;
  reachFrom(): void;
  /** Saves the feature's data in a format. */
  download(format: DataFormat): void;
}

/**
 * Renders a feature's details into a container.
 *
 * @param root - the container (emptied first)
 * @param lang - the language
 * @param feature - the feature
 * @param layerTitle - its layer's title in the language
 * @param year - the map's year, for the status then
 * @param actions - what the buttons do
 * @example
 * renderDetails(section, 'zh', feature, '港口', 2027, { close, flyTo, reachFrom });
 */
export function renderDetails(root: HTMLElement, lang: Lang, feature: AtlasFeature, layerTitle: string, year: number, actions: DetailsActions): void {
  const p = feature.properties as unknown as Record<string, unknown>;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  root.replaceChildren();
  const head = el('div', '', { class: 'details-head' });
  const title = el('h2', nameOf(lang, p), { id: 'details-title', tabindex: '-1' });
  const close = el('button', '×', { type: 'button', class: 'close', 'aria-label': t(lang, 'close') });
  close.addEventListener('click', actions.close);
  head.append(title, close);
  root.append(head, el('p', nameOf(other, p), { class: 'other-name', lang: other === 'zh' ? 'zh-CN' : 'en' }));

  const rows: [string, string][] = [[t(lang, 'layer'), layerTitle]];
  if (typeof p.status === 'string') rows.push(...lifeRows(lang, p as LifeProps, year));
  if (p.length_km !== undefined) rows.push([t(lang, 'length'), `${p.length_km} ${t(lang, 'km')}`]);
  if (p.design_speed_kmh !== undefined) rows.push([t(lang, 'speed'), `${p.design_speed_kmh} ${t(lang, 'kmh')}`]);
  if (p.investment_yi !== undefined) rows.push([t(lang, 'investment'), `${p.investment_yi} ${t(lang, 'yi')}`]);
  if (p.beds !== undefined) rows.push([t(lang, 'beds'), String(p.beds)]);
  if (typeof p.capacity === 'number') rows.push([t(lang, 'capacity'), capacityText(lang, p.capacity, String(p.capacity_unit ?? ''))]);
  rows.push([t(lang, 'position'), `${t(lang, p.accuracy as 'surveyed')}, ±${p.uncertainty_km} ${t(lang, 'km')}`]);
  const source = p.source as Source | undefined;
  if (source) rows.push([t(lang, 'source'), source.date ? `${source.title} (${source.date})` : source.title]);
  const dl = el('dl');
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  root.append(dl);
  if (source?.quote) root.append(el('blockquote', `“${source.quote}”`, { lang: 'zh-CN' }));
  // The note in the page's language; a feature from elsewhere (an extra layer) may have it in English only.
  const note = lang === 'zh' && typeof p.note_zh === 'string' ? { text: p.note_zh, lang: 'zh-CN' } : typeof p.note === 'string' ? { text: p.note, lang: 'en' } : null;
  if (note) root.append(el('p', note.text, { class: 'feature-note', lang: note.lang }));

  const buttons = el('div', '', { class: 'details-actions' });
  const fly = el('button', t(lang, 'flyTo'), { type: 'button' });
  fly.addEventListener('click', actions.flyTo);
  const reach = el('button', t(lang, 'reachFromHere'), { type: 'button' });
  reach.addEventListener('click', actions.reachFrom);
  buttons.append(fly, reach);
  const data = el('p', t(lang, 'downloadFeature'), { class: 'details-data' });
  data.append(...dataButtons(lang, nameOf(lang, p), 'feature', actions.download));
  root.append(buttons, data);
}

/**
 * A feature's status in the year and its life: the year's status (marked when only a plan expects
 * it), the latest report and its date, and the years the sources give.
 */
function lifeRows(lang: Lang, p: LifeProps, year: number): [string, string][] {
  const rows: [string, string][] = [];
  const now = statusIn(p, year);
  rows.push([t(lang, 'statusInYear', { year }), now ? `${t(lang, now.status)}${now.expected ? t(lang, 'expectedMark') : ''}` : t(lang, 'notOnMap')]);
  if (p.status && p.as_of) rows.push([t(lang, 'reported'), t(lang, 'reportedAsOf', { status: t(lang, p.status), date: p.as_of })]);
  // A start or an opening no report confirms yet is only due.
  const due = (k: string) => (k === 'opens' && p.status !== 'operating') || (k === 'start_year' && (p.status === 'planned' || p.status === 'proposed'));
  const life = (['plan_year', 'start_year', 'opens', 'closed'] as const).filter((k) => p[k] !== undefined).map((k) => `${t(lang, k)} ${p[k]}${due(k) ? t(lang, 'due') : ''}`);
  if (life.length) rows.push([t(lang, 'life'), life.join(' · ')]);
  return rows;
}
