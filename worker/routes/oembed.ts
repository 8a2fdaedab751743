/**
 * `GET /oembed`: oEmbed 1.0 for the atlas's own pages, so that a content system
 * that speaks oEmbed turns a pasted link to a view into the embedded map.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { ApiError } from '../errors.ts';
import { NO_EDGE, cachedJson } from '../http/etag.ts';
import { parseQuery } from '../query.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { PixelParam } from '../../geo/api/queries.ts';
import { escapeMarkup as escapeHtml } from '../../geo/escape.ts';


/** The oEmbed request (https://oembed.com, section 2.2). */
export const OEmbedQuery = z.object({
  url: z.string().min(1, 'expected the URL of an atlas page').max(2048, 'the URL is longer than 2048 characters'),
  maxwidth: PixelParam('maxwidth', 1, 4000).optional(),
  maxheight: PixelParam('maxheight', 1, 4000).optional(),
  format: z.enum(['json', 'xml'], 'expected format json or xml').optional(),
});

/** The size an embed takes when the consumer sets no limit. */
const DEFAULT = { width: 640, height: 520 };

/**
 * The oEmbed route.
 *
 * @param data - the bundle, for the views' titles
 * @returns a Hono sub-app to mount at `/oembed`
 * @example
 * app.route('/oembed', oembedRoutes(bundle));
 */
export function oembedRoutes(data: DataBundle) {
  const app = new Hono();
  app.get('/', (c) => {
    const q = parseQuery(c, OEmbedQuery);
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
    const match = /^\/embed\/([a-z0-9-]+)$/.exec(target.pathname);
    if (match) {
      const view = data.views.find((v) => v.id === match[1]);
      if (!view) throw new ApiError(404, 'not_found', `url: unknown view "${match[1]}"`);
      embed = new URL(`/embed/${view.id}`, here.origin);
      title = `${view.title.zh} · ${view.title.en}`;
    } else if (target.pathname === '/' || target.pathname === '/embed') {
      // The explorer's state is the embed's: the same query string.
      embed = new URL(`/embed${target.search}`, here.origin);
    } else throw new ApiError(404, 'not_found', 'url: expected an atlas page: /, /embed or /embed/<view>');
    for (const [k, v] of new URL(q.url).searchParams) if (match) embed.searchParams.set(k, v);
    const width = Math.min(q.maxwidth ?? DEFAULT.width, DEFAULT.width);
    const height = Math.min(q.maxheight ?? DEFAULT.height, DEFAULT.height);
    // The embed's title, legend and source line take about 150 px; the map gets the rest.
    if (!embed.searchParams.has('height')) embed.searchParams.set('height', String(Math.max(160, height - 150)));
    const html = `<iframe src="${escapeHtml(embed.href)}" title="${escapeHtml(title)}" width="${width}" height="${height}" style="border:0;width:100%;max-width:${width}px" loading="lazy" allow="fullscreen"></iframe>`;
    const body = {
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
