/**
 * Point labels for the pictures, placed without overlap by a greedy placer: each label, in priority
 * order, takes the first of a few positions around its point whose box is free (of the labels placed,
 * every point, the areas kept clear and the map's edge); failing those, a position further out with a
 * leader line back to its point. Widths are estimated from the characters, on the wide side, so a
 * box holds its text in the picture font whatever the glyphs' true advances.
 */

/** A box: its top left corner and its size, in pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A label to place at a point. */
export interface LabelRequest {
  text: string;
  /** the point's centre */
  x: number;
  y: number;
  /** the point's radius: the label keeps off it */
  r: number;
  /** placed even where every position collides (a seat's name), at its first position */
  required?: boolean;
  /** the side tried first: below the point (seats) or right of it (the rest) */
  prefer?: 'below' | 'right';
}

/** A placed label: where its text starts (baseline), its box and, when moved away, its leader line. */
export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  box: Box;
  leader: [number, number, number, number] | null;
}

/** How the labels are placed. */
export interface PlaceOptions {
  /** where labels may go (the map's area) */
  bounds: Box;
  /** areas kept clear (legends) */
  obstacles?: readonly Box[];
  /** other points to keep clear of, besides the labelled ones */
  points?: readonly { x: number; y: number; r: number }[];
  /** the labels' font size in pixels (12) */
  fontSize?: number;
}

