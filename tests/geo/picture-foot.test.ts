import { describe, expect, it } from 'vitest';
import { creditLines } from '../../geo/render/credit-lines.ts';
import { textWidth } from '../../geo/render/labels.ts';
import { legendRows, type LegendEntry } from '../../geo/render/legend-rows.ts';

const entry = (name: string, width: number): LegendEntry => ({ width, draw: (x, y) => `<e n="${name}" x="${x}" y="${y}"/>` });
const drawn = (svg: string) => [...svg.matchAll(/n="(\w+)" x="(\d+)" y="(\d+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);

describe('legendRows', () => {
  it('keeps one row when the entries fit', () => {
    const l = legendRows([entry('a', 50), entry('b', 50)], { left: 10, width: 200 });
    expect(l.rows).toBe(1);
    expect(drawn(l.draw(100))).toEqual([['a', 10, 100], ['b', 60, 100]]);
  });

  it('wraps an entry that would pass the width onto the next row', () => {
    const l = legendRows([entry('a', 80), entry('b', 80), entry('c', 80)], { left: 10, width: 200, rowHeight: 20 });
    expect(l.rows).toBe(2);
    expect(drawn(l.draw(100))).toEqual([['a', 10, 100], ['b', 90, 100], ['c', 10, 120]]);
  });

  it('never wraps before the first entry of a row, however wide', () => {
    const l = legendRows([entry('a', 300), entry('b', 300)], { left: 0, width: 200 });
    expect(l.rows).toBe(2);
    expect(l.omitted).toBe(0);
  });

  it('leaves out the entries past the most rows, and says how many', () => {
    const l = legendRows([entry('a', 150), entry('b', 150), entry('c', 150)], { left: 0, width: 200, maxRows: 2 });
    expect(l.rows).toBe(2);
    expect(l.omitted).toBe(1);
    expect(drawn(l.draw(0)).map((d) => d[0])).toEqual(['a', 'b']);
  });
});

describe('creditLines', () => {
  it('keeps one line at full size when it fits, shrinks a little when that is enough', () => {
    expect(creditLines(['Data: atlas', '© OSM'], 400, { size: 11, min: 9 })).toEqual({ lines: ['Data: atlas · © OSM'], size: 11 });
    const w = textWidth('Data: atlas · © OSM', 10);
    expect(creditLines(['Data: atlas', '© OSM'], w, { size: 11, min: 9 }).size).toBe(10);
  });

  it('breaks between credits, never inside one, when shrinking is not enough', () => {
    const parts = ["Data: Wanzhou District People's Government and others", 'Wan-Da-Kai-Yun Atlas', 'lines are schematic', '© OpenStreetMap contributors'];
    const { lines, size } = creditLines(parts, 336, { size: 11, min: 9 });
    expect(size).toBe(9);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' · ')).toBe(parts.join(' · '));
    for (const line of lines) expect(textWidth(line, 9)).toBeLessThanOrEqual(336);
  });
});
