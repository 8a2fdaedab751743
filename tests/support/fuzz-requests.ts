/**
 * Request generators for the worker's fuzz test (tests/worker/fuzz.test.ts): a
 * valid request for each route the worker serves (`ROUTES` in worker/app.ts),
 * built from the ids and constants of a data bundle and geo/, then mutated the
 * ways a stranger's URL, a scanner or a broken client would mutate it. No Worker
 * APIs, so the same generators describe requests for the fixture app and the deployed worker.
 */
import fc from 'fast-check';
import type { DataBundle } from '../../geo/bundle.ts';
import { NetworkParamsInput } from '../../geo/network/params.ts';
import { DEFAULT_YEAR, LIMITS } from '../../geo/api/queries.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { STATUSES } from '../../geo/layers.ts';
import { LANGS, PANELS, YEARS } from '../../geo/state.ts';
import { TILE_MAX_ZOOM } from '../../geo/tiles.ts';
import { ROUTES } from '../../worker/app.ts';

/** Every route of the worker: its own list, so that a new route cannot be left out of the fuzz. */
export const ROUTE_TEMPLATES = ROUTES;
export type RouteTemplate = (typeof ROUTE_TEMPLATES)[number];

/** The analyses: each answer is computed (tens of ms on the real data), so their share of runs is bounded. */
export const ANALYSIS_ROUTES: readonly RouteTemplate[] = ['/api/network', '/api/reach', '/api/route', '/api/matrix', '/api/circle', '/api/impact', '/api/plan'];
/** The HTML pages (and the built files' names, which redirect to them): what they echo must stay text. */
export const PAGE_ROUTES: readonly RouteTemplate[] = ['/', '/index.html', '/embed', '/embed.html', '/embed/:view'];

/**
 * Markup an attacker would put in a URL. Each holds at least one of `< > " '`, so
 * that escaping changes it: the raw text in a page means it was not escaped.
 */
export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '" onmouseover="alert(1)',
  '</title><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
] as const;

/** What an unescaped payload leaves in markup (the pages' own markup has none of these). */
export const PAYLOAD_MARKERS = ['<img src=x', '<script>alert', '<svg onload', '<iframe src=javascript', 'onmouseover="alert', '</title><script', '="javascript:', "='javascript:"] as const;

/** How a parameter's value is written into the query. */
export type Encoding = 'component' | 'raw' | 'double' | 'plus';

/** One query parameter; the name is written as given (already URL-safe or deliberately not). */
export interface Param {
  name: string;
  value: string;
  enc: Encoding;
}

/** A request before it is written out: path segments are already encoded (or deliberately broken). */
export interface Draft {
  route: RouteTemplate;
  method: string;
  segments: string[];
  params: Param[];
  /** Raw text appended to the query, for encodings no parameter could carry (`%zz`, `&&`, `#…`). */
  rawQuery: string;
  headers: [string, string][];
  body?: string;
}

/** A request as sent. */
export interface FuzzRequest {
  route: RouteTemplate;
  method: string;
  /** Path and query, relative to the origin. */
  target: string;
  headers: [string, string][];
  body?: string;
  /** Whether any mutation was applied (an unmutated request is one a client may send). */
  mutated: boolean;
}

/** What the generators need from a bundle. */
export interface FuzzData {
  origin: string;
  layers: string[];
  /** `[layer id, feature id]` of every feature. */
  features: [string, string][];
  /** Feature ids of point features (stations, hospitals, ports): valid reach origins. */
  points: string[];
  places: string[];
  views: string[];
  /** Positions of point features, `[lon, lat]`. */
  positions: [number, number][];
  /** The extent of the districts layer, `[w, s, e, n]`. */
  extent: [number, number, number, number];
  /** Every layer's bbox. */
  bboxes: [number, number, number, number][];
  /** Years the data names (opening and start years), and the slider's and analyses' defaults. */
  years: number[];
}

/**
 * The ids and extents of a bundle, for the generators.
 *
 * @param data - a data bundle (the fixture's or the real one)
 * @param origin - the origin requests are sent to
 * @returns what the generators draw from
 * @example
 * const d = fuzzData(buildBundle(fixtureLayers()), 'http://atlas.test');
 */
