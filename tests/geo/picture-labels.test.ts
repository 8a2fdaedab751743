import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataBundle } from '../../geo/bundle.ts';
import { CATALOG, creditsOf } from '../../geo/catalog.ts';
import { boxesOverlap, placeLabels, textWidth, type Box } from '../../geo/render/labels.ts';
import { labelName } from '../../geo/render/label-markup.ts';
import { ATTRIBUTION, renderSvg } from '../../geo/render/svg.ts';
import { missingGlyphs, type PictureFonts } from '../../geo/render/fonts.ts';
import { createAnalyses } from '../../geo/reach/analyses.ts';
import type { LayerId } from '../../geo/layers.ts';
import { statusIn } from '../../geo/lifecycle.ts';
import type { ThematicProps } from '../../geo/schema.ts';
import type { View } from '../../geo/views.ts';

// The real data, as the build bundles it (npm run build writes dist/data).
const BUNDLE = 'dist/data/layers.json';
const FONTS = 'dist/data/picture-fonts.json';
const built = existsSync(BUNDLE) && existsSync(FONTS);
const OUT = 'test-results/pictures';
const [W, H, HEAD, FOOT] = [1200, 630, 64, 46];

const titles = Object.fromEntries(CATALOG.map((l) => [l.id, l.title])) as Record<LayerId, { zh: string; en: string }>;

/** Labels as the SVG gives them: text and box (from data-box). */
const labelsOf = (svg: string) =>
  [...svg.matchAll(/<text x="[^"]+" y="[^"]+" data-box="([^"]+)" class="label">([^<]*)<\/text>/g)].map(([, box, text]) => {
    const [x, y, w, h] = box.split(' ').map(Number);
    return { text, box: { x, y, w, h } as Box };
  });

