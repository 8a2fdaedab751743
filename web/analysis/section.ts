/**
 * What every part of the analysis panel shares: its sections, what a section shows while its answer
 * is on the way or could not be had, its tables, and the minutes cells they hold.
 */
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/** An answer being fetched (null), failed (its Error), or had. */
export type Loaded<T> = T | Error | null;

/**
 * A section of the panel, with its heading, appended to the panel.
 *
 * @param root - the panel
 * @param title - the heading
 * @returns the section, to fill
 * @example
 * const box = section(root, t(lang, 'planTitle'));
 */
export function section(root: HTMLElement, title: string): HTMLElement {
  const s = el('section', '', { class: 'analysis-section' });
  s.append(el('h2', title));
  root.append(s);
  return s;
}

/**
 * Says that a section's answer is on the way, or why it could not be had.
 *
 * @param box - the section
 * @param lang - the language
 * @param answer - null while fetching, or the error
 * @example
 * if (!plan || plan instanceof Error) return pending(box, lang, plan);
 */
export function pending(box: HTMLElement, lang: Lang, answer: Error | null): void {
  if (answer) box.append(el('p', `${t(lang, 'failed')}: ${answer.message}`, { class: 'error', role: 'alert' }));
  else box.append(el('p', t(lang, 'loading'), { class: 'note' }));
}

/** Options of {@link dataTable}. */
export interface DataTableOptions {
  /** The table's class. */
  className: string;
  /** Its id, when the page has one table of the kind. */
  id?: string;
  /** Its caption. */
  caption?: string;
  /** The column headings. */
  headers: readonly string[];
}

/**
 * An empty table with its caption and column headings.
 *
 * @param options - class, id, caption and headings
 * @returns the table and its body, to add rows to
 * @example
 * const { table, body } = dataTable({ className: 'plan', id: 'plan', headers: ['', '建成', '目标'] });
 */
export function dataTable(options: DataTableOptions): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const table = el('table', '', { class: options.className, ...(options.id ? { id: options.id } : {}) });
  if (options.caption !== undefined) table.append(el('caption', options.caption));
  const head = el('tr');
  for (const h of options.headers) head.append(el('th', h, { scope: 'col' }));
  const thead = el('thead');
  const body = el('tbody');
  thead.append(head);
  table.append(thead, body);
  return { table, body };
}

/**
 * A cell of minutes, rounded ('…' when unreachable), marked when within the threshold, which a
 * screen reader says in words.
 *
 * @param lang - the language
 * @param minutes - the minutes, or null
 * @param threshold - the minutes within which the cell is marked (default 60)
 * @returns the cell
 * @example
 * tr.append(minutesCell('zh', 52.4)); // <td class="within-hour">52<span class="sr-only"> 一小时内</span></td>
 */
export function minutesCell(lang: Lang, minutes: number | null, threshold = 60): HTMLTableCellElement {
  const within = minutes !== null && minutes <= threshold;
  const td = el('td', minutes === null ? '…' : String(Math.round(minutes)), within ? { class: 'within-hour', title: t(lang, 'withinHour') } : {});
  if (within) td.append(el('span', ` ${t(lang, 'withinHour')}`, { class: 'sr-only' }));
  return td;
}
