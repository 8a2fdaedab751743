/**
 * The reach analyses over HTTP: `/api/network`, `/api/reach`, `/api/route`, `/api/matrix`,
 * `/api/circle`, `/api/impact` and `/api/plan`. Each is a contract of geo/api (its query, response schema and answer); this file
 * describes each for the API reference, validates, caches and serialises.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { circle } from '../../geo/api/circle.ts';
import type { AnalysisContract } from '../../geo/api/contract.ts';
import { impact } from '../../geo/api/impact.ts';
import { matrix } from '../../geo/api/matrix.ts';
import { network } from '../../geo/api/network.ts';
import { plan } from '../../geo/api/plan.ts';
import { reach } from '../../geo/api/reach.ts';
import { route } from '../../geo/api/route.ts';
import { fnv1a64 } from '../../geo/hash.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { AnalysisInputError } from '../../geo/reach/analyses.ts';
import { ApiError } from '../errors.ts';
import { cachedJson } from '../http/etag.ts';
import { operation, type Operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';
import type { SourceBindings } from '../sources/choose.ts';
import type { ServedDataOf } from '../sources/served.ts';

/** An analysis's operation: its contract gives the path, query and response; the rest is said here. */
type AnalysisDoc = Pick<Operation, 'summary' | 'description' | 'examples'> & { ok: string };

/** An analysis route's operation, with the contract it serves. */
const analysisOperation = <Q extends z.ZodObject, R extends z.ZodType, P extends `/api/${string}`>(contract: AnalysisContract<Q, R, P>, doc: AnalysisDoc) => ({
  ...operation({
    path: contract.path,
    tag: 'analyses',
    summary: doc.summary,
    description: doc.description,
    query: contract.query,
    ok: { type: contract.type, description: doc.ok, schema: contract.response },
    errors: [304, 400],
    examples: doc.examples,
  }),
  contract: contract as AnalysisContract,
});

