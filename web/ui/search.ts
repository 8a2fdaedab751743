/**
 * Search over every feature, in Chinese and English, and the list of features
 * the canvas cannot offer a screen reader: with no query, every feature on the
 * map in the year, each a button that opens its details and shows it. A tiled
 * layer's features are searched by the API and listed as far as the map shows them.
 */
import { nameMatch } from '../../geo/filter.ts';
import { existsIn } from '../../geo/lifecycle.ts';
import type { ThematicProps } from '../../geo/schema.ts';
import type { AtlasData, KnownFeature } from '../data.ts';
import type { Lang } from '../../geo/state.ts';
import { nameOf, t } from '../i18n.ts';
import { el } from './dom.ts';

/** At most this many results are listed; the count says how many matched. */
export const MAX_RESULTS = 300;

/** What a search needs to know of the page. */
export interface SearchContext {
  lang: Lang;
  year: number;
  hidden: readonly string[];
}

/** A listed feature: its layer, id and names (a tiled layer's may be only what its tile carries). */
export interface Listed {
  layer: string;
  properties: { id: string; name_zh: string; name_en: string };
}

/**
 * Whether a layer's features are listed before anything is typed: not the districts, which are the
 * map's ground rather than things one looks for (they are found by name like any feature).
 *
 * @param layer - a layer id
 * @returns true for every layer but the districts
 * @example
 * listedUnasked('districts'); // false
 */
export const listedUnasked = (layer: string): boolean => layer !== 'districts';

/**
 * The features of the whole layers matching a query, best first (`nameMatch`: exact names, then the four
 * seats, then names that start with it, hold it, or hold each of its words).
 *
 * @param data - the atlas data
 * @param query - any part of a Chinese, English or pinyin name, or an id, words in any order
 * @param ctx - the language, year and hidden layers (an empty query lists what is on the map)
 * @returns matches with their layers
 * @example
 * searchFeatures(data, '新田', ctx)[0].feature.properties.id; // 'xintian-port-phase-1'
 */
export function searchFeatures(data: AtlasData, query: string, ctx: SearchContext): KnownFeature[] {
  const q = query.trim();
  const all = [...data.byId.values()].filter(({ layer }) => data.features.has(layer) && (q !== '' || listedUnasked(layer)));
  if (q === '') return all.filter(({ layer, feature }) => !ctx.hidden.includes(layer) && existsIn(feature.properties as ThematicProps, ctx.year));
  return rank(all, q);
}

/**
 * Hits in the order a search ranks them (a stable sort: the layers' order within a rank).
 *
 * @param hits - matching features, from the page and from the API
 * @param query - the search, trimmed
 * @returns the hits that match, best first
 * @example
 * rank([...local, ...remote], '合成');
 */
export function rank(hits: readonly KnownFeature[], query: string): KnownFeature[] {
  return hits
    .map((hit) => ({ hit, score: nameMatch(hit.feature.properties, query) }))
    .filter((s) => s.score >= 0)
    .sort((a, b) => a.score - b.score)
    .map((s) => s.hit);
}

/**
 * Renders the results.
 *
 * @param list - the list element
 * @param count - the element that says how many
 * @param data - the atlas data (for the layers' titles)
 * @param hits - what to list, best first
 * @param lang - the language
 * @param onPick - called with the picked feature's id and layer
 * @param more - whether more matched than the API returned (the count then says "at least")
 * @example
 * renderResults(ul, p, data, searchFeatures(data, input.value, ctx), 'zh', select);
 */
export function renderResults(list: HTMLElement, count: HTMLElement, data: AtlasData, hits: readonly Listed[], lang: Lang, onPick: (id: string, layer: string) => void, more = false): void {
  count.textContent = hits.length ? `${more ? '≥ ' : ''}${hits.length} ${t(lang, 'results')}` : t(lang, 'noResults');
  const titles = new Map(data.layers.map((l) => [l.id, l.title[lang]]));
  list.replaceChildren(
    ...hits.slice(0, MAX_RESULTS).map(({ layer, properties }) => {
      const li = el('li');
      li.append(featureButton(nameOf(lang, properties), titles.get(layer) ?? layer, properties.id, () => onPick(properties.id, layer)));
      return li;
    }),
  );
}

/**
 * A button that opens a feature: its name, and beneath it what it is (its layer, its status), read
 * aloud as one phrase.
 *
 * @param name - the feature's name in the page's language
 * @param what - its layer's title, and its status where that helps
 * @param id - the feature's id (`data-feature`)
 * @param onPick - what a press does
 * @returns the button
 * @example
 * list.append(featureButton('万州北站', '铁路', 'station-wanzhou-north', () => select('station-wanzhou-north')));
 */
export function featureButton(name: string, what: string, id: string, onPick: () => void): HTMLButtonElement {
  const button = el('button', '', { type: 'button', 'data-feature': id, 'aria-label': `${name}, ${what}` });
  button.append(el('span', name, { class: 'result-name' }), el('span', what, { class: 'result-layer' }));
  button.addEventListener('click', onPick);
  return button;
}

/**
 * Arrow keys along a list of features: Up and Down along it, Enter opens one (it is a button); with a
 * search box, Down from the box to the first and Up from the first back to the box.
 *
 * @param input - the search box, or null for a list of its own (the features under a click)
 * @param list - the list
 * @example
 * wireResultKeys($('q'), $('results'));
 */
export function wireResultKeys(input: HTMLInputElement | null, list: HTMLElement): void {
  const buttons = () => [...list.querySelectorAll<HTMLButtonElement>('button')];
  input?.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown') return;
    const first = buttons()[0];
    if (!first) return;
    e.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? all[Math.min(i + 1, all.length - 1)] : all[i - 1];
    (next ?? input ?? all[0]).focus();
  });
}
