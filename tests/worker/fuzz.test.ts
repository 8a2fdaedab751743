/**
 * The worker under fuzz: thousands of generated and mutated requests at every
 * route (tests/support/fuzz-requests.ts makes them), against the fixture app, the
 * app over the real data, and the deployed worker, each answer held to the API's promises:
 * no 5xx, every 4xx the JSON error shape, no stack trace, no injected markup left
 * unescaped in a page, nosniff everywhere, and an answer within ten seconds.
 *
 * Seeded and bounded: SEED (in every test's name) replays a run. To replay one
 * failure, put the `seed` and `path` fast-check prints into REPLAY below.
 */
import { env, exports } from 'cloudflare:workers';
import data from '@atlas/data';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type AtlasCollection } from '../../geo/bundle.ts';
import type { LayerId } from '../../geo/layers.ts';
import { createApp } from '../../worker/app.ts';
import { rasterise } from '../../worker/render/png.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { HOSTILE_VIEW } from '../fixtures/views.ts';
import { ANALYSIS_ROUTES, describeRequest, fuzzData, PAGE_ROUTES, PAYLOAD_MARKERS, requests, ROUTE_TEMPLATES, type FuzzRequest, type RouteTemplate } from '../support/fuzz-requests.ts';

/** The seed of every property; change it to explore, keep it to replay. */
const SEED = 20260714;
/** `{ seed, path }` from a failure report, to replay just that run. */
const REPLAY: { seed: number; path: string } | null = null;
/** Every answer must arrive within this: a hang fails, a slow machine does not (the largest PNG takes 1.5 s alone, 3–5 s on a shared machine). */
const TIME_LIMIT_MS = 10_000;
/**
 * `/api/impact` ranks every project cold (two networks and four reach fields each): `year=2020&minutes=240`
 * takes about 4 s alone and reached 9.3 s in CI's lone-copy run on a shared machine, so it gets twice the room.
 */
const timeLimit = (route: string): number => (route === '/api/impact' ? 2 * TIME_LIMIT_MS : TIME_LIMIT_MS);
const ORIGIN = 'http://atlas.test';

type Target = (request: Request) => Promise<Response>;

/**
 * The fixture with the other three seats and their districts beside 万州 and 开州, so that the
 * analyses that need all four (`/api/circle`, `/api/matrix`'s default, the views' reach) answer too.
 * Each is a copy of 万州's seat or district, moved; the adcodes are those geo/reach/analyses.ts names.
 */
function withFourSeats(layers: Record<LayerId, AtlasCollection>): Record<LayerId, AtlasCollection> {
  const [district] = layers.districts.features;
  const [seat] = layers.places.features;
  const square = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]] as [number, number][]] });
  const extra: { id: string; adcode: number; name: string; box: number[] | null; at: [number, number] }[] = [
    { id: 'dazhou', adcode: 511700, name: '达州市', box: [107.2, 30.5, 108.0, 31.5], at: [107.5, 31.2] },
    { id: 'yunyang', adcode: 500235, name: '云阳县', box: [108.8, 30.5, 109.6, 31.5], at: [109.2, 30.93] },
    { id: 'kaizhou', adcode: 500154, name: '开州区', box: null, at: [108.39, 31.16] },
  ];
  for (const x of extra) {
    if (x.box) {
      const [w, s, e, n] = x.box;
      layers.districts.features.push({ ...structuredClone(district), properties: { ...structuredClone(district.properties), id: `${x.id}-district`, name_zh: x.name, name_en: x.id, adcode: x.adcode, adcodes: [x.adcode] } as never, geometry: square(w, s, e, n) });
    }
    layers.places.features.push({ ...structuredClone(seat), properties: { ...structuredClone(seat.properties), id: x.id, name_zh: x.name, name_en: x.id, adcodes: [x.adcode] } as never, geometry: { type: 'Point', coordinates: x.at } });
  }
  return layers;
}

