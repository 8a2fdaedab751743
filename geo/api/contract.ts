/**
 * What an analysis route is, as one object the worker serves and the page reads: its path, its query
 * (geo/api/queries.ts), its response as a zod schema (the API description shows it, a test checks real
 * answers against it, and its type is what the page gets), and the function that makes the answer.
 */
import { z } from 'zod';
import type { Analyses } from '../reach/analyses.ts';

/** The media types the analyses answer in. */
export const MEDIA = { json: 'application/json', geojson: 'application/geo+json' } as const;

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
