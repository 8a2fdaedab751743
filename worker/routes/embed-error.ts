/**
 * The page an embed shows when its view or state is wrong: a news page's frame gets a short, friendly
 * page in the embed's language with a link to the atlas, never the API's JSON.
 */
import type { Context } from 'hono';
import { escapeMarkup as escapeHtml } from '../../geo/escape.ts';
import { parseLonLat } from '../../geo/geodesy.ts';
import type { DataBundle } from '../../geo/bundle.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { pageHeaders } from '../http/security.ts';

const WORDS = {
  zh: {
    title: '找不到这幅地图',
    404: '这个嵌入地址没有对应的地图，可能是链接输错了或地图已改名。',
    400: '这个嵌入地址里的地图状态无法读取：{what}。',
    open: '打开万达开云地图集',
    views: '可嵌入的地图：',
  },
  en: {
    title: 'This map cannot be found',
    404: 'There is no map at this embed address: the link may be mistyped, or the map renamed.',
    400: 'The map state in this embed address cannot be read: {what}.',
    open: 'Open the Wan-Da-Kai-Yun Atlas',
    views: 'Maps that can be embedded: ',
  },
} as const;

/**
 * A friendly error page for an embed, in the language of its `lang` (zh by default) and its theme.
 *
 * @param c - the request's context
 * @param data - the bundle, for the views' titles
 * @param status - 404 (no such view) or 400 (a state that cannot be read)
 * @param what - for a 400, what cannot be read (shown escaped)
 * @returns the HTML response
 * @example
 * return embedError(c, data, 404);
 */
export function embedError(c: Context, data: DataBundle, status: 400 | 404, what = ''): Response {
  const q = new URL(c.req.url).searchParams;
  const lang = q.get('lang') === 'en' ? 'en' : 'zh';
  const theme = q.get('theme') === 'dark' || q.get('theme') === 'light' ? ` data-theme="${q.get('theme')}"` : '';
  const w = WORDS[lang];
  const message = status === 404 ? w[404] : w[400].replace('{what}', () => escapeHtml(what));
  const views = data.views.map((v) => `<li><a href="/embed/${escapeHtml(v.id)}${lang === 'en' ? '?lang=en' : ''}" target="_top">${escapeHtml(v.title[lang])}</a></li>`).join('');
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"${theme}>
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><meta name="robots" content="noindex" /><meta name="color-scheme" content="light dark" />
<title>${escapeHtml(w.title)} · ${lang === 'zh' ? '万达开云地图集' : 'Wan-Da-Kai-Yun Atlas'}</title>
<link rel="stylesheet" href="/embed-error.css" /></head>
<body><main class="embed-error"><h1>${escapeHtml(w.title)}</h1><p>${message}</p>
<p><a class="open" href="/${lang === 'en' ? '?lang=en' : ''}" target="_blank" rel="noopener">${escapeHtml(w.open)}</a></p>
<p class="views">${escapeHtml(w.views)}</p><ul>${views}</ul></main></body></html>`;
  return c.html(html, status, { ...pageHeaders('embed'), 'Cache-Control': 'public, max-age=60' });
}

/**
 * What an explorer state names that the atlas does not know: a reach origin or route end that is
 * neither a point feature nor a position.
 *
 * @param data - the bundle
 * @param search - the embed's query string
 * @returns the first unknown `from` or `route` value, described; null when all are known
 * @example
 * unknownEnd(bundle, '?from=nowhere'); // 'from=nowhere'
 */
export function unknownEnd(data: DataBundle, search: string): string | null {
  const q = new URLSearchParams(search);
  const ends = [...q.getAll('from').map((v) => ['from', v]), ...q.getAll('route').flatMap((r) => r.split('~').map((v) => ['route', v]))];
  if (!ends.length) return null;
  const known = new Set(LAYER_IDS.flatMap((id) => data.layers[id]?.data.features.filter((f) => f.geometry.type === 'Point').map((f) => String(f.properties.id)) ?? []));
  const bad = ends.find(([, v]) => !parseLonLat(v) && !known.has(v));
  return bad ? `${bad[0]}=${bad[1].slice(0, 60)}` : null;
}
