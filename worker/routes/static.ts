/**
 * `GET /static/:view.svg` (and `.png` where a rasteriser is available): a view as
 * a picture, drawn in the worker from the same data. `:view` is a named view, or
 * `view` with an explorer state in the query (`/static/view.svg?year=2027&off=rivers`).
 * Options: `width`, `height`, `scale` and `print` (PNG), `lang`, `theme`; a newsroom's `title`, `caption`,
 * `mark`, `hl`, `note` and `labels` (geo/annotations.ts) on any view. Cached by ETag.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ImpactQuery, StateImageQuery, ViewImageQuery } from '../../geo/api/queries.ts';
import type { DataBundle } from '../../geo/bundle.ts';
import { CATALOG } from '../../geo/catalog.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import type { LayerId } from '../../geo/layers.ts';
import { impact } from '../../geo/api/impact.ts';
import { renderImpactChart } from '../../geo/render/impact-chart.ts';
import { renderSvg } from '../../geo/render/svg.ts';
import { WIDE_FONT_FILE, type PictureFonts } from '../../geo/render/fonts.ts';
import { readAnnotations, retitled } from '../../geo/annotations.ts';
import { readState, viewFromState } from '../../geo/state.ts';
import type { View } from '../../geo/views.ts';
import { ApiError } from '../errors.ts';
import { cachedResponse } from '../http/etag.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import type { ServedDataOf } from '../sources/served.ts';
import type { PageBindings } from './pages.ts';
import { viewOr404 } from './views.ts';

/** The most pixels a PNG may have (about 19 MB of RGBA while drawing): a print copy, 3000 × 1575. */
const MAX_PIXELS = 4_800_000;

/** The width of a print copy (`print=1`): the picture as laid out, scaled up, its text with it. */
export const PRINT_WIDTH = 3000;

/** The pictures' route: the query of a state's picture is described, since it holds a named view's. */
export const STATIC_OPERATION = operation({
  path: '/static/:file', tag: 'views', summary: 'A view as a picture',
  description:
    '`/static/<view>.svg` or `.png` draws a named view; `/static/view.svg` or `.png` draws an explorer state given in the query. Drawn in the worker from the same data, with the same fonts, for link previews and readers without JavaScript.',
  params: z.object({ file: z.string().regex(/^[a-z0-9-]+\.(svg|png)$/).meta({ description: '`<view>.svg`, `<view>.png`, `view.svg` or `view.png`.' }) }),
  query: StateImageQuery, errors: [304, 400, 404],
  ok: { type: MEDIA_TYPES.svg, description: 'The picture (image/png for .png).' },
  examples: [
    { request: '/static/ports.svg?width=800&height=500', status: 200, summary: 'The ports view, 800 × 500' },
    { request: '/static/view.svg?year=2030&off=rivers&lang=en', status: 200, summary: 'An explorer state in English' },
    { request: '/static/ports.png?width=400&height=300', status: 200, summary: 'The ports view as a PNG', type: MEDIA_TYPES.png },
    { request: '/static/ports.png?print=1', status: 200, summary: 'The ports view for print, 3000 × 1575', type: MEDIA_TYPES.png },
    { request: '/static/ports.svg?width=20', status: 400, summary: 'A width below 200 pixels' },
    { request: '/static/ports.gif', status: 404, summary: 'An image type not offered' },
  ],
});

/** Turns SVG into PNG bytes; the worker passes resvg, tests may pass nothing. `more` names text that may need the wide font cut, and how to read it. */
export type Rasterise = (svg: string, width: number, more?: { text: string; wideFonts: () => Promise<PictureFonts> }) => Promise<Uint8Array>;

/**
 * The static image routes.
 *
 * @param servedDataOf - the data and analyses (for the views' reach bands) for a request's configuration
 * @param rasterise - SVG → PNG, when available
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', staticRoutes(servedSources(bundle, layerSources(bundle)), rasterise));
 */