export function fuzzData(data: DataBundle, origin: string): FuzzData {
  const features: [string, string][] = [];
  const points: string[] = [];
  const positions: [number, number][] = [];
  const years = new Set<number>([DEFAULT_YEAR, YEARS.min, YEARS.max]);
  for (const [id, layer] of Object.entries(data.layers)) {
    for (const f of layer.data.features) {
      const p = f.properties as unknown as Record<string, unknown>;
      features.push([id, String(p.id)]);
      if (f.geometry.type === 'Point') {
        points.push(String(p.id));
        positions.push(f.geometry.coordinates as [number, number]);
      }
      for (const k of ['opens', 'start_year', 'closes']) if (typeof p[k] === 'number') years.add(p[k] as number);
    }
  }
  const bboxes = Object.values(data.layers).flatMap((l) => (l.bbox ? [l.bbox as [number, number, number, number]] : []));
  return {
    origin,
    layers: Object.keys(data.layers),
    features,
    points,
    places: data.layers.places.data.features.map((f) => String(f.properties.id)),
    views: data.views.map((v) => v.id),
    positions,
    extent: (data.layers.districts.bbox ?? bboxes[0]) as [number, number, number, number],
    bboxes,
    years: [...years].sort((a, b) => a - b),
  };
}

// ---------------------------------------------------------------------------
// Values

/** A number written the way a URL would carry it (a few decimals). */
const decimal = (min: number, max: number, digits = 4) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => v.toFixed(digits).replace(/\.?0+$/, '') || '0');

/** Text that is not what any parameter expects, from near misses to garbage. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PAYLOADS) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '', ' ', ',', ',,', ';', ';;', '-', '.', '..', '../..', '..%2f..', '%2e%2e', '/', '\\', '*', '?', '=', '&',
      'NaN', '-NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e3', '0x1F', '0b11', '0o7', '1_000', '-0', '+1', '00', '0000',
      '２０２７', '٢٠٢٧', ' 2027', '2027 ', '2027.0', '2027.5', '20 27', '-2027', '1899', '1999', '2051', '2101', '9999', '99999',
      '0', '-1', '241', '300', '1000', '2401', '4001', '0.5', '1.', '.5', '1,2,3,4,5,6', '30,,60', '30,60,', ',30', '60,30', '30;60',
      'null', 'undefined', 'true', 'false', '[]', '{}', '[1,2]', '{"a":1}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
      '\u0000', '\t', '\n', '\r\n', '\u001b[31m', '\u007f', '\u202e', '\ufeff', '\u200b', '\ud800', '\udfff', '𝟘', '💥', 'é', 'e\u0301', '万州', 'ǅ',
      'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'http://evil.example/', '//evil.example', '${7*7}', '{{7*7}}', "' OR 1=1 --", '$&', '$`', "$'",
    ),
  },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 }) },
  // Very long values: a few kB, of one character or many.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '9', ',', '1,', '%', 'é', '万', '<', ' ', '-'), fc.integer({ min: 100, max: 3000 })).map(([s, n]) => s.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 2500 }) },
);

/** Path segments that try to climb out or confuse the router, written raw. */
const RAW_SEGMENTS = [
  '..', '.', '%2e%2e', '%2E%2E', '%2e', '.%2e', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%2f..%2fapi%2fhealth', '..%5c..%5c', '%252e%252e', '%c0%ae%c0%ae',
  '....//', '%zz', '%', '%%', '%2', '%00', '%0a', '%0d%0a', '%20', '%E4%B8', '%ff', '', ';', ';x=1', '*', '~', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'index.html', 'embed.html', 'favicon.svg', '.env', '.git', 'wrangler.toml',
];

/** Text for percent-encoding trouble, written raw into the query. */
const RAW_QUERIES = [
  '%zz', '%zz=%zz', '%=%', '%', '%%', '%2', '&', '&&', '&=', '=', '==', '=x', 'a=%E4%B8', 'x=%00', 'x=%uD83D', 'x=%C0%AE', 'x=%ff%fe', '%ff=1',
  '+', '+=+', 'a+b=c+d', ';', 'a;b=c', '#', '#frag', '#<img src=x onerror=alert(1)>', '?', '??', '&?x=1', '%26', '%3D=%3D', '%252e', 'year%00=2027', 'year[]=2027', 'year[0]=1',
];

/** Hex digits, for ETag look-alikes. */
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));

