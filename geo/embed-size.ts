/**
 * How tall an embed is at a width, so that the code a newsroom pastes (the oEmbed HTML, the share
 * dialog's plain iframe) gets a frame that holds it whole. The embed's layout is deterministic but
 * its text wraps by the font's metrics, so the heights of its parts are measured in Chromium, once
 * per view and width, by tests/browser/embed-sizes.test.ts (which re-checks them on every run and
 * rewrites geo/embed-heights.ts with `npm run embed:measure`); only the map's height is computed.
 */
import { EMBED_HEIGHTS, EMBED_WIDTHS, type EmbedParts } from './embed-heights.ts';
import { wrapText } from './render/annotations.ts';

/** The parts a frame too short for the whole embed leaves out, first to last. */
export const OPTIONAL_PARTS = ['matrix', 'legend'] as const;
export type OptionalPart = (typeof OPTIONAL_PARTS)[number];

/** The map's height bounds: the embed never draws a map shorter or taller when it sizes itself. */
export const MAP_HEIGHT = { min: 160, natural: { min: 200, max: 440 }, aspect: 0.66 } as const;
/** The embed's side padding and the map's border, in px (web/embed.css). */
const SIDES = 26;
/** Leeway for a font that wraps a line differently from the measuring Chromium's. */
const LEEWAY = 6;

/**
 * The map's height when the URL names none: two thirds of its width, within bounds.
 *
 * @param width - the frame's width in px
 * @returns the map's height in px (without its border)
 * @example
 * embedMapHeight(360); // 220
 */
export function embedMapHeight(width: number): number {
  const { min, max } = MAP_HEIGHT.natural;
  return Math.min(max, Math.max(min, Math.round((width - SIDES) * MAP_HEIGHT.aspect)));
}

/** The embed's title, caption and callout: font size and line height in px (web/embed.css), and the callout's padding, border and margin. */
const TEXT = { title: { size: 17, line: 25 }, caption: { size: 14, line: 20 }, note: { size: 14, line: 20, frame: 24 } } as const;

/** A newsroom's own texts (geo/annotations.ts), which the measured heights do not hold. */
export interface EmbedTexts {
  title?: string | null;
  caption?: string | null;
  note?: string | null;
}

/**
 * The px a newsroom's own texts add to the measured embed, on the tall side: lines beyond the one the
 * measured title and caption took, wrapped by the pictures' wide estimate of text widths, and the
 * callout's box whole.
 *
 * @param width - the frame's width in px
 * @param texts - the custom title, caption and callout
 * @returns the extra height in px
 * @example
 * textsHeight(360, { title: '新田港二期投运后，万州港的集装箱吞吐能力将翻一番' }); // 25
 */
export function textsHeight(width: number, texts: EmbedTexts): number {
  const inner = width - 24;
  const lines = (s: string | null | undefined, size: number, w = inner) => (s ? wrapText(s, w, size).length : 0);
  const extra = (s: string | null | undefined, t: { size: number; line: number }) => Math.max(0, lines(s, t.size) - 1) * t.line;
  const note = lines(texts.note, TEXT.note.size, inner - 28);
  return extra(texts.title, TEXT.title) + extra(texts.caption, TEXT.caption) + (note ? note * TEXT.note.line + TEXT.note.frame : 0);
}

/**
 * The measured parts at a width: the larger of the two measured widths around it, part by part (text
 * wraps less as the embed widens, but a chart drawn to its width grows).
 */
function partsAt(view: string, width: number): EmbedParts {
  const table = EMBED_HEIGHTS[view] ?? EMBED_HEIGHTS.view;
  const below = [...EMBED_WIDTHS].reverse().find((w) => w <= width) ?? EMBED_WIDTHS[0];
  const above = EMBED_WIDTHS.find((w) => w >= width) ?? EMBED_WIDTHS[EMBED_WIDTHS.length - 1];
  // Narrower than anything measured: the text's lines grow about as the width shrinks.
  const grow = width < below ? below / Math.max(width, 160) : 1;
  const part = (p: keyof EmbedParts) => Math.ceil(Math.max(table[below][p], table[above][p]) * grow);
  return { fixed: part('fixed'), legend: part('legend'), matrix: part('matrix') };
}

/** What {@link embedSize} answers. */
export interface EmbedSize {
  /** The frame's height in px. */
  height: number;
  /** The map's height in px (the embed's `height` option). */
  map: number;
  /** The optional parts left out to fit `maxheight`, in the order of {@link OPTIONAL_PARTS}. */
  drop: OptionalPart[];
}

/**
 * The height of an embed's frame at a width, leaving out optional parts (the matrix table, then the
 * legend) and then shortening the map (to {@link MAP_HEIGHT}.min) while it is taller than `maxheight`.
 *
 * @param view - the named view's id, or `view` for an explorer state
 * @param width - the frame's width in px
 * @param options - `map`: the map's height (default {@link embedMapHeight}); `maxheight`; `drop`: parts already left out; `texts`: a newsroom's own title, caption and callout
 * @returns the frame's height, the map's and the parts left out
 * @example
 * embedSize('one-hour-circle-2027', 360, { maxheight: 520 }); // { height: 5xx, map: 220, drop: ['matrix'] }
 */
export function embedSize(view: string, width: number, options: { map?: number; maxheight?: number; drop?: readonly OptionalPart[]; texts?: EmbedTexts } = {}): EmbedSize {
  const parts = partsAt(view, width);
  parts.fixed += textsHeight(width, options.texts ?? {});
  const drop = OPTIONAL_PARTS.filter((p) => options.drop?.includes(p) || parts[p] === 0);
  let map = options.map ?? embedMapHeight(width);
  const total = () => parts.fixed + LEEWAY + map + 2 + OPTIONAL_PARTS.filter((p) => !drop.includes(p)).reduce((sum, p) => sum + parts[p], 0);
  const max = options.maxheight ?? Infinity;
  for (const part of OPTIONAL_PARTS) if (total() > max && !drop.includes(part)) drop.push(part);
  if (total() > max) map = Math.max(MAP_HEIGHT.min, map - (total() - max));
  return { height: total(), map, drop: OPTIONAL_PARTS.filter((p) => drop.includes(p) && parts[p] > 0) };
}
