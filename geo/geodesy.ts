/** A position: `[lon, lat]` in WGS84 degrees. */
export type LonLat = readonly [number, number] | number[];

/** The Earth's mean radius (IUGG), km: every distance in the atlas is on this sphere. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
/** Kilometres in a degree of latitude on that sphere (and of longitude at the equator). */
export const KM_PER_DEGREE = EARTH_RADIUS_KM * RAD;

/**
 * Kilometres in a degree of longitude at a latitude, on the same sphere: for local flat measures
 * (grids, search boxes) that must agree with `distanceKm`.
 *
 * @param lat - the latitude in degrees
 * @returns kilometres
 * @example
 * kmPerDegreeLon(30.8); // ≈ 95.5
 */
export const kmPerDegreeLon = (lat: number): number => KM_PER_DEGREE * Math.cos(lat * RAD);

/**
 * Great-circle distance on the mean-radius sphere (haversine).
 *
 * @param a - `[lon, lat]`
 * @param b - `[lon, lat]`
 * @returns kilometres
 * @example
 * distanceKm([108.37567, 30.81008], [108.38409, 31.1646]); // ≈ 39.4 (万州 to 开州)
 */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The length of a polyline.
 *
 * @param line - its positions
 * @returns kilometres
 * @example
 * lineKm([[108, 30], [108, 31]]); // ≈ 111.2
 */
export function lineKm(line: readonly LonLat[]): number {
  let km = 0;
  for (let i = 1; i < line.length; i++) km += distanceKm(line[i - 1], line[i]);
  return km;
}

/**
 * A position written `lon,lat`, or null when the text is not one.
 *
 * @param text - e.g. `108.41,30.81`
 * @returns `[lon, lat]` or null
 * @example
 * parseLonLat('108.41, 30.81'); // [108.41, 30.81]
 */
export function parseLonLat(text: string): [number, number] | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
