/**
 * Fewer vertices for the bands of an isochrone, without losing what makes them right: a ring drops
 * vertices where the straight line that replaces them passes within the tolerance of each, and a
 * shortcut that would cross any ring, its own band's or another band's, gets its vertices back (so
 * the bands stay valid and nested).
 */

/**
 * Simplifies the rings of some bands, outermost band last or first (the order does not matter).
 *
 * @param bands - each band's MultiPolygon coordinates (rings keep their inside on the left)
 * @param tolerance - the farthest, in degrees, a dropped vertex may lie from the line that replaces it
 * @returns the bands with their rings simplified where that crosses nothing
 * @example
 * simplifyBands([band30.coordinates, band60.coordinates], 0.0006);
 */
export function simplifyBands(bands: readonly number[][][][][], tolerance: number): number[][][][][] {
  const raw = bands.flatMap((band, b) => band.flatMap((polygon, p) => polygon.map((ring, r) => ({ b, p, r, ring }))));
  // Each simplified ring as the raw vertices it keeps, by index.
  const kept = raw.map(({ ring }) => simplifyRing(ring, tolerance));
  const rings = () => raw.map(({ ring }, i) => kept[i].map((k) => ring[k]));
  // A shortcut that crosses another ring (or its own) gets back the vertices it dropped, until nothing crosses.
  for (let guard = 0; guard < 64; guard++) {
    const crossing = crossingSegments(rings());
    let restored = 0;
    for (const [i, segments] of crossing) {
      const keep = kept[i];
      const next: number[] = [];
      keep.forEach((k, s) => {
        // Segment s ends at keep[s]; restoring it brings back the raw vertices between keep[s - 1] and keep[s].
        if (s > 0 && segments.has(s)) for (let j = keep[s - 1] + 1; j < k; j++, restored++) next.push(j);
        next.push(k);
      });
      kept[i] = next;
    }
    if (restored === 0) break;
  }
  const out = bands.map((band) => band.map((polygon) => polygon.map(() => [] as number[][])));
  const simplified = rings();
  raw.forEach(({ b, p, r }, i) => (out[b][p][r] = simplified[i]));
  return out;
}


/** How far ahead a shortcut is looked for: enough for a smooth arc, and a bound on the work. */
const LOOK_AHEAD = 48;

/** The vertices a closed ring keeps (indexes, first and last the same position) when runs are replaced by lines within the tolerance. */
function simplifyRing(ring: number[][], tolerance: number): number[] {
  const n = ring.length - 1;
  const all = ring.map((_, k) => k);
  // Too small to gain anything, and at least four positions must remain.
  if (n < 8) return all;
  const out = [0];
  let i = 0;
  while (i < n) {
    let best = i + 1;
    const ax = ring[i][0];
    const ay = ring[i][1];
    for (let j = i + 2; j <= Math.min(n, i + LOOK_AHEAD); j++) {
      // Distance to the line a→b as |cross| / |b − a|, the length taken once per line.
      const dx = ring[j][0] - ax;
      const dy = ring[j][1] - ay;
      const len = Math.hypot(dx, dy);
      let fits = true;
      for (let k = i + 1; k < j && fits; k++) fits = len === 0 ? Math.hypot(ring[k][0] - ax, ring[k][1] - ay) <= tolerance : Math.abs(dx * (ring[k][1] - ay) - dy * (ring[k][0] - ax)) <= tolerance * len;
      // The first line that strays ends the look: a longer one rarely fits again, and the work stays linear.
      if (!fits) break;
      best = j;
    }
    out.push(best);
    i = best;
  }
  return out.length >= 4 ? out : all;
}

/** The segments (by ring, then by the index of their end) that a segment of another ring, or a non-adjacent one of their own, crosses. */
function crossingSegments(rings: readonly number[][][]): Map<number, Set<number>> {
  // Segments in a grid of buckets as large as a typical segment, so that only neighbours are compared.
  let total = 0;
  let count = 0;
  for (const ring of rings) for (let k = 1; k < ring.length; k++, count++) total += Math.abs(ring[k][0] - ring[k - 1][0]) + Math.abs(ring[k][1] - ring[k - 1][1]);
  const cell = Math.max(1e-6, (2 * total) / Math.max(1, count));
  // Numeric keys (a string per bucket costs more than the comparisons it saves); each bucket's
  // segments as ring, end, ring, end … (no tuple per segment: this is the hot loop).
  const buckets = new Map<number, number[]>();
  rings.forEach((ring, r) => {
    for (let k = 1; k < ring.length; k++) {
      const a = ring[k - 1];
      const b = ring[k];
      for (let x = Math.floor(Math.min(a[0], b[0]) / cell); x <= Math.floor(Math.max(a[0], b[0]) / cell); x++)
        for (let y = Math.floor(Math.min(a[1], b[1]) / cell); y <= Math.floor(Math.max(a[1], b[1]) / cell); y++) {
          const key = x * 4194304 + y;
          const list = buckets.get(key);
          if (list) list.push(r, k);
          else buckets.set(key, [r, k]);
        }
    }
  });
  const crossing = new Map<number, Set<number>>();
  const mark = (r: number, k: number) => (crossing.get(r) ?? crossing.set(r, new Set()).get(r)!).add(k);
  for (const list of buckets.values())
    for (let u = 0; u < list.length; u += 2)
      for (let v = u + 2; v < list.length; v += 2) {
        const r1 = list[u];
        const k1 = list[u + 1];
        const r2 = list[v];
        const k2 = list[v + 1];
        if (r1 === r2 && (Math.abs(k1 - k2) <= 1 || Math.abs(k1 - k2) === rings[r1].length - 2)) continue;
        if (properlyCross(rings[r1][k1 - 1], rings[r1][k1], rings[r2][k2 - 1], rings[r2][k2])) {
          mark(r1, k1);
          mark(r2, k2);
        }
      }
  return crossing;
}

const samePoint = (p: number[], q: number[]) => p[0] === q[0] && p[1] === q[1];
const orient = (p: number[], q: number[], r: number[]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
const onSegment = (p: number[], q: number[], r: number[]) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);

/** Whether two segments cross or overlap anywhere but at a shared end. */
function properlyCross(a: number[], b: number[], c: number[], d: number[]): boolean {
  if (samePoint(a, c) || samePoint(a, d) || samePoint(b, c) || samePoint(b, d)) return false;
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  // Collinear and overlapping.
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}
