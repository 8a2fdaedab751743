/**
 * Outlines a set of grid cells as polygons. Cells are the unit of the reach
 * raster; their union is traced edge by edge, so the result is exactly the set:
 * valid by construction (no self-intersections, no slivers), and nested
 * whenever the sets are.
 */

/** A regular lon/lat grid. */
export interface Grid {
  west: number;
  south: number;
  /** Cell size in degrees (the same in lon and lat). */
  step: number;
  cols: number;
  rows: number;
}

/**
 * Traces the union of the cells where `inside(col, row)` holds.
 *
 * Rings keep the inside on their left, so outer rings run counter-clockwise and
 * holes clockwise (RFC 7946). Where two cells meet only at a corner the tracer
 * turns left, which keeps them separate polygons touching at a point; a ring that
 * still comes back to a vertex is split there into simple rings.
 *
 * @param grid - the grid
 * @param inside - whether a cell is in the set
 * @returns MultiPolygon coordinates (possibly empty)
 * @example
 * traceCells({ west: 0, south: 0, step: 1, cols: 2, rows: 1 }, () => true); // [[[[0,0],[2,0],[2,1],[0,1],[0,0]]]]
 */
export function traceCells(grid: Grid, inside: (col: number, row: number) => boolean): number[][][][] {
  const { cols, rows } = grid;
  const at = (c: number, r: number) => c >= 0 && r >= 0 && c < cols && r < rows && inside(c, r);
  // Directed boundary edges between grid vertices, keyed by their start vertex (vx + vy * (cols + 1)).
  const W = cols + 1;
  const starts = new Map<number, number[]>();
  const addEdge = (x0: number, y0: number, x1: number, y1: number) => {
    const from = x0 + y0 * W;
    const list = starts.get(from);
    const to = x1 + y1 * W;
    if (list) list.push(to);
    else starts.set(from, [to]);
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (!at(c, r)) continue;
      if (!at(c, r - 1)) addEdge(c, r, c + 1, r); // bottom, eastwards
      if (!at(c + 1, r)) addEdge(c + 1, r, c + 1, r + 1); // right, northwards
      if (!at(c, r + 1)) addEdge(c + 1, r + 1, c, r + 1); // top, westwards
      if (!at(c - 1, r)) addEdge(c, r + 1, c, r); // left, southwards
    }

  const rings: number[][][] = [];
  // Start only where one edge leaves: every ring has such a corner, and a ring that
  // starts at a shared corner could close there through the wrong turn.
  const firsts = [...starts.keys()].filter((v) => starts.get(v)!.length === 1);
  for (const first of [...firsts, ...starts.keys()]) {
    const targets = starts.get(first)!;
    while (targets.length > 0) {
      const ring: number[] = [first];
      let prev = first;
      let cur = targets.pop()!;
      while (cur !== first) {
        ring.push(cur);
        const out = starts.get(cur)!;
        let pick = 0;
        if (out.length > 1) {
          // A corner shared by two cells: take the left turn.
          const [dx, dy] = [(cur % W) - (prev % W), Math.floor(cur / W) - Math.floor(prev / W)];
          pick = out.findIndex((t) => {
            const [ex, ey] = [(t % W) - (cur % W), Math.floor(t / W) - Math.floor(cur / W)];
            return dx * ey - dy * ex > 0;
          });
          if (pick < 0) pick = 0;
        }
        prev = cur;
        cur = out.splice(pick, 1)[0];
      }
      for (const loop of splitAtRepeats(ring)) rings.push(simplify(loop.map((v) => [round(grid.west + (v % W) * grid.step), round(grid.south + Math.floor(v / W) * grid.step)])));
    }
  }

  // Outer rings (counter-clockwise) become polygons; each hole goes to the smallest outer ring containing it.
  const outers = rings.filter((r) => signedArea(r) > 0).map((r) => ({ ring: r, area: signedArea(r), holes: [] as number[][][] }));
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    const probe = hole[0];
    const owner = outers.filter((o) => contains(o.ring, probe, hole)).sort((a, b) => a.area - b.area)[0];
    owner?.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Grid vertices to 1e-6° (about 0.1 m), without the float noise of `west + i * step`. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Splits a ring that passes through a vertex twice into simple loops. Where a
 * hole reaches the outside at a shared corner, the traced ring touches itself;
 * split there, it becomes an outer ring and a hole that meet at one point,
 * which is valid.
 */
function splitAtRepeats(ring: number[]): number[][] {
  const loops: number[][] = [];
  const path: number[] = [];
  const at = new Map<number, number>();
  for (const v of ring) {
    const seen = at.get(v);
    if (seen !== undefined) {
      loops.push(path.slice(seen));
      for (const u of path.splice(seen + 1)) at.delete(u);
      continue;
    }
    at.set(v, path.length);
    path.push(v);
  }
  loops.push(path);
  return loops.filter((l) => l.length >= 4);
}

/** Drops the vertices in the middle of straight runs; closes the ring. */
function simplify(ring: number[][]): number[][] {
  const out: number[][] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [ring[(i - 1 + n) % n], ring[i], ring[(i + 1) % n]];
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) !== 0) out.push(b);
  }
  out.push(out[0]);
  return out;
}

function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** Whether a hole lies inside an outer ring: a hole's vertex may sit on the outer ring, so test the hole's cell centre side. */
function contains(ring: number[][], p: number[], hole: number[][]): boolean {
  // Nudge the probe towards the hole's interior (holes run clockwise: interior on the right of the first edge).
  const [a, b] = [hole[0], hole[1]];
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  const q = [p[0] + (dx / len) * 1e-9 + (dy / len) * 1e-9, p[1] + (dy / len) * 1e-9 - (dx / len) * 1e-9];
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > q[1] !== yj > q[1] && q[0] < ((xj - xi) * (q[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
