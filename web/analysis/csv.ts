/**
 * The analysis tables as CSV files to download: each table's rows built from the API's answer (the
 * figures as the API gives them, not as the panel rounds them), headers in the reader's language
 * with their units, names in both languages as separate columns, nothing where there is no figure.
 */
import type { CircleResponse } from '../../geo/api/circle.ts';
import type { MatrixResponse } from '../../geo/api/matrix.ts';
import type { PlanResponse } from '../../geo/api/plan.ts';
import type { ReachResponse } from '../../geo/api/reach.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { toCsv, type CsvValue } from '../../geo/csv.ts';
import type { LayerId } from '../../geo/layers.ts';
import type { Lang } from '../../geo/state.ts';
import { nearestFirst } from '../api.ts';
import { t, type StringKey } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { saveFile } from '../ui/download.ts';

/** A table's records, the header first. */
export type CsvRows = CsvValue[][];

/** A place's name in a language, from its id (null for a position) and its position. */
export type Namer = (lang: Lang, id: string | null, coordinates?: [number, number]) => string;

/** A column heading with its unit: "时间（分钟）", "Time (min)". */
const unit = (lang: Lang, label: string, u: string): string => t(lang, 'csvUnit', { label, unit: u });
/** The two columns of a name: 中文, then English. */
const nameHeads = (lang: Lang, key: StringKey): string[] => [t(lang, 'csvZh', { label: t(lang, key) }), t(lang, 'csvEn', { label: t(lang, key) })];
/** A figure to one decimal, or nothing. */
const tenth = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

/**
 * The matrix's records: a row from each place, a column of minutes to each.
 *
 * @param matrix - the answer of `/api/matrix`
 * @param lang - the headers' language
 * @param name - a place's name in either language
 * @returns the records
 * @example
 * matrixRows(matrix, 'zh', placeName)[1]; // ['万州区', 'Wanzhou District', 0, 71.8, …]
 */
export function matrixRows(matrix: MatrixResponse, lang: Lang, name: Namer): CsvRows {
  const to = matrix.places.map((p) => unit(lang, t(lang, 'csvTo', { name: name(lang, p.id, p.coordinates) }), t(lang, 'min')));
  return [[...nameHeads(lang, 'origin'), ...to], ...matrix.places.map((p, i) => [name('zh', p.id, p.coordinates), name('en', p.id, p.coordinates), ...matrix.minutes[i]])];
}

/**
 * The reach's bands, nearest first: each band's minutes, area, and how many features of each layer it holds.
 *
 * @param reach - the answer of `/api/reach`
 * @param lang - the headers' language
 * @param layers - the layers, in the catalogue's order
 * @returns the records
 * @example
 * bandRows(reach, 'en', layers)[0]; // ['Band (min)', 'Area (km²)', 'Ecological corridors (count)', …]
 */
export function bandRows(reach: ReachResponse, lang: Lang, layers: readonly CatalogEntry[]): CsvRows {
  const counted = layers.filter((l) => l.id !== 'places' && reach.within[l.id as LayerId]);
  return [
    [unit(lang, t(lang, 'csvBand'), t(lang, 'min')), unit(lang, t(lang, 'area'), t(lang, 'km2')), ...counted.map((l) => unit(lang, l.title[lang], t(lang, 'csvCount')))],
    ...nearestFirst(reach).map((b) => [b.properties.minutes, b.properties.area_km2, ...counted.map((l) => b.properties.counts[l.id as LayerId] ?? 0)]),
  ];
}

/**
 * What lies within reach, by layer, nearest first: all of it (the panel lists the nearest few),
 * each with the band it lies in and what makes its minutes uncertain.
 *
 * @param reach - the answer of `/api/reach`
 * @param lang - the headers' language
 * @param layers - the layers, in the catalogue's order
 * @param name - a place's name, for a seat a feature is drawn at
 * @returns the records
 * @example
 * withinRows(reach, 'zh', layers, placeName)[1]; // ['生态廊道', 'hengtai-river-bank-works', '恒泰河…', 'Hengtai River…', 0, 30, 15, '万州区']
 */
