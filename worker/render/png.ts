/**
 * SVG to PNG inside the worker, with resvg (WebAssembly) and the font subsets
 * the build made for the pictures (dist/data/picture-fonts.json), so Chinese
 * titles render the same everywhere with no system font.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasm from '@resvg/resvg-wasm/index_bg.wasm';
import pictureFonts from '@atlas/picture-fonts';
import type { Rasterise } from '../routes/static.ts';

let ready: Promise<void> | null = null;
let fontBuffers: Uint8Array[] | null = null;

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/**
 * Renders SVG to PNG at a width (the height follows the SVG's aspect).
 *
 * @param svg - the SVG document
 * @param width - the PNG's width in pixels
 * @returns the PNG bytes
 * @example
 * const png = await rasterise(svg, 1200);
 */
export const rasterise: Rasterise = async (svg, width) => {
  // Both are done once per isolate, on the first picture, never at start-up.
  // A failed start is forgotten, so the next picture tries again instead of failing for the isolate's life.
  ready ??= initWasm(wasm).catch((error: unknown) => {
    ready = null;
    throw error;
  });
  await ready;
  fontBuffers ??= pictureFonts.fonts.map(fromBase64);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: pictureFonts.family },
  });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  return png;
};
