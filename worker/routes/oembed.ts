/**
 * `GET /oembed`: oEmbed 1.0 for the atlas's own pages, so that a content system
 * that speaks oEmbed turns a pasted link to a view into the embedded map.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { OEmbedQuery } from '../../geo/api/queries.ts';
import { embedMapHeight, embedSize } from '../../geo/embed-size.ts';
import { readAnnotations } from '../../geo/annotations.ts';
import { escapeMarkup as escapeHtml } from '../../geo/escape.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { ApiError } from '../errors.ts';
import { NO_EDGE, cachedJson } from '../http/etag.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';

/** The answer of `GET /oembed` as JSON (oEmbed 1.0, sections 2.3.4 and 2.3.4.4: a rich type). */
export const OEmbedResponse = z.object({
  version: z.literal('1.0'),
  type: z.literal('rich'),
  provider_name: z.string(),
  provider_url: z.string(),
  title: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  html: z.string().meta({ description: 'The iframe of the embed, as tall as the embed at that width, and the script that keeps it as tall as its content.' }),
  cache_age: z.number().int(),
});

/** The oEmbed route's operation. */
export const OEMBED_OPERATION = operation({
  path: '/oembed', tag: 'views', summary: 'oEmbed for the atlas’s pages',
  description: 'oEmbed 1.0 (rich): the iframe for a link to the explorer, /embed or /embed/<view>. Only this atlas’s own URLs are accepted.',
  query: OEmbedQuery, errors: [304, 400, 404],
  ok: { type: MEDIA_TYPES.json, description: 'The oEmbed response (text/xml with format=xml).', schema: OEmbedResponse },
  examples: [
    { request: '/oembed?url={origin}%2Fembed%2Fports&maxwidth=400', status: 200, summary: 'The ports view' },
    { request: '/oembed?url={origin}%2Fembed%2Fports&format=xml', status: 200, summary: 'The same, as XML', type: MEDIA_TYPES.xml },
    { request: '/oembed?url=https%3A%2F%2Felsewhere.example%2F', status: 404, summary: 'A page of another site' },
  ],
});

/** The widest an embed is made when the consumer sets no limit (or a wider one). */
const WIDEST = 640;

/**
 * The oEmbed route.
 *
 * @param data - the bundle, for the views' titles
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', oembedRoutes(bundle));
 */
export function oembedRoutes(data: DataBundle) {
  const app = new Hono();
  app.get(OEMBED_OPERATION.path, (c) => {
    const q = parseQuery(c, OEMBED_OPERATION.query);
    const here = new URL(c.req.url);
    let target: URL;
    try {
      target = new URL(q.url);
    } catch {
      throw new ApiError(400, 'invalid_parameter', 'url: expected an absolute URL of an atlas page');
    }
    if (target.origin !== here.origin) throw new ApiError(404, 'not_found', `url: only this atlas's own pages (${here.origin}) can be embedded`);
    let embed: URL;
    let title = '万达开云地图集 · Wan-Da-Kai-Yun Atlas';
    let viewId = 'view';
    const match = /^\/embed\/([a-z0-9-]+)$/.exec(target.pathname);
    if (match) {
      const view = data.views.find((v) => v.id === match[1]);
      if (!view) throw new ApiError(404, 'not_found', `url: unknown view "${match[1]}"`);
      embed = new URL(`/embed/${view.id}`, here.origin);
      title = `${view.title.zh} · ${view.title.en}`;
      viewId = view.id;
    } else if (target.pathname === '/' || target.pathname === '/embed') {
      // The explorer's state is the embed's: the same query string.
      embed = new URL(`/embed${target.search}`, here.origin);
    } else throw new ApiError(404, 'not_found', 'url: expected an atlas page: /, /embed or /embed/<view>');
    for (const [k, v] of new URL(q.url).searchParams) if (match) embed.searchParams[k === 'mark' ? 'append' : 'set'](k, v);
    // A newsroom's own title (geo/annotations.ts) is the embed's, on a named view or a state.
    const own = readAnnotations(embed.searchParams);
    if (own.title) title = own.title;
    const width = Math.min(q.maxwidth ?? WIDEST, WIDEST);
    // The embed's measured height at this width (geo/embed-size.ts); too tall for maxheight, it leaves
    // out the matrix table, then the legend, then shortens the map, and says so in its URL.
    const map = Number(embed.searchParams.get('height')) || undefined;
    const size = embedSize(viewId, width, { map, maxheight: q.maxheight, drop: embed.searchParams.get('legend') === '0' ? ['legend'] : [], texts: own });
    for (const part of size.drop) embed.searchParams.set(part, '0');
    if (size.map !== (map ?? embedMapHeight(width))) embed.searchParams.set('height', String(size.map));
    const height = Math.min(size.height, q.maxheight ?? Infinity);
    // The script (as Datawrapper's oEmbed carries) keeps the frame as tall as its content when the page is narrower.
    const html = `<iframe data-atlas-frame src="${escapeHtml(embed.href)}" title="${escapeHtml(title)}" width="${width}" height="${height}" style="border:0;width:100%;max-width:${width}px" loading="lazy" allow="fullscreen"></iframe><script src="${escapeHtml(here.origin)}/embed.js" async></script>`;
    const body: z.input<typeof OEmbedResponse> = {
      version: '1.0',
      type: 'rich',
      provider_name: '万达开云地图集 · Wan-Da-Kai-Yun Atlas',
      provider_url: `${here.origin}/`,
      title,
      width,
      height,
      html,
      cache_age: 3600,
    };
    const format = q.format ?? 'json';
    const etag = `"${data.version}-${fnv1a64(`${embed.href}|${width}|${height}|${format}`)}"`;
    if (format === 'xml') return cachedJson(c, etag, () => oembedXml(body), { cacheControl: 'public, max-age=3600', contentType: 'text/xml; charset=utf-8', edge: NO_EDGE });
    return cachedJson(c, etag, () => JSON.stringify(body), { cacheControl: 'public, max-age=3600', edge: NO_EDGE });
  });
  return app;
}

/** The XML form of an oEmbed response (oEmbed 1.0, section 2.3.4): one element per field, text escaped. */
function oembedXml(body: Record<string, string | number>): string {
  const fields = Object.entries(body).map(([k, v]) => `<${k}>${escapeHtml(String(v))}</${k}>`);
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>${fields.join('')}</oembed>`;
}
