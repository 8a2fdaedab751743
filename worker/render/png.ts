/**
 * SVG to PNG inside the worker, with resvg (WebAssembly) and the font subsets
 * the build made for the pictures (dist/data/picture-fonts.json), so Chinese
 * titles render the same everywhere with no system font. A picture whose text
 * holds characters that cut lacks (a newsroom's own title, say) also gets the
 * wide cut, read once per isolate from the static assets through `wideFonts`.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasm from '@resvg/resvg-wasm/index_bg.wasm';
import pictureFonts from '@atlas/picture-fonts';
import { missingGlyphs } from '../../geo/render/fonts.ts';
import type { Rasterise } from '../routes/static.ts';

let ready: Promise<void> | null = null;
let fontBuffers: Uint8Array[] | null = null;
let held: Set<string> | null = null;
// Only fonts already read are kept: a promise shared between requests would be cancelled with the first.
let wideBuffers: Uint8Array[] | null = null;

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/**
 * Renders SVG to PNG at a width (the height follows the SVG's aspect).
 *
 * @param svg - the SVG document
 * @param width - the PNG's width in pixels
 * @param more - the text that may need more glyphs, and how to read the wide cut (the static assets' `fonts/picture-wide.json`)
 * @returns the PNG bytes
 * @example
 * const png = await rasterise(svg, 1200, { text: '蜻蜓', wideFonts: () => env.ASSETS.fetch(url).then((r) => r.json()) });
 */
export const rasterise: Rasterise = async (svg, width, more) => {
  // Both are done once per isolate, on the first picture, never at start-up.
  // A failed start is forgotten, so the next picture tries again instead of failing for the isolate's life.
  ready ??= initWasm(wasm).catch((error: unknown) => {
    ready = null;
    throw error;
  });
  await ready;
  fontBuffers ??= pictureFonts.fonts.map(fromBase64);
  held ??= new Set(pictureFonts.chars);
  const needsWide = more !== undefined && missingGlyphs(more.text, held).length > 0;
  if (needsWide && !wideBuffers) {
    // Without the wide cut the picture still draws, its missing characters left out (the SVG has them all).
    const wide = await more.wideFonts().catch(() => null);
    if (Array.isArray(wide?.fonts)) wideBuffers = wide.fonts.map(fromBase64);
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontBuffers: needsWide && wideBuffers ? [...fontBuffers, ...wideBuffers] : fontBuffers, loadSystemFonts: false, defaultFontFamily: pictureFonts.family },
  });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  return png;
};
