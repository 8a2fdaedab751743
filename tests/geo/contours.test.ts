import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanValid } from '@turf/boolean-valid';
import { describe, expect, it } from 'vitest';
import { KM_PER_DEGREE, kmPerDegreeLon } from '../../geo/geodesy.ts';
import type { NodeGrid } from '../../geo/network/barrier.ts';
import { contourBands } from '../../geo/reach/contours.ts';
import { envelope, type Spot } from '../../geo/reach/envelope.ts';
import { simplifyBands } from '../../geo/reach/simplify.ts';

/** A seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Signed area of a ring in square degrees (positive when counter-clockwise). */
const ringArea = (ring: number[][]) => ring.slice(1).reduce((a, p, k) => a + (ring[k][0] * p[1] - p[0] * ring[k][1]) / 2, 0);

const inBand = (p: number[], coordinates: number[][][][]) => booleanPointInPolygon(p, { type: 'MultiPolygon', coordinates });

/** A random field whose outermost nodes lie beyond every level, as the isochrones' grid is padded. */
function randomField(random: () => number, grid: NodeGrid, beyond: number): Float64Array {
  const { cols, rows } = grid;
  return Float64Array.from({ length: cols * rows }, (_, node) => {
    const [c, r] = [node % cols, Math.floor(node / cols)];
    if (c === 0 || r === 0 || c === cols - 1 || r === rows - 1) return random() < 0.5 ? Infinity : beyond + random() * 50;
    const u = random();
    return u < 0.1 ? Infinity : u * 120;
  });
}

/** Every band valid, each holding the nodes within its minutes and none beyond, and the one before it. */
function expectSound(grid: NodeGrid, minutes: Float64Array, levels: number[], bands: number[][][][][], tolerance = 0): void {
  const { west, south, step, cols, rows } = grid;
  bands.forEach((coordinates, b) => {
    for (const polygon of coordinates) expect(booleanValid({ type: 'Polygon', coordinates: polygon }), JSON.stringify({ level: levels[b], polygon })).toBe(true);
    for (let node = 0; node < cols * rows; node++) {
      const p = [west + (node % cols) * step, south + Math.floor(node / cols) * step];
      // A simplified ring may pass within its tolerance of a node: only nodes farther away are held to their side.
      if (tolerance > 0 && nearRing(p, coordinates, tolerance)) continue;
      expect(inBand(p, coordinates), `node ${node} (${minutes[node]}) and the ${levels[b]} band`).toBe(minutes[node] <= levels[b]);
    }
    if (b === 0) return;
    // Nested: every vertex of the band before lies inside this one or on its edge.
    for (const polygon of bands[b - 1]) for (const ring of polygon) for (const p of ring) expect(inBand(p, coordinates) || nearRing(p, coordinates, 1e-9)).toBe(true);
  });
}

/** Whether a position lies within some distance (degrees) of a band's rings. */
function nearRing(p: number[], coordinates: number[][][][], distance: number): boolean {
  for (const polygon of coordinates)
    for (const ring of polygon)
      for (let k = 1; k < ring.length; k++) {
        const [a, b] = [ring[k - 1], ring[k]];
        const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
        const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
        if (Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy) <= distance) return true;
      }
  return false;
}

