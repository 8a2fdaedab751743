/**
 * The project-impact chart (`/api/impact` drawn): one row per project in rank order, with two bars
 * side by side, minutes saved over the six trips of the four seats and km² newly within the
 * threshold; the plan complete as its own row under a rule; the projects the model cannot add, with
 * why; and the answer's caveats. One function draws it for the page, the embed and the PNG, so the
 * three agree. Every text is escaped; the bars carry `data-with` so the page can make them buttons.
 */
import type { ImpactResponse } from '../api/impact.ts';
import { escapeMarkup as escapeXml } from '../escape.ts';
import { bandColour, THEMES, type Theme } from '../look.ts';
import { ATTRIBUTION } from './svg.ts';

/** How to draw the chart. */
export interface ImpactChartOptions {
  width: number;
  /** The picture's height: the chart is fitted into it (kept whole, centred); its own height when absent. */
  height?: number;
  lang: 'zh' | 'en';
  theme: Theme;
  /** A title and caption over the chart (a named view's); the chart's own when absent. */
  title?: string;
  caption?: string;
}

/** The chart's fixed words; `{y}` is the year, `{m}` the threshold, `{n}` and `{x}` numbers; `model`'s letters are parameters (`modelLine`). */
export const IMPACT_WORDS = {
  zh: {
    title: '项目贡献：单独加入{y}年路网的每个项目',
    params: '以{y}年路网为基础 · 门槛{m}分钟 · 万州、达州、开州、云阳六对城市（取较慢方向）',
    model: '模型参数：高铁按设计速度的{h}%计（城际线{i}%）；普速铁路{c} km/h；高速公路{e} km/h；接驳道路{a} km/h、绕行系数{d}；进站{b}分钟、出站{o}分钟、换乘{t}分钟。',
    minutes: '节省分钟（六对合计）',
    area: '新进入{m}分钟内的面积',
    min: '分钟',
    max: '单对最多',
    pairs: '{n}对进入{m}分钟',
    complete: '规划全部建成（{n}个项目）',
    none: '单独加入时，没有一个项目缩短六对城市之间的任何一程；它们的作用在面积上。',
    tiny: '单独加入时，节省最多的项目六对合计只节省{x}分钟；多数项目的作用在面积上。',
    unusable: '模型无法计入',
    caveats: '模型不知道的',
  },
  en: {
    title: 'Project impact: each project added alone to the {y} network',
    params: 'Starting from the {y} network · threshold {m} min · the six trips between Wanzhou, Dazhou, Kaizhou and Yunyang (slower direction)',
    model: 'Model: high-speed rail at {h}% of its design speed ({i}% on intercity lines); conventional rail {c} km/h; expressways {e} km/h; local roads {a} km/h with a detour factor of {d}; {b} min to board, {o} to leave the station, {t} to change trains.',
    minutes: 'Minutes saved (six trips)',
    area: 'km² newly within {m} min',
    min: 'min',
    max: 'best trip',
    pairs: '{n} trips now within {m} min',
    complete: 'The plan complete ({n} projects)',
    none: 'Added alone, no project shortens any of the six trips; what they do shows in the area.',
    tiny: 'Added alone, the best project saves only {x} min over the six trips; most act on the area.',
    unusable: 'Not in the model',
    caveats: 'What the model does not know',
  },
} as const;

/** Below this many minutes saved in all, the chart says the savings are small rather than let short bars speak alone. */
const TINY_MINUTES = 5;
/** The minute bars' scale never goes below this, so a saving of a minute or two looks like one. */
const MIN_MINUTE_SCALE = 10;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w)\}/g, (_, k: string) => String(v[k]));

/** Full-width in the CJK font: CJK, and the general punctuation (— ’ “ …) it draws a full em wide. */
const wide = (cp: number) => cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x206f);
/** A text's approximate width: full-width characters an em, the rest a little over half. */
const textWidth = (s: string, size: number) => [...s].reduce((w, ch) => w + (wide(ch.codePointAt(0)!) ? size : size * 0.56), 0);