/**
 * A conservative estimate of a text's width: one em for each Han character or full-width sign,
 * 0.55 em for most Latin letters and digits, more for capitals and the widest letters.
 *
 * @param text - the text
 * @param fontSize - its font size in pixels
 * @returns its width in pixels, on the wide side
 * @example
 * textWidth('桐子园作业区', 12); // 72
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // The picture font (Noto Sans SC) draws curly quotes and dashes full-width, as it does Han.
    if (cp >= 0x2e80 || (cp >= 0x2000 && cp < 0x2070)) em += 1;
    else if (ch === ' ') em += 0.28;
    else if (/[MWmw@%]/.test(ch)) em += 0.88;
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (/[.,:;'·!|il]/.test(ch)) em += 0.3;
    else em += 0.56;
  }
  return Math.ceil(em * fontSize);
}

/** Whether two boxes overlap (touching edges do not). */
export const boxesOverlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const inside = (a: Box, b: Box): boolean => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** Whether a segment crosses a box (Liang–Barsky clipping). */
function segmentHitsBox([x1, y1, x2, y2]: readonly number[], b: Box): boolean {
  let [t0, t1] = [0, 1];
  const [dx, dy] = [x2 - x1, y2 - y1];
  const edges: [number, number][] = [[-dx, x1 - b.x], [dx, b.x + b.w - x1], [-dy, y1 - b.y], [dy, b.y + b.h - y1]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The positions next to a point, nearest first: the preferred side, then the others and the corners. */
function nearBoxes(req: LabelRequest, w: number, h: number): Box[] {
  const g = req.r + 3;
  const { x, y } = req;
  const right = { x: x + g, y: y - h / 2, w, h };
  const below = { x: x - w / 2, y: y + g - 2, w, h };
  const rest = [
    { x: x - g - w, y: y - h / 2, w, h },
    { x: x - w / 2, y: y - g - h + 2, w, h },
    { x: x + g - 2, y: y - g - h + 4, w, h },
    { x: x + g - 2, y: y + g - 4, w, h },
    { x: x - g - w + 2, y: y - g - h + 4, w, h },
    { x: x - g - w + 2, y: y + g - 4, w, h },
  ];
  return req.prefer === 'below' ? [below, right, ...rest] : [right, below, ...rest];
}

/** Positions further out, each with its leader from the point's edge to the box's nearest point. */
function farBoxes(req: LabelRequest, w: number, h: number): { box: Box; leader: [number, number, number, number] }[] {
  const out: { box: Box; leader: [number, number, number, number] }[] = [];
  // Sideways first (where a label reads best), then ever steeper, up and down last.
  const turns = Array.from({ length: 24 }, (_, k) => k).sort((i, j) => Math.abs(Math.sin((i * Math.PI) / 12)) - Math.abs(Math.sin((j * Math.PI) / 12)) || i - j);
  for (const d of [22, 34, 48, 64, 82, 104, 130, 160, 200]) {
    for (const k of turns) {
      const a = k * (Math.PI / 12);
      const [cx, cy] = [req.x + Math.cos(a) * (d + w / 2), req.y + Math.sin(a) * (d + h / 2)];
      const box = { x: cx - w / 2, y: cy - h / 2, w, h };
      const nx = Math.min(Math.max(req.x, box.x), box.x + box.w);
      const ny = Math.min(Math.max(req.y, box.y), box.y + box.h);
      const len = Math.hypot(nx - req.x, ny - req.y);
      if (len <= req.r + 4) continue;
      const [ux, uy] = [(nx - req.x) / len, (ny - req.y) / len];
      const r1 = (v: number) => Math.round(v * 10) / 10;
      out.push({ box, leader: [r1(req.x + ux * (req.r + 1)), r1(req.y + uy * (req.r + 1)), r1(nx), r1(ny)] });
    }
  }
  return out;
}

/** Columns of positions beside a crowded point, for wide labels a ray would stack on each other. */
function columnBoxes(req: LabelRequest, w: number, h: number): { box: Box; leader: [number, number, number, number] }[] {
  const out: { box: Box; leader: [number, number, number, number] }[] = [];
  for (const dx of [30, 60, 100]) {
    for (let step = 1; step <= 10; step++) {
      for (const dy of [-step * (h + 2), step * (h + 2)]) {
        for (const side of [1, -1]) {
          const box = { x: side > 0 ? req.x + dx : req.x - dx - w, y: req.y + dy - h / 2, w, h };
          const [nx, ny] = [side > 0 ? box.x : box.x + w, req.y + dy];
          const len = Math.hypot(nx - req.x, ny - req.y);
          const [ux, uy] = [(nx - req.x) / len, (ny - req.y) / len];
          const r1 = (v: number) => Math.round(v * 10) / 10;
          out.push({ box, leader: [r1(req.x + ux * (req.r + 1)), r1(req.y + uy * (req.r + 1)), r1(nx), r1(ny)] });
        }
      }
    }
  }
  return out.sort((a, b) => Math.hypot(a.leader[2] - req.x, a.leader[3] - req.y) - Math.hypot(b.leader[2] - req.x, b.leader[3] - req.y));
}

/** Labels at one point: three or more are set as one block of lines, a list beside the point. */
const BLOCK_FROM = 3;

/**
 * Places labels greedily, in the order given (put the most important first). Three or more labels at
 * one point are set as a block, one name a line, so a cluster reads as a list rather than a ring of
 * leader lines. A label that finds no free position is left out, unless it is required.
 *
 * @param requests - the labels and their points
 * @param options - where labels may go, what to keep clear, the font size
 * @returns the labels placed, each with its text position, box and leader line (null when beside its point)
 * @example
 * placeLabels([{ text: '万州', x: 300, y: 200, r: 5 }], { bounds: { x: 0, y: 64, w: 1200, h: 520 } });
 */
export function placeLabels(requests: readonly LabelRequest[], options: PlaceOptions): PlacedLabel[] {
  const size = options.fontSize ?? 12;
  const lineH = Math.ceil(size * 1.3);
  const taken: Box[] = [...(options.obstacles ?? [])];
  const leaders: number[][] = [];
  // Every point, labelled or not, is kept clear (a square around its circle).
  const dots = [...requests, ...(options.points ?? [])].map((p) => ({ x: p.x - p.r - 1, y: p.y - p.r - 1, w: 2 * p.r + 2, h: 2 * p.r + 2 }));
  const free = (box: Box, leader: number[] | null) =>
    inside(box, options.bounds) &&
    !taken.some((t) => boxesOverlap(box, t)) &&
    !dots.some((d) => boxesOverlap(box, d)) &&
    !leaders.some((l) => segmentHitsBox(l, box)) &&
    (!leader || !taken.some((t) => segmentHitsBox(leader, t)));
  const at = (r: LabelRequest) => `${r.x},${r.y}`;
  const crowd = new Map<string, LabelRequest[]>();
  // A required label (a seat's name) stays on its own: a block lists what is at a point, not the place.
  for (const r of requests) if (!r.required) crowd.set(at(r), [...(crowd.get(at(r)) ?? []), r]);
  const groups = requests.flatMap((r) => {
    const all = crowd.get(at(r)) ?? [r];
    if (all.length < BLOCK_FROM) return [[r]];
    return all[0] === r ? [all] : [];
  });
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const placed: PlacedLabel[] = [];
  for (const group of groups) {
    const req = group[0];
    const widths = group.map((g) => textWidth(g.text, size) + 4);
    const [w, h] = [Math.max(...widths), lineH * group.length];
    // A block sits beside its point, centred on it, or further out on a leader.
    const near = group.length > 1 ? nearBoxes({ ...req, prefer: 'right' }, w, h).filter((b) => b.y === req.y - h / 2) : nearBoxes(req, w, h);
    let spot: { box: Box; leader: [number, number, number, number] | null } | undefined = near.map((box) => ({ box, leader: null })).find((c) => free(c.box, null));
    spot ??= farBoxes(req, w, h).find((c) => free(c.box, c.leader)) ?? columnBoxes(req, w, h).find((c) => free(c.box, c.leader));
    // A required label where every position collides: the first one inside the map, else the first.
    if (!spot && group.some((g) => g.required)) spot = { box: near.find((b) => inside(b, options.bounds)) ?? near[0], leader: null };
    if (!spot) continue;
    taken.push(spot.box);
    if (spot.leader) leaders.push(spot.leader);
    const lines = group.map((g, i) => ({ text: g.text, box: { x: r1(spot.box.x), y: r1(spot.box.y + i * lineH), w: widths[i], h: lineH } }));
    // A block's leader ends at its nearest line's text, not at the block's emptier corner.
    let leader = spot.leader;
    if (leader && lines.length > 1) {
      const ends = lines.map(({ box: b }) => [Math.min(Math.max(req.x, b.x), b.x + b.w), Math.min(Math.max(req.y, b.y), b.y + b.h)]);
      const [nx, ny] = ends.reduce((a, e) => (Math.hypot(e[0] - req.x, e[1] - req.y) < Math.hypot(a[0] - req.x, a[1] - req.y) ? e : a));
      const len = Math.hypot(nx - req.x, ny - req.y);
      leader = [r1(req.x + ((nx - req.x) / len) * (req.r + 1)), r1(req.y + ((ny - req.y) / len) * (req.r + 1)), r1(nx), r1(ny)];
    }
    lines.forEach(({ text, box }, i) => placed.push({ text, x: r1(box.x + 2), y: r1(box.y + size * 1.02), box, leader: i === 0 ? leader : null }));
  }
  return placed;
}