describe('contourBands', () => {
  it('draws a single low node as a small counter-clockwise diamond cut where the times reach the level', () => {
    const [band] = contourBands({ west: 0, south: 0, step: 1, cols: 3, rows: 3 }, Float64Array.of(10, 10, 10, 10, 0, 10, 10, 10, 10), [5]);
    expect(band.coordinates).toHaveLength(1);
    const [ring] = band.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ringArea(ring)).toBeCloseTo(0.5, 6);
    for (const [x, y] of ring) expect(Math.abs(x - 1) + Math.abs(y - 1)).toBeCloseTo(0.5, 6);
  });

  it('keeps a hole where the times rise inside a band', () => {
    const minutes = Float64Array.from({ length: 25 }, (_, n) => (n % 5 === 0 || n % 5 === 4 || n < 5 || n >= 20 ? 99 : n === 12 ? 50 : 0));
    const [band] = contourBands({ west: 0, south: 0, step: 1, cols: 5, rows: 5 }, minutes, [10]);
    expect(band.coordinates).toHaveLength(1);
    const [outer, hole] = band.coordinates[0];
    expect(ringArea(outer)).toBeGreaterThan(0);
    expect(ringArea(hole)).toBeLessThan(0);
  });

  it('draws a cone as a near circle of the right area', () => {
    const step = 0.01;
    const grid = { west: -1, south: -1, step, cols: 201, rows: 201 };
    const minutes = Float64Array.from({ length: 201 * 201 }, (_, n) => 100 * Math.hypot(-1 + (n % 201) * step, -1 + Math.floor(n / 201) * step));
    const [band] = contourBands(grid, minutes, [60]);
    const area = band.coordinates.reduce((s, p) => s + ringArea(p[0]), 0);
    expect(area / (Math.PI * 0.6 * 0.6)).toBeCloseTo(1, 3);
  });

  it('bands any field validly, nested, each holding exactly the nodes within its minutes (3000 seeded random fields)', () => {
    const random = seeded(11);
    for (let t = 0; t < 3000; t++) {
      const grid = { west: 108 + random(), south: 30 + random(), step: 0.005, cols: 3 + Math.floor(random() * 9), rows: 3 + Math.floor(random() * 9) };
      const levels = [30, 60, 90].filter(() => random() < 0.8);
      if (levels.length === 0) levels.push(45);
      const minutes = randomField(random, grid, 90);
      const bands = contourBands(grid, minutes, levels);
      expectSound(
        grid,
        minutes,
        levels,
        bands.map((b) => b.coordinates),
      );
      for (let b = 1; b < bands.length; b++) expect(bands[b].area_km2).toBeGreaterThanOrEqual(bands[b - 1].area_km2);
    }
  });

  it('keeps bands valid and nested once simplified, every node farther than the tolerance on its side (500 seeded random fields)', () => {
    const random = seeded(5);
    const step = 0.005;
    for (let t = 0; t < 500; t++) {
      const grid = { west: 108, south: 30, step, cols: 8 + Math.floor(random() * 12), rows: 8 + Math.floor(random() * 12) };
      const levels = [30, 60, 90];
      // Smoother than white noise, as travel times are: a few cones.
      const spots: Spot[] = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({ lon: 108 + random() * grid.cols * step, lat: 30 + random() * grid.rows * step, minutes: random() * 60, side: 0 }));
      const field = envelope(spots, grid, new Uint8Array(grid.cols * grid.rows), 6000 / grid.cols, levels);
      const minutes = Float64Array.from(field.minutes, (_, n) => {
        const [c, r] = [n % grid.cols, Math.floor(n / grid.cols)];
        return c === 0 || r === 0 || c === grid.cols - 1 || r === grid.rows - 1 ? Infinity : field.exactAt(n);
      });
      const bands = contourBands(grid, minutes, levels).map((b) => b.coordinates);
      const tolerance = step * 0.3;
      expectSound(grid, minutes, levels, simplifyBands(bands, tolerance), tolerance);
    }
  });
});

describe('envelope', () => {
  it('times every node near or within the last level exactly, every other on the right side of every level, and any position to within a cell (300 seeded random sets of spots, two sides)', () => {
    const random = seeded(3);
    for (let t = 0; t < 300; t++) {
      const grid = { west: 108, south: 30, step: 0.01, cols: 10 + Math.floor(random() * 40), rows: 10 + Math.floor(random() * 40) };
      // The side changes along a random row, as across a river.
      const split = Math.floor(random() * grid.rows);
      const sides = Uint8Array.from({ length: grid.cols * grid.rows }, (_, n) => (Math.floor(n / grid.cols) < split ? 1 : 0));
      const spots: Spot[] = Array.from({ length: 1 + Math.floor(random() * 30) }, () => {
        const [lon, lat] = [108 + random() * grid.cols * 0.01, 30 + random() * grid.rows * 0.01];
        return { lon, lat, minutes: random() * 80, side: Math.floor((lat - 30) / 0.01 + 0.5) < split ? 1 : 0 };
      });
      const levels = [20, 40, 60];
      const minutesPerKm = 0.5 + random() * 2;
      const field = envelope(spots, grid, sides, minutesPerKm, levels);
      const brute = (x: number, y: number, side: number) =>
        Math.min(...spots.filter((s) => s.side === side).map((s) => s.minutes + minutesPerKm * Math.hypot((x - s.lon) * kmPerDegreeLon(s.lat), (y - s.lat) * KM_PER_DEGREE)));
      for (let node = 0; node < grid.cols * grid.rows; node++) {
        const [x, y] = [108 + (node % grid.cols) * 0.01, 30 + Math.floor(node / grid.cols) * 0.01];
        const truth = brute(x, y, sides[node]);
        for (const level of levels) expect(field.minutes[node] <= level, `node ${node}, level ${level}`).toBe(truth <= level);
        // Exact up to the last level and a cell's diagonal beyond (every node a contour reads); farther, a bound from above.
        if (truth <= 60 + minutesPerKm * 0.01 * KM_PER_DEGREE * Math.SQRT2) expect(field.exactAt(node)).toBeCloseTo(truth, 4);
        else expect(field.exactAt(node)).toBeGreaterThanOrEqual(truth - 1e-9);
      }
      // Between nodes, as features are timed: exact, or over by at most a cell's crossing.
      for (let k = 0; k < 20; k++) {
        const [x, y] = [108 + random() * (grid.cols - 1) * 0.01, 30 + random() * (grid.rows - 1) * 0.01];
        const side = Math.floor((y - 30) / 0.01 + 0.5) < split ? 1 : 0;
        const truth = brute(x, y, side);
        const got = field.at(x, y, side);
        expect(got).toBeGreaterThanOrEqual(truth - 1e-9);
        if (truth <= 60) expect(got - truth).toBeLessThanOrEqual(2 * minutesPerKm * 0.01 * KM_PER_DEGREE * Math.SQRT2 + 1e-9);
      }
    }
  });
});
