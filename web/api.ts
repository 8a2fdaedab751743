/**
 * The page's client of the atlas API: the URL of every route the page asks, typed by the queries
 * in geo/api/queries.ts, and `getJson`, which reads the API's `{ error: { code, message } }` into the
 * Error it throws. The responses are typed by the contracts in geo/api; their types are imported
 * alone (`import type`), so the page never bundles zod.
 */
import type { z } from 'zod';
import type { View } from '../geo/views.ts';
import type { CircleResponse } from '../geo/api/circle.ts';
import type { MatrixResponse } from '../geo/api/matrix.ts';
import type { PlanResponse } from '../geo/api/plan.ts';
import type { ReachBand, ReachResponse } from '../geo/api/reach.ts';
import type { RouteResponse } from '../geo/api/route.ts';
import type { ImpactResponse } from '../geo/api/impact.ts';
import type { CircleQuery, ImpactQuery, LayerQuery, MatrixQuery, PlanQuery, ReachQuery, RouteQuery } from '../geo/api/queries.ts';

/** A query as the page writes it: the parsed values of schema `S`, the keys `K` required, the rest optional. */
type Params<S extends z.ZodType, K extends keyof z.output<S> = never> = Partial<z.output<S>> & Pick<z.output<S>, K>;

/** An error the API answered with (or a failed request's status), with the API's message. */
export class ApiError extends Error {
  /**
   * @param status - the HTTP status
   * @param message - the API's message, or the request and its status when it gave none
   * @param code - the API's error code, when it gave one
   */
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A route's JSON.
 *
 * @param url - the route, from one of the builders here
 * @returns the parsed body, typed as the caller says
 * @throws ApiError - when the API answers with an error (its message), TypeError when the request fails
 * @example
 * const plan = await getJson<PlanResponse>(planUrl({ year: 2027 }));
 */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.message ?? `GET ${url}: ${res.status}`, body?.error?.code);
  }
  return (await res.json()) as T;
}

// Commas and semicolons separate a parameter's values; they stay readable in the URL.
const encode = (v: unknown): string => encodeURIComponent(String(v)).replace(/%2C/g, ',').replace(/%3B/g, ';');