const fixtureBundle = buildBundle(withFourSeats(fixtureLayers()), '', [HOSTILE_VIEW, ...data.views]);
const fixtureApp = createApp({ data: fixtureBundle });
// The fixture app gets the worker's bindings, so that its pages are served from the built files.
const fixture: Target = async (request) => fixtureApp.request(request, undefined, env);
// The real data and pictures, as worker/index.ts builds its app, called in this isolate.
const realApp = createApp({ data, rasterise });
const real: Target = async (request) => realApp.request(request, undefined, env);
// The worker itself, as wrangler.toml deploys it. Every call through this loopback gets slower with the
// number made in the file (cloudflare/workers-sdk#15446: ~13 ms at first, ~200 ms after 1,500, then
// "Maximum call stack size exceeded"), so it gets a small share; the bulk goes to `real` above.
const deployed = (exports as unknown as { default: { fetch(request: Request): Promise<Response> } }).default;
const worker: Target = (request) => deployed.fetch(request);

const fixtureData = fuzzData(fixtureBundle, ORIGIN);
const realData = fuzzData(data, ORIGIN);

/** What the runs met, printed at the end. */
const stats = { requests: 0, mutated: 0, slowest: { ms: 0, request: '' }, statuses: new Map<number, number>(), routes: new Map<string, number>() };

const STACK_TRACE = [/\bat (?:async )?\S+ \(\S*:\d+:\d+\)/, /\bat \S+\.(?:ts|js|mjs):\d+/, /Error:[^\n]*\n\s+at /, /wasm:\/\/wasm/];

/**
 * Sends one request and holds the answer to every promise; throws naming the request and what was wrong.
 *
 * @param target - the fixture app, the real-data app or the deployed worker
 * @param r - the request
 * @param record - whether it counts in the printed totals (the checks' own tests do not)
 */
async function check(target: Target, r: FuzzRequest, record = true): Promise<void> {
  const request = new Request(`${ORIGIN}${r.target}`, { method: r.method, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) });
  const started = Date.now();
  const res = await target(request);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const ms = Date.now() - started;

  if (record) {
    stats.requests++;
    if (r.mutated) stats.mutated++;
    stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
    stats.routes.set(r.route, (stats.routes.get(r.route) ?? 0) + 1);
    if (ms > stats.slowest.ms) stats.slowest = { ms, request: describeRequest(r) };
  }

  const type = res.headers.get('Content-Type') ?? '';
  const binary = /^image\/png/.test(type);
  const text = binary ? '' : new TextDecoder().decode(bytes);
  const problems: string[] = [];
  const isJson = /^application\/(?:geo\+)?json\b/.test(type);

  if (ms > timeLimit(r.route)) problems.push(`took ${ms} ms (limit ${timeLimit(r.route)})`);
  if (res.status >= 500) problems.push(`status ${res.status}`);
  if (res.headers.get('X-Content-Type-Options') !== 'nosniff') problems.push(`X-Content-Type-Options is ${JSON.stringify(res.headers.get('X-Content-Type-Options'))}`);
  if (r.method === 'HEAD' && bytes.length > 0) problems.push(`a HEAD answer with a ${bytes.length}-byte body`);
  // An embed that cannot be shown answers a page a news site can frame (in the page's language, with a link
  // to the atlas), never JSON: it must still be HTML that echoes nothing unescaped.
  const embedPage = r.route.startsWith('/embed') && /^text\/html\b/.test(type);
  if (res.status >= 400 && res.status < 500 && embedPage) {
    for (const m of PAYLOAD_MARKERS) if (text.includes(m)) problems.push(`a ${res.status} embed page that holds unescaped ${JSON.stringify(m)}`);
  } else if (res.status >= 400 && res.status < 500) {
    if (!/^application\/json\b/.test(type)) problems.push(`a ${res.status} with Content-Type ${JSON.stringify(type)}`);
    // A HEAD answer has no body to hold to the shape; its Content-Type still says JSON.
    if (r.method !== 'HEAD') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`a ${res.status} whose body is not JSON`);
      }
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      if (body !== undefined && (typeof error?.code !== 'string' || typeof error.message !== 'string')) problems.push(`a ${res.status} without { error: { code, message } }`);
    }
  } else if (isJson && r.method !== 'HEAD' && res.status !== 304 && bytes.length > 0) {
    try {
      const body = JSON.parse(text) as { html?: unknown };
      // oEmbed's html is markup a consumer pastes into its page: it must frame this atlas and nothing else.
      if (r.route === '/oembed' && res.status === 200) {
        const html = String(body.html);
        if (!html.startsWith(`<iframe data-atlas-frame src="${ORIGIN}/embed`)) problems.push(`oEmbed html frames something else: ${html.slice(0, 120)}`);
        for (const m of PAYLOAD_MARKERS) if (html.includes(m)) problems.push(`oEmbed html holds unescaped ${JSON.stringify(m)}`);
      }
    } catch {
      problems.push(`a ${res.status} ${type} body that is not JSON`);
    }
  }
  // A redirect stays on this atlas: no open redirect through a crafted path or query.
  const location = res.headers.get('Location');
  if (res.status >= 300 && res.status < 400 && location !== null && !(/^\/(?![/\\])/.test(location) || location.startsWith(`${ORIGIN}/`))) problems.push(`a redirect to ${JSON.stringify(location)}`);
  for (const pattern of STACK_TRACE) if (pattern.test(text)) problems.push(`a stack trace in the body (${pattern})`);
  for (const m of PAYLOAD_MARKERS) {
    if (!text.includes(m)) continue;
    // Echoed markup is harmless in JSON served as JSON (with nosniff); anywhere else it is markup.
    if (/html|svg|xml/.test(type)) problems.push(`${type} holds unescaped ${JSON.stringify(m)}`);
    else if (!isJson) problems.push(`a ${JSON.stringify(type)} body holds ${JSON.stringify(m)}`);
  }
  if (problems.length) {
    throw new Error(`${describeRequest(r)}\n  → ${res.status} ${type} in ${ms} ms: ${problems.join('; ')}\n  body: ${text.slice(0, 400)}`);
  }
}

