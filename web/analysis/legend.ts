/**
 * The key of the reach bands, one for the panel and the embed: each band's minutes beside a swatch
 * that looks as the band does on the map (its fill stacked over those outside it, its edge in its
 * colour), nearest first, in the page's language.
 */
import { bandColour, bandSwatch, type Theme } from '../../geo/look.ts';
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/**
 * The legend of the bands.
 *
 * @param lang - the language
 * @param bands - the band limits drawn, nearest first
 * @param theme - the theme the map is drawn in (the land under the bands)
 * @returns a `<figure class="band-legend">`, captioned, with one list item a band
 * @example
 * panel.append(bandLegend('zh', [30, 60, 90], 'light')); // ≤ 30 分钟, ≤ 60 分钟, ≤ 90 分钟
 */
export function bandLegend(lang: Lang, bands: readonly number[], theme: Theme): HTMLElement {
  const figure = el('figure', '', { class: 'band-legend' });
  figure.append(el('figcaption', t(lang, 'bandLegend')));
  const list = el('ul');
  bands.forEach((minutes, i) => {
    const swatch = el('span', '', { class: 'band-swatch', 'aria-hidden': 'true' });
    swatch.style.background = bandSwatch(i, bands.length, theme);
    swatch.style.borderColor = bandColour(i);
    const li = el('li', '', { 'data-minutes': String(minutes) });
    li.append(swatch, el('span', `≤ ${minutes} ${t(lang, 'min')}`));
    list.append(li);
  });
  figure.append(list);
  return figure;
}
