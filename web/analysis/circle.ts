/**
 * The panel's circle section: the one-hour circle of two years side by side, in the order the reader
 * chose them, each figure read under its own year.
 */
import type { CircleResponse } from '../../geo/api/circle.ts';
import { YEARS, type Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { circleRows, csvButtons, shareRows } from './csv.ts';
import { dataTable, minutesCell, pending, type Loaded } from './section.ts';

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

/** What the circle section shows and does. */
export interface CircleSection {
  lang: Lang;
  /** The two years, in the reader's order. */
  years: [number, number];
  /** The answer for the second year, compared with the first. */
  circle: Loaded<CircleResponse>;
  placeName(id: string): string;
  /** Called with the years when the reader changes one. */
  choose(years: [number, number]): void;
}

/** The two years' pickers, in the reader's order. */
function yearPickers(c: CircleSection): HTMLElement {
  const pick = el('p', '', { class: 'compare' });
  const selects = c.years.map((y, k) => {
    const select = el('select', '', { 'aria-label': `${t(c.lang, 'compareWith')} ${k + 1}`, 'data-compare': String(k) });
    for (let v = YEARS.min; v <= YEARS.max; v++) {
      const o = el('option', String(v), { value: String(v) });
      o.selected = v === y;
      select.append(o);
    }
    select.addEventListener('change', () => {
      const years: [number, number] = [...c.years];
      years[k] = Number(select.value);
      c.choose(years);
    });
    return select;
  });
  pick.append(selects[0], ' → ', selects[1]);
  return pick;
}

/**
 * Fills the circle section: each pair's minutes in the two years and the change between them, then
 * each place's share of area within the hour. The columns follow the reader's order of the years,
 * and each figure is read by its year, so none can sit under the other year.
 *
 * @param box - the section
 * @param c - the language, the years, the answer and what the section calls back
 * @example
 * renderCircle(section(root, t(lang, 'circleTitle')), { lang, years: [2027, 2023], circle, placeName, choose });
 */
export function renderCircle(box: HTMLElement, c: CircleSection): void {
  const { lang, years, circle } = c;
  box.append(yearPickers(c));
  if (!circle || circle instanceof Error) return pending(box, lang, circle);
  // The query always names a year to compare with, so the answer always compares.
  const compared = circle.compare ?? { pairs: [], districts: [] };
  const [first, second] = years.map(String);
  const pairs = dataTable({ className: 'circle', id: 'circle', caption: `${first} → ${second}`, headers: [t(lang, 'pair'), first, second, t(lang, 'change')] });
  for (const p of compared.pairs) {
    const tr = el('tr');
    const [before, after] = [p.minutes[first] ?? null, p.minutes[second] ?? null];
    tr.append(el('th', `${c.placeName(p.from)} – ${c.placeName(p.to)}`, { scope: 'row' }));
    tr.append(minutesCell(lang, before, circle.minutes), minutesCell(lang, after, circle.minutes), el('td', change(lang, before, after)));
    pairs.body.append(tr);
  }
  const shares = dataTable({ className: 'shares', caption: t(lang, 'areaShare'), headers: ['', first, second] });
  for (const d of compared.districts) {
    const tr = el('tr');
    tr.append(el('th', c.placeName(d.id), { scope: 'row' }), ...[first, second].map((y) => el('td', d.share[y] === undefined ? '…' : `${Math.round(d.share[y] * 100)}%`)));
    shares.body.append(tr);
  }
  const csv = (what: string, kind: string, rows: typeof circleRows) => csvButtons({ lang, what, kind, parts: years, rows: () => rows(circle, years, lang) });
  box.append(pairs.table, csv(t(lang, 'circleTitle'), 'circle', circleRows), shares.table, csv(t(lang, 'areaShare'), 'circle-area', shareRows));
}