/** Breaks a text into lines no wider than `max` (at spaces in English, anywhere in Chinese). */
function wrap(text: string, max: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+/g) ?? []) {
    if (line && textWidth(line + token.trimEnd(), size) > max) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** A text cut to `max` wide, with an ellipsis when cut. */
function clip(text: string, max: number, size: number): string {
  if (textWidth(text, size) <= max) return text;
  const chars = [...text];
  while (chars.length && textWidth(`${chars.join('')}…`, size) > max) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * Each kind of text as presentation attributes, not a `<style>`: the page inlines the chart, and its
 * Content Security Policy refuses inline styles.
 */
const TEXT_LOOK: Record<string, string> = {
  title: 'font-size="18" font-weight="700"',
  caption: 'font-size="12.5" fill-opacity=".8"',
  note: 'font-size="12.5" font-weight="700"',
  head: 'font-size="12" font-weight="700"',
  name: 'font-size="12"',
  figure: 'font-size="12"',
  small: 'font-size="11" fill-opacity=".8"',
  attr: 'font-size="11" fill-opacity=".7"',
};

/**
 * Curly quotes made straight, for English lines: the CJK font draws them a full em wide ("pair’ s"),
 * and the PNG renderer (resvg) drops a long line that holds one, a caveat lost from the picture.
 */
const straightQuotes = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

const one = (x: number) => (Math.round(x * 10) / 10).toString();

/**
 * The model's parameters an answer was computed with, as one line a reader follows: the speeds and
 * shares that time the lines, the local roads' speed and detour, and the minutes at stations.
 *
 * @param params - the answer's `params`
 * @param lang - the language
 * @returns the line
 * @example
 * modelLine(withParams(), 'en'); // 'Model: high-speed rail at 85% of its design speed (65% on intercity lines); …'
 */
export function modelLine(params: ImpactResponse['params'], lang: 'zh' | 'en'): string {
  const pct = (x: number) => Math.round(x * 100);
  return fill(IMPACT_WORDS[lang].model, {
    h: pct(params.hsrExpressShare),
    i: pct(params.hsrStoppingShare),
    c: one(params.conventionalRailSpeedKmh),
    e: one(params.expresswaySpeedKmh),
    a: one(params.accessSpeedKmh),
    d: one(params.accessCircuity),
    b: one(params.boardingMinutes),
    o: one(params.alightingMinutes),
    t: one(params.transferMinutes),
  });
}

/**
 * Draws the impact ranking as an SVG chart.
 *
 * @param answer - the answer of `/api/impact`
 * @param options - width (and height to fit into), language, theme, an optional title and caption
 * @returns the SVG document
 * @example
 * renderImpactChart(await (await fetch('/api/impact?year=2027')).json(), { width: 720, lang: 'zh', theme: 'light' });
 */
export function renderImpactChart(answer: ImpactResponse, options: ImpactChartOptions): string {
  const { width, lang, theme } = options;
  const w = IMPACT_WORDS[lang];
  const c = THEMES[theme];
  const v = { y: answer.year, m: answer.minutes };
  const name = (p: { name_zh: string; name_en: string }) => (lang === 'zh' ? p.name_zh : p.name_en);
  // Narrow (a phone's panel): each name on its own line over its bars; wide: names in a column.
  const stacked = width < 640;
  const pad = 12;
  const nameW = stacked ? 0 : Math.round(width * 0.34);
  const barsX = pad + nameW + (stacked ? 0 : 8);
  const colW = (width - barsX - pad - 12) / 2;
  const barW = colW * 0.55;
  const rowH = stacked ? 38 : 24;
  const [minuteColour, areaColour] = theme === 'dark' ? [bandColour(3), bandColour(4)] : [bandColour(0), bandColour(2)];
  const minuteScale = Math.max(MIN_MINUTE_SCALE, answer.complete.saved_sum, ...answer.projects.map((p) => p.alone.saved_sum));
  const areaScale = Math.max(1, answer.complete.area_km2, ...answer.projects.map((p) => p.alone.area_km2));
  const out: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, s: string, cls: string, extra = '') => out.push(`<text x="${Math.round(x)}" y="${Math.round(yy)}" class="${cls}" ${TEXT_LOOK[cls]}${extra}>${escapeXml(lang === 'en' ? straightQuotes(s) : s)}</text>`);
  const block = (lines: string[], cls: string, size: number, lineH: number) => {
    for (const l of lines.flatMap((s) => wrap(s, width - 2 * pad, size))) {
      y += lineH;
      text(pad, y, l, cls);
    }
  };

  block([options.title ?? fill(w.title, v)], 'title', 18, 24);
  block([options.caption ?? fill(w.params, v)], 'caption', 12.5, 18);
  if (options.caption) block([fill(w.params, v)], 'caption', 12.5, 18);
  // The parameters beside the year: a reader of the picture alone can tell what the minutes rest on.
  block([modelLine(answer.params, lang)], 'small', 11, 15);
  const best = Math.max(0, ...answer.projects.map((p) => p.alone.saved_sum));
  if (best < TINY_MINUTES) block([best === 0 ? w.none : fill(w.tiny, { x: one(best) })], 'note', 12.5, 18);

  y += 22;
  text(barsX, y, w.minutes, 'head');
  text(barsX + colW + 12, y, fill(w.area, v), 'head');
  y += 6;

  /** One row: the name, the minutes bar with its figures, the area bar with its figure. */
  const row = (label: string, e: ImpactResponse['projects'][number]['alone'], attrs: string, cls = 'impact-row') => {
    const top = y + (stacked ? 16 : 4);
    const bar = (x: number, value: number, scale: number, colour: string, caption: string) => {
      const len = value > 0 ? Math.max(2, (value / scale) * barW) : 0;
      out.push(`<rect x="${Math.round(x)}" y="${top}" width="${Math.round(len * 10) / 10}" height="14" fill="${colour}"/>`);
      // A zero is drawn as a hairline at the axis, so "nothing" is seen and not mistaken for missing.
      if (!len) out.push(`<rect x="${Math.round(x)}" y="${top}" width="1" height="14" fill="${c.ink}" fill-opacity=".5"/>`);
      text(x + len + 4, top + 11.5, caption, 'figure');
    };
    const within = e.now_within ? ` · ${fill(w.pairs, { n: e.now_within, m: answer.minutes })}` : '';
    const minutes = `${one(e.saved_sum)} ${w.min}${e.saved_max > 0 ? ` (${w.max} ${one(e.saved_max)})` : ''}${within}`;
    out.push(`<g class="${cls}"${attrs}>`);
    out.push(`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="${c.halo}" fill-opacity="0"/>`);
    text(pad, stacked ? y + 12 : top + 11.5, clip(label, stacked ? width - 2 * pad : nameW, 12), 'name');
    bar(barsX, e.saved_sum, minuteScale, minuteColour, minutes);
    bar(barsX + colW + 12, e.area_km2, areaScale, areaColour, `${Math.round(e.area_km2)} km²`);
    out.push('</g>');
    y += rowH;
  };
  for (const p of answer.projects) {
    const label = `${p.rank}. ${name(p)}`;
    const aria = `${label}: ${one(p.alone.saved_sum)} ${w.min}, ${Math.round(p.alone.area_km2)} km²`;
    row(label, p.alone, ` data-with="${escapeXml(p.id)}" role="button" tabindex="0" aria-label="${escapeXml(aria)}"`);
  }
  y += 6;
  out.push(`<line x1="${pad}" y1="${y}" x2="${width - pad}" y2="${y}" stroke="${c.county}"/>`);
  y += 2;
  row(fill(w.complete, { n: answer.complete.with.length }), answer.complete, ` data-with="${escapeXml(answer.complete.with.join(','))}" role="button" tabindex="0"`, 'impact-row complete');

  if (answer.unusable.length) {
    const reasons = [...new Set(answer.unusable.map((u) => u.reason_text[lang]))];
    y += 8;
    block([`${w.unusable}:`], 'head', 12, 18);
    block(reasons.map((r) => `${r}${lang === 'zh' ? '：' : ': '}${answer.unusable.filter((u) => u.reason_text[lang] === r).map(name).join(lang === 'zh' ? '、' : '; ')}`), 'small', 11, 15);
  }
  y += 8;
  block([`${w.caveats}:`], 'head', 12, 18);
  block(answer.caveats[lang].map((s) => `· ${s}`), 'small', 11, 15);
  y += 6;
  block([ATTRIBUTION[lang]], 'attr', 11, 16);
  const own = Math.ceil(y + 10);
  const height = options.height ?? own;
  const title = options.title ?? fill(w.title, v);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${own}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    // Wider than the view box, so a picture fitted into another shape has no bare margins.
    `<rect x="${-width}" y="${-own}" width="${3 * width}" height="${3 * own}" fill="${c.halo}"/>`,
    `<g font-family="'Noto Sans SC','Noto Sans CJK SC',sans-serif" fill="${c.ink}">`,
    ...out,
    '</g>',
    '</svg>',
  ].join('\n');
}

/**
 * Every fixed text the chart may show, for the picture font's subset (names and caveats come from the data and the answer).
 *
 * @returns the words of both languages
 * @example
 * impactChartStrings().includes('节省分钟（六对合计）'); // true
 */
export function impactChartStrings(): string[] {
  return (['zh', 'en'] as const).flatMap((l) => Object.values(IMPACT_WORDS[l]));
}
