/**
 * The travel-time field on a fine grid (500 m), fast: minutes at each node are the least, over the
 * places the network reaches (its nodes, and the origin), of the time there plus a local-road leg on
 * the node's side of the barrier rivers, as `timeTo` times a point. Computed exactly only where an
 * isochrone's edge can pass: a quadtree keeps, for each block of nodes, the places that can be the
 * nearest anywhere in it (by bounds on their time over the block), and a block that every level
 * lies above or below is filled with a bound that classifies each of its nodes rightly for every
 * level, so that contours (contours.ts) are exact and cost only what their length does.
 */
import { KM_PER_DEGREE, kmPerDegreeLon } from '../geodesy.ts';
import type { NodeGrid } from '../network/barrier.ts';
import { reusedArray } from './scratch.ts';

/** A place the field is timed from: a position, the minutes to it, its side of the barrier rivers. */
export interface Spot {
  lon: number;
  lat: number;
  minutes: number;
  side: number;
}

/** The field on a grid of nodes. */
export interface Envelope {
  grid: NodeGrid;
  /** Minutes at each node, row by row from the south: exact where `exact` says so, else a bound on the same side of every level. */
  minutes: Float32Array;
  /** Each node's side of the barrier rivers. */
  sides: Uint8Array;
  exact: Uint8Array;
  /** The exact minutes at a node, computed once when asked for (Infinity where nothing on its side reaches). */
  exactAt(node: number): number;
  /**
   * The minutes at any position within the grid on a side, from the spots that can be the nearest
   * at the corners of its cell: exact, or over by at most what crossing a cell takes.
   */
  at(lon: number, lat: number, side: number): number;
}

/** Blocks of at most this many nodes are computed node by node. */
const LEAF_NODES = 16;
/** What a block holds of a side: some of its nodes, and none of another side's. */
const ANY = 1;
const ONLY = 2;
/** The side of each node is summarised over squares of 2^COARSE_BITS nodes a side. */
const COARSE_BITS = 3;
const COARSE = 1 << COARSE_BITS;

/**
 * The field of some spots over a grid.
 *
 * @param spots - where the network reaches, and when
 * @param grid - the nodes to time
 * @param sides - each node's side (Barrier.sidesOfGrid)
 * @param minutesPerKm - a local-road leg's minutes per straight-line kilometre
 * @param levels - the band limits: nodes are exact wherever one of them may be crossed
 * @returns the field (its arrays are reused by the next field: read it before making another)
 * @example
 * const f = envelope(spots, grid, barrier.sidesOfGrid(grid), 2.1, [30, 60, 90]);
 */