describe.skipIf(!built)('the pictures of the named views, drawn from the built data', () => {
  let data: DataBundle;
  let analyses: ReturnType<typeof createAnalyses>;
  const picture = (view: View, lang: 'zh' | 'en') => {
    const reach = (view.reach?.from ?? []).flatMap((from) => analyses.reach(from, view.reach!.bands, view.year).bands.map((b) => ({ minutes: b.minutes, coordinates: b.coordinates, from })));
    const features = Object.fromEntries(view.layers.map((id) => [id, data.layers[id].data.features]));
    return renderSvg(view, features, { width: W, height: H, lang, theme: 'light', reach, titles });
  };
  const view = (id: string) => data.views.find((v) => v.id === id)!;

  beforeAll(() => {
    data = JSON.parse(readFileSync(BUNDLE, 'utf8')) as DataBundle;
    analyses = createAnalyses(data);
  });

  it.each(['zh', 'en'] as const)('labels every port area the ports view shows, each readable and clear of the others and the edge (%s)', (lang) => {
    const svg = picture(view('ports'), lang);
    const labels = labelsOf(svg);
    const names = labels.map((l) => l.text);
    // Every port feature drawn inside the picture (its circle in the ports' colour) is named.
    const drawn = [...svg.matchAll(/<circle cx="([^"]+)" cy="([^"]+)"[^>]*#0072b2/g)].length;
    const inFrame = data.layers.ports.data.features.filter((f) => {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
      return lon > 107.9 && lon < 108.95 && lat > 30.58 && lat < 30.98 && statusIn(f.properties as ThematicProps, 2027);
    });
    expect(inFrame.length).toBe(drawn);
    for (const f of inFrame) expect(names).toContain(labelName(lang === 'zh' ? f.properties.name_zh : f.properties.name_en));
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const [i, a] of labels.entries()) {
      // Readable: 12-px type, its box wide enough for the text.
      expect(a.box.w).toBeGreaterThanOrEqual(textWidth(a.text, 12));
      expect(a.box.x).toBeGreaterThanOrEqual(0);
      expect(a.box.y).toBeGreaterThanOrEqual(HEAD);
      expect(a.box.x + a.box.w).toBeLessThanOrEqual(W);
      expect(a.box.y + a.box.h).toBeLessThanOrEqual(H - FOOT);
      for (const b of labels.slice(i + 1)) expect(boxesOverlap(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
    }
  });

  it('draws the thematic points above the seats', () => {
    const svg = picture(view('hospitals-30min'), 'zh');
    const circles = [...svg.matchAll(/<circle [^>]*>/g)].map((m) => ({ at: m.index, tag: m[0] }));
    const lastSeat = Math.max(...circles.filter((c) => /fill="#1d232b"/.test(c.tag)).map((c) => c.at));
    const firstHospital = Math.min(...circles.filter((c) => /#d55e00/.test(c.tag)).map((c) => c.at));
    expect(firstHospital).toBeGreaterThan(lastSeat);
  });

  it('tells the origins of a one-hour circle apart: an outline each, named in the key', () => {
    const svg = picture(view('one-hour-circle-2027'), 'zh');
    expect(svg.match(/class="origin-outline"/g)).toHaveLength(4);
    const key = /<g class="band-legend">.*?<\/g>/.exec(svg)![0];
    for (const name of ['万州区', '达州市', '开州区', '云阳县', '出发地', '≤ 60 分钟']) expect(key).toContain(name);
  });

  it('speaks the picture’s language: the English credit line, units and key', () => {
    const svg = picture(view('one-hour-circle-2027'), 'en');
    const attr = /<text [^>]*class="attr">([^<]*)<\/text>/.exec(svg)![1];
    expect(attr).toContain(ATTRIBUTION.en.replace("'", '&#39;'));
    expect(svg).toContain('≤ 60 min');
    expect(svg).toContain('>From<');
    expect(svg).toContain('>Wanzhou District<');
    // No Chinese outside the data's own names: the credit line, the legend and the key are English.
    const legendTexts = [...svg.matchAll(/class="(?:legend|attr)">([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(legendTexts).not.toMatch(/\p{Script=Han}/u);
  });

  it('has every character the named views’ pictures draw in the bundled picture font (a missing one loses its whole line in resvg)', () => {
    const held = new Set((JSON.parse(readFileSync(FONTS, 'utf8')) as PictureFonts).chars);
    const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const v of data.views.filter((v) => !v.impact))
      for (const lang of ['zh', 'en'] as const) {
        const text = [...picture(v, lang).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1])).join('');
        expect(missingGlyphs(text, held), `${v.id} ${lang}`).toEqual([]);
      }
  });

  it('wraps the legend of a narrow picture into rows, every entry inside, and its credits in lines, never cut', () => {
    const v = view('transport-hub');
    const features = Object.fromEntries(v.layers.map((id) => [id, data.layers[id].data.features]));
    for (const lang of ['zh', 'en'] as const) {
      const svg = renderSvg(v, features, { width: 360, height: 420, lang, theme: 'light', reach: [], titles });
      const entries = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="legend">([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
      expect(entries.length).toBeGreaterThanOrEqual(8);
      for (const e of entries) expect(e.x + textWidth(e.text, 12), `${lang} ${e.text}`).toBeLessThanOrEqual(360 - 12);
      expect(new Set(entries.map((e) => e.y)).size, lang).toBeGreaterThan(1);
      const credits = [...svg.matchAll(/<text [^>]*class="attr"(?: style="font-size:([\d.]+)px")?>([^<]*)<\/text>/g)].map((m) => ({ size: Number(m[1] ?? 11), text: m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&') }));
      for (const c of credits) expect(textWidth(c.text, c.size), `${lang} ${c.text}`).toBeLessThanOrEqual(360 - 24);
      expect(creditsOf(v.layers)).toContain('© OpenStreetMap contributors');
      for (const credit of creditsOf(v.layers)) expect(credits.map((c) => c.text).join(' · ')).toContain(credit);
    }
  });

  it('writes a PNG of every named view (zh, and the ports view in English) to look at', async () => {
    const require = createRequire(import.meta.url);
    await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))).catch(() => {}); // once per process
    const fonts = JSON.parse(readFileSync(FONTS, 'utf8')) as { family: string; fonts: string[] };
    const fontBuffers = fonts.fonts.map((b) => new Uint8Array(Buffer.from(b, 'base64')));
    mkdirSync(OUT, { recursive: true });
    const shots = [...data.views.filter((v) => !v.impact).map((v) => [v, 'zh'] as const), [view('ports'), 'en'] as const];
    for (const [v, lang] of shots) {
      const resvg = new Resvg(picture(v, lang), { fitTo: { mode: 'width', value: W }, font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: fonts.family } });
      const png = resvg.render().asPng();
      writeFileSync(`${OUT}/${v.id}.${lang}.png`, png);
      expect(png.length).toBeGreaterThan(30_000);
    }
  });
});

describe('placeLabels', () => {
  const bounds = { x: 0, y: 0, w: 400, h: 300 };
  it('puts a lone label beside its point', () => {
    const [l] = placeLabels([{ text: '溪口作业区', x: 100, y: 100, r: 5 }], { bounds });
    expect(l.leader).toBeNull();
    expect(l.box.x).toBeGreaterThan(105);
  });

  it('sets labels crowding one point as a block of lines, none overlapping, all inside', () => {
    const names = ['一号作业区', '二号作业区', '三号作业区', '四号作业区', '五号作业区', '六号作业区', '七号作业区', '八号作业区'];
    const placed = placeLabels(names.map((text) => ({ text, x: 200, y: 150, r: 5 })), { bounds, obstacles: [{ x: 300, y: 0, w: 100, h: 60 }] });
    expect(placed).toHaveLength(8);
    expect(new Set(placed.map((l) => l.box.x)).size).toBe(1);
    expect(placed.map((l) => l.text)).toEqual(names);
    for (const [i, a] of placed.entries()) {
      expect(boxesOverlap(a.box, { x: 300, y: 0, w: 100, h: 60 })).toBe(false);
      for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false);
    }
  });

  it('moves labels that find no room beside their point out on a leader line', () => {
    const near = Array.from({ length: 9 }, (_, i) => ({ text: `作业区${i}`, x: 150 + (i % 3) * 14, y: 150 + Math.floor(i / 3) * 14, r: 5 }));
    const placed = placeLabels(near, { bounds });
    expect(placed).toHaveLength(9);
    expect(placed.some((l) => l.leader)).toBe(true);
    for (const [i, a] of placed.entries()) for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false);
  });

  it('leaves out a label with no room unless it is required', () => {
    const tiny = { x: 0, y: 0, w: 60, h: 30 };
    expect(placeLabels([{ text: '很长很长的名字', x: 30, y: 15, r: 3 }], { bounds: tiny })).toHaveLength(0);
    expect(placeLabels([{ text: '很长很长的名字', x: 30, y: 15, r: 3, required: true }], { bounds: tiny })).toHaveLength(1);
  });

  it('estimates widths on the wide side: an em a Han character, about half for Latin', () => {
    expect(textWidth('桐子园', 12)).toBe(36);
    expect(textWidth('Xikou', 10)).toBeGreaterThanOrEqual(27);
    expect(labelName('溪口作业区（万州港区）')).toBe('溪口作业区');
    expect(labelName('Xintian Port, phase 1 (Xintian operating area)')).toBe('Xintian Port, phase 1');
  });
});