export function withinRows(reach: ReachResponse, lang: Lang, layers: readonly CatalogEntry[], name: Namer): CsvRows {
  const bands = nearestFirst(reach).map((b) => b.properties.minutes);
  const head = [t(lang, 'layer'), t(lang, 'csvId'), ...nameHeads(lang, 'csvName'), unit(lang, t(lang, 'csvTime'), t(lang, 'min')), unit(lang, t(lang, 'csvBand'), t(lang, 'min')), unit(lang, t(lang, 'csvUncertainty'), t(lang, 'km')), t(lang, 'csvAtSeat')];
  const rows = layers.flatMap((layer) =>
    layer.id === 'places'
      ? []
      : (reach.within[layer.id as LayerId] ?? []).map((item) => [
          layer.title[lang],
          item.id,
          item.name_zh,
          item.name_en,
          item.minutes,
          bands.find((b) => item.minutes <= b) ?? null,
          item.uncertainty_km ?? null,
          item.at_seat ? name(lang, item.at_seat) : null,
        ]),
  );
  return [head, ...rows];
}

/** The circle's comparison: each figure keyed by its year. */
type Compared = NonNullable<CircleResponse['compare']>;

/**
 * The circle's pairs: each pair's minutes in the two years, in the reader's order, and the change.
 *
 * @param circle - the answer of `/api/circle` with `compare`
 * @param years - the two years, in the reader's order
 * @param lang - the headers' language
 * @returns the records
 * @example
 * circleRows(circle, [2023, 2027], 'en')[0]; // ['From (Chinese)', 'From (English)', 'To (Chinese)', 'To (English)', '2023 (min)', '2027 (min)', 'Change (min; negative is faster)']
 */
export function circleRows(circle: CircleResponse, years: [number, number], lang: Lang): CsvRows {
  const names = new Map(circle.districts.map((d) => [d.id, [d.name_zh, d.name_en]]));
  const both = (id: string) => names.get(id) ?? [id, id];
  const [first, second] = years.map(String);
  const pairs: Compared['pairs'] = circle.compare?.pairs ?? [];
  return [
    [...nameHeads(lang, 'origin'), ...nameHeads(lang, 'csvDestination'), unit(lang, first, t(lang, 'min')), unit(lang, second, t(lang, 'min')), t(lang, 'csvChange')],
    ...pairs.map((p) => {
      const [before, after] = [p.minutes[first] ?? null, p.minutes[second] ?? null];
      return [...both(p.from), ...both(p.to), before, after, before === null || after === null ? null : tenth(after - before)];
    }),
  ];
}

/**
 * The circle's area shares: each place's share of area within the hour in the two years, in per cent.
 *
 * @param circle - the answer of `/api/circle` with `compare`
 * @param years - the two years, in the reader's order
 * @param lang - the headers' language
 * @returns the records
 * @example
 * shareRows(circle, [2023, 2027], 'zh')[1]; // ['万州区', 'Wanzhou District', 51.4, 51.4]
 */
export function shareRows(circle: CircleResponse, years: [number, number], lang: Lang): CsvRows {
  const names = new Map(circle.districts.map((d) => [d.id, [d.name_zh, d.name_en]]));
  const districts: Compared['districts'] = circle.compare?.districts ?? [];
  return [
    [...nameHeads(lang, 'csvName'), ...years.map((y) => unit(lang, `${y} ${t(lang, 'areaShare')}`, '%'))],
    ...districts.map((d) => [...(names.get(d.id) ?? [d.id, d.id]), ...years.map((y) => tenth(d.share[String(y)] === undefined ? null : d.share[String(y)] * 100))]),
  ];
}

/**
 * The plan's figures: a row per area and measure with a target, in kilometres.
 *
 * @param plan - the answer of `/api/plan`
 * @param lang - the headers' language
 * @returns the records
 * @example
 * planRows(plan, 'en')[0]; // ['Area (Chinese)', 'Area (English)', 'Measure', 'Modelled (km)', '2027 target (km)', 'Short by (km)']
 */
