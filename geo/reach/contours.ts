/**
 * Isochrone bands as smooth polygons: marching squares on a grid of times, each edge crossed where a
 * straight line between its two nodes' times reaches the band's limit. A node within the limit is
 * always inside the polygon and one beyond it outside, so a band holds every node within its time,
 * and the band of a greater limit holds the band of a lesser one (their crossings lie farther out
 * along each edge, and a cell with two opposite corners inside is decided by the mean of its four).
 * Rings keep the inside on their left: outer rings counter-clockwise, holes clockwise (RFC 7946).
 */
import { EARTH_RADIUS_KM } from '../geodesy.ts';
import type { NodeGrid } from '../network/barrier.ts';

/** A band: its MultiPolygon coordinates and its area. */
export interface ContourBand {
  minutes: number;
  coordinates: number[][][][];
  area_km2: number;
}

/** Blocks of nodes whose least and greatest times are read once, so that a level skips the blocks it does not cross. */
const BLOCK = 16;
/**
 * A crossing is kept this share of an edge away from its nodes, and two rounding steps at least, so
 * that no node lies on a ring and no two crossings meet once rounded.
 */
const MARGIN = 1e-3;
/** Coordinates are written to 1e-5° (about a metre). */
const ROUND = 1e5;

/**
 * The bands of some levels on a grid of times.
 *
 * @param grid - the nodes (their outermost row and column must lie beyond every level, so that rings close)
 * @param minutes - each node's time, or any time on the same side of every level (a bound)
 * @param levels - the band limits
 * @param exactAt - a node's exact time, where `minutes` may hold a bound (defaults to `minutes`)
 * @param sides - each node's side of the barrier rivers, when there are any: an edge between two sides crosses a river, and a band ends there, midway, whatever the times
 * @returns one band per level, in the levels' order
 * @example
 * contourBands({ west: 0, south: 0, step: 1, cols: 3, rows: 3 }, Float64Array.of(9, 9, 9, 9, 0, 9, 9, 9, 9), [5]);
 */
export function contourBands(grid: NodeGrid, minutes: Float32Array | Float64Array, levels: readonly number[], exactAt: (node: number) => number = (node) => minutes[node], sides?: Uint8Array): ContourBand[] {
  const { cols, rows } = grid;
  // Each block's least and greatest time, its cells' far corners included.
  const bc = Math.ceil((cols - 1) / BLOCK);
  const br = Math.ceil((rows - 1) / BLOCK);
  const low = new Float64Array(bc * br).fill(Infinity);
  const high = new Float64Array(bc * br).fill(-Infinity);
  for (let b = 0; b < bc * br; b++) {
    const [c0, r0] = [(b % bc) * BLOCK, Math.floor(b / bc) * BLOCK];
    for (let r = r0; r <= Math.min(rows - 1, r0 + BLOCK); r++)
      for (let c = c0; c <= Math.min(cols - 1, c0 + BLOCK); c++) {
        const v = minutes[r * cols + c];
        if (v < low[b]) low[b] = v;
        if (v > high[b]) high[b] = v;
      }
  }
  return levels.map((level) => {
    const rings = traceLevel(grid, minutes, exactAt, level, (b) => low[b] <= level && high[b] > level, bc, br, sides);
    return { minutes: level, ...assemble(rings) };
  });
}