/** The analyses, in the reference's order. */
export const ANALYSIS_OPERATIONS = [
  analysisOperation(network, {
    summary: 'The travel network of a year', ok: 'The network as GeoJSON, with `year`, `params`, `lines` and `access`.',
    description:
      'Every edge the router uses (road, rail, access and transfer legs, with exact minutes and kilometres), every node a trip can join it at (`kind`, the `side` of the Yangtze, `place` or `ref`), the model parameters, each line’s speed, and in `access` the rule of the local-road legs that are not listed (those of the places and of a trip’s ends): with it, a plain Dijkstra gives `/api/matrix`’s minutes.',
    examples: [
      { request: '/api/network?year=2023', status: 200, summary: 'The 2023 network' },
      { request: '/api/network?year=1999', status: 400, summary: 'A year outside 2000–2050' },
    ],
  }),
  analysisOperation(reach, {
    summary: 'Isochrones from a place or a point', ok: 'One MultiPolygon feature a band, outermost first, with `minutes`, `area_km2` and `within`.',
    description: 'Nested bands of the area within each number of minutes, with what lies inside each band (hospitals, ports, stations …).',
    examples: [
      { request: '/api/reach?from=wanzhou&minutes=30,60,90', status: 200, summary: 'Reach of 万州 in 2027' },
      { request: '/api/reach?from=108.6,31.0&minutes=60&year=2023', status: 200, summary: 'Reach of a point in 2023' },
      { request: '/api/reach?from=wanzhou&minutes=999', status: 400, summary: 'A band beyond 240 minutes' },
    ],
  }),
  analysisOperation(route, {
    summary: 'The fastest route between two places', ok: 'One LineString feature a leg, in order, with `mode`, `line`, its names, `accuracy`, `km` and `minutes`; the trip’s `minutes`, `km` and `lines`.',
    description: 'The trip behind a matrix cell, drawn: rail, expressway, fast-road and local-road legs, each along its line’s drawn course (local-road legs straight, as they are timed).',
    examples: [
      { request: '/api/route?from=wanzhou&to=dazhou', status: 200, summary: '万州 to 达州 in 2027' },
      { request: '/api/route?from=kaizhou&to=108.9,30.95&year=2023', status: 200, summary: '开州 to a point in 2023' },
      { request: '/api/route?from=wanzhou', status: 400, summary: 'No destination' },
    ],
  }),
  analysisOperation(matrix, {
    summary: 'Travel-time matrix', ok: '`places`, `minutes` (rows by columns) and `routes`.',
    description: 'Minutes between every pair of places, with the route each takes (the lines used).',
    examples: [
      { request: '/api/matrix', status: 200, summary: 'The four places in 2027' },
      { request: '/api/matrix?places=wanzhou;108.41,30.81&year=2023', status: 200, summary: 'A seat and a point in 2023' },
      { request: '/api/matrix?places=wanzhou', status: 400, summary: 'Fewer than two places' },
    ],
  }),
  analysisOperation(circle, {
    summary: 'The one-hour circle', ok: 'The pairs within the threshold, and `compare` when asked: the two `years`, the earlier first whichever was asked first, each pair’s minutes keyed by year, `saved` (minutes faster in the later year; negative when slower) and `now_within`, and each place’s area share keyed by year.',
    description: 'Which pairs of the four places lie within the threshold of each other, and optionally what changes against another year.',
    examples: [
      { request: '/api/circle?year=2027&compare=2023', status: 200, summary: '2027 against 2023' },
      { request: '/api/circle?minutes=0', status: 400, summary: 'A threshold below one minute' },
    ],
  }),
  analysisOperation(impact, {
    summary: 'What each project adds to the one-hour circle', ok: 'The projects ranked by minutes saved on their own, each with its marginal value; the plan complete; the projects the model cannot add, with why; and `caveats` in both languages.',
    description:
      'Every rail line and road under construction, planned or proposed in the year, added on its own (as if complete) to that year’s network: minutes saved on each pair of the four seats (the slower direction), pairs that come within the threshold, and km² of the four places newly within the threshold of another seat. Then every usable project at once, and what the complete plan loses without each one. Any analysis takes `with=<id>` to draw a project’s scenario.',
    examples: [
      { request: '/api/impact?year=2027&minutes=60', status: 200, summary: 'The projects of 2027 against the one-hour circle' },
      { request: '/api/impact?with=kai-wan-liang-expressway', status: 400, summary: 'A scenario: the impact ranks scenarios, it takes none' },
    ],
  }),
  analysisOperation(plan, {
    summary: 'The plan’s figures in a year', ok: 'Each figure with its value, target and source.',
    description: 'Kilometres of expressway and railway and the other plan figures in that year, beside the plan’s 2027 targets.',
    examples: [{ request: '/api/plan?year=2027', status: 200, summary: 'The 2027 figures' }],
  }),
] as const;

/**
 * The analysis routes over the served data.
 *
 * @param servedDataOf - the data and analyses for a request's configuration (worker/sources/served.ts; shared with the static images)
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', analysisRoutes(servedSources(bundle, layerSources(bundle))));
 */
export function analysisRoutes(servedDataOf: ServedDataOf) {
  // Bodies by ETag, up to 8 million characters (16 MB of the isolate's 128 at most; a network is about 0.3 million).
  const bodies = new WeighedLru<string>(128, 8_000_000, (s) => s.length);
  const app = new Hono<{ Bindings: SourceBindings }>();

  /** Serves a contract's answer from cache by the normalised query, computing it on a miss; an input the model refuses is a 400. */
  const serveCached = async (c: Context<{ Bindings: SourceBindings }>, contract: AnalysisContract, q: Record<string, unknown>) => {
    const { data, analyses } = await servedDataOf(c.env);
    // The route's name and the query's given values in name order: the same ETag however the URL orders or spells them.
    const normalised = `${contract.path.slice('/api/'.length)}?${JSON.stringify(Object.entries(q).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))}`;
    const etag = `"${data.version}-${fnv1a64(normalised)}"`;
    const body = () => {
      try {
        return JSON.stringify(contract.answer(analyses, q));
      } catch (e) {
        if (e instanceof AnalysisInputError) throw new ApiError(400, 'invalid_parameter', `${e.param}: ${e.message}`);
        throw e;
      }
    };
    return cachedJson(c, etag, body, { contentType: `${contract.type}; charset=utf-8`, memo: bodies });
  };

  for (const { path, contract } of ANALYSIS_OPERATIONS) app.get(path, (c) => serveCached(c, contract, parseQuery(c, contract.query)));
  return app;
}