export function envelope(spots: readonly Spot[], grid: NodeGrid, sides: Uint8Array, minutesPerKm: number, levels: readonly number[]): Envelope {
  const { west, south, step, cols, rows } = grid;
  const lon = Float64Array.from(spots, (s) => s.lon);
  const lat = Float64Array.from(spots, (s) => s.lat);
  const t0 = Float64Array.from(spots, (s) => s.minutes);
  // A spot's own east–west scale, at its latitude (as the access legs measure, near enough).
  const kx = Float64Array.from(spots, (s) => kmPerDegreeLon(s.lat) * minutesPerKm);
  const ky = KM_PER_DEGREE * minutesPerKm;
  // Nodes are exact up to the last level and a cell's diagonal beyond it: every node a contour's edge or cell reads.
  const cap = Math.max(...levels) + minutesPerKm * step * KM_PER_DEGREE * Math.SQRT2;
  // Single precision: a thousandth of a minute is far below anything the field resolves, at half the memory.
  const minutes = reusedArray('envelope.minutes', Float32Array, cols * rows).fill(Infinity);
  const exact = reusedArray('envelope.exact', Uint8Array, cols * rows).fill(0);
  // For each node, the spots that can be the nearest to it: an index into `lists`, 0 for none.
  const lists: number[][] = [[]];
  const listOf = reusedArray('envelope.listOf', Int32Array, cols * rows).fill(0);

  const cone = (s: number, x: number, y: number) => {
    const dx = (x - lon[s]) * kx[s];
    const dy = (y - lat[s]) * ky;
    return t0[s] + Math.sqrt(dx * dx + dy * dy);
  };
  // Which sides have nodes in each square of COARSE × COARSE nodes, as bits (the last for sides no spot is on):
  // a block without nodes of a side is skipped, and one with only them is written row by row.
  const sideIds = [...new Set(spots.map((s) => s.side))].slice(0, 31);
  const bitOfSide = new Uint32Array(256).fill(2 ** 31);
  sideIds.forEach((side, k) => (bitOfSide[side] = 2 ** k));
  const qc = Math.ceil(cols / COARSE);
  const squares = new Uint32Array(qc * Math.ceil(rows / COARSE));
  for (let r = 0, node = 0; r < rows; r++) {
    const base = (r >> COARSE_BITS) * qc;
    for (let c = 0; c < cols; c++, node++) squares[base + (c >> COARSE_BITS)] |= bitOfSide[sides[node]];
  }
  /** Whether the block has nodes of a side (bit): ANY, and ONLY when it has nodes of no other (as flags: no object per block). */
  const sidesIn = (bit: number, c0: number, c1: number, r0: number, r1: number): number => {
    let flags = ONLY;
    for (let r = r0 >> COARSE_BITS; r <= (r1 - 1) >> COARSE_BITS; r++)
      for (let c = c0 >> COARSE_BITS; c <= (c1 - 1) >> COARSE_BITS; c++) {
        const m = squares[r * qc + c];
        if (m & bit) flags |= ANY;
        if (m !== bit) flags &= ~ONLY;
      }
    return flags;
  };
  /** Writes a value to the block's nodes of a side: a whole row at once where the block has no other. */
  const write = (to: Float32Array | Int32Array, value: number, side: number, only: boolean, c0: number, c1: number, r0: number, r1: number) => {
    for (let r = r0; r < r1; r++)
      if (only) to.fill(value, r * cols + c0, r * cols + c1);
      else for (let node = r * cols + c0; node < r * cols + c1; node++) if (sides[node] === side) to[node] = value;
  };

  sideIds.forEach((side, k) => {
    const bit = 2 ** k;
    // No closures, tuples or objects made per block: this recursion runs thousands of times a field.
    const block = (c0: number, c1: number, r0: number, r1: number, candidates: readonly number[]): void => {
      const flags = sidesIn(bit, c0, c1, r0, r1);
      if (!(flags & ANY)) return;
      const only = (flags & ONLY) !== 0;
      const x0 = west + c0 * step;
      const x1 = west + (c1 - 1) * step;
      const y0 = south + r0 * step;
      const y1 = south + (r1 - 1) * step;
      // Each candidate's least and greatest time over the block; one with a least above every other's greatest is never the nearest here.
      let hi = Infinity;
      const lows: number[] = [];
      for (const s of candidates) {
        const dx = Math.max(0, x0 - lon[s], lon[s] - x1) * kx[s];
        const dy = Math.max(0, y0 - lat[s], lat[s] - y1) * ky;
        const fx = Math.max(Math.abs(x0 - lon[s]), Math.abs(x1 - lon[s])) * kx[s];
        const fy = Math.max(Math.abs(y0 - lat[s]), Math.abs(y1 - lat[s])) * ky;
        lows.push(t0[s] + Math.sqrt(dx * dx + dy * dy));
        hi = Math.min(hi, t0[s] + Math.sqrt(fx * fx + fy * fy));
      }
      // Those that can be the nearest somewhere here; of them, those that can be so within the last level.
      const near: number[] = [];
      const keep: number[] = [];
      let lo = Infinity;
      for (let i = 0; i < candidates.length; i++) {
        if (lows[i] > hi) continue;
        near.push(candidates[i]);
        if (lows[i] <= cap) {
          keep.push(candidates[i]);
          lo = Math.min(lo, lows[i]);
        }
      }
      // Beyond the cap everywhere: unreached as far as the bands go (no contour reads these nodes' times).
      if (keep.length === 0) return;
      if ((c1 - c0) * (r1 - r0) <= LEAF_NODES) {
        for (let r = r0; r < r1; r++)
          for (let c = c0; c < c1; c++) {
            const node = r * cols + c;
            if (sides[node] !== side) continue;
            let best = Infinity;
            for (const s of keep) best = Math.min(best, cone(s, west + c * step, south + r * step));
            minutes[node] = best;
            // Farther, a candidate dropped as beyond the cap might have been nearer: exact only up to the cap.
            exact[node] = best <= cap ? 1 : 0;
          }
        // Where the search ends, `exactAt` looks only at the spots that can be the nearest.
        return write(listOf, lists.push(near) - 1, side, only, c0, c1, r0, r1);
      }
      // Every level lies above the block's greatest time or below its least: any time between them classifies each node rightly.
      let between = false;
      for (const level of levels) if (hi > level && lo <= level) between = true;
      if (!between) {
        write(minutes, hi, side, only, c0, c1, r0, r1);
        return write(listOf, lists.push(near) - 1, side, only, c0, c1, r0, r1);
      }
      const cm = (c0 + c1) >> 1;
      const rm = (r0 + r1) >> 1;
      if (c1 - c0 > 1 && r1 - r0 > 1) {
        block(c0, cm, r0, rm, keep);
        block(cm, c1, r0, rm, keep);
        block(c0, cm, rm, r1, keep);
        block(cm, c1, rm, r1, keep);
      } else if (c1 - c0 > 1) {
        block(c0, cm, r0, r1, keep);
        block(cm, c1, r0, r1, keep);
      } else {
        block(c0, c1, r0, rm, keep);
        block(c0, c1, rm, r1, keep);
      }
    };
    block(
      0,
      cols,
      0,
      rows,
      spots.flatMap((s, i) => (s.side === side ? [i] : [])),
    );
  });

  const exactAt = (node: number): number => {
    if (exact[node]) return minutes[node];
    const [c, r] = [node % cols, Math.floor(node / cols)];
    let best = Infinity;
    for (const s of lists[listOf[node]]) best = Math.min(best, cone(s, west + c * step, south + r * step));
    minutes[node] = best;
    exact[node] = 1;
    return best;
  };
  const at = (x: number, y: number, side: number): number => {
    const [c, r] = [Math.floor((x - west) / step), Math.floor((y - south) / step)];
    let best = Infinity;
    let found = false;
    for (const node of [r * cols + c, r * cols + c + 1, (r + 1) * cols + c, (r + 1) * cols + c + 1]) {
      if (c < 0 || r < 0 || c + 1 >= cols || r + 1 >= rows || sides[node] !== side) continue;
      found = true;
      for (const s of lists[listOf[node]]) best = Math.min(best, cone(s, x, y));
    }
    // A river runs through the cell and no corner is on this side: every spot of the side is looked at.
    if (!found) spots.forEach((spot, s) => spot.side === side && (best = Math.min(best, cone(s, x, y))));
    return best;
  };
  return { grid, minutes, sides, exact, exactAt, at };
}