/** A path with the parameters that are given, in the order given; a list's values are comma-separated. */
function withQuery(path: string, params: object = {}): string {
  const parts = Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${Array.isArray(v) ? v.map(encode).join(',') : encode(v)}`]));
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/**
 * `/api/reach`: the bands around an origin.
 *
 * @param q - the origin (a place or feature id, or `lon,lat`), the band limits and the year
 * @returns the URL
 * @example
 * reachUrl({ from: 'wanzhou', minutes: [30, 60], year: 2027 }); // '/api/reach?from=wanzhou&minutes=30,60&year=2027'
 */
export const reachUrl = (q: Params<typeof ReachQuery, 'from'>): string => withQuery('/api/reach', q);

/**
 * `/api/matrix`: minutes between every pair of places. Ids are separated by commas, and a coordinate
 * (which has a comma of its own) from its neighbours by semicolons.
 *
 * @param q - the places (ids or `lon,lat`) and the year
 * @returns the URL
 * @example
 * matrixUrl({ places: ['wanzhou', 'dazhou'], year: 2027 }); // '/api/matrix?places=wanzhou,dazhou&year=2027'
 */
export function matrixUrl(q: Params<typeof MatrixQuery>): string {
  const { places, ...rest } = q;
  const joined = places?.map((p, i) => (i === 0 ? '' : p.includes(',') || places[i - 1].includes(',') ? ';' : ',') + p).join('');
  return withQuery('/api/matrix', { places: joined, ...rest });
}

/**
 * `/api/route`: the fastest trip between two ends, leg by leg.
 *
 * @param q - the two ends (place or feature ids, or `lon,lat`) and the year
 * @returns the URL
 * @example
 * routeUrl({ from: 'wanzhou', to: 'dazhou', year: 2027 }); // '/api/route?from=wanzhou&to=dazhou&year=2027'
 */
export const routeUrl = (q: Params<typeof RouteQuery, 'from' | 'to'>): string => withQuery('/api/route', q);

/**
 * The fastest trip between two ends.
 *
 * @param q - as {@link routeUrl}
 * @returns its legs as GeoJSON
 * @example
 * const route = await fetchRoute({ from: 'wanzhou', to: 'dazhou', year: 2027 });
 */
export const fetchRoute = (q: Params<typeof RouteQuery, 'from' | 'to'>): Promise<RouteResponse> => getJson(routeUrl(q));

/**
 * `/api/circle`: the one-hour circle of a year, and with `compare` each figure in both years.
 *
 * @param q - the year, the year to compare with, and the threshold
 * @returns the URL
 * @example
 * circleUrl({ year: 2027, compare: 2023 }); // '/api/circle?year=2027&compare=2023'
 */
export const circleUrl = (q: Params<typeof CircleQuery>): string => withQuery('/api/circle', q);

/**
 * `/api/plan`: the plan's targets beside the modelled network.
 *
 * @param q - the year
 * @returns the URL
 * @example
 * planUrl({ year: 2027 }); // '/api/plan?year=2027'
 */
export const planUrl = (q: Params<typeof PlanQuery>): string => withQuery('/api/plan', q);

/**
 * `/api/impact`: the plan's projects ranked by what each adds to the one-hour circle.
 *
 * @param q - the year and the threshold
 * @returns the URL
 * @example
 * impactUrl({ year: 2027 }); // '/api/impact?year=2027'
 */
export const impactUrl = (q: Params<typeof ImpactQuery>): string => withQuery('/api/impact', q);
/** {@link impactUrl}'s answer. @param q - as there @returns the ranking @example const r = await fetchImpact({ year: 2027 }); */
export const fetchImpact = (q: Params<typeof ImpactQuery>): Promise<ImpactResponse> => getJson(impactUrl(q));

/**
 * `/api/layers`: the catalogue.
 *
 * @returns the URL
 * @example
 * const { layers } = await getJson<{ layers: CatalogEntry[] }>(layersUrl());
 */
export const layersUrl = (): string => '/api/layers';

/**
 * `/api/layers/:id`: a layer as GeoJSON, filtered.
 *
 * @param id - the layer
 * @param q - the filters (bbox, status, year, q, limit)
 * @returns the URL
 * @example
 * layerUrl('synthetic', { q: '合成点', limit: 300 }); // '/api/layers/synthetic?q=%E5%90%88%E6%88%90%E7%82%B9&limit=300'
 */
export const layerUrl = (id: string, q?: Params<typeof LayerQuery>): string => withQuery(`/api/layers/${encodeURIComponent(id)}`, q);

/**
 * `/api/layers/:layer/features/:id`: one feature, whole.
 *
 * @param layer - its layer
 * @param id - its id
 * @returns the URL
 * @example
 * featureUrl('synthetic', 'p12'); // '/api/layers/synthetic/features/p12'
 */
export const featureUrl = (layer: string, id: string): string => `/api/layers/${encodeURIComponent(layer)}/features/${encodeURIComponent(id)}`;

/**
 * `/api/views/:id`: a named view.
 *
 * @param id - the view's id
 * @returns the URL
 * @example
 * viewUrl('one-hour-circle-2027'); // '/api/views/one-hour-circle-2027'
 */
export const viewUrl = (id: string): string => `/api/views/${encodeURIComponent(id)}`;

/**
 * The reach bands around an origin.
 *
 * @param q - as {@link reachUrl}
 * @returns the answer, its bands outermost first
 * @example
 * const reach = await fetchReach({ from: 'wanzhou', minutes: [30, 60, 90], year: 2027 });
 */
export const fetchReach = (q: Params<typeof ReachQuery, 'from'>): Promise<ReachResponse> => getJson(reachUrl(q));

/**
 * The minutes between places.
 *
 * @param q - as {@link matrixUrl}
 * @returns the answer
 * @example
 * const matrix = await fetchMatrix({ places: [...FOUR_PLACE_IDS], year: 2027 });
 */
export const fetchMatrix = (q: Params<typeof MatrixQuery>): Promise<MatrixResponse> => getJson(matrixUrl(q));

/**
 * The one-hour circle, compared with another year.
 *
 * @param q - as {@link circleUrl}
 * @returns the answer
 * @example
 * const circle = await fetchCircle({ year: 2027, compare: 2023 });
 */
export const fetchCircle = (q: Params<typeof CircleQuery>): Promise<CircleResponse> => getJson(circleUrl(q));

/**
 * The plan's figures.
 *
 * @param q - as {@link planUrl}
 * @returns the answer
 * @example
 * const plan = await fetchPlan({ year: 2027 });
 */
export const fetchPlan = (q: Params<typeof PlanQuery>): Promise<PlanResponse> => getJson(planUrl(q));

/**
 * A named view.
 *
 * @param id - the view's id
 * @returns the view
 * @example
 * const view = await fetchView('ports');
 */
export const fetchView = (id: string): Promise<View> => getJson(viewUrl(id));

/**
 * The bands of a reach answer as a reader lists them: the nearest first. This is geo/api/reach.ts
 * `nearestFirst`, which the page cannot import: its module builds the zod schemas, and importing
 * anything of it would bundle zod into the page.
 *
 * @param r - a reach answer (its bands outermost first, as the contract says)
 * @returns its bands, innermost first
 * @example
 * nearestFirst(reach).map((b) => b.properties.minutes); // [30, 60, 90]
 */
export const nearestFirst = (r: ReachResponse): ReachBand[] => [...r.features].reverse();
