/**
 * The explorer's state and its URL: everything a reader would want a copied
 * link to restore lives in the query string, and back and forward walk it.
 * Pure, because the embed and the worker's static images read the same URLs.
 */
import { noAnnotations, readAnnotations, retitled, writeAnnotations, type Annotations } from './annotations.ts';
import { LAYER_IDS } from './catalog.ts';
import type { View } from './views.ts';

/** The atlas's languages: 中文 first. */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** The side panel's tabs. */
export const PANELS = ['layers', 'analysis', 'search'] as const;
export type Panel = (typeof PANELS)[number];

/** The years the slider covers. */
export const YEARS = { min: 2020, max: 2035 } as const;

/** What the page shows. */
export interface ViewState {
  lang: Lang;
  year: number;
  /** Layers switched off (the atlas's own, or extra ones the catalogue lists). */
  hidden: string[];
  center: [number, number] | null;
  zoom: number | null;
  /** The reach origin: a place or feature id, or `lon,lat`. */
  from: string | null;
  bands: number[];
  panel: Panel;
  /** The feature whose details are open. */
  feature: string | null;
  /** The two years of the one-hour-circle comparison, in the order the reader chose them. */
  compare: [number, number];
  /** A route drawn on the map: its two ends, each a place or feature id, or `lon,lat`. */
  route: [string, string] | null;
  /** A scenario: lines added to the year's network as if complete, for every analysis (`with=a,b`). */
  with: string[];
  /** …and lines taken out of it (`without=a,b`). */
  without: string[];
  /** A newsroom's own title, caption, markers, highlight, callout and labels (geo/annotations.ts): the embed and pictures show them. */
  annotations: Annotations;
}

/** The present year, within the slider's range. */
export const thisYear = (): number => Math.min(YEARS.max, Math.max(YEARS.min, new Date().getFullYear()));

/** The state of a bare `/`. */
export function defaultState(): ViewState {
  return { lang: 'zh', year: thisYear(), hidden: [], center: null, zoom: null, from: null, bands: [30, 60, 90], panel: 'layers', feature: null, compare: [2023, 2027], route: null, with: [], without: [], annotations: noAnnotations() };
}

/** A trip end as the URL holds it: a place or feature id, or `lon,lat`. */
const isEnd = (s: string) => /^[\w.,-]{1,64}$/.test(s);

const num = (s: string | null) => (s !== null && /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : null);

/**
 * Reads a state from a query string; anything missing or malformed falls back to the default.
 *
 * @param search - `location.search`
 * @param layers - the layers there are (the atlas's own unless the catalogue lists more): others in `off` are dropped
 * @returns the state
 * @example
 * readState('?lang=en&year=2027&off=rivers&cmp=2027,2023&route=wanzhou~dazhou&with=kai-wan-liang-expressway'); // { lang: 'en', year: 2027, hidden: ['rivers'], compare: [2027, 2023], route: ['wanzhou', 'dazhou'], with: ['kai-wan-liang-expressway'], … }
 */
