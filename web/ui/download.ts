/**
 * Data to download: a file handed to the browser, and the controls that ask for a layer's or a
 * feature's data as GeoJSON or CSV (buttons, so the keyboard and screen readers reach them).
 */
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { downloadWord } from '../download/words.ts';
import { el } from './dom.ts';

/** The formats a layer or a feature downloads as. */
export type DataFormat = 'geojson' | 'csv';
const FORMATS: [DataFormat, string][] = [
  ['geojson', 'GeoJSON'],
  ['csv', 'CSV'],
];

/**
 * Hands a file to the browser, which saves it.
 *
 * @param name - the file's name
 * @param text - its content
 * @param type - its media type
 * @example
 * saveFile('wandakaiyun-ports-2027.csv', toCsv(rows), 'text/csv;charset=utf-8');
 */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', '', { href: url, download: name, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the browser may still be reading the file after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A file name only a file system's safe characters make: `wandakaiyun-ports-2027.csv`.
 *
 * @param parts - what names the file
 * @param format - its format, the extension
 * @returns the name
 * @example
 * dataFileName(['ports', 2027], 'geojson'); // 'wandakaiyun-ports-2027.geojson'
 */
export const dataFileName = (parts: readonly (string | number)[], format: DataFormat): string => `wandakaiyun-${parts.join('-').replace(/[^\w.-]+/g, '_')}.${format}`;

/**
 * The buttons that download something as GeoJSON and as CSV.
 *
 * @param lang - the language
 * @param what - what they download, in words, for their accessible names
 * @param key - their `data-download` key (`ports` gives `ports:csv`), which also keeps their focus over a re-render
 * @param onPick - called with the format asked for
 * @returns the two buttons
 * @example
 * box.append(...dataButtons('zh', '港口', 'ports', (format) => save(format)));
 */
export function dataButtons(lang: Lang, what: string, key: string, onPick: (format: DataFormat) => void): HTMLButtonElement[] {
  return FORMATS.map(([format, label]) => {
    const b = el('button', label, { type: 'button', class: 'data-format', 'data-download': `${key}:${format}`, 'aria-label': t(lang, 'downloadAs', { what, format: label }) });
    b.addEventListener('click', () => onPick(format));
    return b;
  });
}

/** A menu of `key`'s downloads under a ↓ button named `name`; `items` makes its list, given what closes it. */
function menuOf(name: string, key: string, items: (close: () => void) => Node[]): HTMLElement {
  const menu = el('details', '', { class: 'data-menu' });
  const summary = el('summary', '↓', { 'aria-label': name, title: name, 'data-download-menu': key });
  // A pick or Escape closes the menu and gives the keyboard back to its button.
  const close = () => {
    menu.open = false;
    summary.focus();
  };
  menu.addEventListener('keydown', (e) => e.key === 'Escape' && menu.open && close());
  menu.append(summary, el('div', '', { class: 'data-menu-list' }));
  menu.lastElementChild!.append(...items(close));
  return menu;
}

/**
 * A layer's small download menu: a button that opens the two formats (a disclosure, so the list of
 * layers stays uncluttered).
 *
 * @param lang - the language
 * @param title - the layer's title in the language
 * @param year - the map's year, whose features the files hold
 * @param key - the layer's id
 * @param onPick - called with the format asked for
 * @returns the menu
 * @example
 * row.append(downloadMenu('en', 'Ports', 2027, 'ports', (format) => saveLayer('ports', format)));
 */
export function downloadMenu(lang: Lang, title: string, year: number, key: string, onPick: (format: DataFormat) => void): HTMLElement {
  return menuOf(t(lang, 'downloadData', { layer: title, year }), key, (close) => [
    el('span', t(lang, 'dataOfYear', { year }), { class: 'data-menu-year' }),
    ...dataButtons(lang, `${title} ${year}`, key, (format) => (onPick(format), close())),
  ]);
}

/**
 * The download menu of a layer that downloads whole (the catalogue's `download: 'whole'`): a link to its
 * GeoJSON as published, which the browser saves as it streams (the file may be far larger than the page
 * would hold), said to be the whole layer, not the year's map. No CSV: the API gives none of it.
 *
 * @param lang - the language
 * @param title - the layer's title in the language
 * @param count - its features, from the catalogue
 * @param key - the layer's id
 * @param href - the GeoJSON's address
 * @returns the menu
 * @example
 * row.append(wholeDownloadMenu('zh', '合成图层', 330, 'synthetic', '/api/layers/synthetic'));
 */
export function wholeDownloadMenu(lang: Lang, title: string, count: number, key: string, href: string): HTMLElement {
  return menuOf(downloadWord(lang, 'wholeMenu', { layer: title }), key, (close) => {
    const label = downloadWord(lang, 'wholeAs', { layer: title, format: 'GeoJSON' });
    const link = el('a', 'GeoJSON', { href, download: dataFileName([key], 'geojson'), class: 'data-format', 'data-download': `${key}:whole`, 'aria-label': label, title: label });
    // Closed once the click has started the download (closing first would not stop it; this keeps the order plain).
    link.addEventListener('click', () => setTimeout(close));
    return [el('span', downloadWord(lang, 'wholeNote', { count }), { class: 'data-menu-year' }), link];
  });
}
