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
}

interface FilterableProps {
  status?: Status;
  opens?: number;
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
 * @returns the kept features (the same objects, not copies)
 * @example
 * filterFeatures(rail.features, { year: 2023, status: ['operating'] });
 */
export function filterFeatures<F extends { properties: object; geometry: { coordinates: unknown } }>(
  features: readonly F[],
  filter: FeatureFilter,
): F[] {
  const { bbox, status, year } = filter;
  return features.filter((f) => {
    const p = f.properties as FilterableProps;
    if (status && (p.status === undefined || !status.includes(p.status))) return false;
    if (year !== undefined && !existsIn(p, year)) return false;
    if (bbox && !bboxIntersects(featureBBox(f.geometry), bbox)) return false;
    return true;
  });
}
