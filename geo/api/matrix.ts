/**
 * `GET /api/matrix`: minutes between every pair of places, with the route behind each.
 */
import { z } from 'zod';
import { MODES } from '../network/params.ts';
import { MatrixQuery, modelParamsOf, scenarioOf } from './queries.ts';
import { analysisContract, LonLatSchema, MEDIA, scenarioEcho, ScenarioSchema } from './contract.ts';

/** A route: its legs, each of one mode on one line, and the lines and modes it uses in order. */
export const RouteSchema = z.object({
  minutes: z.number(),
  km: z.number(),
  legs: z.array(z.object({ mode: z.enum(MODES), line: z.string().nullable(), km: z.number(), minutes: z.number() })),
  lines: z.array(z.string()),
  modes: z.array(z.enum(MODES)),
});

/** The answer of `/api/matrix`. */
export const MatrixResponse = z.object({
  year: z.number().int(),
  scenario: ScenarioSchema,
  places: z.array(z.object({ id: z.string().nullable(), coordinates: LonLatSchema })),
  minutes: z.array(z.array(z.number().nullable())).meta({ description: 'minutes[i][j]: from places[i] to places[j], to 0.1 min; null when unreachable.' }),
  routes: z.array(z.array(RouteSchema.nullable())).meta({ description: 'routes[i][j]: how; null on the diagonal and when unreachable.' }),
});
export type MatrixResponse = z.output<typeof MatrixResponse>;

/** The matrix contract. */
export const matrix = analysisContract({
  path: '/api/matrix',
  query: MatrixQuery,
  response: MatrixResponse,
  type: MEDIA.json,
  answer: (analyses, q) => {
    const m = analyses.matrix(q.places, q.year, modelParamsOf(q), scenarioOf(q));
    return { year: m.year, ...scenarioEcho(q), places: m.places.map((p) => ({ id: p.id, coordinates: p.lonLat })), minutes: m.minutes, routes: m.routes };
  },
});
