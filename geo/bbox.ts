/** A box in lon/lat: `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number];

/**
 * Calls a function with every position of GeoJSON coordinates, at any depth (a Point's one, a
 * MultiPolygon's every ring's).
 *
 * @param coordinates - a geometry's `coordinates` (not a GeometryCollection's)
 * @param visit - called with each `[lon, lat]`
 * @example
 * let n = 0; eachPosition(polygon.coordinates, () => n++);
 */
export function eachPosition(coordinates: unknown, visit: (position: number[]) => void): void {
  const a = coordinates as unknown[];
  if (typeof a[0] === 'number') visit(a as number[]);
  else for (const child of a) eachPosition(child, visit);
}

/**
 * The bounding box of any GeoJSON geometry, by walking its coordinates.
 *
 * @param geometry - a GeoJSON geometry (not a GeometryCollection)
 * @returns `[minLon, minLat, maxLon, maxLat]`
 * @example
 * geometryBBox({ type: 'LineString', coordinates: [[108, 30], [109, 31]] }); // [108, 30, 109, 31]
 */
export function geometryBBox(geometry: { coordinates: unknown }): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(geometry.coordinates, ([x, y]) => {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  });
  return box;
}

/**
 * The box around several boxes.
 *
 * @param boxes - the boxes
 * @returns their union, or `null` when there are none
 * @example
 * unionBBox([[0, 0, 1, 1], [2, -1, 3, 0]]); // [0, -1, 3, 1]
 */
export function unionBBox(boxes: readonly BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  const u: BBox = [...boxes[0]];
  for (const b of boxes) {
    u[0] = Math.min(u[0], b[0]);
    u[1] = Math.min(u[1], b[1]);
    u[2] = Math.max(u[2], b[2]);
    u[3] = Math.max(u[3], b[3]);
  }
  return u;
}

/**
 * Whether two boxes overlap (touching counts).
 *
 * @param a - a box
 * @param b - another box
 * @returns true when they share at least one point
 * @example
 * bboxIntersects([0, 0, 1, 1], [1, 1, 2, 2]); // true
 */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
