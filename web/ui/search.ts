/**
 * Search over every feature, in Chinese and English, and the list of features
 * the canvas cannot offer a screen reader: with no query, every feature on the
 * map in the year, each a button that opens its details and shows it.
 */
import type { AtlasFeature } from '../../geo/bundle.ts';
import { existsIn } from '../../geo/filter.ts';
import type { LayerId, ThematicProps } from '../../geo/schema.ts';
import type { AtlasData } from '../data.ts';
import { nameOf, t, type Lang } from '../i18n.ts';
import { el } from './dom.ts';

/** At most this many results are listed; the count says how many matched. */
const MAX_RESULTS = 300;

/** What a search needs to know of the page. */
export interface SearchContext {
  lang: Lang;
  year: number;
  hidden: readonly LayerId[];
}

/**
 * The features matching a query, best first: names that start with it before names that contain it.
 *
 * @param data - the atlas data
 * @param query - any part of a Chinese or English name, or an id
 * @param ctx - the language, year and hidden layers (an empty query lists what is on the map)
 * @returns matches with their layers
 * @example
 * searchFeatures(data, '新田', ctx)[0].feature.properties.id; // 'xintian-port-phase-1'
 */
export function searchFeatures(data: AtlasData, query: string, ctx: SearchContext): { layer: LayerId; feature: AtlasFeature }[] {
  const q = query.trim().toLowerCase();
  const all = [...data.byId.values()].filter(({ layer }) => layer !== 'districts' || q !== '');
  if (q === '') return all.filter(({ layer, feature }) => !ctx.hidden.includes(layer) && existsIn(feature.properties as ThematicProps, ctx.year));
  const scored = all.flatMap((hit) => {
    const names = [hit.feature.properties.name_zh, hit.feature.properties.name_en.toLowerCase(), hit.feature.properties.id];
    const score = names.some((n) => n.startsWith(q)) ? 0 : names.some((n) => n.includes(q)) ? 1 : -1;
    return score < 0 ? [] : [{ hit, score }];
  });
  return scored.sort((a, b) => a.score - b.score).map((s) => s.hit);
}

/**
 * Renders the results.
 *
 * @param list - the list element
 * @param count - the element that says how many
 * @param data - the atlas data
 * @param query - the query
 * @param ctx - language, year, hidden layers
 * @param onPick - called with the picked feature's id
 * @example
 * renderResults(ul, p, data, input.value, ctx, select);
 */
export function renderResults(list: HTMLElement, count: HTMLElement, data: AtlasData, query: string, ctx: SearchContext, onPick: (id: string) => void): void {
  const hits = searchFeatures(data, query, ctx);
  count.textContent = hits.length ? `${hits.length} ${t(ctx.lang, 'results')}` : t(ctx.lang, 'noResults');
  const titles = new Map(data.layers.map((l) => [l.id, l.title[ctx.lang]]));
  list.replaceChildren(
    ...hits.slice(0, MAX_RESULTS).map(({ layer, feature }) => {
      const li = el('li');
      const button = el('button', '', { type: 'button', 'data-feature': feature.properties.id });
      button.append(el('span', nameOf(ctx.lang, feature.properties), { class: 'result-name' }), el('span', titles.get(layer) ?? layer, { class: 'result-layer' }));
      button.addEventListener('click', () => onPick(feature.properties.id));
      li.append(button);
      return li;
    }),
  );
}
