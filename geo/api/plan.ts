/**
 * `GET /api/plan`: the plan's 2027 network targets beside what the atlas models in a year.
 */
import { z } from 'zod';
import { PlanQuery } from './queries.ts';
import { analysisContract, MEDIA } from './contract.ts';

const Measures = z.object({ rail_km: z.number(), hsr_km: z.number(), expressway_km: z.number() });

/** The answer of `/api/plan`. */
export const PlanResponse = z.object({
  year: z.number().int(),
  target_year: z.number().int(),
  source: z.object({ title: z.string(), date: z.string() }),
  areas: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      modelled: Measures.meta({ description: 'Kilometres the atlas’s lines make in the year.' }),
      target: Measures.partial().meta({ description: 'The plan’s targets.' }),
      shortfall: Measures.partial().meta({ description: 'Target minus modelled, where the model is short.' }),
      quote: z.string(),
    }),
  ),
});
export type PlanResponse = z.output<typeof PlanResponse>;

/** The plan contract. */
export const plan = analysisContract({ path: '/api/plan', query: PlanQuery, response: PlanResponse, type: MEDIA.json, answer: (analyses, q) => analyses.plan(q.year) });