export function staticRoutes(servedDataOf: ServedDataOf, rasterise: Rasterise | null) {
  const app = new Hono<{ Bindings: SourceBindings & Pick<PageBindings, 'ASSETS'> }>();
  const titles = Object.fromEntries(CATALOG.map((l) => [l.id, l.title])) as Record<LayerId, { zh: string; en: string }>;

  const viewOf = (c: Context, data: DataBundle, name: string): View => {
    if (name !== 'view') {
      const view = viewOr404(data, name, ', or "view" with an explorer state');
      parseQuery(c, ViewImageQuery);
      return view;
    }
    parseQuery(c, StateImageQuery);
    return viewFromState(readState(new URL(c.req.url).search));
  };

  app.get(STATIC_OPERATION.path, async (c) => {
    const m = /^([a-z0-9-]+)\.(svg|png)$/.exec(c.req.param('file'));
    if (!m) throw new ApiError(404, 'not_found', 'expected /static/<view>.svg or /static/<view>.png');
    const [, name, ext] = m;
    if (ext === 'png' && !rasterise) throw new ApiError(404, 'not_found', 'PNG images are not available here; use .svg');
    const { data, analyses } = await servedDataOf(c.env);
    const q = new URL(c.req.url).searchParams;
    // A newsroom's title, caption and annotations (geo/annotations.ts), on a named view or a state's.
    const annotations = readAnnotations(q);
    const view = retitled(viewOf(c, data, name), annotations);
    const width = Number(q.get('width') ?? 1200);
    const height = Number(q.get('height') ?? 630);
    // A print copy is the same layout drawn 3000 px wide, so its text grows with it.
    const scale = q.get('print') === '1' ? PRINT_WIDTH / width : Number(q.get('scale') ?? 1);
    const lang = q.get('lang') === 'en' ? 'en' : 'zh';
    const theme = q.get('theme') === 'dark' ? 'dark' : 'light';
    // A picture is drawn in the isolate's memory (4 bytes a pixel): keep it well under its limit.
    const pixels = Math.round(width * height * scale * scale);
    if (ext === 'png' && pixels > MAX_PIXELS)
      throw new ApiError(400, 'invalid_parameter', `width × height × scale² is ${pixels} pixels; at most ${MAX_PIXELS} (e.g. 2400 × 1260, 1200 × 630 at scale 2, or print=1 at 1200 × 630)`);
    const key = `${name}|${ext}|${width}|${height}|${scale}|${lang}|${theme}|${JSON.stringify(view)}|${JSON.stringify(annotations)}`;
    const etag = `"${data.version}-${fnv1a64(key)}"`;
    return cachedResponse(c, etag, 'public, max-age=3600, stale-while-revalidate=86400', async (cached) => {
      let reach: { minutes: number; coordinates: number[][][][]; from: string }[] = [];
      if (view.reach) {
        try {
          reach = view.reach.from.flatMap((from) => analyses.reach(from, view.reach!.bands, view.year, undefined, (view.with || view.without) && { with: view.with ?? [], without: view.without ?? [] }).bands.map((b) => ({ minutes: b.minutes, coordinates: b.coordinates, from })));
        } catch (e) {
          throw new ApiError(400, 'invalid_parameter', `from: ${(e as Error).message}`);
        }
      }
      const features = Object.fromEntries(view.layers.map((id) => [id, data.layers[id].data.features]));
      // The impact view is its chart (the embed shows it under the map; a picture has room for one).
      const svg = view.impact
        ? renderImpactChart(impact.answer(analyses, ImpactQuery.parse({ year: String(view.year) })), { width, height, lang, theme, title: view.title[lang] })
        : renderSvg(view, features, { width, height, lang, theme, reach, titles, annotations });
      const headers = { ...cached, 'Access-Control-Allow-Origin': '*', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *" };
      if (ext === 'svg') return c.body(svg, 200, { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' });
      // A newsroom's own text may hold characters the bundled font cut lacks: the wide cut is in the static assets.
      const assets = c.env?.ASSETS;
      const text = [annotations.title, annotations.caption, annotations.note, ...annotations.marks.map((m) => m.label)].join('');
      const wideFonts = async () => {
        const res = await assets!.fetch(new URL(`/fonts/${WIDE_FONT_FILE}`, c.req.url).toString());
        if (!res.ok) throw new Error(`fonts/${WIDE_FONT_FILE}: ${res.status}`);
        return (await res.json()) as PictureFonts;
      };
      const png = await rasterise!(svg, Math.round(width * scale), assets && text ? { text, wideFonts } : undefined);
      return c.body(png as unknown as ArrayBuffer, 200, { ...headers, 'Content-Type': 'image/png' });
    });
  });
  return app;
}
