/**
 * The pictures' point labels as SVG: the names shortened to what a map label needs, and the placed
 * labels (geo/render/labels.ts) drawn with their leader lines under them.
 */
import { escapeMarkup as escapeXml } from '../escape.ts';
import type { PlacedLabel } from './labels.ts';

/**
 * A feature's name as a label: without its bracketed aside (the longer or official name).
 *
 * @param name - the feature's name
 * @returns the name before its first bracket, or the whole name when that would leave nothing
 * @example
 * labelName('溪口作业区（万州港区）'); // '溪口作业区'
 */
export function labelName(name: string): string {
  // A full-width bracket always opens an aside; a Latin one only after a space (not `A(1)`).
  const short = name.replace(/\s*（[^）]*）|\s+\([^)]*\)/g, '').trim();
  return short || name;
}

/**
 * The placed labels' markup: leader lines first, then each text with its box in `data-box`
 * (`x y width height`), so a test can check that no two overlap.
 *
 * @param labels - the placed labels
 * @param ink - the leader lines' colour
 * @param halo - the colour of the halo under them
 * @returns SVG markup
 * @example
 * labelMarkup(placeLabels(requests, { bounds }), '#1d232b', '#ffffff');
 */
export function labelMarkup(labels: readonly PlacedLabel[], ink: string, halo: string): string {
  // Each leader on a halo, so it reads across the lines it passes over.
  const leaders = labels.flatMap(({ leader: l }) =>
    l ? [`<line x1="${l[0]}" y1="${l[1]}" x2="${l[2]}" y2="${l[3]}" stroke="${halo}" stroke-width="3" stroke-opacity="0.8"/><line x1="${l[0]}" y1="${l[1]}" x2="${l[2]}" y2="${l[3]}" stroke="${ink}" stroke-width="1"/>`] : [],
  );
  const texts = labels.map((l) => `<text x="${l.x}" y="${l.y}" data-box="${l.box.x} ${l.box.y} ${l.box.w} ${l.box.h}" class="label">${escapeXml(l.text)}</text>`);
  return `<g class="leaders">${leaders.join('')}</g><g class="labels">${texts.join('')}</g>`;
}
