/**
 * The travel-time matrix as a table, from places to places: the panel's and the embed's.
 */
import type { MatrixResponse } from '../../geo/api/matrix.ts';
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { dataTable, minutesCell } from './section.ts';

/** Options of {@link matrixTable}. */
export interface MatrixTableOptions {
  lang: Lang;
  /** A place's name, from its id (null for a position) and its position. */
  name(id: string | null, coordinates: [number, number]): string;
  /** The id of the reach's origin, whose row is marked. */
  origin?: string | null;
  /** The table's id, when the page has no other element of that id. */
  id?: string;
  /** What a click on a cell does (draws its route): the cells are buttons then. */
  onCell?(from: number, to: number): void;
}

/**
 * The matrix as a table: a row from each place, a column to each, the minutes within the hour marked.
 *
 * @param matrix - the answer of `/api/matrix`
 * @param options - the language, the places' names, the origin's row and the table's id
 * @returns the table
 * @example
 * box.append(matrixTable(await fetchMatrix({ places: [...FOUR_PLACE_IDS], year: 2027 }), { lang: 'zh', name: (id) => id ?? '' }));
 */
export function matrixTable(matrix: MatrixResponse, options: MatrixTableOptions): HTMLTableElement {
  const { lang } = options;
  const names = matrix.places.map((p) => options.name(p.id, p.coordinates));
  const { table, body } = dataTable({ className: 'matrix', id: options.id, caption: t(lang, 'matrixCaption', { year: matrix.year }), headers: [t(lang, 'fromTo'), ...names] });
  matrix.places.forEach((from, i) => {
    const tr = el('tr');
    if (options.origin && from.id === options.origin) tr.className = 'origin-row';
    tr.append(el('th', names[i], { scope: 'row' }));
    matrix.minutes[i].forEach((m, j) => {
      if (i === j) return void tr.append(el('td', '—'));
      const td = minutesCell(lang, m);
      if (options.onCell && m !== null) {
        // The cell's text as a button: a click (or Enter) draws the route behind the minutes.
        const b = el('button', '', { type: 'button', class: 'cell-route', 'aria-label': t(lang, 'showRoute', { from: names[i], to: names[j] }), 'data-cell': `${i}-${j}` });
        b.append(...td.childNodes);
        b.addEventListener('click', () => options.onCell!(i, j));
        td.append(b);
      }
      tr.append(td);
    });
    body.append(tr);
  });
  return table;
}