/**
 * Runs one property: requests for some routes, each checked.
 *
 * @param target - where to send them
 * @param arb - the requests
 * @param numRuns - how many
 */
async function fuzz(target: Target, arb: fc.Arbitrary<FuzzRequest>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, (r) => check(target, r)),
    { seed: REPLAY?.seed ?? SEED, ...(REPLAY ? { path: REPLAY.path, endOnFailure: true } : {}), numRuns },
  );
}

const except = (...out: (readonly RouteTemplate[])[]) => ROUTE_TEMPLATES.filter((t) => !out.some((o) => o.includes(t)));
const READS = except(ANALYSIS_ROUTES, PAGE_ROUTES, ['/oembed', '/static/:file']);

/** A picture request for the other format: PNGs take seconds to draw, so they get their own, smaller share. */
const asFormat = (ext: 'svg' | 'png') => (r: FuzzRequest): FuzzRequest => ({ ...r, target: r.target.replace(/^(\/static\/[^?]*?\.)(svg|png)/i, `$1${ext}`) });

const runStarted = Date.now();
beforeAll(async () => {
  // The first answers (the built page, the first network, resvg's start) take seconds once; not what is timed here.
  for (const target of [real, worker]) for (const path of ['/', '/api/plan', '/static/ports.png?width=600&height=400']) await (await target(new Request(`${ORIGIN}${path}`))).arrayBuffer();
}, 60_000);

