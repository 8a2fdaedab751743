/**
 * The fonts the PNG pictures are drawn with, as the build writes them
 * (geo/scripts/picture-font.ts) and the worker reads them (worker/render/png.ts).
 */

/** A set of TrueType fonts of one family, base64, and the characters they hold. */
export interface PictureFonts {
  family: string;
  /** Every character the fonts hold. */
  chars: string;
  fonts: string[];
}

/** The wide cut's file under the static assets' `/fonts/`: read only for a picture whose text the bundled cut lacks. */
export const WIDE_FONT_FILE = 'picture-wide.json';

/**
 * The characters of a text that a set of fonts lacks (white space aside).
 *
 * @param text - the text a picture shows
 * @param held - the characters the fonts hold
 * @returns the characters missing, each once
 * @example
 * missingGlyphs('蜻蜓 ok', new Set('ok')); // ['蜻', '蜓']
 */
export function missingGlyphs(text: string, held: ReadonlySet<string>): string[] {
  return [...new Set(text)].filter((ch) => !/\s/.test(ch) && !held.has(ch));
}