/** Header values a client might send; printable ASCII only, since a Request refuses the rest. */
const headerValue = fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), fc.string({ unit: 'grapheme-ascii', minLength: 1000, maxLength: 4000 }));
const ifNoneMatch = fc.oneof(
  fc.constantFrom('*', '""', '"', 'W/', 'W/""', ',', ', ,', ' * ', '*, "x"', 'W/"x", "y"', 'null'),
  fc.tuple(hex(8), hex(16)).map(([a, b]) => `"${a}-${b}"`),
  fc.array(fc.tuple(fc.boolean(), hex(8), hex(16)).map(([w, a, b]) => `${w ? 'W/' : ''}"${a}-${b}"`), { minLength: 1, maxLength: 40 }).map((l) => l.join(', ')),
  headerValue,
);
const header: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 4, arbitrary: ifNoneMatch.map((v): [string, string] => ['If-None-Match', v]) },
  { weight: 1, arbitrary: fc.constantFrom('https://news.example', 'null', 'http://atlas.test', 'javascript:alert(1)').map((v): [string, string] => ['Origin', v]) },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE', 'X').map((v): [string, string] => ['Access-Control-Request-Method', v]) },
  { weight: 1, arbitrary: fc.constantFrom('text/html', 'application/xml', '*/*', 'image/png', '').map((v): [string, string] => ['Accept', v]) },
  { weight: 1, arbitrary: fc.constantFrom('bytes=0-10', 'bytes=-1', 'bytes=99999999-', 'junk').map((v): [string, string] => ['Range', v]) },
  { weight: 1, arbitrary: fc.constantFrom('If-Modified-Since', 'Accept-Language', 'Accept-Encoding', 'Cookie', 'X-Forwarded-Host', 'X-Forwarded-Proto', 'Content-Type', 'Cache-Control', 'Authorization', 'Referer').chain((n) => headerValue.map((v): [string, string] => [n, v])) },
);

// ---------------------------------------------------------------------------
// Valid requests

const param = (name: string, arb: fc.Arbitrary<string>): fc.Arbitrary<Param | undefined> => fc.option(arb.map((value): Param => ({ name, value, enc: 'component' })), { nil: undefined, freq: 2 });
const required = (name: string, arb: fc.Arbitrary<string>): fc.Arbitrary<Param> => arb.map((value) => ({ name, value, enc: 'component' }));
const params = (...arbs: fc.Arbitrary<Param | undefined>[]) => fc.tuple(...arbs).map((ps) => ps.filter((p): p is Param => p !== undefined));
const draft = (route: RouteTemplate, segments: string[], ps: Param[] = []): Draft => ({ route, method: 'GET', segments, params: ps, rawQuery: '', headers: [] });
/** encodeURIComponent, or the text as it is when it holds a lone surrogate (the URL parser then writes U+FFFD). */
export const safeComponent = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};
const seg = safeComponent;

/**
 * Valid requests for every route, from the data's ids.
 *
 * @param d - the data's ids and extents
 * @returns route → an arbitrary of valid drafts
 * @example
 * validDrafts(fuzzData(bundle, origin))['/api/reach'];
 */
