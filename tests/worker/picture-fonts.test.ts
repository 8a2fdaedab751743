/**
 * A newsroom's own text in the PNG pictures: characters the bundled font cut lacks are drawn
 * with the wide cut, read from the static assets only when a picture needs it.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import pictureFonts from '@atlas/picture-fonts';
import { missingGlyphs, WIDE_FONT_FILE, type PictureFonts } from '../../geo/render/fonts.ts';
import { rasterise } from '../../worker/render/png.ts';

const worker = (exports as unknown as { default: { fetch(url: string): Promise<Response> } }).default;
const RARE = '蜻蜓翩跹';
const svgOf = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#fff"/><text x="10" y="40" font-size="28" font-family="Noto Sans SC">${text}</text></svg>`;
// The static assets, as the worker's route reads them (wrangler.toml `[assets]`, built into dist/web).
const assets = (env as unknown as { ASSETS: { fetch(url: string): Promise<Response> } }).ASSETS;
const wideFonts = async () => (await (await assets.fetch(`http://atlas.test/fonts/${WIDE_FONT_FILE}`)).json()) as PictureFonts;
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('the pictures’ fonts', () => {
  it('bundles only the characters the atlas shows, and serves the wide cut as a static asset', async () => {
    expect(missingGlyphs(RARE, new Set(pictureFonts.chars))).toEqual([...RARE]);
    const res = await assets.fetch(`http://atlas.test/fonts/${WIDE_FONT_FILE}`);
    expect(res.status).toBe(200);
    const wide = (await res.json()) as PictureFonts;
    expect(missingGlyphs(RARE, new Set(wide.chars))).toEqual([]);
    expect(wide.family).toBe(pictureFonts.family);
  });

  it('draws characters the bundled cut lacks only with the wide cut', async () => {
    const blank = await rasterise(svgOf(''), 200);
    const without = await rasterise(svgOf(RARE), 200);
    // Without the wide cut resvg leaves the characters out: the picture is the blank one.
    expect(same(without, blank)).toBe(true);
    let reads = 0;
    const more = { text: RARE, wideFonts: () => (reads++, wideFonts()) };
    const drawn = await rasterise(svgOf(RARE), 200, more);
    expect(same(drawn, blank)).toBe(false);
    // Read once per isolate, and not at all for text the bundled cut holds.
    await rasterise(svgOf(RARE), 200, more);
    await rasterise(svgOf('万州'), 200, { text: '万州', wideFonts: () => Promise.reject(new Error('not needed')) });
    expect(reads).toBe(1);
  });

  it('draws a newsroom’s rare title in a state’s PNG, through the static assets', async () => {
    const png = async (title: string) => {
      const res = await worker.fetch(`http://atlas.test/static/view.png?year=2027&width=400&height=300&title=${encodeURIComponent(title)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      return new Uint8Array(await res.arrayBuffer());
    };
    // Two titles of characters the bundled cut lacks: left out, both pictures would be the same.
    expect(same(await png(RARE), await png('蜻蜓翩翩'))).toBe(false);
  });
});