export function planRows(plan: PlanResponse, lang: Lang): CsvRows {
  const km = (key: StringKey) => unit(lang, t(lang, key), t(lang, 'km'));
  return [
    [...nameHeads(lang, 'csvArea'), t(lang, 'csvMeasure'), km('modelled'), km('target'), km('shortfall')],
    ...plan.areas.flatMap((a) => (Object.keys(a.target) as (keyof typeof a.target)[]).map((m) => [a.name_zh, a.name_en, t(lang, m), a.modelled[m], a.target[m] ?? null, a.shortfall[m] ?? null])),
  ];
}

/** A table that {@link csvButtons} offers to download. */
export interface CsvDownload {
  lang: Lang;
  /** Which table, in words, for the button's accessible name. */
  what: string;
  /** Which table, as a key: the button's `data-csv` and the start of the file's name. */
  kind: string;
  /** What else names the file: `['2027']` gives `wandakaiyun-matrix-2027.csv`. */
  parts: readonly (string | number | null)[];
  /** The button's text (default "下载 CSV"), where a section has more than one. */
  label?: string;
  /** Its records, built when the reader asks. */
  rows(): CsvRows;
}

/** One table's button, which downloads it as a CSV file (UTF-8 with its byte-order mark). */
function csvButton(d: CsvDownload): HTMLButtonElement {
  // The kind is also the focus key (keepFocus), so the button keeps the keyboard after a re-render.
  const b = el('button', d.label ?? t(d.lang, 'downloadCsv'), { type: 'button', class: 'csv', 'data-csv': d.kind, 'aria-label': t(d.lang, 'downloadCsvOf', { table: d.what }) });
  // An origin may be a position ("108.41,30.81"): the name keeps only what any file system takes.
  const file = `wandakaiyun-${[d.kind, ...d.parts].filter((p) => p !== null && p !== '').join('-').replace(/[^\w.-]+/g, '_')}.csv`;
  b.addEventListener('click', () => saveFile(file, toCsv(d.rows()), 'text/csv;charset=utf-8'));
  return b;
}

/**
 * Buttons that download tables as CSV files (UTF-8 with the byte-order mark), in a paragraph to put
 * under the tables.
 *
 * @param downloads - for each, the language, the table's name and file name, and its records
 * @returns the paragraph
 * @example
 * box.append(csvButtons({ lang, what: t(lang, 'planTitle'), kind: 'plan', parts: [plan.year], rows: () => planRows(plan, lang) }));
 */
export function csvButtons(...downloads: CsvDownload[]): HTMLElement {
  const p = el('p', '', { class: 'downloads' });
  p.append(...downloads.map(csvButton));
  return p;
}

/**
 * The matrix's download button, as the panel and the embed offer it.
 *
 * @param matrix - the answer of `/api/matrix`
 * @param lang - the language
 * @param name - a place's name in either language
 * @returns a paragraph holding the button
 * @example
 * box.append(matrixTable(matrix, { lang, name }), matrixCsv(matrix, lang, placeName));
 */
export const matrixCsv = (matrix: MatrixResponse, lang: Lang, name: Namer): HTMLElement =>
  csvButtons({ lang, what: t(lang, 'matrixTitle'), kind: 'matrix', parts: [matrix.year], rows: () => matrixRows(matrix, lang, name) });

/**
 * The reach's download buttons: its bands, and all that lies within.
 *
 * @param reach - the answer of `/api/reach`
 * @param lang - the language
 * @param layers - the layers, in the catalogue's order
 * @param name - a place's name in either language
 * @returns a paragraph holding the two buttons
 * @example
 * if (reach) box.append(reachCsv(reach, lang, layers, placeName));
 */
export function reachCsv(reach: ReachResponse, lang: Lang, layers: readonly CatalogEntry[], name: Namer): HTMLElement {
  const parts = [reach.origin.id ?? reach.origin.coordinates.join(','), reach.year];
  // Two buttons side by side: each says which table it downloads.
  const named = (what: string) => ({ lang, what, label: t(lang, 'downloadCsvOf', { table: what }), parts });
  return csvButtons(
    { ...named(t(lang, 'csvBands')), kind: 'reach-bands', rows: () => bandRows(reach, lang, layers) },
    { ...named(t(lang, 'csvWithin')), kind: 'reach-within', rows: () => withinRows(reach, lang, layers, name) },
  );
}
