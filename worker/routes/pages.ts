/**
 * The atlas's HTML pages, served by the worker so that each carries its own
 * headers and meta: the explorer at `/`, an embed at `/embed/:view` or
 * `/embed?<state>`, with oEmbed discovery and Open Graph / Twitter card tags.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PageQuery } from '../../geo/api/queries.ts';
import type { DataBundle } from '../../geo/bundle.ts';
import { escapeMarkup as escapeHtml } from '../../geo/escape.ts';
import type { View } from '../../geo/views.ts';
import { ApiError } from '../errors.ts';
import { pageHeaders, type PageKind } from '../http/security.ts';
import { MEDIA_TYPES, operation, type ResponseDoc } from '../openapi/operation.ts';
import { readAnnotations, retitled, writeAnnotations } from '../../geo/annotations.ts';
import { readState, writeState } from '../../geo/state.ts';
import type { ConfigBindings } from './config.ts';
import { embedError, unknownEnd } from './embed-error.ts';
import { ViewIdParam } from './views.ts';

/** The bindings the pages use: the built page (Workers static assets) and the configuration. */
export type PageBindings = ConfigBindings & { ASSETS?: { fetch(input: Request | string | URL): Promise<Response> } };

/** What a page says of itself to link previews and oEmbed consumers. */
interface Meta {
  title: string;
  description: string;
  /** The URL the oEmbed discovery link describes. */
  canonical: string;
  image: string | null;
}

const ATLAS = '万达开云地图集 · Wan-Da-Kai-Yun Atlas';

/** A page reads what it can of its query and ignores the rest: a shared link always opens. */
const LENIENT = { tag: 'views' as const, query: PageQuery, lenientQuery: true };
const PAGE_OK: ResponseDoc = { type: MEDIA_TYPES.html, description: 'The page.' };
/** A page, which only a named view's can refuse. */
const PAGE = { ...LENIENT, ok: PAGE_OK, errors: [] as number[] };
/** An embed's errors: friendly pages for a news page's frame (worker/routes/embed-error.ts), not the API's JSON. */
const EMBED_ERRORS = {
  type: MEDIA_TYPES.html,
  description: 'A short HTML page in the embed’s language (`lang`) and theme that says what cannot be shown, with a link to the atlas and the views that can be embedded; never JSON.',
};
/** A built file's name, moved to its route. */
const moved = (to: string) => ({ ...LENIENT, ok: { status: 301 as const, type: MEDIA_TYPES.html, description: `A permanent redirect to \`${to}\` with the same query.` }, errors: [] });

const EXPLORER = operation({
  ...PAGE,
  path: '/', summary: 'The explorer',
  description: 'The map page. Its URL holds the view; values it cannot read fall back to their defaults, and other parameters (a link’s tracking tags) are ignored, so a shared link always opens.',
  examples: [{ request: '/?year=2030&lang=en', status: 200, summary: 'The explorer in 2030, in English' }],
});
const EMBED = operation({
  ...PAGE,
  path: '/embed', summary: 'An embeddable map of an explorer state', errors: [400], errorPage: EMBED_ERRORS,
  description: 'The map for an iframe in another site’s page, with the explorer’s state and the embed options; it may be framed by any site. A reach origin or route end the atlas does not know is answered by a short HTML page (400) in the embed’s language, never JSON.',
  examples: [
    { request: '/embed?year=2027&from=wanzhou&legend=0', status: 200, summary: 'Reach of 万州 without a legend' },
    { request: '/embed?from=atlantis&lang=en', status: 400, summary: 'An origin the atlas does not know: a page that says so' },
  ],
});
const EMBED_VIEW = operation({
  ...PAGE,
  path: '/embed/:view', summary: 'An embeddable named view', errors: [404], errorPage: EMBED_ERRORS,
  description: 'A named view for an iframe. An unknown view is answered by a short HTML page (404) in the embed’s language with a link to the atlas, never JSON.',
  params: z.object({ view: ViewIdParam }),
  examples: [
    { request: '/embed/ports?lang=en', status: 200, summary: 'The ports view in English' },
    { request: '/embed/no-such-view', status: 404, summary: 'A view the atlas does not have: a page that lists those it has' },
  ],
});
const INDEX_FILE = operation({
  ...moved('/'),
  path: '/index.html', summary: 'The explorer’s file name: moved to /',
  examples: [{ request: '/index.html?year=2030', status: 301, summary: 'To /?year=2030' }],
});
const EMBED_FILE = operation({
  ...moved('/embed'),
  path: '/embed.html', summary: 'The embed’s file name: moved to /embed',
  examples: [{ request: '/embed.html?year=2030', status: 301, summary: 'To /embed?year=2030' }],
});
/** The pages, in the reference's order. */
export const PAGE_OPERATIONS = [EXPLORER, EMBED, EMBED_VIEW, INDEX_FILE, EMBED_FILE] as const;