afterAll(() => {
  const statuses = [...stats.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(
    `fuzz (seed ${SEED}): ${stats.requests} requests (${stats.mutated} mutated) in ${((Date.now() - runStarted) / 1000).toFixed(1)} s; statuses ${statuses}; ` +
      `slowest ${stats.slowest.ms} ms: ${stats.slowest.request.slice(0, 160)}; per route ${[...stats.routes].map(([k, n]) => `${k} ${n}`).join(', ')}`,
  );
});

describe('the checks themselves', () => {
  // Each answer breaks one promise; the check must say which (a fuzz that cannot fail proves nothing).
  const json = { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' };
  const html = { 'Content-Type': 'text/html; charset=UTF-8', 'X-Content-Type-Options': 'nosniff' };
  const error = JSON.stringify({ error: { code: 'not_found', message: 'x' } });
  const r = (route: RouteTemplate, target: string): FuzzRequest => ({ route, method: 'GET', target, headers: [], mutated: false });
  it.each([
    ['a 5xx', new Response(error, { status: 500, headers: json }), /status 500/],
    ['a 404 page', new Response('<h1>Not found</h1>', { status: 404, headers: html }), /a 404 with Content-Type "text\/html/],
    ['a 4xx without the error shape', new Response('{"message":"x"}', { status: 400, headers: json }), /without \{ error: \{ code, message \} \}/],
    ['no nosniff', new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }), /X-Content-Type-Options is null/],
    ['a stack trace', new Response(JSON.stringify({ error: { code: 'internal', message: 'TypeError: x\n    at parse (worker/query.ts:12:3)' } }), { status: 400, headers: json }), /a stack trace/],
    ['echoed markup in a page', new Response('<title><img src=x onerror=alert(1)></title>', { status: 200, headers: html }), /unescaped "<img src=x"/],
    ['echoed markup as text', new Response('no <script>alert(1)</script>', { status: 200, headers: { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff' } }), /body holds "<script>alert"/],
  ])('catch %s', async (_, res, message) => {
    await expect(check(async () => res, r('/api/health', '/api/health'), false)).rejects.toThrow(message);
  });
  it('catch an oEmbed that frames another site', async () => {
    const res = new Response(JSON.stringify({ html: '<iframe src="https://evil.example/"></iframe>' }), { status: 200, headers: json });
    await expect(check(async () => res, r('/oembed', '/oembed?url=x'), false)).rejects.toThrow(/frames something else/);
  });
  it('pass a well-formed answer', async () => {
    await check(async () => new Response(error, { status: 404, headers: json }), r('/api/health', '/nowhere'), false);
  });
});

describe(`the worker under fuzz (fast-check, seed ${SEED})`, () => {
  describe('the fixture app', () => {
    it(`reads: the catalogue, layers, features, views, config, health, docs (seed ${SEED}, 1000 runs)`, () => fuzz(fixture, requests(fixtureData, READS), 1000), 120_000);
    it(`analyses: network, reach, matrix, circle, plan (seed ${SEED}, 700 runs)`, () => fuzz(fixture, requests(fixtureData, ANALYSIS_ROUTES), 700), 120_000);
    it(`pages, oEmbed and pictures (seed ${SEED}, 900 runs)`, () => fuzz(fixture, requests(fixtureData, [...PAGE_ROUTES, '/oembed', '/static/:file']), 900), 120_000);
    it(`any route, mutated harder (seed ${SEED}, 600 runs)`, () => fuzz(fixture, requests(fixtureData, ROUTE_TEMPLATES, 8), 600), 120_000);
  });

  describe('the real data, as worker/index.ts serves it', () => {
    it(`every route but the analyses and pictures (seed ${SEED}, 400 runs)`, () => fuzz(real, requests(realData, except(ANALYSIS_ROUTES, ['/static/:file'])), 400), 120_000);
    it(`analyses (seed ${SEED}, 150 runs)`, () => fuzz(real, requests(realData, ANALYSIS_ROUTES), 150), 120_000);
    it(`SVG pictures (seed ${SEED}, 100 runs)`, () => fuzz(real, requests(realData, ['/static/:file']).map(asFormat('svg')), 100), 120_000);
    it(`PNG pictures (seed ${SEED}, 20 runs)`, () => fuzz(real, requests(realData, ['/static/:file']).map(asFormat('png')), 20), 120_000);
  });

  describe('the deployed worker (wrangler.toml, through its loopback)', () => {
    it(`every route, pictures as SVG (seed ${SEED}, 150 runs)`, () => fuzz(worker, requests(realData, ROUTE_TEMPLATES).map(asFormat('svg')), 150), 120_000);
  });
});
