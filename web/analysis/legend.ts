/**
 * The keys of the map's analyses: the reach bands, one for the panel and the embed (each band's
 * minutes beside a swatch that looks as the band does on the map: its fill stacked over those outside
 * it, its edge in its colour, nearest first), and the route with a scenario beside the route without
 * it, each with its minutes, in the page's language.
 */
import type { RouteResponse } from '../../geo/api/route.ts';
import { bandColour, bandSwatch, ROUTE_STYLE, THEMES, type Theme } from '../../geo/look.ts';
import type { Lang } from '../../geo/state.ts';
import { t, type StringKey } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ROUTE_BEFORE } from './route-overlay.ts';

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

/** What the two routes are called: by the project when the scenario only adds or only takes out, else by the networks. */
function routeNames(scenario: { with: readonly string[]; without: readonly string[] }): [StringKey, StringKey] {
  const many = scenario.with.length + scenario.without.length > 1;
  const [without, within]: [StringKey, StringKey] = many ? ['routeWithoutMany', 'routeWithMany'] : ['routeWithout', 'routeWith'];
  if (!scenario.without.length) return [without, within];
  if (!scenario.with.length) return [within, without];
  return ['routeOwn', 'routeScenario'];
}

/**
 * The key of the route drawn with a scenario beside the route without it: a dashed grey line for the
 * year's own network, the highlighted route for the scenario, each named and timed, and what changed.
 *
 * @param lang - the language
 * @param routes - the route on the year's own network (`before`) and with the scenario (`after`)
 * @param scenario - the lines the scenario adds and takes out, to name the two
 * @param theme - the theme the map is drawn in
 * @returns a `<figure class="band-legend route-legend">`, one list item a route (`data-route` before or after)
 * @example
 * panel.append(routeLegend('zh', { before, after }, { with: ['erqiao-highspeed-rail-link-road'], without: [] }, 'light')); // 无此项目 72.0 分钟, 有此项目 61.5 分钟, 节省 10.5 分钟
 */
export function routeLegend(lang: Lang, routes: { before: RouteResponse; after: RouteResponse }, scenario: { with: readonly string[]; without: readonly string[] }, theme: Theme): HTMLElement {
  const figure = el('figure', '', { class: 'band-legend route-legend', id: 'route-legend' });
  figure.append(el('figcaption', t(lang, 'routeChange')));
  const list = el('ul');
  // A trip the network cannot make (a line taken out): a dash.
  const minutes = (r: RouteResponse) => (r.minutes === null ? '—' : `${r.minutes.toFixed(1)} ${t(lang, 'min')}`);
  const names = routeNames(scenario);
  (['before', 'after'] as const).forEach((which, i) => {
    const swatch = el('span', '', { class: 'band-swatch', 'aria-hidden': 'true' });
    // As the map draws them: a dashed grey line; the highlight with the route's ink in it.
    if (which === 'before') Object.assign(swatch.style, { height: '0', border: 'none', borderTop: `3px dashed ${ROUTE_BEFORE.colour[theme]}` });
    else Object.assign(swatch.style, { background: THEMES[theme].ink, borderColor: ROUTE_STYLE.casingColour });
    const li = el('li', '', { 'data-route': which });
    li.append(swatch, el('span', `${t(lang, names[i])}${lang === 'zh' ? '：' : ': '}${minutes(routes[which])}`));
    list.append(li);
  });
  const [b, a] = [routes.before.minutes, routes.after.minutes];
  if (b !== null && a !== null) {
    const x = Math.abs(b - a).toFixed(1);
    list.append(el('li', t(lang, b >= a ? 'routeSaved' : 'routeLost', { x }), { 'data-route': 'change' }));
  }
  figure.append(list);
  return figure;
}