function metaTags(m: Meta, origin: string): string {
  const oembed = (format: string) => `${origin}/oembed?url=${encodeURIComponent(m.canonical)}&format=${format}`;
  const tags = [
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed('json'))}" title="${escapeHtml(m.title)}" />`,
    `<link rel="alternate" type="text/xml+oembed" href="${escapeHtml(oembed('xml'))}" title="${escapeHtml(m.title)}" />`,
    `<link rel="canonical" href="${escapeHtml(m.canonical)}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="${escapeHtml(ATLAS)}" />`,
    `<meta property="og:title" content="${escapeHtml(m.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(m.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(m.canonical)}" />`,
    `<meta name="twitter:card" content="${m.image ? 'summary_large_image' : 'summary'}" />`,
    `<meta name="twitter:title" content="${escapeHtml(m.title)}" />`,
    `<meta name="twitter:description" content="${escapeHtml(m.description)}" />`,
  ];
  if (m.image) tags.push(`<meta property="og:image" content="${escapeHtml(m.image)}" />`, `<meta name="twitter:image" content="${escapeHtml(m.image)}" />`);
  return tags.join('\n    ');
}

/** The origins a configured remote basemap needs (for the pages' CSP). */
function remoteOrigins(env: ConfigBindings | undefined): string[] {
  const out: string[] = [];
  // A remote style's tiles, sprites and fonts may come from any host it names: allow https, and the
  // style's own origin (which may be plain http on a private network).
  const style = env?.ATLAS_BASEMAP_STYLE?.trim();
  if (style && /^https?:\/\//.test(style)) {
    try {
      out.push(new URL(style).origin);
    } catch {
      // not a URL: the page will say the basemap failed
    }
    out.push('https:');
  }
  if (env?.ATLAS_TIANDITU_TOKEN?.trim()) out.push('https://*.tianditu.gov.cn');
  return out;
}

/**
 * The page routes.
 *
 * @param data - the bundle, for the views' titles
 * @param options - whether the static images exist to be named as previews
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', pageRoutes(bundle));
 */
