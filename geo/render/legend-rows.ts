/**
 * A picture's legend laid out in rows: entries run left to right and wrap when the next would pass
 * the picture's width, so a narrow picture keeps every entry instead of cutting the last ones off.
 */

/** One legend entry: its width in px and how to draw it with its left end at `x`, its baseline at `y`. */
export interface LegendEntry {
  width: number;
  draw: (x: number, y: number) => string;
}

/** A laid-out legend: its rows, the entries left out for want of rows, and how to draw it from its first baseline. */
export interface LegendRows {
  rows: number;
  omitted: number;
  draw: (y: number) => string;
}

/**
 * Lays out entries in rows.
 *
 * @param entries - the entries, in order
 * @param options - the left margin, the width available, the distance between rows and the most rows
 *   (entries past them are left out: a thumbnail keeps its map rather than a legend of five rows)
 * @returns the rows
 * @example
 * legendRows([{ width: 60, draw: (x, y) => `<text x="${x}" y="${y}">铁路</text>` }], { left: 12, width: 336 }).rows; // 1
 */
export function legendRows(entries: readonly LegendEntry[], options: { left: number; width: number; rowHeight?: number; maxRows?: number }): LegendRows {
  const rowHeight = options.rowHeight ?? 18;
  const maxRows = Math.max(1, options.maxRows ?? Infinity);
  const placed: { x: number; row: number; entry: LegendEntry }[] = [];
  let x = options.left;
  let row = 0;
  for (const entry of entries) {
    if (x > options.left && x + entry.width > options.left + options.width) {
      if (row + 1 >= maxRows) break;
      row++;
      x = options.left;
    }
    placed.push({ x, row, entry });
    x += entry.width;
  }
  return { rows: row + 1, omitted: entries.length - placed.length, draw: (y) => placed.map((p) => p.entry.draw(p.x, y + p.row * rowHeight)).join('') };
}
