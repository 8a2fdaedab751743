/**
 * Rivers as barriers: a local-road leg (from a point to the network, between two roads that meet,
 * from a station to its road) never crosses a river the data draws wide, which only the network's
 * roads cross, on their bridges. Which side of a river a position lies on is the parity of the
 * river's crossings on a ray due north of it; a leg crosses when its two ends lie on different sides.
 */
import type { LonLat } from '../geodesy.ts';

/** The rivers that only bridges cross: the Yangtze, several hundred metres wide here. */
export const BARRIER_RIVERS: readonly string[] = ['yangtze-river'];

/** Longitude bins of the segments, for a ray's few candidates. */
const BIN_DEG = 0.05;

/** Which side of the barrier rivers a position lies on. */
export interface Barrier {
  /**
   * The side of a position: a number whose bits say, for each barrier river, whether the position is
   * south of it (an odd number of crossings due north).
   */
  side(p: LonLat): number;
}

/** No rivers in the way (a network built without them, as the unit tests' small ones are). */
export const NO_BARRIER: Barrier = { side: () => 0 };

/**
 * A barrier from river lines.
 *
 * @param rivers - each barrier river's course, as lines of `[lon, lat]`
 * @returns its `side` function
 * @example
 * const b = barrierOf([yangtze.coordinates]); b.side([108.38, 30.81]) !== b.side([108.40, 30.78]); // across the river at 万州
 */
export function barrierOf(rivers: readonly (readonly (readonly LonLat[])[])[]): Barrier {
  // Per river, its segments by longitude bin.
  const indexes = rivers.map((lines) => {
    const bins = new Map<number, [number, number, number, number][]>();
    for (const line of lines)
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [line[i - 1], line[i]];
        if (a[0] === b[0]) continue; // a vertical segment is never crossed by a vertical ray
        const seg: [number, number, number, number] = [a[0], a[1], b[0], b[1]];
        for (let k = Math.floor(Math.min(a[0], b[0]) / BIN_DEG); k <= Math.floor(Math.max(a[0], b[0]) / BIN_DEG); k++) {
          const bin = bins.get(k);
          if (bin) bin.push(seg);
          else bins.set(k, [seg]);
        }
      }
    return bins;
  });
  return {
    side([x, y]) {
      let bits = 0;
      indexes.forEach((bins, r) => {
        let crossings = 0;
        for (const [x1, y1, x2, y2] of bins.get(Math.floor(x / BIN_DEG)) ?? []) {
          // Half-open in x, so that a ray through a shared vertex counts it once.
          if (x1 <= x === x2 <= x) continue;
          const yAt = y1 + ((x - x1) / (x2 - x1)) * (y2 - y1);
          if (yAt > y) crossings++;
        }
        if (crossings % 2 === 1) bits |= 1 << r;
      });
      return bits;
    },
  };
}
