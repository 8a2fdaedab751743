/**
 * The travel-time field: minutes from an origin to every cell of a grid, by the
 * network and then local roads from the nearest place the trip can leave it.
 */
import { KM_PER_DEGREE, kmPerDegreeLon } from '../geodesy.ts';
import type { Network } from '../network/graph.ts';
import { accessKmIn, accessMinutes } from '../network/access.ts';
import type { Reached } from '../network/trip.ts';

/** Grid cell size in degrees (about 1.9 × 2.2 km here): finer than the schematic lines are worth. */
export const CELL_DEG = 0.02;

/** A regular lon/lat grid of cells, the first with its south-west corner at (`west`, `south`). */
export interface Grid {
  west: number;
  south: number;
  /** Cell size in degrees (the same in lon and lat). */
  step: number;
  cols: number;
  rows: number;
}

/** Minutes per grid cell (Infinity where not reached within the bound). */
export interface TimeField {
  grid: Grid;
  minutes: Float32Array;
}

/**
 * The field's minutes at a position.
 *
 * @param field - a time field
 * @param lonLat - the position
 * @returns minutes, or Infinity outside the grid or beyond the bound
 * @example
 * minutesAt(field, [108.4, 30.8]);
 */
export function minutesAt(field: TimeField, [lon, lat]: readonly number[]): number {
  const col = Math.floor((lon - field.grid.west) / field.grid.step);
  const row = Math.floor((lat - field.grid.south) / field.grid.step);
  if (col < 0 || row < 0 || col >= field.grid.cols || row >= field.grid.rows) return Infinity;
  return field.minutes[row * field.grid.cols + col];
}

/**
 * Spreads the reached nodes' times over a grid: each cell takes the best of
 * every node within an access leg of it. Only street nodes count (a train
 * cannot be left between stations); the origin counts as a node at 0 minutes.
 *
 * @param net - the network
 * @param reached - times from the origin
 * @param maxMinutes - cells beyond this stay Infinity
 * @returns the field, on a grid aligned to multiples of CELL_DEG
 * @example
 * const field = timeField(net, reachFrom(net, origin, 90), 90);
 */
export function timeField(net: Network, reached: Reached, maxMinutes: number): TimeField {
  const { params } = net;
  // Each spot: a position, its minutes, and its side of the barrier rivers (a cell across one is not reached from it).
  const spots: [number, number, number, number][] = [[reached.origin.lonLat[0], reached.origin.lonLat[1], 0, net.barrier.side(reached.origin.lonLat)]];
  reached.tree.minutes.forEach((t, i) => {
    const n = net.nodes[i];
    if (t < maxMinutes && (n.kind === 'road' || n.kind === 'station')) spots.push([n.lon, n.lat, t, n.side]);
  });
  // How far local roads go in the minutes left.
  const reachKm = (t: number) => accessKmIn(params, maxMinutes - t);

  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat, t] of spots) {
    const r = reachKm(t);
    const dLat = r / KM_PER_DEGREE;
    const dLon = r / kmPerDegreeLon(lat);
    w = Math.min(w, lon - dLon);
    e = Math.max(e, lon + dLon);
    s = Math.min(s, lat - dLat);
    n = Math.max(n, lat + dLat);
  }
  const west = Math.floor(w / CELL_DEG) * CELL_DEG;
  const south = Math.floor(s / CELL_DEG) * CELL_DEG;
  const grid: Grid = { west, south, step: CELL_DEG, cols: Math.ceil((e - west) / CELL_DEG), rows: Math.ceil((n - south) / CELL_DEG) };
  const minutes = new Float32Array(grid.cols * grid.rows).fill(Infinity);
  // The side of each cell's centre, found once per cell that a spot reaches.
  const sides = new Int32Array(grid.cols * grid.rows).fill(-1);
  const sideOf = (k: number, col: number, row: number) => {
    if (sides[k] < 0) sides[k] = net.barrier.side([west + (col + 0.5) * CELL_DEG, south + (row + 0.5) * CELL_DEG]);
    return sides[k];
  };

  for (const [lon, lat, t, side] of spots) {
    const r = reachKm(t);
    const kmPerLon = kmPerDegreeLon(lat);
    const c0 = Math.max(0, Math.floor((lon - r / kmPerLon - west) / CELL_DEG));
    const c1 = Math.min(grid.cols - 1, Math.floor((lon + r / kmPerLon - west) / CELL_DEG));
    const r0 = Math.max(0, Math.floor((lat - r / KM_PER_DEGREE - south) / CELL_DEG));
    const r1 = Math.min(grid.rows - 1, Math.floor((lat + r / KM_PER_DEGREE - south) / CELL_DEG));
    for (let row = r0; row <= r1; row++) {
      const dy = (south + (row + 0.5) * CELL_DEG - lat) * KM_PER_DEGREE;
      for (let col = c0; col <= c1; col++) {
        const dx = (west + (col + 0.5) * CELL_DEG - lon) * kmPerLon;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d > r) continue;
        const tc = t + accessMinutes(params, d);
        const k = row * grid.cols + col;
        if (tc < minutes[k] && sideOf(k, col, row) === side) minutes[k] = tc;
      }
    }
  }
  return { grid, minutes };
}

/**
 * The area of a grid cell in km² (cells shrink towards the poles).
 *
 * @param grid - the grid
 * @param row - the cell's row
 * @returns km²
 * @example
 * cellAreaKm2(field.grid, 0); // ≈ 4.1 at 30.8°N
 */
export function cellAreaKm2(grid: Grid, row: number): number {
  const lat = grid.south + (row + 0.5) * grid.step;
  return grid.step * KM_PER_DEGREE * grid.step * kmPerDegreeLon(lat);
}
