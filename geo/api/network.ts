/**
 * `GET /api/network`: the routable network of a year, with the one rule it does not list edge by edge.
 */
import { z } from 'zod';
import { BARRIER_RIVERS } from '../network/barrier.ts';
import { networkExport } from '../network/export.ts';
import { MODES, NetworkParamsInput } from '../network/params.ts';
import { modelParamsOf, NetworkQuery, scenarioOf } from './queries.ts';
import { analysisContract, LonLatSchema, MEDIA, scenarioEcho, ScenarioSchema } from './contract.ts';

const Edge = z.object({
  type: z.literal('Feature'),
  properties: z.object({ from: z.number().int(), to: z.number().int(), minutes: z.number(), km: z.number(), mode: z.enum(MODES), line: z.string().nullable(), oneway: z.boolean() }),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }).nullable(),
});
const Node = z.object({
  type: z.literal('Feature'),
  properties: z.object({ node: z.number().int(), kind: z.string(), side: z.number().int(), place: z.string().optional(), ref: z.string().optional() }),
  geometry: z.object({ type: z.literal('Point'), coordinates: LonLatSchema }),
});

/** The answer of `/api/network` (geo/network/export.ts says what each part is). */
export const NetworkResponse = z.object({
  type: z.literal('FeatureCollection'),
  year: z.number().int(),
  scenario: ScenarioSchema,
  params: NetworkParamsInput.required().meta({ description: 'The model’s parameters (geo/network/params.ts).' }),
  lines: z.array(z.object({ id: z.string(), mode: z.enum(MODES), speedKmh: z.number(), publishedKm: z.number().nullable(), drawnKm: z.number() })),
  access: z.object({ rule: z.string(), radiusKm: z.number(), barrier: z.array(z.string()) }).meta({ description: 'The rule of the local-road legs that are not listed.' }),
  features: z.array(z.union([Edge, Node])).meta({ description: 'Every edge the router uses (LineStrings, or null geometry for boarding and changing), then every node a trip can join it at (Points).' }),
});
export type NetworkResponse = z.output<typeof NetworkResponse>;

/** The network contract. */
export const network = analysisContract({
  path: '/api/network',
  query: NetworkQuery,
  response: NetworkResponse,
  type: MEDIA.geojson,
  answer: (analyses, q) => ({ ...networkExport(analyses.network(q.year, modelParamsOf(q), scenarioOf(q)), BARRIER_RIVERS), ...scenarioEcho(q) }),
});
