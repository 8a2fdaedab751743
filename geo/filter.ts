/**
 * What a layer shows for a query: the features in a box, of some statuses,
 * that exist in a given year. Pure, so that the worker's API and the page can share it.
 */
import { bboxIntersects, geometryBBox, type BBox } from './bbox.ts';
import type { Status } from './layers.ts';
import { statusIn, type LifeProps, type YearStatus } from './lifecycle.ts';

/** A filter over a layer's features; every part is optional. */
export interface FeatureFilter {
  /** Keep features whose bounding box meets this box. */
  bbox?: BBox;
  /** Keep features with one of these statuses (in `year` when it is given); base features, which have none, are dropped. */
  status?: readonly Status[];
  /** Keep what is on the map of this year (geo/lifecycle.ts). */
  year?: number;
  /** Keep features whose names match this text (`nameMatch`), best matches first. */
  q?: string;
}

interface FilterableProps extends LifeProps {
  id?: string;
  name_zh?: string;
  name_en?: string;
  /** The Chinese name in pinyin (geo/scripts/derived.ts). */
  name_py?: string;
  /** One of the four seats. */
  focus?: boolean;
}

/**
 * Text as searches compare it: lower case, without spaces or punctuation (Chinese characters stay).
 *
 * @param text - a name or a search
 * @returns the folded text
 * @example
 * fold('Wanzhou Bei'); // 'wanzhoubei'
 */
export const fold = (text: string): string => text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/**
 * How well a feature's names match a search, for the page's search and the API's `q` alike: 0 a name
 * (Chinese, English, pinyin) or the id is exactly what was typed; 1 one of the four seats matches at all;
 * 2 a name starts with it; 3 a name holds it; 4 each word typed is in some name, in any order; -1 no
 * match. Spaces and punctuation do not count (`wanzhoubei`, `Wanzhou Bei` and `万州北` find 万州北站).
 *
 * @param props - the feature's `id`, `name_zh`, `name_en`, `name_py` and `focus`
 * @param query - the text searched for
 * @returns the rank, best 0, or -1
 * @example
 * nameMatch({ id: 'station-wanzhou-north', name_zh: '万州北站', name_en: 'Wanzhou North', name_py: 'wanzhoubeizhan' }, 'wanzhoubei'); // 2
 */
export function nameMatch(props: FilterableProps, query: string): -1 | 0 | 1 | 2 | 3 | 4 {
  const q = fold(query);
  if (q === '') return -1;
  const keys = [props.name_zh, props.name_en, props.name_py, props.id].filter((k): k is string => typeof k === 'string').map(fold);
  if (keys.includes(q)) return 0;
  const rank = keys.some((k) => k.startsWith(q)) ? 2 : keys.some((k) => k.includes(q)) ? 3 : query.split(/\s+/).map(fold).filter(Boolean).every((w) => keys.some((k) => k.includes(w))) ? 4 : -1;
  return rank >= 0 && props.focus === true ? 1 : rank;
}

const boxes = new WeakMap<object, BBox>();
function featureBBox(geometry: { coordinates: unknown }): BBox {
  let box = boxes.get(geometry);
  if (!box) {
    box = geometryBBox(geometry);
    boxes.set(geometry, box);
  }
  return box;
}

/**
 * The features that pass a filter, in their original order.
 *
 * @param features - a layer's features
 * @param filter - the bbox, statuses and year to keep
 * @returns the kept features (the same objects, not copies), in their order, or best match first with `q`
 * @example
 * filterFeatures(rail.features, { year: 2023, status: ['operating'] });
 */
export function filterFeatures<F extends { properties: object; geometry: { coordinates: unknown } }>(
  features: readonly F[],
  filter: FeatureFilter,
): F[] {
  const { bbox, status, year } = filter;
  const q = filter.q?.trim();
  const kept: { f: F; rank: number }[] = [];
  for (const f of features) {
    const p = f.properties as FilterableProps;
    const inYear = year === undefined ? null : statusIn(p, year);
    if (year !== undefined && inYear === null) continue;
    if (status && (p.status === undefined || !status.includes(inYear?.status ?? p.status))) continue;
    if (bbox && !bboxIntersects(featureBBox(f.geometry), bbox)) continue;
    const rank = q ? nameMatch(p, q) : 0;
    if (rank >= 0) kept.push({ f, rank });
  }
  // With a search, the best matches first (a stable sort keeps the layer's order within a rank).
  if (q) kept.sort((a, b) => a.rank - b.rank);
  return kept.map((k) => k.f);
}

/**
 * A thematic feature with its status in a year beside what the sources report (`status_in`), for the
 * layer API's answers of a year; base features, which have no status, as they are.
 *
 * @param feature - a feature on the map of that year
 * @param year - the year
 * @returns a copy with `status_in: { year, status, expected }`, or the feature itself
 * @example
 * withStatusIn(yuwanHsr, 2027).properties.status_in; // { year: 2027, status: 'operating', expected: true }
 */
export function withStatusIn<F extends { properties: object }>(feature: F, year: number): F {
  const p = feature.properties as FilterableProps;
  const inYear: YearStatus | null = p.status === undefined ? null : statusIn(p, year);
  return inYear ? { ...feature, properties: { ...feature.properties, status_in: { year, ...inYear } } } : feature;
}