export function validDrafts(d: FuzzData): Record<RouteTemplate, fc.Arbitrary<Draft>> {
  const [w, s, e, n] = d.extent;
  const lon = decimal(w, e);
  const lat = decimal(s, n);
  const position = fc.oneof(fc.constantFrom(...d.positions).map(([x, y]) => `${x},${y}`), fc.tuple(lon, lat).map(([x, y]) => `${x},${y}`));
  const year = fc.oneof(fc.constantFrom(...d.years), fc.integer({ min: YEARS.min, max: YEARS.max }), fc.integer({ min: DEFAULT_YEAR - 27, max: DEFAULT_YEAR + 23 })).map(String);
  const sliderYear = fc.integer({ min: YEARS.min, max: YEARS.max }).map(String);
  const bands = fc.uniqueArray(fc.integer({ min: 1, max: LIMITS.maxMinutes }), { minLength: 1, maxLength: LIMITS.maxBands }).map((b) => b.join(','));
  const minutes = fc.integer({ min: 1, max: LIMITS.maxMinutes }).map(String);
  const origin = fc.oneof(fc.constantFrom(...d.places), fc.constantFrom(...d.points), position);
  const bbox = fc.oneof(
    fc.constantFrom(...d.bboxes).map((b) => b.join(',')),
    fc.tuple(lon, lon, lat, lat).map(([a, b, c, e2]) => [Math.min(+a, +b), Math.min(+c, +e2), Math.max(+a, +b), Math.max(+c, +e2)].join(',')),
  );
  const status = fc.subarray([...STATUSES], { minLength: 1 }).map((l) => l.join(','));
  const overrideArb = fc
    .subarray(
      Object.entries(NetworkParamsInput.shape).map(([name, schema]) => {
        const { minValue, maxValue } = (schema as unknown as { unwrap(): { minValue: number; maxValue: number } }).unwrap();
        return { name, minValue, maxValue };
      }),
      { maxLength: 3 },
    )
    .chain((list) => fc.tuple(...list.map(({ name, minValue, maxValue }) => decimal(minValue, maxValue, 2).map((value): Param => ({ name, value, enc: 'component' })))));
  // A scenario: lines added or removed (most are refused with a 400 in some year, which is what a stranger's URL meets too).
  const lineIds = d.features.filter(([layer]) => layer === 'rail' || layer === 'roads').map(([, id]) => id);
  const lineList = fc.uniqueArray(fc.constantFrom(...lineIds), { minLength: 1, maxLength: 3 }).map((l) => l.join(','));
  const scenarioArb = fc.tuple(fc.option(lineList, { nil: undefined }), fc.option(lineList, { nil: undefined })).map(([w, wo]): Param[] => [
    ...(w ? [{ name: 'with', value: w, enc: 'component' as const }] : []),
    ...(wo ? [{ name: 'without', value: wo, enc: 'component' as const }] : []),
  ]);
  const withOverrides = (ps: fc.Arbitrary<Param[]>) =>
    fc
      .tuple(ps, fc.oneof({ weight: 3, arbitrary: fc.constant([] as Param[]) }, { weight: 1, arbitrary: overrideArb }), fc.oneof({ weight: 3, arbitrary: fc.constant([] as Param[]) }, { weight: 1, arbitrary: scenarioArb }))
      .map(([a, b, c]) => [...a, ...b, ...c]);
  const placesParam = fc
    .array(fc.oneof(fc.constantFrom(...d.places), fc.constantFrom(...d.points), position), { minLength: 2, maxLength: LIMITS.maxPlaces })
    .map((tokens) => {
      // ids by commas, coordinates by semicolons (a coordinate has a comma of its own)
      const ids = tokens.filter((t) => !t.includes(','));
      const coords = tokens.filter((t) => t.includes(','));
      return [ids.join(','), ...coords].filter(Boolean).join(';');
    });
  const layerIds = fc.constantFrom(...d.layers);
  const state = [
    param('lang', fc.constantFrom(...LANGS)),
    param('year', sliderYear),
    param('off', fc.subarray([...LAYER_IDS], { minLength: 1 }).map((l) => l.join(','))),
    param('c', fc.tuple(lon, lat).map(([x, y]) => `${x},${y}`)),
    param('z', decimal(0, 22, 2)),
    param('from', origin),
    param('bands', bands),
    param('panel', fc.constantFrom(...PANELS)),
    param('f', fc.constantFrom(...d.features.map(([, id]) => id))),
  ];
  // A newsroom's annotations (geo/annotations.ts): free text from the URL that pages, pictures and oEmbed show.
  const freeText = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }, { weight: 1, arbitrary: fc.constantFrom('新田港 & 二期', 'A & B;C') });
  const annotations = [
    param('title', freeText),
    param('caption', freeText),
    param('note', freeText),
    param('mark', fc.array(fc.tuple(lon, lat, freeText).map(([x, y, l]) => `${x},${y},${l}`), { minLength: 1, maxLength: 4 }).map((m) => m.join(';'))),
    param('hl', fc.oneof(fc.constantFrom(...d.features.map(([, id]) => id)), hostileValue)),
    param('labels', fc.constantFrom('all', 'places', 'none')),
  ];
  state.push(...annotations);
  const embedOptions = [
    param('theme', fc.constantFrom('light', 'dark', 'auto')),
    param('interactive', fc.constantFrom('0', '1')),
    param('legend', fc.constantFrom('0', '1')),
    param('height', fc.integer({ min: 100, max: 2000 }).map(String)),
  ];
  const imageOptions = [
    param('width', fc.integer({ min: 200, max: 2400 }).map(String)),
    param('height', fc.integer({ min: 150, max: 2400 }).map(String)),
    param('scale', fc.constantFrom('1', '2', '3')),
    param('lang', fc.constantFrom(...LANGS)),
    param('theme', fc.constantFrom('light', 'dark')),
  ];
  const ownUrl = fc.oneof(
    fc.tuple(fc.constantFrom(...d.views), params(...state.slice(0, 1), ...embedOptions)).map(([v, ps]) => `${d.origin}/embed/${v}${queryOf(ps)}`),
    fc.tuple(fc.constantFrom('/', '/embed'), params(...state, ...embedOptions)).map(([p, ps]) => `${d.origin}${p}${queryOf(ps)}`),
  );
  return {
    '/api/health': fc.constant(draft('/api/health', ['api', 'health'])),
    '/api/layers': fc.constant(draft('/api/layers', ['api', 'layers'])),
    '/api/layers/:id': fc.tuple(layerIds, params(param('bbox', bbox), param('status', status), param('year', year))).map(([id, ps]) => draft('/api/layers/:id', ['api', 'layers', seg(id)], ps)),
    '/api/layers/:id/features/:featureId': fc
      .oneof({ weight: 5, arbitrary: fc.constantFrom(...d.features) }, { weight: 1, arbitrary: fc.tuple(layerIds, fc.constantFrom(...d.features.map(([, id]) => id))) })
      .map(([layer, id]) => draft('/api/layers/:id/features/:featureId', ['api', 'layers', seg(layer), 'features', seg(id)])),
    // The impact builds two networks a project: no overrides, so that the fuzz's share of it stays cached.
    '/api/impact': params(param('year', year), param('minutes', minutes)).map((ps) => draft('/api/impact', ['api', 'impact'], ps)),
    '/api/network': withOverrides(params(param('year', year))).map((ps) => draft('/api/network', ['api', 'network'], ps)),
    '/api/reach': withOverrides(params(param('year', year), param('minutes', bands)))
      .chain((ps) => required('from', origin).map((from) => [from, ...ps]))
      .map((ps) => draft('/api/reach', ['api', 'reach'], ps)),
    '/api/route': withOverrides(params(param('year', year)))
      .chain((ps) => fc.tuple(required('from', origin), required('to', origin)).map(([from, to]) => [from, to, ...ps]))
      .map((ps) => draft('/api/route', ['api', 'route'], ps)),
    '/api/matrix': withOverrides(params(param('places', placesParam), param('year', year))).map((ps) => draft('/api/matrix', ['api', 'matrix'], ps)),
    '/api/circle': withOverrides(params(param('year', year), param('minutes', minutes), param('compare', year))).map((ps) => draft('/api/circle', ['api', 'circle'], ps)),
    '/api/plan': params(param('year', year)).map((ps) => draft('/api/plan', ['api', 'plan'], ps)),
    '/api/config': fc.constant(draft('/api/config', ['api', 'config'])),
    '/api/views': fc.constant(draft('/api/views', ['api', 'views'])),
    '/api/views/:id': fc.constantFrom(...d.views).map((id) => draft('/api/views/:id', ['api', 'views', seg(id)])),
    '/oembed': params(param('maxwidth', fc.integer({ min: 1, max: 4000 }).map(String)), param('maxheight', fc.integer({ min: 1, max: 4000 }).map(String)), param('format', fc.constantFrom('json', 'xml')))
      .chain((ps) => required('url', ownUrl).map((url) => [url, ...ps]))
      .map((ps) => draft('/oembed', ['oembed'], ps)),
    '/': params(...state).map((ps) => draft('/', [], ps)),
    '/index.html': params(...state).map((ps) => draft('/index.html', ['index.html'], ps)),
    '/embed': params(...state, ...embedOptions).map((ps) => draft('/embed', ['embed'], ps)),
    '/embed.html': params(...state, ...embedOptions).map((ps) => draft('/embed.html', ['embed.html'], ps)),
    '/embed/:view': fc.tuple(fc.constantFrom(...d.views), params(state[0], ...embedOptions, ...annotations)).map(([v, ps]) => draft('/embed/:view', ['embed', seg(v)], ps)),
    '/static/:file': fc
      .tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...d.views) }, { weight: 1, arbitrary: fc.constant('view') }), fc.constantFrom('svg', 'png'), params(...imageOptions), params(...state.slice(1)), params(...annotations))
      .map(([name, ext, ps, st, an]) => draft('/static/:file', ['static', `${name}.${ext}`], name === 'view' ? [...ps, ...st] : [...ps, ...an])),
    '/tiles/:layer/:z/:x/:y{[0-9]+\\.mvt}': fc
      .tuple(layerIds, fc.integer({ min: 0, max: TILE_MAX_ZOOM }))
      .chain(([id, z]) => fc.tuple(fc.constant(id), fc.constant(z), fc.integer({ min: 0, max: 2 ** z - 1 }), fc.integer({ min: 0, max: 2 ** z - 1 })))
      .map(([id, z, x, y]) => draft('/tiles/:layer/:z/:x/:y{[0-9]+\\.mvt}', ['tiles', seg(id), String(z), String(x), `${y}.mvt`])),
    '/api/openapi.json': fc.constant(draft('/api/openapi.json', ['api', 'openapi.json'])),
    '/api/docs': fc.constant(draft('/api/docs', ['api', 'docs'])),
  };
}

