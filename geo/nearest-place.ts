/**
 * A point named by the nearest place: "8 km W of Yunyang County", for an origin clicked on the map,
 * which a reader knows by the towns around it rather than by its coordinates.
 */
import { distanceKm, kmPerDegreeLon, KM_PER_DEGREE, type LonLat } from './geodesy.ts';

/** The eight compass points, clockwise from north, and `at` for a point on the place itself. */
export const DIRECTIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type Direction = (typeof DIRECTIONS)[number] | 'at';

/** A place to name a point by. */
export interface NamedPlace {
  id: string;
  name_zh: string;
  name_en: string;
  lonLat: LonLat;
}

/** The nearest place, how far the point lies from it and in which direction. */
export interface NearestPlace {
  id: string;
  name_zh: string;
  name_en: string;
  /** Kilometres from the place to the point, rounded to whole ones. */
  km: number;
  /** Where the point lies as seen from the place; `at` within `atKm`. */
  direction: Direction;
}

/**
 * The compass point of a bearing, as seen from `from`: a local flat measure, right for the tens of
 * kilometres between a point and its nearest seat.
 *
 * @param from - `[lon, lat]` of the place
 * @param to - `[lon, lat]` of the point
 * @returns one of the eight compass points
 * @example
 * compassPoint([108.9, 30.94], [108.8, 30.94]); // 'W'
 */
export function compassPoint(from: LonLat, to: LonLat): (typeof DIRECTIONS)[number] {
  const east = (to[0] - from[0]) * kmPerDegreeLon((from[1] + to[1]) / 2);
  const north = (to[1] - from[1]) * KM_PER_DEGREE;
  const bearing = (Math.atan2(east, north) * 180) / Math.PI;
  return DIRECTIONS[Math.round((bearing + 360) / 45) % 8];
}

/**
 * The place nearest a point, with the distance and direction from it.
 *
 * @param places - the places to choose from (the atlas's county and prefecture seats)
 * @param lonLat - the point
 * @param options - `atKm`: within this distance the point is said to be at the place (default 1)
 * @returns the nearest place, or null when there is none
 * @example
 * nearestPlace(seats, [108.8, 30.94]); // { id: 'yunyang', name_en: 'Yunyang County', km: 8, direction: 'W', … }
 */
export function nearestPlace(places: readonly NamedPlace[], lonLat: LonLat, options: { atKm?: number } = {}): NearestPlace | null {
  const atKm = options.atKm ?? 1;
  let best: { place: NamedPlace; km: number } | null = null;
  for (const place of places) {
    const km = distanceKm(place.lonLat, lonLat);
    if (!best || km < best.km) best = { place, km };
  }
  if (!best) return null;
  const { place, km } = best;
  return { id: place.id, name_zh: place.name_zh, name_en: place.name_en, km: Math.round(km), direction: km < atKm ? 'at' : compassPoint(place.lonLat, lonLat) };
}
