/**
 * The analysis panel, loaded when first opened: the reach from a place or point
 * (bands on the map, what lies within listed), the four places' travel-time
 * matrix for the year as a table, the one-hour circle of two years side by
 * side, and the plan figures beside their targets.
 */
import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerId } from '../../geo/layers.ts';
import { BAND_COLOURS } from '../../geo/look.ts';
import type { AtlasData } from '../data.ts';
import type { Lang } from '../../geo/state.ts';
import { nameOf, t, type StringKey } from '../i18n.ts';
import { YEARS, type ViewState } from '../../geo/state.ts';
import { el, keepFocus } from '../ui/dom.ts';
import { overlayBefore } from '../map/style.ts';

/** What the panel needs from the page. */
export interface AnalysisContext {
  root: HTMLElement;
  map: MapLibreMap;
  data: AtlasData;
  state(): ViewState;
  update(patch: Partial<ViewState>, push: boolean): void;
  select(id: string): void;
}

interface ReachBand {
  properties: { minutes: number; area_km2: number; within: Partial<Record<LayerId, { id: string; name_zh: string; name_en: string; minutes: number }[]>> };
}
interface Reach {
  origin: { id: string | null; coordinates: [number, number] };
  features: ReachBand[];
}
interface Matrix {
  places: { id: string }[];
  minutes: (number | null)[][];
}
interface CirclePair {
  from: string;
  to: string;
  minutes: number | null;
  within: boolean;
}
interface Circle {
  year: number;
  pairs: CirclePair[];
  districts: { id: string; share: number }[];
  compare: { earlier: number; later: number; pairs: { from: string; to: string; earlier: number | null; later: number | null; saved: number | null }[]; districts: { id: string; earlier: number; later: number }[] };
}
interface Plan {
  areas: { id: string; name_zh: string; name_en: string; modelled: Record<string, number>; target: Record<string, number>; shortfall: Record<string, number> }[];
}

const BAND_CHOICES = [15, 30, 45, 60, 90, 120, 180];
const FOUR = ['wanzhou', 'dazhou', 'kaizhou', 'yunyang'];
const SOURCE = 'reach';

/**
 * The change of a trip's minutes from the first year the reader chose to the second, said in words
 * ("快 17 分钟", "17 min faster"), not as a signed number a reader could misread.
 */
function change(lang: Lang, first: number | null, second: number | null): string {
  if (first === null || second === null) return '…';
  // The difference of the figures shown, so that "no change" never sits beside two different ones.
  const delta = Math.round(second) - Math.round(first);
  if (delta === 0) return t(lang, 'noChange');
  return t(lang, delta < 0 ? 'faster' : 'slower', { n: Math.abs(delta) });
}

/** An answer being fetched (null), failed (its Error), or had. */
type Loaded<T> = T | Error | null;

/** What a section shows while its answer is on the way, or when it could not be had. */
function pending(box: HTMLElement, lang: Lang, answer: Error | null): void {
  if (answer) box.append(el('p', `${t(lang, 'failed')}: ${answer.message}`, { class: 'error', role: 'alert' }));
  else box.append(el('p', t(lang, 'loading'), { class: 'note' }));
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `${res.status}`);
  }
  return (await res.json()) as T;
}

/**
 * Mounts the panel.
 *
 * @param ctx - the page's map, data and state
 * @returns `refresh` (after any state change) and `redraw` (after the map's style was replaced)
 * @example
 * const panel = mountAnalysis({ root, map, data, state, update, select }); await panel.refresh();
 */
