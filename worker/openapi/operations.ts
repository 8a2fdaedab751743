/**
 * Every route the worker serves, described for the API description: its query
 * schema is the very zod object the route validates with, and its examples are
 * requests a test sends to check that they are answered as described.
 */
import { z } from 'zod';
import { EXTRA_LAYER_ID } from '../../geo/layers.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { LayerQuery, NoQuery } from '../../geo/api/queries.ts';
import { CircleQuery, MatrixQuery, NetworkQuery, PlanQuery, ReachQuery } from '../routes/analyses.ts';
import { OEmbedQuery } from '../routes/oembed.ts';
import { StateImageQuery, ViewImageQuery } from '../routes/static.ts';
import { TileAddress } from '../routes/tiles.ts';

/** What a response is: its status, media type and what it holds. */
export interface ResponseDoc {
  /** 200, or 301 for a redirect. */
  status?: 200 | 301;
  description: string;
  /** The media type without parameters; errors are always `application/json`. */
  type: string;
}

/** One route (GET and HEAD). */
export interface Operation {
  /** The path in Hono's form, `/api/layers/:id`. */
  path: string;
  /** The reference's section. */
  tag: Tag;
  summary: string;
  description?: string;
  /** Path parameters: their schema and meaning. */
  params?: Record<string, { schema: z.ZodType; description: string }>;
  /** The query: the route's own validating schema. */
  query: z.ZodObject;
  /** What each query parameter means, where the schema's message does not say it. */
  queryDocs?: Record<string, string>;
  /** Whether unknown query parameters are ignored (pages, whose links collect tracking parameters) rather than refused. */
  lenientQuery?: boolean;
  /** The successful response. */
  ok: ResponseDoc;
  /** The error statuses the route can answer besides 405 and 413 (every route may). */
  errors: number[];
  /** Requests and the status each gets, answered as described (tests/worker/openapi.test.ts); `{origin}` stands for the atlas's own origin, URL-encoded. */
  examples: { request: string; status: number; summary: string; /** When not `ok.type`. */ type?: string }[];
}

/** The reference's sections, in order. */
export const TAGS = {
  layers: 'The GeoJSON layers: ports, railways, roads, airports, parks, hospitals, corridors and the base.',
  analyses: 'Reach analyses on the atlas’s own network, year by year: isochrones, travel-time matrices, the one-hour circle and the plan’s figures.',
  views: 'Named views, embeds, pictures and oEmbed: the atlas in other people’s pages.',
  service: 'Health, configuration and this description.',
} as const;
export type Tag = keyof typeof TAGS;

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';

const layerId = { schema: z.string().regex(EXTRA_LAYER_ID), description: `A layer id: ${LAYER_IDS.join(', ')}, or an extra layer's the catalogue lists.` };
const YEAR_DOC = 'Four-digit year; the network of that year (default 2027, the plan’s target year).';

/** Explorer-state parameters, as the pages and state pictures read them (geo/state.ts). */
const STATE_DOCS = {
  lang: 'Language: zh (default) or en.',
  year: 'The year shown, 2020–2035 (default: this year).',
  off: 'Layers switched off, comma-separated ids.',
  c: 'Map centre, lon,lat.',
  z: 'Zoom, 0–22.',
  from: 'Reach origin: a place or feature id, or lon,lat.',
  bands: 'Reach bands in minutes, comma-separated (at most 5, each 1–240).',
  panel: 'The open panel: layers, analysis or search.',
  f: 'The feature whose details are open.',
};
const IMAGE_DOCS = {
  width: 'Width in pixels, 200–2400 (default 1200).',
  height: 'Height in pixels, 150–2400 (default 630).',
  scale: 'Pixel ratio of a PNG: 1, 2 or 3 (default 1).',
  theme: 'light (default) or dark.',
};
/** What an explorer or embed page reads from its URL. Values it cannot read fall back to defaults, and unknown parameters are ignored. */
const PageQuery = StateImageQuery.omit({ width: true, height: true, scale: true }).extend({
  interactive: z.enum(['0', '1']).optional(),
  legend: z.enum(['0', '1']).optional(),
  height: z.string().optional(),
});
const PAGE_DOCS = { ...STATE_DOCS, theme: IMAGE_DOCS.theme };
const EMBED_DOCS = {
  ...PAGE_DOCS,
  interactive: '0 for a still map (no panning or zooming).',
  legend: '0 to leave out the legend.',
  height: 'Height of the map in pixels, 160–1600 (default 420).',
};
const ANALYSIS_DOCS = { year: YEAR_DOC };

