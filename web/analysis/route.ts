/**
 * The panel's route section ("路线 / Route"): two ends chosen by name, from the map or from a matrix
 * cell, and the fastest trip between them leg by leg (the legs themselves are drawn on the map by
 * route-overlay.ts).
 */
import type { RouteResponse } from '../../geo/api/route.ts';
import { parseLonLat } from '../../geo/geodesy.ts';
import type { Lang, ViewState } from '../../geo/state.ts';
import type { AtlasData } from '../data.ts';
import { t, type StringKey } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { endPicker } from './end-picker.ts';
import { dataTable, pending, type Loaded } from './section.ts';

/** What the route section shows and does. */
export interface RouteSection {
  lang: Lang;
  state: ViewState;
  data: AtlasData;
  /** The answer for the state's route. */
  route: Loaded<RouteResponse>;
  placeName(id: string | null, coordinates?: [number, number]): string;
  update(patch: Partial<ViewState>, push: boolean): void;
}

/** Each mode's name in the list. */
const MODE_NAMES: Record<string, StringKey> = {
  high_speed_rail: 'modeHsr',
  conventional_rail: 'modeRail',
  expressway: 'modeExpressway',
  fast_road: 'modeFastRoad',
  trunk_road: 'modeTrunkRoad',
  access: 'modeAccess',
};

/** The legs as a table: mode, line, minutes, kilometres, with the trip's total. */
function legsTable(lang: Lang, route: RouteResponse): HTMLTableElement {
  const { table, body } = dataTable({ className: 'route-legs', id: 'route-legs', headers: [t(lang, 'mode'), t(lang, 'line'), t(lang, 'min'), t(lang, 'km')] });
  for (const { properties: leg } of route.features) {
    const tr = el('tr', '', { 'data-mode': leg.mode });
    const name = leg.line ? ((lang === 'zh' ? leg.name_zh : leg.name_en) ?? leg.line) : t(lang, 'localRoads');
    const line = el('td', name);
    // A course drawn schematically is not the road's own: the list says so, as the details card does.
    if (leg.accuracy === 'schematic') line.append(el('span', ` (${t(lang, 'schematic')})`, { class: 'muted' }));
    tr.append(el('td', t(lang, MODE_NAMES[leg.mode] ?? 'modeAccess')), line, el('td', leg.minutes.toFixed(1)), el('td', leg.km.toFixed(1)));
    body.append(tr);
  }
  const total = el('tr', '', { class: 'total' });
  total.append(el('th', t(lang, 'total'), { scope: 'row', colspan: '2' }), el('td', route.minutes?.toFixed(1) ?? '…'), el('td', route.km?.toFixed(1) ?? '…'));
  body.append(total);
  return table;
}

/**
 * Fills the route section.
 *
 * @param box - the section
 * @param r - the language, the state, the data, the answer and what the section calls back
 * @example
 * renderRoute(section(root, t(lang, 'routeTitle')), { lang, state, data, route, placeName, update });
 */
export function renderRoute(box: HTMLElement, r: RouteSection): void {
  const { lang, state, data } = r;
  const [from, to] = state.route ?? pendingEnd;
  const set = (end: 0 | 1) => (id: string) => {
    const ends: [string | null, string | null] = [from, to];
    ends[end] = id;
    // One end alone is kept in the section until the other is chosen; the URL holds whole routes only.
    if (ends[0] && ends[1] && ends[0] !== ends[1]) r.update({ route: ends as [string, string] }, true);
    else pendingEnd = ends;
    if (!(ends[0] && ends[1])) renderRoute(emptied(box), { ...r, state: { ...state, route: null } });
  };
  const ends = el('div', '', { class: 'route-ends' });
  const shown = state.route ?? pendingEnd;
  ([0, 1] as const).forEach((end) => {
    const picker = endPicker({ lang, data, key: end === 0 ? 'route-from' : 'route-to', label: t(lang, end === 0 ? 'routeFrom' : 'routeTo'), choose: set(end) });
    const chosen = shown[end];
    if (chosen) picker.append(el('span', r.placeName(chosen, parseLonLat(chosen) ?? undefined), { class: 'chosen', id: end === 0 ? 'route-from-name' : 'route-to-name' }));
    ends.append(picker);
  });
  box.append(ends);
  if (state.route) {
    const swap = el('button', t(lang, 'swapEnds'), { type: 'button', 'data-end': 'route-swap' });
    swap.addEventListener('click', () => r.update({ route: [state.route![1], state.route![0]] }, true));
    const clear = el('button', t(lang, 'clearReach'), { type: 'button', 'data-end': 'route-clear' });
    clear.addEventListener('click', () => {
      pendingEnd = [null, null];
      r.update({ route: null }, true);
    });
    box.append(el('p', '', { class: 'route-actions' }));
    box.lastElementChild!.append(swap, ' ', clear);
  } else {
    box.append(el('p', t(lang, 'routeHint'), { class: 'note' }));
    return;
  }
  const route = r.route;
  if (!route || route instanceof Error) return pending(box, lang, route);
  if (route.minutes === null) return void box.append(el('p', t(lang, 'noRoute'), { class: 'note' }));
  box.append(legsTable(lang, route));
}

/** An end chosen while the other is not yet: kept between renders of the section. */
let pendingEnd: [string | null, string | null] = [null, null];

/** The section emptied but for its heading, to render again. */
function emptied(box: HTMLElement): HTMLElement {
  while (box.childNodes.length > 1) box.lastChild!.remove();
  return box;
}
