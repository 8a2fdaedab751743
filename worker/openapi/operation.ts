/**
 * What the API description says of one route. Each route module declares its operations beside its
 * handlers and registers each handler at its operation's path, so that the path described is the
 * path served; worker/app.ts lists the modules' operations, and the route list and the description
 * are derived from that list.
 */
import type { z } from 'zod';
import { MEDIA } from '../../geo/api/contract.ts';

/** The media types the routes answer in, without parameters: the analyses' and the others'. */
export const MEDIA_TYPES = {
  ...MEDIA,
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  xml: 'text/xml',
  mvt: 'application/vnd.mapbox-vector-tile',
} as const;

/** What a successful response is: its status, media type, what it holds and, for JSON, its schema. */
export interface ResponseDoc {
  /** 200, or 301 for a redirect. */
  status?: 200 | 301;
  description: string;
  /** The media type without parameters; errors are `application/json` unless the operation's `errorPage` says otherwise. */
  type: string;
  /** The body's schema, for a JSON answer: the description shows it, and tests/worker/openapi.test.ts holds real answers to it. */
  schema?: z.ZodType;
}

/** The reference's sections, in order. */
export const TAGS = {
  layers: 'The GeoJSON layers: ports, railways, roads, airports, parks, hospitals, corridors and the base.',
  analyses: 'Reach analyses on the atlas’s own network, year by year: isochrones, travel-time matrices, the one-hour circle and the plan’s figures.',
  views: 'Named views, embeds, pictures and oEmbed: the atlas in other people’s pages.',
  service: 'Health, configuration and this description.',
} as const;
export type Tag = keyof typeof TAGS;

/**
 * One route (GET and HEAD).
 *
 * @typeParam P - its path, as a literal (the route list keeps each)
 * @typeParam Q - its query schema, so that a handler parsing `op.query` gets its type
 */
export interface Operation<P extends string = string, Q extends z.ZodObject = z.ZodObject> {
  /** The path in Hono's form, `/api/layers/:id`: the handler is registered at it. */
  path: P;
  /** The reference's section. */
  tag: Tag;
  summary: string;
  description?: string;
  /** The path parameters, each described by its schema's meta. */
  params?: z.ZodObject;
  /** The query: the route's own validating schema, each parameter described by its meta (geo/api/queries.ts). */
  query: Q;
  /** Whether unknown query parameters are ignored (pages, whose links collect tracking parameters) rather than refused. */
  lenientQuery?: boolean;
  /** The successful response. */
  ok: ResponseDoc;
  /** The error statuses the route can answer besides 405 and 413 (every route may). */
  errors: number[];
  /**
   * What the route's own `errors` are when they are not the API's JSON error: an embed answers a news
   * page's frame with a short HTML page. (405 and 413 stay JSON: the worker answers them before any route.)
   */
  errorPage?: { type: string; description: string };
  /** Requests and the status each gets, answered as described (tests/worker/openapi.test.ts); `{origin}` stands for the atlas's own origin, URL-encoded. */
  examples: { request: string; status: number; summary: string; /** When not `ok.type`. */ type?: string }[];
}

/**
 * Declares an operation, keeping its path's literal type and its query's.
 *
 * @param op - the operation
 * @returns the same object
 * @example
 * export const HEALTH = operation({ path: '/api/health', tag: 'service', summary: 'Health', query: NoQuery, ok, errors: [400], examples });
 */
export const operation = <P extends string, Q extends z.ZodObject>(op: Operation<P, Q>): Operation<P, Q> => op;

/**
 * The paths of some operations, each keeping its literal type.
 *
 * @param ops - the operations, as a tuple
 * @returns their paths, in order
 * @example
 * pathsOf([HEALTH, CONFIG] as const); // readonly ['/api/health', '/api/config']
 */
export const pathsOf = <T extends readonly Operation[]>(ops: T): { readonly [K in keyof T]: T[K]['path'] } => ops.map((op) => op.path) as { readonly [K in keyof T]: T[K]['path'] };
