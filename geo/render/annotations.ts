/**
 * A newsroom's annotations in the pictures (geo/annotations.ts says what they are): a marker as its
 * own symbol (a red ring with a white centre, which no layer draws), the highlighted feature on top
 * of the map on a yellow halo, and the callout as a boxed text. Every text is escaped.
 */
import type { Geometry } from 'geojson';
import { escapeMarkup as escapeXml } from '../escape.ts';
import { THEMES, type Theme } from '../look.ts';
import { textWidth, type Box } from './labels.ts';

/** The marker's and the highlight's look, shared with the embed (web/embed-annotations.ts). */
export const ANNOTATION_STYLE = {
  mark: { colour: '#c8102e', radius: 7, centre: 2.5, stroke: 2 },
  highlight: { halo: '#ffd23f', haloWidth: 11, haloOpacity: 0.9, pointRadius: 11 },
  note: { fontSize: 13, padding: 7, maxWidth: 300 },
} as const;

/**
 * Breaks a text into lines no wider than a width: between any two Han characters, between Latin words.
 *
 * @param text - the text
 * @param maxWidth - the widest a line may be, in px
 * @param fontSize - the font size in px
 * @returns the lines (a word wider than a line is its own line)
 * @example
 * wrapText('新田港二期今年投运', 60, 12); // ['新田港二期', '今年投运']
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  // `u`: a character beyond the BMP (an emoji, a rare hanzi) is one token, never split into its surrogates.
  const tokens = text.match(/[\u{2e80}-\u{10ffff}]|[^\s\u{2e80}-\u{10ffff}]+|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    if (line.trim() && textWidth(next.trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trim());
      line = token.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

/**
 * A one-line text fitted to a width: its font shrunk (to `min`), then cut with an ellipsis.
 *
 * @param text - the text
 * @param maxWidth - the width in px
 * @param size - the font size wanted, and the smallest allowed
 * @returns the text to draw and its font size
 * @example
 * fitLine('万达开云地图集', 400, { size: 20, min: 14 }); // { text: '万达开云地图集', size: 20 }
 */
export function fitLine(text: string, maxWidth: number, size: { size: number; min: number }): { text: string; size: number } {
  const fits = Math.floor((size.size * maxWidth) / Math.max(1, textWidth(text, size.size)));
  if (fits >= size.size) return { text, size: size.size };
  if (fits >= size.min) return { text, size: fits };
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size.min) > maxWidth) chars.pop();
  return { text: `${chars.join('')}…`, size: size.min };
}

/**
 * A marker's symbol at a point, with its position in `data-at` for tests.
 *
 * @param x - the point's x in px
 * @param y - the point's y in px
 * @param theme - the theme (its halo rings the marker)
 * @returns SVG markup
 * @example
 * markSymbol(300, 200, 'light');
 */
export function markSymbol(x: number, y: number, theme: Theme): string {
  const m = ANNOTATION_STYLE.mark;
  const halo = THEMES[theme].halo;
  return `<g class="mark" data-at="${x} ${y}"><circle cx="${x}" cy="${y}" r="${m.radius}" fill="${m.colour}" stroke="${halo}" stroke-width="${m.stroke}"/><circle cx="${x}" cy="${y}" r="${m.centre}" fill="#ffffff"/></g>`;
}

/**
 * The highlighted feature: its geometry drawn again over everything, on a wide halo.
 *
 * @param geometry - the feature's geometry
 * @param draw - the layer's colour, and how the picture projects points and lines into path data
 * @returns SVG markup (nothing for a geometry it cannot draw)
 * @example
 * highlightMarkup(feature.geometry, { colour: '#0072b2', project, path });
 */
export function highlightMarkup(geometry: Geometry, draw: { colour: string; project: (p: number[]) => [number, number]; path: (line: number[][]) => string }): string {
  const h = ANNOTATION_STYLE.highlight;
  const paths = (d: string) =>
    `<path d="${d}" fill="none" stroke="${h.halo}" stroke-width="${h.haloWidth}" stroke-opacity="${h.haloOpacity}" stroke-linecap="round" stroke-linejoin="round"/><path d="${d}" fill="none" stroke="${draw.colour}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`;
  const g = geometry;
  let body = '';
  if (g.type === 'Point') {
    const [x, y] = draw.project(g.coordinates);
    body = `<circle cx="${x}" cy="${y}" r="${h.pointRadius}" fill="${h.halo}" fill-opacity="${h.haloOpacity}"/><circle cx="${x}" cy="${y}" r="6" fill="${draw.colour}" stroke="#ffffff" stroke-width="1.5"/>`;
  } else if (g.type === 'LineString') body = paths(draw.path(g.coordinates));
  else if (g.type === 'MultiLineString') body = paths(g.coordinates.map(draw.path).join(''));
  else if (g.type === 'Polygon') body = paths(g.coordinates.map(draw.path).join(''));
  else if (g.type === 'MultiPolygon') body = paths(g.coordinates.flat().map(draw.path).join(''));
  return body ? `<g class="highlight">${body}</g>` : '';
}

/**
 * The callout: a short text in a box, its lines wrapped to the box.
 *
 * @param note - the text
 * @param at - the box's top left corner, the widest it may be, and the theme
 * @returns SVG markup and the box (kept clear of labels)
 * @example
 * calloutMarkup('新田港二期今年投运', { x: 10, y: 74, maxWidth: 300, theme: 'light' }).markup;
 */
export function calloutMarkup(note: string, at: { x: number; y: number; maxWidth: number; theme: Theme }): { markup: string; box: Box } {
  const { fontSize, padding } = ANNOTATION_STYLE.note;
  const c = THEMES[at.theme];
  const lines = wrapText(note, at.maxWidth - 2 * padding, fontSize);
  const lineH = Math.ceil(fontSize * 1.35);
  const w = Math.min(at.maxWidth, Math.max(...lines.map((l) => textWidth(l, fontSize))) + 2 * padding);
  const box = { x: at.x, y: at.y, w, h: lines.length * lineH + 2 * padding - 3 };
  const texts = lines.map((l, i) => `<tspan x="${at.x + padding}" y="${at.y + padding + fontSize + i * lineH}">${escapeXml(l)}</tspan>`).join('');
  const markup = `<g class="callout"><rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="3" fill="${c.halo}" fill-opacity="0.94" stroke="${c.ink}" stroke-width="1"/><rect x="${box.x}" y="${box.y}" width="4" height="${box.h}" fill="${ANNOTATION_STYLE.mark.colour}"/><text class="note" style="font-size:${fontSize}px">${texts}</text></g>`;
  return { markup, box };
}
