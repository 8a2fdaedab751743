/**
 * A feature's details: names in both languages, status and years, the figures,
 * the position's worth, and the source with its quoted sentence.
 */
import type { AtlasFeature } from '../../geo/bundle.ts';
import type { Source } from '../../geo/schema.ts';
import { nameOf, t, type Lang } from '../i18n.ts';
import { el } from './dom.ts';

/** Actions the details offer. */
export interface DetailsActions {
  close(): void;
  flyTo(): void;
  reachFrom(): void;
}

/**
 * Renders a feature's details into a container.
 *
 * @param root - the container (emptied first)
 * @param lang - the language
 * @param feature - the feature
 * @param layerTitle - its layer's title in the language
 * @param actions - what the buttons do
 * @example
 * renderDetails(section, 'zh', feature, '港口', { close, flyTo, reachFrom });
 */
export function renderDetails(root: HTMLElement, lang: Lang, feature: AtlasFeature, layerTitle: string, actions: DetailsActions): void {
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
  if (typeof p.status === 'string') rows.push([t(lang, 'status'), t(lang, p.status as 'operating')]);
  if (p.opens !== undefined) rows.push([t(lang, 'opens'), String(p.opens)]);
  if (p.start_year !== undefined) rows.push([t(lang, 'starts'), String(p.start_year)]);
  if (p.length_km !== undefined) rows.push([t(lang, 'length'), `${p.length_km} ${t(lang, 'km')}`]);
  if (p.design_speed_kmh !== undefined) rows.push([t(lang, 'speed'), `${p.design_speed_kmh} ${t(lang, 'kmh')}`]);
  if (p.investment_yi !== undefined) rows.push([t(lang, 'investment'), `${p.investment_yi} ${t(lang, 'yi')}`]);
  if (p.beds !== undefined) rows.push([t(lang, 'beds'), String(p.beds)]);
  if (p.capacity !== undefined) rows.push([t(lang, 'capacity'), `${p.capacity} ${p.capacity_unit ?? ''}`]);
  rows.push([t(lang, 'position'), `${t(lang, p.accuracy as 'surveyed')}, ±${p.uncertainty_km} ${t(lang, 'km')}`]);
  const source = p.source as Source | undefined;
  if (source) rows.push([t(lang, 'source'), source.date ? `${source.title} (${source.date})` : source.title]);
  const dl = el('dl');
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  root.append(dl);
  if (source?.quote) root.append(el('blockquote', `“${source.quote}”`, { lang: 'zh-CN' }));
  if (typeof p.note === 'string') root.append(el('p', p.note, { class: 'feature-note', lang: 'en' }));

  const buttons = el('div', '', { class: 'details-actions' });
  const fly = el('button', t(lang, 'flyTo'), { type: 'button' });
  fly.addEventListener('click', actions.flyTo);
  const reach = el('button', t(lang, 'reachFromHere'), { type: 'button' });
  reach.addEventListener('click', actions.reachFrom);
  buttons.append(fly, reach);
  root.append(buttons);
}
