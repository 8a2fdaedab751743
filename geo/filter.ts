/**
 * What a layer shows for a query: the features in a box, of some statuses,
 * that exist in a given year. Pure, so that the worker's API and the page can share it.
 */
import { bboxIntersects, geometryBBox, type BBox } from './bbox.ts';
import type { Status } from './schema.ts';

/** A filter over a layer's features; every part is optional. */
export interface FeatureFilter {
  /** Keep features whose bounding box meets this box. */
  bbox?: BBox;
  /** Keep features with one of these statuses (base features, which have none, are dropped). */
  status?: readonly Status[];
  /** Keep what exists in this year. */
  year?: number;
  /** Keep features whose Chinese or English name or id holds this text (names that start with it first). */
  q?: string;
}

interface FilterableProps {
  status?: Status;
  opens?: number;
  id?: string;
  name_zh?: string;
  name_en?: string;
}

/**
 * How well a feature's names match a search: the page's search and the API's `q` rank alike.
 *
 * @param props - the feature's `id`, `name_zh` and `name_en`
 * @param query - the text searched for, trimmed and lower-cased
 * @returns 0 when a name or the id starts with it, 1 when one holds it, -1 when none does
 * @example
 * nameMatch({ id: 'xintian-port', name_zh: '新田港', name_en: 'Xintian Port' }, 'xin'); // 0
 */
export function nameMatch(props: FilterableProps, query: string): -1 | 0 | 1 {
  const names = [props.name_zh ?? '', (props.name_en ?? '').toLowerCase(), props.id ?? ''];
  return names.some((n) => n.startsWith(query)) ? 0 : names.some((n) => n.includes(query)) ? 1 : -1;
}

/**
 * Whether a feature exists in a year. Base features (districts, rivers) always do;
 * an operating facility does unless it opened later; anything else only once the
 * year it is to open has come, so a project with no published completion year
 * never appears on a future map: the atlas does not guess.
 *
 * @param props - the feature's `status` and `opens`
 * @param year - the year asked about
 * @returns true when the feature is on the map of that year
 * @example
 * existsIn({ status: 'planned', opens: 2027 }, 2026); // false
 * existsIn({ status: 'planned', opens: 2027 }, 2027); // true
 */
export function existsIn(props: FilterableProps, year: number): boolean {
  if (props.status === undefined) return true;
  if (props.status === 'operating') return props.opens === undefined || props.opens <= year;
  return props.opens !== undefined && props.opens <= year;
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
  const q = filter.q?.trim().toLowerCase();
  const kept = features.filter((f) => {
    const p = f.properties as FilterableProps;
    if (status && (p.status === undefined || !status.includes(p.status))) return false;
    if (year !== undefined && !existsIn(p, year)) return false;
    if (bbox && !bboxIntersects(featureBBox(f.geometry), bbox)) return false;
    if (q && nameMatch(p, q) < 0) return false;
    return true;
  });
  // With a search, names that start with it come first (a stable sort keeps the layer's order within each).
  return q ? kept.sort((a, b) => nameMatch(a.properties as FilterableProps, q) - nameMatch(b.properties as FilterableProps, q)) : kept;
}
