/**
 * `npm run build` step: the font the worker's PNG pictures are drawn with. The
 * pictures show only a known set of characters (view titles and captions, layer
 * and status names, seat names, the attribution, digits and Latin), so only
 * those glyphs are kept: from the @fontsource Noto Sans SC subsets (SIL OFL 1.1)
 * that contain them, cut down with subset-font and written as TrueType, base64,
 * into dist/data/picture-fonts.json for the worker to load into resvg.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { CATALOG } from '../catalog.ts';
import { impactCaveats } from '../api/impact.ts';
import { UNUSABLE_TEXT } from '../network/scenario.ts';
import { impactChartStrings } from '../render/impact-chart.ts';
import { PICTURE_STRINGS } from '../render/svg.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const cssPath = require.resolve('@fontsource/noto-sans-sc/400.css');

const views = JSON.parse(readFileSync(`${root}geo/data/views.json`, 'utf8')).views as { title: Record<string, string>; caption: Record<string, string> }[];
const named = (layer: string) => JSON.parse(readFileSync(`${root}geo/data/${layer}.geojson`, 'utf8')).features as { properties: { name_zh: string; name_en: string } }[];
// The seats, the railways and roads the impact chart names, and the facilities the pictures label.
const places = ['places', 'rail', 'roads', 'ports', 'airports', 'hospitals'].flatMap(named);
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const text = [
  ascii,
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

const fonts: string[] = [];
let missing = 0;
for (const face of faces) {
  const chars = wanted.filter((cp) => face.covers(cp));
  if (chars.length === 0) continue;
  const source = readFileSync(`${dirname(cssPath)}/${face.file}`);
  const subset = await subsetFont(source, String.fromCodePoint(...chars), { targetFormat: 'sfnt' });
  fonts.push(Buffer.from(subset).toString('base64'));
}
for (const cp of wanted) if (!faces.some((f) => f.covers(cp))) missing++;

mkdirSync(`${root}dist/data`, { recursive: true });
writeFileSync(`${root}dist/data/picture-fonts.json`, JSON.stringify({ family: 'Noto Sans SC', fonts }));
const kb = fonts.reduce((n, f) => n + (f.length * 3) / 4, 0) / 1024;
console.log(`picture-font: ${wanted.length} characters in ${fonts.length} font subsets, ${kb.toFixed(0)} kB${missing ? `; ${missing} characters no subset covers` : ''}`);