/** `?a=b&…` of parameters, encoded (for URLs inside URLs). */
const queryOf = (ps: Param[]) => (ps.length ? `?${ps.map((p) => `${p.name}=${encodeURIComponent(p.value)}`).join('&')}` : '');

// ---------------------------------------------------------------------------
// Mutations

type Mutation = (d: Draft) => Draft;
const at = <T>(list: readonly T[], i: number) => list[i % list.length];
const PARAM_NAMES = ['year', 'bbox', 'status', 'from', 'minutes', 'places', 'compare', 'url', 'maxwidth', 'maxheight', 'format', 'width', 'height', 'scale', 'lang', 'theme', 'off', 'c', 'z', 'bands', 'panel', 'f', 'interactive', 'legend', 'accessSpeedKmh', 'boardingMinutes', 'expresswaySpeedKmh'];
const encoding = fc.constantFrom<Encoding>('component', 'component', 'raw', 'double', 'plus');

/**
 * Mutations of a draft: one changes one thing; a request takes several.
 *
 * @param d - the data, for ids to put where they do not belong and for this atlas's own URLs
 * @returns an arbitrary of mutations
 * @example
 * fc.tuple(valid, fc.array(mutations(d))).map(([draft, ms]) => ms.reduce((x, m) => m(x), draft));
 */