/** The rings of one level, from the blocks it crosses. */
function traceLevel(grid: NodeGrid, minutes: Float32Array | Float64Array, exactAt: (node: number) => number, level: number, crossed: (block: number) => boolean, bc: number, br: number, sides?: Uint8Array): number[][][] {
  const { west, south, step, cols, rows } = grid;
  const inside = (node: number) => minutes[node] <= level;
  const margin = Math.min(0.25, Math.max(MARGIN, 2 / (ROUND * step)));
  const points = new Map<number, number[]>();
  /** The crossing on the edge between two nodes, one inside and one beyond the level. */
  const crossing = (edge: number, p: number, q: number): void => {
    if (points.has(edge)) return;
    const pIn = inside(p);
    const i = pIn ? p : q;
    const o = pIn ? q : p;
    const vi = exactAt(i);
    const vo = exactAt(o);
    // Across a river the two times come from either bank: the band ends at the river, which lies between them.
    const f = sides && sides[i] !== sides[o] ? 0.5 : Math.min(1 - margin, Math.max(margin, vo === Infinity ? 0 : (level - vi) / (vo - vi)));
    const xi = i % cols;
    const yi = Math.floor(i / cols);
    const xo = o % cols;
    const yo = Math.floor(o / cols);
    points.set(edge, [west + (xi + f * (xo - xi)) * step, south + (yi + f * (yo - yi)) * step]);
  };
  // Segments by the edge they start on; each crossed edge starts one segment and ends another.
  const next = new Map<number, number>();
  // One cell's corners counter-clockwise from the south-west, the edges between them in that order, and its cuts (reused: this loop is the hot one).
  const corners = new Int32Array(4);
  const ins = [false, false, false, false];
  const edges = new Int32Array(4);
  const cutEdge = new Int32Array(4);
  const cutStarts = [false, false, false, false];
  for (let b = 0; b < bc * br; b++) {
    if (!crossed(b)) continue;
    const [c0, r0] = [(b % bc) * BLOCK, Math.floor(b / bc) * BLOCK];
    for (let r = r0; r < Math.min(rows - 1, r0 + BLOCK); r++)
      for (let c = c0; c < Math.min(cols - 1, c0 + BLOCK); c++) {
        const sw = r * cols + c;
        corners[0] = sw;
        corners[1] = sw + 1;
        corners[2] = sw + cols + 1;
        corners[3] = sw + cols;
        let count = 0;
        for (let k = 0; k < 4; k++) count += (ins[k] = minutes[corners[k]] <= level) ? 1 : 0;
        if (count === 0 || count === 4) continue;
        edges[0] = 2 * sw;
        edges[1] = 2 * (sw + 1) + 1;
        edges[2] = 2 * (sw + cols);
        edges[3] = 2 * sw + 1;
        let cuts = 0;
        for (let k = 0; k < 4; k++) {
          if (ins[k] === ins[(k + 1) % 4]) continue;
          crossing(edges[k], corners[k], corners[(k + 1) % 4]);
          // Leaving the inside, going round the cell counter-clockwise: a segment starts here.
          cutEdge[cuts] = edges[k];
          cutStarts[cuts++] = ins[k];
        }
        // Two opposite corners inside: joined when the cell's centre is inside too.
        const joined = cuts === 4 && (exactAt(corners[0]) + exactAt(corners[1]) + exactAt(corners[2]) + exactAt(corners[3])) / 4 <= level;
        for (let k = 0; k < cuts; k++) {
          if (!cutStarts[k]) continue;
          const end = cuts === 2 ? 1 - k : joined ? (k + 1) % 4 : (k + 3) % 4;
          next.set(cutEdge[k], cutEdge[end]);
        }
      }
  }
  const rings: number[][][] = [];
  for (const start of next.keys()) {
    if (!points.has(start)) continue;
    const ring: number[][] = [];
    for (let edge: number | undefined = start; edge !== undefined && points.has(edge); edge = next.get(edge)) {
      const [x, y] = points.get(edge)!;
      points.delete(edge);
      const p = [Math.round(x * ROUND) / ROUND, Math.round(y * ROUND) / ROUND];
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    }
    if (ring.length >= 3) rings.push([...ring, ring[0]]);
  }
  return rings;
}

/** Signed area in km² on the sphere (cylindrical equal-area): positive counter-clockwise. */
function ringArea(ring: readonly number[][]): number {
  const rad = Math.PI / 180;
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += (ring[i][0] - ring[i - 1][0]) * rad * (Math.sin(ring[i - 1][1] * rad) + Math.sin(ring[i][1] * rad));
  return (-s / 2) * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

/** Whether a position lies inside a ring (even–odd). */
function within(p: readonly number[], ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Outer rings with their holes (each in the smallest outer ring around it), and the area. */
function assemble(rings: number[][][]): { coordinates: number[][][][]; area_km2: number } {
  const measured = rings.map((ring) => ({ ring, area: ringArea(ring) }));
  const outers = measured.filter((r) => r.area > 0).sort((a, b) => a.area - b.area);
  const polygons = new Map(outers.map((o) => [o, [o.ring]]));
  for (const hole of measured.filter((r) => r.area <= 0)) {
    const around = outers.find((o) => within(hole.ring[0], o.ring));
    if (around) polygons.get(around)!.push(hole.ring);
  }
  const area = measured.reduce((s, r) => s + r.area, 0);
  return { coordinates: [...polygons.values()], area_km2: Math.round(area * 10) / 10 };
}
