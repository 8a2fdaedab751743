/**
 * `GET /api/circle`: the one-hour circle of the four places in a year, and what changes against another.
 */
import { z } from 'zod';
import { AnalysisInputError } from '../reach/analyses.ts';
import { compareCircles } from '../reach/circle.ts';
import { CircleQuery, modelParamsOf, scenarioOf } from './queries.ts';
import { analysisContract, MEDIA, scenarioEcho, ScenarioSchema } from './contract.ts';

const Pair = z.object({ from: z.string(), to: z.string(), minutes: z.number().nullable().meta({ description: 'The slower direction.' }), within: z.boolean() });

/** The answer of `/api/circle`. */
export const CircleResponse = z.object({
  year: z.number().int(),
  scenario: ScenarioSchema.meta({ description: 'With `with` or `without`: the lines added to and removed from the network of `year` (the `compare` year is its own network).' }),
  minutes: z.number().meta({ description: 'The threshold.' }),
  pairs: z.array(Pair),
  worst: Pair.nullable(),
  all_within: z.boolean(),
  districts: z.array(z.object({ id: z.string(), name_zh: z.string(), name_en: z.string(), share: z.number().meta({ description: 'Share (0–1) of the place’s area within the threshold of the other seats.' }) })),
  compare: z
    .object({
      years: z.tuple([z.number().int(), z.number().int()]).meta({ description: 'The two years, the earlier first, whichever was asked first.' }),
      pairs: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          minutes: z.record(z.string(), z.number().nullable()).meta({ description: 'The pair’s minutes in each year, keyed by the year.' }),
          saved: z.number().nullable().meta({ description: 'Minutes faster in the later year; negative when slower.' }),
          now_within: z.boolean().meta({ description: 'Within the threshold in the later year only.' }),
        }),
      ),
      districts: z.array(z.object({ id: z.string(), share: z.record(z.string(), z.number()).meta({ description: 'The area share in each year, keyed by the year.' }) })),
    })
    .optional()
    .meta({ description: 'With `compare`: each figure in both years, keyed by its year.' }),
});
export type CircleResponse = z.output<typeof CircleResponse>;

/** The circle contract. */
export const circle = analysisContract({
  path: '/api/circle',
  query: CircleQuery,
  response: CircleResponse,
  type: MEDIA.json,
  answer: (analyses, q) => {
    const own = { ...analyses.circle(q.year, q.minutes, modelParamsOf(q), scenarioOf(q)), ...scenarioEcho(q) };
    if (q.compare === undefined) return own;
    // The figures are keyed by year: a scenario against its own year would put two answers under one key.
    if (q.compare === q.year && own.scenario) throw new AnalysisInputError('compare', `the scenario applies to year ${q.year} only; compare it with another year`);
    const other = analyses.circle(q.compare, q.minutes, modelParamsOf(q));
    return { ...own, compare: compareCircles({ year: q.year, circle: own }, { year: q.compare, circle: other }) };
  },
});