export function mutations(d: FuzzData): fc.Arbitrary<Mutation> {
  const anyId = fc.oneof(fc.constantFrom(...d.layers), fc.constantFrom(...d.views), fc.constantFrom(...d.places), fc.constantFrom(...d.features.map(([, id]) => id)));
  const value = fc.oneof({ weight: 4, arbitrary: hostileValue }, { weight: 1, arbitrary: anyId });
  const name = fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.constantFrom('x', 'utm_source', 'callback', 'jsonp', '__proto__', 'constructor', 'toString', 'YEAR', 'Year', ' year', 'year ', 'year%20', 'ye%61r', 'year[]', '%3Cimg%3E'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).map(safeComponent));
  return fc.oneof(
    // a parameter's value replaced
    { weight: 6, arbitrary: fc.tuple(fc.nat(), value, encoding).map(([i, v, enc]): Mutation => (x) => (x.params.length ? { ...x, params: x.params.map((p, j) => (j === i % x.params.length ? { ...p, value: v, enc } : p)) } : { ...x, params: [{ name: at(PARAM_NAMES, i), value: v, enc }] })) },
    // a parameter given twice (same or another value)
    { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.option(value)).map(([i, v]): Mutation => (x) => (x.params.length ? { ...x, params: [...x.params, { ...at(x.params, i), ...(v === null ? {} : { value: v }) }] } : x)) },
    // an unknown, misspelt or known-elsewhere parameter
    { weight: 2, arbitrary: fc.tuple(name, value, encoding).map(([nm, v, enc]): Mutation => (x) => ({ ...x, params: [...x.params, { name: nm, value: v, enc }] })) },
    // a parameter dropped, or left empty
    { weight: 1, arbitrary: fc.nat().map((i): Mutation => (x) => ({ ...x, params: x.params.filter((_, j) => j !== i % Math.max(1, x.params.length)) })) },
    // (`name=`, or a bare `name` with no `=`)
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.boolean()).map(([i, bare]): Mutation => (x) => {
      if (!x.params.length) return x;
      const k = i % x.params.length;
      if (bare) return { ...x, params: x.params.filter((_, j) => j !== k), rawQuery: `${x.rawQuery}&${x.params[k].name}` };
      return { ...x, params: x.params.map((p, j) => (j === k ? { ...p, value: '' } : p)) };
    }) },
    // percent-encoding trouble in the query
    { weight: 2, arbitrary: fc.constantFrom(...RAW_QUERIES).map((q): Mutation => (x) => ({ ...x, rawQuery: `${x.rawQuery}&${q}` })) },
    // a path segment replaced: by a hostile value, by traversal, by another route's id
    { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.oneof(value.map(seg), fc.constantFrom(...RAW_SEGMENTS))).map(([i, s]): Mutation => (x) => (x.segments.length ? { ...x, segments: x.segments.map((t, j) => (j === i % x.segments.length ? s : t)) } : { ...x, segments: [s] })) },
    // the path extended or climbed out of
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS, 'x', 'features', 'features/x', '..', '../..', '%2e%2e/%2e%2e/api/health').map((s): Mutation => (x) => ({ ...x, segments: [...x.segments, s] })) },
    { weight: 1, arbitrary: fc.constantFrom('', '..', '%2e%2e', '.', 'API', 'api/..', 'static/..').map((s): Mutation => (x) => ({ ...x, segments: [s, ...x.segments] })) },
    { weight: 1, arbitrary: fc.constantFrom('upper', 'trailing', 'double', 'ext').map((k): Mutation => (x) => ({ ...x, segments: k === 'upper' ? x.segments.map((t) => t.toUpperCase()) : k === 'trailing' ? [...x.segments, ''] : k === 'double' ? x.segments.flatMap((t) => [t, '']) : x.segments.map((t, j, all) => (j === all.length - 1 ? `${t}.json` : t)) })) },
    // another method, with a body where one is allowed
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD', 'OPTIONS'), fc.option(fc.oneof(hostileValue, fc.json()))).map(([method, body]): Mutation => (x) => ({ ...x, method, body: body !== null && !['HEAD', 'GET'].includes(method) ? body : undefined })) },
    // headers
    { weight: 3, arbitrary: fc.array(header, { minLength: 1, maxLength: 3 }).map((hs): Mutation => (x) => ({ ...x, headers: [...x.headers, ...hs] })) },
  );
}

