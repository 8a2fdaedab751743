/**
 * The label and page font, self-hosted: Noto Sans SC (SIL OFL 1.1) in unicode-range
 * subsets from @fontsource, so a reader's browser fetches only the subsets the
 * text needs and no reader needs a CJK font of their own. A reader who has the same
 * typeface fetches none: the build puts `local()` before each subset (vite.config.ts).
 */
import '@fontsource/noto-sans-sc/400.css';

/** The CSS family name the subsets are registered under. */
export const FONT_FAMILY = 'Noto Sans SC';

/**
 * Loads the subsets that some text needs. MapLibre draws label glyphs on a
 * canvas once and keeps them, so the font must be there before the map draws.
 *
 * @param text - every character the labels will show
 * @returns when the needed subsets are loaded
 * @example
 * await loadFontFor(names.join(''));
 */
export async function loadFontFor(text: string): Promise<void> {
  const chars = [...new Set(text)].join('');
  await document.fonts.load(`16px "${FONT_FAMILY}"`, chars);
}