export function pageRoutes(data: DataBundle, options: { images: boolean }) {
  const app = new Hono<{ Bindings: PageBindings }>();

  const page = async (c: Context<{ Bindings: PageBindings }>, file: string, kind: PageKind, meta: Meta, fallback?: { src: string; alt: string }) => {
    const assets = c.env?.ASSETS;
    const res = assets ? await assets.fetch(new URL(file, c.req.url)) : null;
    if (!res?.ok) throw new ApiError(404, 'not_found', `the page ${file} is not built; run npm run build`);
    const origin = new URL(c.req.url).origin;
    // Replacement functions, not strings: a `$` in a URL must not act as a replacement pattern.
    const head = `    ${metaTags(meta, origin)}\n  </head>`;
    let html = (await res.text()).replace('</head>', () => head);
    // Readers without JavaScript see the view as a picture drawn by the worker, under its title.
    if (fallback)
      html = html
        .replace('<img id="fallback" alt="" />', () => `<img id="fallback" src="${escapeHtml(fallback.src)}" alt="${escapeHtml(fallback.alt)}" width="1200" height="630" />`)
        .replace('<h1 id="title">万达开云地图集</h1>', () => `<h1 id="title">${escapeHtml(meta.title)}</h1>`);
    return c.html(html, 200, { ...pageHeaders(kind, remoteOrigins(c.env)), 'Cache-Control': 'public, max-age=300' });
  };
  const viewMeta = (c: Context, view: View): Meta => {
    const origin = new URL(c.req.url).origin;
    return {
      // A newsroom's own title is one text in both languages: said once.
      title: view.title.zh === view.title.en ? view.title.zh : `${view.title.zh} · ${view.title.en}`,
      description: view.caption.zh === view.caption.en ? view.caption.zh : `${view.caption.zh} ${view.caption.en}`,
      canonical: `${origin}/embed/${view.id}${new URL(c.req.url).search}`,
      image: options.images ? pictureOf(c, view.id, false) : null,
    };
  };

  app.get(EXPLORER.path, (c) => {
    const origin = new URL(c.req.url).origin;
    const search = new URL(c.req.url).search;
    return page(c, '/index.html', 'explorer', {
      title: ATLAS,
      description: '万州、达州、开州、云阳的港口、铁路、公路、机场、园区、医院与生态廊道，以及一小时经济圈的通达分析。Ports, railways, roads, airports, parks, hospitals and ecological corridors of Wanzhou, Dazhou, Kaizhou and Yunyang, and their travel reach.',
      canonical: `${origin}/${search}`,
      image: options.images ? pictureOf(c, 'view', true) : null,
    });
  });
  // The built files by name: the one address of each page is its route.
  app.get(INDEX_FILE.path, (c) => c.redirect(`${EXPLORER.path}${new URL(c.req.url).search}`, 301));
  app.get(EMBED_FILE.path, (c) => c.redirect(`${EMBED.path}${new URL(c.req.url).search}`, 301));
  const ext = options.images ? 'png' : 'svg';
  /** The picture of a page: its view or state, in its language and theme; whatever else the URL carries is left behind. */
  const pictureOf = (c: Context, name: string, withState: boolean) => {
    const q = new URL(c.req.url).searchParams;
    const state = withState ? writeState(readState(new URL(c.req.url).search)).slice(1) : '';
    // A named view's picture carries the newsroom's annotations too (a state's has them in its state).
    const extra = withState ? new URLSearchParams(state) : writeAnnotations(readAnnotations(q), new URLSearchParams());
    if (q.get('lang') === 'en') extra.set('lang', 'en');
    if (q.get('theme') === 'dark' || q.get('theme') === 'light') extra.set('theme', q.get('theme')!);
    const text = extra.toString().replace(/%2C/g, ',');
    return `${new URL(c.req.url).origin}/static/${name}.${ext}${text ? `?${text}` : ''}`;
  };
  app.get(EMBED.path, (c) => {
    const url = new URL(c.req.url);
    const bad = unknownEnd(data, url.search);
    if (bad) return embedError(c, data, 400, bad);
    const picture = pictureOf(c, 'view', true);
    return page(
      c,
      '/embed.html',
      'embed',
      { title: readAnnotations(url.searchParams).title ?? ATLAS, description: '万达开云地图集的嵌入地图 · A map from the Wan-Da-Kai-Yun Atlas', canonical: `${url.origin}/embed${url.search}`, image: options.images ? picture : null },
      { src: picture, alt: readAnnotations(url.searchParams).title ?? ATLAS },
    );
  });
  app.get(EMBED_VIEW.path, (c) => {
    const named = data.views.find((v) => v.id === c.req.param('view'));
    if (!named) return embedError(c, data, 404);
    const view = retitled(named, readAnnotations(new URL(c.req.url).searchParams));
    const lang = new URL(c.req.url).searchParams.get('lang') === 'en' ? 'en' : 'zh';
    return page(c, '/embed.html', 'embed', viewMeta(c, view), { src: pictureOf(c, view.id, false), alt: `${view.title[lang]}. ${view.caption[lang]}` });
  });
  // Anything deeper under /embed/ is a mistyped view too: the same page, not the API's JSON.
  app.get('/embed/*', (c) => embedError(c, data, 404));
  return app;
}