export function readState(search: string, layers: readonly string[] = LAYER_IDS): ViewState {
  const q = new URLSearchParams(search);
  const s = defaultState();
  const lang = q.get('lang');
  if (lang && (LANGS as readonly string[]).includes(lang)) s.lang = lang as Lang;
  const year = num(q.get('year'));
  if (year !== null && Number.isInteger(year) && year >= YEARS.min && year <= YEARS.max) s.year = year;
  s.hidden = [...new Set((q.get('off') ?? '').split(',').filter((id) => layers.includes(id)))];
  const c = (q.get('c') ?? '').split(',').map(num);
  if (c.length === 2 && c[0] !== null && c[1] !== null && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90) s.center = [c[0], c[1]];
  const z = num(q.get('z'));
  if (z !== null && z >= 0 && z <= 22) s.zoom = z;
  const from = q.get('from');
  if (from && isEnd(from)) s.from = from;
  const route = (q.get('route') ?? '').split('~');
  if (route.length === 2 && route.every(isEnd) && route[0] !== route[1]) s.route = route as [string, string];
  const bands = (q.get('bands') ?? '').split(',').map(num).filter((b): b is number => b !== null && Number.isInteger(b) && b >= 1 && b <= 240);
  if (bands.length > 0) s.bands = [...new Set(bands)].sort((a, b) => a - b).slice(0, 5);
  const panel = q.get('panel');
  if (panel && (PANELS as readonly string[]).includes(panel)) s.panel = panel as Panel;
  const feature = q.get('f');
  if (feature && /^[a-z0-9-]{1,64}$/.test(feature)) s.feature = feature;
  const compare = (q.get('cmp') ?? '').split(',').map(num);
  if (compare.length === 2 && compare.every((y) => y !== null && Number.isInteger(y) && y >= YEARS.min && y <= YEARS.max)) s.compare = compare as [number, number];
  // Line ids as the API takes them; the API says which is unknown or cannot be added.
  const lines = (name: string) => [...new Set((q.get(name) ?? '').split(',').filter((id) => /^[a-z0-9-]{1,64}$/.test(id)))].sort().slice(0, 40);
  s.with = lines('with');
  s.without = lines('without');
  s.annotations = readAnnotations(q);
  return s;
}

/**
 * Writes a state as a query string, leaving out what equals the default.
 *
 * @param s - the state
 * @returns `?…` (the year is always there)
 * @example
 * writeState({ ...defaultState(), lang: 'en', year: 2027 }); // '?lang=en&year=2027'
 */
export function writeState(s: ViewState): string {
  const d = defaultState();
  const q = new URLSearchParams();
  if (s.lang !== d.lang) q.set('lang', s.lang);
  // Always written: the default is the present year, and a shared link must not move with the calendar.
  q.set('year', String(s.year));
  if (s.hidden.length) q.set('off', [...s.hidden].sort().join(','));
  if (s.center) q.set('c', s.center.map((v) => v.toFixed(4)).join(','));
  if (s.zoom !== null) q.set('z', s.zoom.toFixed(2));
  if (s.from) q.set('from', s.from);
  if (s.bands.join(',') !== d.bands.join(',')) q.set('bands', s.bands.join(','));
  if (s.panel !== d.panel) q.set('panel', s.panel);
  if (s.feature) q.set('f', s.feature);
  if (s.compare.join(',') !== d.compare.join(',')) q.set('cmp', s.compare.join(','));
  if (s.route) q.set('route', s.route.join('~'));
  if (s.with.length) q.set('with', [...s.with].sort().join(','));
  if (s.without.length) q.set('without', [...s.without].sort().join(','));
  writeAnnotations(s.annotations, q);
  const text = q.toString().replace(/%2C/g, ',').replace(/%7E/g, '~');
  return text ? `?${text}` : '';
}

/**
 * A view made from an explorer state, for embeds and pictures of any state.
 *
 * @param s - the explorer's URL state
 * @returns a view titled with the atlas's name, captioned with the year, unless the state has a title or caption of its own
 * @example
 * viewFromState(readState('?year=2027&off=rivers&title=新港')).title; // { zh: '新港', en: '新港' }
 */
export function viewFromState(s: ViewState): View {
  return retitled<View>({
    id: 'view',
    title: { zh: '万达开云地图集', en: 'Wan-Da-Kai-Yun Atlas' },
    caption: { zh: `${s.year}年`, en: String(s.year) },
    layers: LAYER_IDS.filter((id) => !s.hidden.includes(id)),
    year: s.year,
    camera: { center: s.center ?? [108.05, 31.02], zoom: s.zoom ?? 7.6 },
    reach: s.from ? { from: [s.from], bands: s.bands } : null,
    matrix: false,
    route: s.route && { from: s.route[0], to: s.route[1] },
    ...(s.with.length ? { with: s.with } : {}),
    ...(s.without.length ? { without: s.without } : {}),
  }, s.annotations);
}