/** Values of `url` for /oembed: foreign hosts, script URLs, and this atlas's own URLs gone wrong. */
export function oembedUrls(d: FuzzData): fc.Arbitrary<string> {
  const host = new URL(d.origin).host;
  const view = fc.constantFrom(...d.views);
  const foreign = fc.oneof(
    view.map((v) => `https://evil.example/embed/${v}`),
    view.map((v) => `http://${host}.evil.example/embed/${v}`),
    view.map((v) => `http://${host}@evil.example/embed/${v}`),
    view.map((v) => `http://evil.example#@${host}/embed/${v}`),
    view.map((v) => `http://evil.example\\@${host}/embed/${v}`),
    view.map((v) => `https://${host}/embed/${v}`),
    view.map((v) => `http://${host}:8080/embed/${v}`),
    view.map((v) => `//${host}/embed/${v}`),
    view.map((v) => `/embed/${v}`),
    fc.constantFrom('javascript:alert(1)', `javascript:alert(1)//${d.origin}/embed`, 'JaVaScRiPt:alert(document.domain)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'about:blank', 'http://[::1]/', 'http://127.0.0.1:8787/', 'http://0x7f000001/', 'http://', 'http:', ':', 'mailto:a@b.c'),
  );
  const ownPath = fc.oneof(
    view.map((v) => `/embed/${v}`),
    fc.constantFrom('/', '/embed', '/embed/', '/embed/view', '/EMBED/ports', '/embed/..', '/embed/%2e%2e', '/embed/../api/health', '/embed/%2e%2e/api/health', '/embed/ports/..', '/embed//ports', '/index.html', '/embed.html', '/static/ports.png', '/api/layers', '/oembed', '/embed/a%00', '/embed/%3Cimg%3E'),
    view.map((v) => `/embed/${v}%2f..`),
    hostileValue.map((v) => `/embed/${safeComponent(v)}`),
    hostileValue.map((v) => `/embed/${v}`),
  );
  const ownQuery = fc.oneof(
    fc.constant(''),
    fc.array(fc.tuple(fc.constantFrom('lang', 'theme', 'height', 'year', 'from', 'off', 'c', 'z', 'f', 'x', 'url', 'interactive', 'legend'), hostileValue, fc.boolean()), { maxLength: 3 }).map((l) => `?${l.map(([k, v, raw]) => `${k}=${raw ? v : safeComponent(v)}`).join('&')}`),
  );
  const own = fc.tuple(fc.constantFrom(d.origin, d.origin.toUpperCase(), `${d.origin}.`, `${d.origin}:80`), ownPath, ownQuery, fc.constantFrom('', '#x', '#"><script>alert(1)</script>')).map(([o, p, q, h]) => `${o}${p}${q}${h}`);
  return fc.oneof({ weight: 2, arbitrary: foreign }, { weight: 3, arbitrary: own }, { weight: 1, arbitrary: hostileValue });
}

/** Mutations of /static's file name: other extensions, cases and names. */
export function staticFiles(d: FuzzData): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...d.views, 'view'), fc.constantFrom(...d.layers), hostileValue.map(safeComponent), fc.constantFrom('..', '%2e%2e', 'VIEW', 'Ports', 'view.svg', '', '-', 'a'.repeat(300)));
  const ext = fc.constantFrom('svg', 'png', 'PNG', 'SVG', 'gif', 'jpg', 'webp', 'svgz', 'png.svg', 'svg%00', 'png%00.svg', 'svg/', 'png?', '', '.', 'svg;x', 'json', 'html');
  return fc.tuple(name, fc.constantFrom('.', '', '..', '%2e'), ext).map(([n, dot, x]) => `${n}${dot}${x}`);
}

