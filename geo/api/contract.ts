/**
 * What an analysis route is, as one object the worker serves and the page reads: its path, its query
 * (geo/api/queries.ts), its response as a zod schema (the API description shows it, a test checks real
 * answers against it, and its type is what the page gets), and the function that makes the answer.
 */
import { z } from 'zod';
import type { Analyses } from '../reach/analyses.ts';

/** The media types the analyses answer in. */
export const MEDIA = { json: 'application/json', geojson: 'application/geo+json' } as const;

/** The scenario an answer is of, echoed when one was asked. */
export const ScenarioSchema = z
  .object({ with: z.array(z.string()), without: z.array(z.string()) })
  .optional()
  .meta({ description: 'With `with` or `without`: the lines added to and removed from the year’s network.' });

/**
 * The scenario of a parsed query, to spread into an answer: nothing when none was asked.
 *
 * @param q - a parsed analysis query
 * @returns `{ scenario }` or `{}`
 * @example
 * ({ year: 2027, ...scenarioEcho(q) });
 */
export const scenarioEcho = (q: { with?: string[]; without?: string[] }) => (q.with || q.without ? { scenario: { with: q.with ?? [], without: q.without ?? [] } } : {});

/** A position in a response: `[lon, lat]`. */
export const LonLatSchema = z.tuple([z.number(), z.number()]);

/**
 * One analysis: the route serves `answer(analyses, query)` as JSON of `type`.
 *
 * @typeParam Q - the query schema
 * @typeParam R - the response schema
 * @typeParam P - the route, as its literal (the worker derives its list of routes from it)
 */
export interface AnalysisContract<Q extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType, P extends `/api/${string}` = `/api/${string}`> {
  /** The route, `/api/…`. */
  path: P;
  query: Q;
  response: R;
  type: (typeof MEDIA)[keyof typeof MEDIA];
  /** Makes the answer of a valid query; throws AnalysisInputError for what the model cannot answer (an unknown place). */
  answer(analyses: Analyses, query: z.output<Q>): z.output<R>;
}

/**
 * Declares a contract with its types inferred.
 *
 * @param contract - the contract
 * @returns the same object
 * @example
 * export const plan = analysisContract({ path: '/api/plan', query: PlanQuery, response: PlanResponse, type: MEDIA.json, answer: (a, q) => a.plan(q.year) });
 */
export const analysisContract = <Q extends z.ZodObject, R extends z.ZodType, P extends `/api/${string}`>(contract: AnalysisContract<Q, R, P>): AnalysisContract<Q, R, P> => contract;
