/**
 * `npm run build` step: the font the worker's PNG pictures are drawn with. The
 * pictures show only a known set of characters (view titles and captions, layer
 * and status names, seat names, the attribution, digits and Latin), so only
 * those glyphs are kept: from the @fontsource Noto Sans SC subsets (SIL OFL 1.1)
 * that contain them, cut down with subset-font and written as TrueType, base64,
 * into dist/data/picture-fonts.json for the worker to load into resvg, with the
 * characters they hold.
 *
 * A newsroom's own title, caption and labels can hold any character, so a second,
 * wider cut (every character of GB 2312, the 6,763 hanzi of everyday writing and
 * its symbols) goes to the static assets (dist/web/fonts/picture-wide.json), which
 * the worker fetches only for a picture whose text the first lacks: the worker's
 * bundle stays small, and a wide font is read once per isolate, when needed.
 * Run after `vite build`, which empties dist/web.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { CATALOG } from '../catalog.ts';
import { impactCaveats } from '../api/impact.ts';
import { UNUSABLE_TEXT } from '../network/scenario.ts';
import { impactChartStrings } from '../render/impact-chart.ts';
import { PICTURE_STRINGS } from '../render/svg.ts';
import { WIDE_FONT_FILE } from '../render/fonts.ts';
import { fnv1a64 } from '../hash.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const cssPath = require.resolve('@fontsource/noto-sans-sc/400.css');

const views = JSON.parse(readFileSync(`${root}geo/data/views.json`, 'utf8')).views as { title: Record<string, string>; caption: Record<string, string> }[];
const named = (layer: string) => JSON.parse(readFileSync(`${root}geo/data/${layer}.geojson`, 'utf8')).features as { properties: { name_zh: string; name_en: string } }[];
// The seats, the railways and roads the impact chart names, and the facilities the pictures label.
const places = ['places', 'rail', 'roads', 'ports', 'airports', 'hospitals'].flatMap(named);
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
// Latin-1's signs and letters (©, °, é …): the credits and the names of places abroad use them.
const latin1 = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0xa1 + i)).join('');
const text = [
  ascii,
  latin1,
  ...CATALOG.map((l) => l.credit ?? ''),
  '·–—“”‘’…×≤²、：',
  ...views.flatMap((v) => [v.title.zh, v.title.en, v.caption.zh, v.caption.en]),
  ...CATALOG.flatMap((l) => [l.title.zh, l.title.en]),
  ...places.flatMap((p) => [p.properties.name_zh, p.properties.name_en]),
  ...PICTURE_STRINGS,
  ...impactChartStrings(),
  ...Object.values(UNUSABLE_TEXT).flatMap((t) => [t.zh, t.en]),
  ...Object.values(impactCaveats(2027, 60)).flat(),
].join('');
const wanted = [...new Set(text)].map((ch) => ch.codePointAt(0)!);

/** Each @font-face of the subsets: its woff2 file and the code points it covers. */
const faces = [...readFileSync(cssPath, 'utf8').matchAll(/url\(\.\/(files\/[^)]+\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map(([, file, ranges]) => ({
  file,
  covers: (cp: number) =>
    ranges.split(',').some((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a, 16);
      return cp >= lo && cp <= (b ? parseInt(b, 16) : lo);
    }),
}));

/**
 * Cuts the Noto Sans SC subsets down to some characters.
 *
 * @param codePoints - the characters wanted
 * @returns TrueType fonts, base64, one per subset that holds any of them, and the characters they hold
 */
async function cut(codePoints: readonly number[]): Promise<{ fonts: string[]; chars: string }> {
  const fonts: string[] = [];
  for (const face of faces) {
    const chars = codePoints.filter((cp) => face.covers(cp));
    if (chars.length === 0) continue;
    const source = readFileSync(`${dirname(cssPath)}/${face.file}`);
    const subset = await subsetFont(source, String.fromCodePoint(...chars), { targetFormat: 'sfnt' });
    fonts.push(Buffer.from(subset).toString('base64'));
  }
  return { fonts, chars: String.fromCodePoint(...codePoints.filter((cp) => faces.some((f) => f.covers(cp)))) };
}

/** Every character of GB 2312 (rows 1–9 of symbols, 16–87 of hanzi), read through the GB 18030 decoder that contains it. */
function gb2312(): number[] {
  const decoder = new TextDecoder('gb18030');
  const out: number[] = [];
  for (let row = 0xa1; row <= 0xf7; row++) {
    if (row >= 0xaa && row <= 0xaf) continue; // rows 10–15 are empty
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(new Uint8Array([row, cell]));
      if (ch.length === 1 && ch !== '\ufffd') out.push(ch.codePointAt(0)!);
    }
  }
  return out;
}

const kb = (fonts: string[]) => (fonts.reduce((n, f) => n + (f.length * 3) / 4, 0) / 1024).toFixed(0);
const base = await cut(wanted);
mkdirSync(`${root}dist/data`, { recursive: true });
writeFileSync(`${root}dist/data/picture-fonts.json`, JSON.stringify({ family: 'Noto Sans SC', chars: base.chars, fonts: base.fonts }));
const missing = wanted.length - [...base.chars].length;
console.log(`picture-font: ${wanted.length} characters in ${base.fonts.length} font subsets, ${kb(base.fonts)} kB${missing ? `; ${missing} characters no subset covers` : ''}`);

// The wide cut takes half a minute: it is kept in node_modules/.cache under what it is cut from and for.
const has = new Set(wanted);
const codePoints = gb2312().filter((cp) => !has.has(cp));
const fontVersion = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans-sc/package.json'), 'utf8')).version as string;
const cached = `${root}node_modules/.cache/atlas-picture-wide-${fnv1a64(`${fontVersion}|${String.fromCodePoint(...codePoints)}`)}.json`;
if (!existsSync(cached)) {
  const wide = await cut(codePoints);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, JSON.stringify({ family: 'Noto Sans SC', chars: wide.chars, fonts: wide.fonts }));
}
mkdirSync(`${root}dist/web/fonts`, { recursive: true });
copyFileSync(cached, `${root}dist/web/fonts/${WIDE_FONT_FILE}`);
const wide = JSON.parse(readFileSync(cached, 'utf8')) as { chars: string; fonts: string[] };
console.log(`picture-font: the wide cut for a newsroom's own text, ${[...wide.chars].length} more characters, ${kb(wide.fonts)} kB (fonts/${WIDE_FONT_FILE})`);