// ---------------------------------------------------------------------------
// Writing a request out

function encode(value: string, enc: Encoding): string {
  const component = safeComponent;
  switch (enc) {
    case 'component':
      return component(value);
    case 'raw':
      return value;
    case 'double':
      return component(component(value));
    case 'plus':
      return component(value).replace(/%20/g, '+');
  }
}

/**
 * Writes a draft out as a request.
 *
 * @param x - the draft
 * @param mutated - whether it was mutated
 * @returns the request, printable (fast-check shows it when a run fails)
 * @example
 * toRequest(draft, false).target; // '/api/reach?from=wanzhou'
 */
export function toRequest(x: Draft, mutated: boolean): FuzzRequest {
  const path = `/${x.segments.join('/')}`;
  const parts = x.params.map((p) => `${p.name}=${encode(p.value, p.enc)}`);
  if (x.rawQuery) parts.push(x.rawQuery.replace(/^&/, ''));
  const query = parts.join('&');
  const req: FuzzRequest = { route: x.route, method: x.method, target: query ? `${path}?${query}` : path, headers: x.headers, mutated, ...(x.body === undefined ? {} : { body: x.body }) };
  // A method, not an arrow: a copy (`{ ...req, headers }`) prints itself.
  return Object.assign(req, {
    [fc.toStringMethod](this: FuzzRequest) {
      return describeRequest(this);
    },
  });
}

/** One line naming a request, for failure messages: method, target (clipped) and headers. */
export function describeRequest(r: FuzzRequest): string {
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const headers = r.headers.map(([k, v]) => ` [${k}: ${JSON.stringify(clip(v, 80))}]`).join('');
  const body = r.body === undefined ? '' : ` body=${JSON.stringify(clip(r.body, 60))}`;
  return `${r.method} ${JSON.stringify(clip(r.target, 300))}${headers}${body}`;
}

/**
 * Requests for a set of routes: valid ones, mostly mutated.
 *
 * @param d - the data's ids
 * @param routes - the routes to draw from (each equally likely)
 * @param maxMutations - the most mutations one request takes
 * @returns an arbitrary of requests
 * @example
 * fc.assert(fc.asyncProperty(requests(d, ['/api/health']), async (r) => { … }));
 */
export function requests(d: FuzzData, routes: readonly RouteTemplate[], maxMutations = 4): fc.Arbitrary<FuzzRequest> {
  const valid = validDrafts(d);
  const urls = oembedUrls(d);
  const files = staticFiles(d);
  // Route-specific mutations: /oembed's url and /static's file name are where those routes are attacked.
  const special: fc.Arbitrary<Mutation> = fc.oneof(
    urls.map((u): Mutation => (x) => (x.route === '/oembed' ? { ...x, params: [{ name: 'url', value: u, enc: 'component' }, ...x.params.filter((p) => p.name !== 'url')] } : x)),
    fc.tuple(urls, encoding).map(([u, enc]): Mutation => (x) => (x.route === '/oembed' ? { ...x, params: [{ name: 'url', value: u, enc }, ...x.params.filter((p) => p.name !== 'url')] } : x)),
    files.map((f): Mutation => (x) => (x.route === '/static/:file' ? { ...x, segments: ['static', f] } : x)),
  );
  const mutation = fc.oneof({ weight: 5, arbitrary: mutations(d) }, { weight: 1, arbitrary: special });
  return fc
    .tuple(fc.constantFrom(...routes).chain((r) => valid[r]), fc.array(mutation, { maxLength: maxMutations }))
    .map(([draft0, ms]) => toRequest(ms.reduce((x, m) => m(x), draft0), ms.length > 0));
}