export function mountAnalysis(ctx: AnalysisContext) {
  const { root, map, data } = ctx;
  let reach: Reach | null = null;
  let generation = 0;

  const placeName = (lang: Lang, id: string | null, coordinates?: [number, number]) => {
    const hit = id ? data.byId.get(id) : undefined;
    return hit ? nameOf(lang, hit.feature.properties) : coordinates ? coordinates.map((v) => v.toFixed(3)).join(', ') : (id ?? '');
  };

  /** The bands as map layers, under the thematic layers; re-created after the style is replaced. */
  function redraw(): void {
    const fc = { type: 'FeatureCollection' as const, features: (reach?.features ?? []) as unknown as Feature[] };
    const bands = ctx.state().bands;
    const colour = ['match', ['get', 'minutes'], ...bands.flatMap((b, i) => [b, BAND_COLOURS[i] ?? BAND_COLOURS[4]]), BAND_COLOURS[4]] as unknown as string;
    const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
    if (source) {
      source.setData(fc);
      map.setPaintProperty('reach-fill', 'fill-color', colour);
      map.setPaintProperty('reach-line', 'line-color', colour);
      return;
    }
    map.addSource(SOURCE, { type: 'geojson', data: fc });
    const before = overlayBefore(map);
    map.addLayer({ id: 'reach-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': colour, 'fill-opacity': 0.28 } }, before);
    map.addLayer({ id: 'reach-line', type: 'line', source: SOURCE, paint: { 'line-color': colour, 'line-width': 1.5 } }, before);
  }

  function section(title: string): HTMLElement {
    const s = el('section', '', { class: 'analysis-section' });
    s.append(el('h2', title));
    root.append(s);
    return s;
  }

  function renderReach(lang: Lang, s: ViewState, error: string | null): void {
    const box = section(t(lang, 'reachTitle'));
    const choose = el('fieldset', '', { class: 'bands' });
    choose.append(el('legend', t(lang, 'bands')));
    for (const b of BAND_CHOICES) {
      const label = el('label');
      const box = el('input', '', { type: 'checkbox', value: String(b), 'data-band': String(b) });
      box.checked = s.bands.includes(b);
      box.addEventListener('change', () => {
        const next = BAND_CHOICES.filter((v) => (v === b ? box.checked : s.bands.includes(v)));
        if (next.length >= 1 && next.length <= 5) ctx.update({ bands: next }, true);
        else box.checked = !box.checked;
      });
      label.append(box, el('span', String(b)));
      choose.append(label);
    }
    box.append(choose);
    if (!s.from) {
      box.append(el('p', t(lang, 'reachHint'), { class: 'note' }));
      return;
    }
    const origin = el('p', '', { class: 'origin' });
    origin.append(el('strong', `${t(lang, 'origin')}: `), el('span', placeName(lang, reach?.origin.id ?? s.from, reach?.origin.coordinates), { id: 'reach-origin' }));
    const clear = el('button', t(lang, 'clearReach'), { type: 'button' });
    clear.addEventListener('click', () => ctx.update({ from: null }, true));
    origin.append(' ', clear);
    box.append(origin);
    if (error) {
      box.append(el('p', `${t(lang, 'failed')}: ${error}`, { class: 'error', role: 'alert' }));
      return;
    }
    if (!reach) {
      box.append(el('p', t(lang, 'loading'), { class: 'note' }));
      return;
    }
    const list = el('ul', '', { class: 'bands-result', id: 'reach-bands' });
    for (const band of [...reach.features].reverse()) {
      const p = band.properties;
      const li = el('li');
      li.append(el('h3', `≤ ${p.minutes} ${t(lang, 'min')} · ${p.area_km2.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${t(lang, 'km2')}`));
      const within = el('dl', '', { class: 'within' });
      for (const layer of data.layers) {
        // What lies within is counted on the atlas's own layers (the analyses' data); an extra layer has none.
        const items = p.within[layer.id as LayerId];
        if (!items?.length || layer.id === 'places') continue;
        within.append(el('dt', `${layer.title[lang]} (${items.length})`));
        const dd = el('dd');
        items.slice(0, 12).forEach((item, i) => {
          const b = el('button', `${lang === 'zh' ? item.name_zh : item.name_en} · ${Math.round(item.minutes)} ${t(lang, 'min')}`, { type: 'button', class: 'chip' });
          b.addEventListener('click', () => ctx.select(item.id));
          if (i) dd.append(' ');
          dd.append(b);
        });
        if (items.length > 12) dd.append(` … +${items.length - 12}`);
        within.append(dd);
      }
      li.append(within);
      list.append(li);
    }
    box.append(list);
  }

  function renderMatrix(lang: Lang, year: number, matrix: Loaded<Matrix>): void {
    const box = section(t(lang, 'matrixTitle'));
    if (!matrix || matrix instanceof Error) return pending(box, lang, matrix);
    const table = el('table', '', { class: 'matrix', id: 'matrix' });
    table.append(el('caption', t(lang, 'matrixCaption', { year })));
    const head = el('tr');
    head.append(el('th', t(lang, 'fromTo'), { scope: 'col' }));
    for (const p of matrix.places) head.append(el('th', placeName(lang, p.id), { scope: 'col' }));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    matrix.places.forEach((from, i) => {
      const tr = el('tr');
      if (from.id === ctx.state().from) tr.className = 'origin-row';
      tr.append(el('th', placeName(lang, from.id), { scope: 'row' }));
      matrix.minutes[i].forEach((m, j) => {
        const within = m !== null && i !== j && m <= 60;
        const td = el('td', i === j ? '—' : m === null ? '…' : String(Math.round(m)), within ? { class: 'within-hour', title: t(lang, 'withinHour') } : {});
        if (within) td.append(el('span', ` ${t(lang, 'withinHour')}`, { class: 'sr-only' }));
        tr.append(td);
      });
      table.tBodies[0].append(tr);
    });
    box.append(table);
  }

  function renderCircle(lang: Lang, compareYears: [number, number], circle: Loaded<Circle>): void {
    const box = section(t(lang, 'circleTitle'));
    const pick = el('p', '', { class: 'compare' });
    const selects = compareYears.map((y, k) => {
      const select = el('select', '', { 'aria-label': `${t(lang, 'compareWith')} ${k + 1}`, 'data-compare': String(k) });
      for (let v = YEARS.min; v <= YEARS.max; v++) {
        const o = el('option', String(v), { value: String(v) });
        o.selected = v === y;
        select.append(o);
      }
      select.addEventListener('change', () => {
        const years: [number, number] = [...compareYears];
        years[k] = Number(select.value);
        ctx.update({ compare: years }, true);
      });
      return select;
    });
    pick.append(selects[0], ' → ', selects[1]);
    box.append(pick);
    if (!circle || circle instanceof Error) return pending(box, lang, circle);
    const table = el('table', '', { class: 'circle', id: 'circle' });
    table.append(el('caption', `${compareYears[0]} → ${compareYears[1]}`));
    const head = el('tr');
    for (const h of [t(lang, 'pair'), String(compareYears[0]), String(compareYears[1]), t(lang, 'change')]) head.append(el('th', h, { scope: 'col' }));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    // The answer gives the earlier year first; the columns follow the reader's order.
    const inOrder = <T>(earlier: T, later: T): [T, T] => (compareYears[0] <= compareYears[1] ? [earlier, later] : [later, earlier]);
    for (const p of circle.compare.pairs) {
      const tr = el('tr');
      tr.append(el('th', `${placeName(lang, p.from)} – ${placeName(lang, p.to)}`, { scope: 'row' }));
      const [first, second] = inOrder(p.earlier, p.later);
      for (const m of [first, second]) {
        const within = m !== null && m <= 60;
        const td = el('td', m === null ? '…' : String(Math.round(m)), within ? { class: 'within-hour' } : {});
        if (within) td.append(el('span', ` ${t(lang, 'withinHour')}`, { class: 'sr-only' }));
        tr.append(td);
      }
      tr.append(el('td', change(lang, first, second)));
      table.tBodies[0].append(tr);
    }
    box.append(table);
    const shares = el('table', '', { class: 'shares' });
    shares.append(el('caption', t(lang, 'areaShare')));
    const sh = el('tr');
    for (const h of ['', String(compareYears[0]), String(compareYears[1])]) sh.append(el('th', h, { scope: 'col' }));
    shares.append(el('thead'), el('tbody'));
    shares.tHead!.append(sh);
    for (const d of circle.compare.districts) {
      const tr = el('tr');
      tr.append(el('th', placeName(lang, d.id), { scope: 'row' }), ...inOrder(d.earlier, d.later).map((share) => el('td', `${Math.round(share * 100)}%`)));
      shares.tBodies[0].append(tr);
    }
    box.append(shares);
  }

  function renderPlan(lang: Lang, year: number, plan: Loaded<Plan>): void {
    const box = section(`${t(lang, 'planTitle')} · ${year}`);
    if (!plan || plan instanceof Error) return pending(box, lang, plan);
    const table = el('table', '', { class: 'plan', id: 'plan' });
    const head = el('tr');
    for (const h of ['', t(lang, 'modelled'), t(lang, 'target'), t(lang, 'shortfall')]) head.append(el('th', h, { scope: 'col' }));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    for (const area of plan.areas)
      for (const m of Object.keys(area.target)) {
        const tr = el('tr');
        tr.append(
          el('th', `${lang === 'zh' ? area.name_zh : area.name_en} · ${t(lang, m as StringKey)}`, { scope: 'row' }),
          el('td', String(area.modelled[m])),
          el('td', String(area.target[m])),
          el('td', area.shortfall[m] ? String(area.shortfall[m]) : '—'),
        );
        table.tBodies[0].append(tr);
      }
    box.append(table, el('p', t(lang, 'planNote'), { class: 'note' }));
  }

  /** Fetches what the state asks for and re-renders; a later call supersedes an earlier one still in flight. */
  async function refresh(): Promise<void> {
    const mine = ++generation;
    const s = ctx.state();
    const lang = s.lang;
    const paint = (matrix: Loaded<Matrix>, circle: Loaded<Circle>, plan: Loaded<Plan>, error: string | null) => {
      if (mine !== generation) return;
      keepFocus(root, () => {
        root.replaceChildren();
        renderReach(lang, s, error);
        renderMatrix(lang, s.year, matrix);
        renderCircle(lang, s.compare, circle);
        renderPlan(lang, s.year, plan);
      });
    };
    paint(null, null, null, null);
    let error: string | null = null;
    const reachPromise = s.from
      ? getJson<Reach>(`/api/reach?from=${encodeURIComponent(s.from)}&minutes=${s.bands.join(',')}&year=${s.year}`).catch((e: Error) => {
          error = e.message;
          return null;
        })
      : Promise.resolve(null);
    const [r, matrix, circle, plan] = await Promise.all([
      reachPromise,
      getJson<Matrix>(`/api/matrix?places=${FOUR.join(',')}&year=${s.year}`).catch((e: Error) => e),
      getJson<Circle>(`/api/circle?year=${s.compare[1]}&compare=${s.compare[0]}`).catch((e: Error) => e),
      getJson<Plan>(`/api/plan?year=${s.year}`).catch((e: Error) => e),
    ]);
    if (mine !== generation) return;
    reach = r;
    redraw();
    paint(matrix, circle, plan, error);
    map.getCanvas().dispatchEvent(new CustomEvent('atlas:analysis', { detail: { reach: Boolean(r) } }));
  }

  return { refresh, redraw };
}
