import { booleanValid } from '@turf/boolean-valid';
import { describe, expect, it } from 'vitest';
import { traceCells } from '../../geo/reach/cells.ts';

/** Signed area of a ring in square degrees (positive when counter-clockwise). */
const ringArea = (ring: number[][]) => ring.slice(1).reduce((a, p, k) => a + (ring[k][0] * p[1] - p[0] * ring[k][1]) / 2, 0);

describe('traceCells', () => {
  it('outlines a block as one counter-clockwise ring', () => {
    const [[outer, ...holes]] = traceCells({ west: 0, south: 0, step: 1, cols: 2, rows: 1 }, () => true);
    expect(holes).toEqual([]);
    expect(outer).toHaveLength(5);
    expect(ringArea(outer)).toBe(2);
  });

  it('keeps a hole as a clockwise ring of its polygon', () => {
    const mp = traceCells({ west: 0, south: 0, step: 1, cols: 3, rows: 3 }, (c, r) => !(c === 1 && r === 1));
    expect(mp).toHaveLength(1);
    expect(mp[0]).toHaveLength(2);
    expect(ringArea(mp[0][0])).toBe(9);
    expect(ringArea(mp[0][1])).toBe(-1);
  });

  it('traces any set of cells as valid polygons of exactly its area (3000 seeded random grids)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 3000; t++) {
      const [cols, rows] = [2 + Math.floor(random() * 6), 2 + Math.floor(random() * 6)];
      const cells = Array.from({ length: cols * rows }, () => random() < 0.55);
      const mp = traceCells({ west: 108, south: 30, step: 0.5, cols, rows }, (c, r) => cells[r * cols + c]);
      for (const coordinates of mp) expect(booleanValid({ type: 'Polygon', coordinates }), JSON.stringify(cells)).toBe(true);
      const traced = mp.reduce((s, p) => s + p.reduce((a, ring) => a + ringArea(ring), 0), 0);
      expect(traced).toBeCloseTo(cells.filter(Boolean).length * 0.25, 9);
    }
  });
});
