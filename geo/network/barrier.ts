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
  /**
   * The sides of every node of a grid at once (node (c, r) at west + c·step, south + r·step), column by
   * column: one pass over the rivers' crossings of each meridian instead of one per node. Written
   * into `out` (of the grid's length) when given.
   */
  sidesOfGrid(grid: NodeGrid, out?: Uint8Array): Uint8Array;
}

/** A grid of nodes: `cols` × `rows` of them, `step` degrees apart, the first at (`west`, `south`). */
export interface NodeGrid {
  west: number;
  south: number;
  step: number;
  cols: number;
  rows: number;
}

/** No rivers in the way (a network built without them, as the unit tests' small ones are). */
export const NO_BARRIER: Barrier = { side: () => 0, sidesOfGrid: (g, out) => (out ?? new Uint8Array(g.cols * g.rows)).fill(0) };

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
  /** Where each river crosses the meridian x (half-open in x, so that a shared vertex counts once). */
  const crossingsAt = (bins: Map<number, [number, number, number, number][]>, x: number): number[] => {
    const out: number[] = [];
    for (const [x1, y1, x2, y2] of bins.get(Math.floor(x / BIN_DEG)) ?? []) if (x1 <= x !== x2 <= x) out.push(y1 + ((x - x1) / (x2 - x1)) * (y2 - y1));
    return out;
  };
  return {
    side([x, y]) {
      let bits = 0;
      indexes.forEach((bins, r) => {
        if (crossingsAt(bins, x).filter((yAt) => yAt > y).length % 2 === 1) bits |= 1 << r;
      });
      return bits;
    },
    sidesOfGrid({ west, south, step, cols, rows }, out) {
      const sides = out ? out.fill(0) : new Uint8Array(cols * rows);
      indexes.forEach((bins, r) => {
        for (let c = 0; c < cols; c++) {
          const ys = crossingsAt(bins, west + c * step).sort((a, b) => b - a);
          // A node is across when an odd number of crossings lie due north of it: between the 1st and
          // 2nd crossing from the north, the 3rd and 4th, … Only those rows are visited, each tested
          // exactly as `side` would (a crossing counts when it lies strictly north).
          for (let k = 0; k < ys.length; k += 2) {
            const [hi, lo] = [ys[k], k + 1 < ys.length ? ys[k + 1] : -Infinity];
            const first = Math.max(0, Math.floor((lo - south) / step) - 1);
            const last = Math.min(rows - 1, Math.ceil((hi - south) / step) + 1);
            for (let row = first; row <= last; row++) {
              const y = south + row * step;
              if (y < hi && y >= lo) sides[row * cols + c] |= 1 << r;
            }
          }
        }
      });
      return sides;
    },
  };
}