/** Every route, in the reference's order. */
export const OPERATIONS: Operation[] = [
  {
    path: '/api/layers',
    tag: 'layers',
    summary: 'The layer catalogue',
    description:
      'Every layer with its titles in Chinese and English, its group, geometry types, feature count, bounding box, version and features in each year, and how it reaches the page: `delivery` is `geojson` (whole, from `/api/layers/:id`) or, from 5,000 features or 20,000 positions (the district boundaries; `ATLAS_TILE_THRESHOLD` sets the first and four times it the second), `tiles` (with the `tiles` template). `chars`, the characters of the layer’s names, lets a page load the label font before the features arrive. Extra layers published with `npm run data:publish -- --extra` follow the base layers and carry their colour and source in `extra`. The layer routes read the configured layer source: the bundled data, or the R2 bucket `npm run data:publish` fills (`ATLAS_LAYER_SOURCE`).',
    query: NoQuery,
    ok: { type: JSON_TYPE, description: 'The catalogue.' },
    errors: [304, 400, 503],
    examples: [
      { request: '/api/layers', status: 200, summary: 'The catalogue' },
      { request: '/api/layers?foo=1', status: 400, summary: 'An unknown parameter is refused' },
    ],
  },
  {
    path: '/api/layers/:id',
    tag: 'layers',
    summary: 'A layer as GeoJSON',
    description: 'A FeatureCollection (RFC 7946, WGS84). Every feature carries its names, its life as the sources tell it (`status`, the latest reported, `as_of` the date of that report, and where known `plan_year`, `start_year`, `opens`, `closed`), its figures, source (title, date, quoted sentence) and position quality (`accuracy`, `uncertainty_km`). Every feature also carries `name_py`, its Chinese name in pinyin for search. With `year`, each thematic feature also carries `status_in`: `{ year, status, expected }`, its status in that year, `expected` when only a plan says so (no source reports it yet).',
    params: { id: layerId },
    query: LayerQuery,
    queryDocs: {
      bbox: 'Only features that touch this box: minLon,minLat,maxLon,maxLat in degrees.',
      status: 'Only these statuses, comma-separated: operating, under_construction, planned, proposed; with `year`, the statuses in that year.',
      year: 'Only what is on the map of that year, each with its status then: absent before a source first names it and from its closing year on; planned or proposed until its works start, under construction until it opens; with no year of completion, in its last reported status.',
      q: 'Only features whose Chinese, English or pinyin name, or id, matches this text: whole, at its start, within it, or word by word in any order, ignoring case, spaces and punctuation; exact names first, then the four seats, then the rest in that order.',
      limit: 'At most this many features (with q, the best matches).',
    },
    ok: { type: GEOJSON, description: 'The layer’s features.' },
    errors: [304, 400, 404, 503],
    examples: [
      { request: '/api/layers/rail?year=2027', status: 200, summary: 'Railways in 2027' },
      { request: '/api/layers/hospitals?status=operating,under_construction', status: 200, summary: 'Hospitals open or being built' },
      { request: '/api/layers/roads?bbox=108.2,30.6,108.6,31.0', status: 200, summary: 'Roads near 万州' },
      { request: '/api/layers/ports?q=%E6%96%B0%E7%94%B0&limit=5', status: 200, summary: 'The five ports whose names best match 新田' },
      { request: '/api/layers/rail?limit=0', status: 400, summary: 'A limit below one' },
      { request: '/api/layers/rail?bbox=1,2,3', status: 400, summary: 'A malformed box' },
      { request: '/api/layers/canals', status: 404, summary: 'An unknown layer' },
    ],
  },
  {
    path: '/api/layers/:id/features/:featureId',
    tag: 'layers',
    summary: 'One feature',
    params: { id: layerId, featureId: { schema: z.string(), description: 'A feature id, as in the layer’s `properties.id`.' } },
    query: NoQuery,
    ok: { type: GEOJSON, description: 'The feature.' },
    errors: [304, 400, 404, 503],
    examples: [
      { request: '/api/layers/places/features/wanzhou', status: 200, summary: '万州区' },
      { request: '/api/layers/places/features/atlantis', status: 404, summary: 'An unknown feature' },
    ],
  },
  {
    path: '/tiles/:layer/:z/:x/:y{[0-9]+\\.mvt}',
    tag: 'layers',
    summary: 'A layer as vector tiles',
    description:
      'Mapbox Vector Tiles (version 2, extent 4096), cut in the worker from the configured layer source; the tile’s layer is named after the atlas layer, and its features carry the scalar properties (nested ones such as `source` stay in the GeoJSON). Zoom 0–14; the map overzooms deeper. Below zoom 14 lines and polygons are simplified (by one screen pixel for the districts and rivers, otherwise by geojson-vt’s default). An empty tile is 204.',
    params: {
      layer: { schema: TileAddress.shape.layer, description: 'A layer id.' },
      z: { schema: TileAddress.shape.z, description: 'Zoom, 0–14.' },
      x: { schema: TileAddress.shape.x, description: 'Column, 0 to 2^z − 1.' },
      y: { schema: TileAddress.shape.y, description: 'Row, 0 to 2^z − 1, then `.mvt`.' },
    },
    query: NoQuery,
    ok: { type: 'application/vnd.mapbox-vector-tile', description: 'The tile (204 when nothing lies in it).' },
    errors: [204, 304, 400, 404, 503],
    examples: [
      { request: '/tiles/rail/8/205/104.mvt', status: 200, summary: 'Railways around 万州 at zoom 8' },
      { request: '/tiles/rail/8/0/0.mvt', status: 204, summary: 'An empty tile' },
      { request: '/tiles/rail/15/0/0.mvt', status: 400, summary: 'Deeper than zoom 14' },
      { request: '/tiles/canals/8/205/104.mvt', status: 404, summary: 'An unknown layer' },
    ],
  },
  {
    path: '/api/network',
    tag: 'analyses',
    summary: 'The travel network of a year',
    description: 'Every edge the router uses (road, rail, access and transfer legs, with exact minutes and kilometres), every node a trip can join it at (`kind`, the `side` of the Yangtze, `place` or `ref`), the model parameters, each line’s speed, and in `access` the rule of the local-road legs that are not listed (those of the places and of a trip’s ends): with it, a plain Dijkstra gives `/api/matrix`’s minutes.',
    query: NetworkQuery,
    queryDocs: ANALYSIS_DOCS,
    ok: { type: GEOJSON, description: 'The network as GeoJSON, with `year`, `params`, `lines` and `access`.' },
    errors: [304, 400],
    examples: [
      { request: '/api/network?year=2023', status: 200, summary: 'The 2023 network' },
      { request: '/api/network?year=1999', status: 400, summary: 'A year outside 2000–2050' },
    ],
  },
  {
    path: '/api/reach',
    tag: 'analyses',
    summary: 'Isochrones from a place or a point',
    description: 'Nested bands of the area within each number of minutes, with what lies inside each band (hospitals, ports, stations …).',
    query: ReachQuery,
    queryDocs: {
      ...ANALYSIS_DOCS,
      from: 'The origin: a place or feature id (wanzhou, dazhou, kaizhou, yunyang, a station, a port …) or lon,lat inside the four districts.',
      minutes: 'Band limits in minutes, ascending, comma-separated: at most 5, each 1–240 (default 30,60,90).',
    },
    ok: { type: GEOJSON, description: 'One MultiPolygon feature a band, outermost first, with `minutes`, `area_km2` and `within`.' },
    errors: [304, 400],
    examples: [
      { request: '/api/reach?from=wanzhou&minutes=30,60,90', status: 200, summary: 'Reach of 万州 in 2027' },
      { request: '/api/reach?from=108.6,31.0&minutes=60&year=2023', status: 200, summary: 'Reach of a point in 2023' },
      { request: '/api/reach?from=wanzhou&minutes=999', status: 400, summary: 'A band beyond 240 minutes' },
    ],
  },
  {
    path: '/api/matrix',
    tag: 'analyses',
    summary: 'Travel-time matrix',
    description: 'Minutes between every pair of places, with the route each takes (the lines used).',
    query: MatrixQuery,
    queryDocs: {
      ...ANALYSIS_DOCS,
      places: '2–25 places: ids separated by commas, lon,lat coordinates by semicolons (default the four seats).',
    },
    ok: { type: JSON_TYPE, description: '`places`, `minutes` (rows by columns) and `routes`.' },
    errors: [304, 400],
    examples: [
      { request: '/api/matrix', status: 200, summary: 'The four places in 2027' },
      { request: '/api/matrix?places=wanzhou;108.41,30.81&year=2023', status: 200, summary: 'A seat and a point in 2023' },
      { request: '/api/matrix?places=wanzhou', status: 400, summary: 'Fewer than two places' },
    ],
  },
  {
    path: '/api/circle',
    tag: 'analyses',
    summary: 'The one-hour circle',
    description: 'Which pairs of the four places lie within the threshold of each other, and optionally what changes against another year.',
    query: CircleQuery,
    queryDocs: {
      ...ANALYSIS_DOCS,
      minutes: 'The threshold in minutes, 1–240 (default 60).',
      compare: 'Another year to compare with (2000–2050).',
    },
    ok: { type: JSON_TYPE, description: 'The pairs within the threshold, and `compare` when asked: the two years in their order whichever was asked first (`earlier`, `later`), each pair’s minutes in both, `saved` (minutes faster in the later year; negative when slower) and `now_within`, and each place’s area share in both.' },
    errors: [304, 400],
    examples: [
      { request: '/api/circle?year=2027&compare=2023', status: 200, summary: '2027 against 2023' },
      { request: '/api/circle?minutes=0', status: 400, summary: 'A threshold below one minute' },
    ],
  },
  {
    path: '/api/plan',
    tag: 'analyses',
    summary: 'The plan’s figures in a year',
    description: 'Kilometres of expressway and railway and the other plan figures in that year, beside the plan’s 2027 targets.',
    query: PlanQuery,
    queryDocs: ANALYSIS_DOCS,
    ok: { type: JSON_TYPE, description: 'Each figure with its value, target and source.' },
    errors: [304, 400],
    examples: [{ request: '/api/plan?year=2027', status: 200, summary: 'The 2027 figures' }],
  },
  {
    path: '/api/views',
    tag: 'views',
    summary: 'The named views',
    query: NoQuery,
    ok: { type: JSON_TYPE, description: 'Every named view: its title, caption, layers, year, camera and reach.' },
    errors: [304, 400],
    examples: [{ request: '/api/views', status: 200, summary: 'All views' }],
  },
  {
    path: '/api/views/:id',
    tag: 'views',
    summary: 'One named view',
    params: { id: { schema: z.string(), description: 'A view id (see /api/views).' } },
    query: NoQuery,
    ok: { type: JSON_TYPE, description: 'The view.' },
    errors: [304, 400, 404],
    examples: [
      { request: '/api/views/ports', status: 200, summary: 'The ports view' },
      { request: '/api/views/nowhere', status: 404, summary: 'An unknown view' },
    ],
  },
  {
    path: '/static/:file',
    tag: 'views',
    summary: 'A view as a picture',
    description:
      '`/static/<view>.svg` or `.png` draws a named view; `/static/view.svg` or `.png` draws an explorer state given in the query. Drawn in the worker from the same data, with the same fonts, for link previews and readers without JavaScript.',
    params: { file: { schema: z.string().regex(/^[a-z0-9-]+\.(svg|png)$/), description: '`<view>.svg`, `<view>.png`, `view.svg` or `view.png`.' } },
    query: StateImageQuery,
    queryDocs: { ...IMAGE_DOCS, lang: STATE_DOCS.lang, ...Object.fromEntries(Object.entries(STATE_DOCS).filter(([k]) => k !== 'lang').map(([k, v]) => [k, `${v} Only for view.svg and view.png.`])) },
    ok: { type: 'image/svg+xml', description: 'The picture (image/png for .png).' },
    errors: [304, 400, 404],
    examples: [
      { request: '/static/ports.svg?width=800&height=500', status: 200, summary: 'The ports view, 800 × 500' },
      { request: '/static/view.svg?year=2030&off=rivers&lang=en', status: 200, summary: 'An explorer state in English' },
      { request: '/static/ports.svg?width=20', status: 400, summary: 'A width below 200 pixels' },
      { request: '/static/ports.gif', status: 404, summary: 'An image type not offered' },
    ],
  },
  {
    path: '/oembed',
    tag: 'views',
    summary: 'oEmbed for the atlas’s pages',
    description: 'oEmbed 1.0 (rich): the iframe for a link to the explorer, /embed or /embed/<view>. Only this atlas’s own URLs are accepted.',
    query: OEmbedQuery,
    queryDocs: {
      url: 'The URL of an atlas page on this host.',
      maxwidth: 'The widest the embed may be, in pixels.',
      maxheight: 'The tallest the embed may be, in pixels.',
      format: 'json (default) or xml.',
    },
    ok: { type: JSON_TYPE, description: 'The oEmbed response (text/xml with format=xml).' },
    errors: [304, 400, 404],
    examples: [
      { request: '/oembed?url={origin}%2Fembed%2Fports&maxwidth=400', status: 200, summary: 'The ports view' },
      { request: '/oembed?url={origin}%2Fembed%2Fports&format=xml', status: 200, summary: 'The same, as XML', type: 'text/xml' },
      { request: '/oembed?url=https%3A%2F%2Felsewhere.example%2F', status: 404, summary: 'A page of another site' },
    ],
  },
  {
    path: '/',
    tag: 'views',
    summary: 'The explorer',
    description: 'The map page. Its URL holds the view; values it cannot read fall back to their defaults, and other parameters (a link’s tracking tags) are ignored, so a shared link always opens.',
    query: PageQuery,
    queryDocs: PAGE_DOCS,
    lenientQuery: true,
    ok: { type: 'text/html', description: 'The page.' },
    errors: [],
    examples: [{ request: '/?year=2030&lang=en', status: 200, summary: 'The explorer in 2030, in English' }],
  },
  {
    path: '/embed',
    tag: 'views',
    summary: 'An embeddable map of an explorer state',
    description: 'The map for an iframe in another site’s page, with the explorer’s state and the embed options; it may be framed by any site.',
    query: PageQuery,
    queryDocs: EMBED_DOCS,
    lenientQuery: true,
    ok: { type: 'text/html', description: 'The page.' },
    errors: [],
    examples: [{ request: '/embed?year=2027&from=wanzhou&legend=0', status: 200, summary: 'Reach of 万州 without a legend' }],
  },
  {
    path: '/embed/:view',
    tag: 'views',
    summary: 'An embeddable named view',
    params: { view: { schema: z.string(), description: 'A view id (see /api/views).' } },
    query: PageQuery,
    queryDocs: EMBED_DOCS,
    lenientQuery: true,
    ok: { type: 'text/html', description: 'The page.' },
    errors: [404],
    examples: [
      { request: '/embed/ports?lang=en', status: 200, summary: 'The ports view in English' },
      { request: '/embed/nowhere', status: 404, summary: 'An unknown view' },
    ],
  },
  {
    path: '/index.html',
    tag: 'views',
    summary: 'The explorer’s file name: moved to /',
    query: PageQuery,
    lenientQuery: true,
    ok: { status: 301, type: 'text/html', description: 'A permanent redirect to `/` with the same query.' },
    errors: [],
    examples: [{ request: '/index.html?year=2030', status: 301, summary: 'To /?year=2030' }],
  },
  {
    path: '/embed.html',
    tag: 'views',
    summary: 'The embed’s file name: moved to /embed',
    query: PageQuery,
    lenientQuery: true,
    ok: { status: 301, type: 'text/html', description: 'A permanent redirect to `/embed` with the same query.' },
    errors: [],
    examples: [{ request: '/embed.html?year=2030', status: 301, summary: 'To /embed?year=2030' }],
  },
  {
    path: '/api/health',
    tag: 'service',
    summary: 'Health',
    query: NoQuery,
    ok: { type: JSON_TYPE, description: '`ok`, the data version, and the numbers of layers and features.' },
    errors: [400],
    examples: [{ request: '/api/health', status: 200, summary: 'Health' }],
  },
  {
    path: '/api/config',
    tag: 'service',
    summary: 'The page’s configuration',
    description: 'The optional remote basemap the deployment sets (a MapLibre style URL, or a 天地图 token).',
    query: NoQuery,
    ok: { type: JSON_TYPE, description: '`basemap.style` and `basemap.tianditu`, each null when not set.' },
    errors: [400],
    examples: [{ request: '/api/config', status: 200, summary: 'The configuration' }],
  },
  {
    path: '/api/openapi.json',
    tag: 'service',
    summary: 'This description (OpenAPI 3.1)',
    query: NoQuery,
    ok: { type: JSON_TYPE, description: 'The OpenAPI document.' },
    errors: [304, 400],
    examples: [{ request: '/api/openapi.json', status: 200, summary: 'The description' }],
  },
  {
    path: '/api/docs',
    tag: 'service',
    summary: 'This reference, as a page',
    description: 'The description rendered as HTML by the worker: no script, no outside request, so it reads offline.',
    query: NoQuery,
    ok: { type: 'text/html', description: 'The reference.' },
    errors: [304, 400],
    examples: [{ request: '/api/docs', status: 200, summary: 'The reference' }],
  },
];
