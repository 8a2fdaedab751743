import { defineConfig, type Plugin } from 'vite';

/** Options of {@link localFontFirst}. */
export interface LocalFontOptions {
  /** The stylesheets to change, by the end of their module id. */
  stylesheet: string;
  /** The names the same typeface goes by on readers' machines (full and PostScript names, as `local()` takes them). */
  names: readonly string[];
}

/**
 * Puts the reader's own copy of a self-hosted typeface first: each `@font-face` of the stylesheet
 * tries `local()` before its `url()`, so a machine that has the font fetches no subset of it, and
 * one that lacks it fetches the subsets its text needs, as before. Noto Sans SC is Noto Sans CJK SC
 * (Source Han Sans SC) cut into subsets: the same glyphs either way.
 *
 * @param options - the stylesheet and the local names
 * @returns a Vite plugin
 * @example
 * plugins: [localFontFirst({ stylesheet: '@fontsource/noto-sans-sc/400.css', names: ['Noto Sans CJK SC'] })]
 */
export function localFontFirst(options: LocalFontOptions): Plugin {
  const local = options.names.map((n) => `local(${JSON.stringify(n)})`).join(', ');
  return {
    name: 'atlas-local-font-first',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0].endsWith(options.stylesheet)) return null;
      const changed = code.replace(/src:\s*url\(/g, `src: ${local}, url(`);
      if (changed === code) throw new Error(`${options.stylesheet}: no @font-face src to put local() before`);
      return { code: changed, map: null };
    },
  };
}

/**
 * The full and PostScript names of Noto Sans SC's regular face on readers' machines: Noto Sans CJK SC is
 * what Debian's fonts-noto-cjk and most Linux desktops install; Source Han Sans SC is the same font
 * under Adobe's name. The browser tests ask fontconfig for these same names.
 */
export const NOTO_SANS_SC_LOCAL_NAMES = ['Noto Sans CJK SC', 'NotoSansCJKsc-Regular', 'Source Han Sans SC', 'SourceHanSansSC-Regular', 'Noto Sans SC', 'NotoSansSC-Regular'] as const;

// The page is built into dist/web, which wrangler serves as static assets.
export default defineConfig({
  root: 'web',
  plugins: [localFontFirst({ stylesheet: '@fontsource/noto-sans-sc/400.css', names: NOTO_SANS_SC_LOCAL_NAMES })],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URIs: the pages' CSP takes fonts and images from 'self' only.
    assetsInlineLimit: 0,
    // MapLibre in a chunk of its own: cached across deploys of the page, and reported apart by `npm run bench:web`.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      input: { main: 'web/index.html', embed: 'web/embed.html' },
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } },
    },
  },
  server: {
    // `vite` alone serves the page with the API from a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
