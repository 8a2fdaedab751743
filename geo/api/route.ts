/**
 * `GET /api/route`: the fastest trip from one place to another, each leg with its course, as GeoJSON.
 */
import { z } from 'zod';
import { ACCURACIES } from '../layers.ts';
import { MODES } from '../network/params.ts';
import { modelParamsOf, RouteQuery, scenarioOf } from './queries.ts';
import { analysisContract, LonLatSchema, MEDIA, scenarioEcho, ScenarioSchema } from './contract.ts';

const tenth = (x: number) => Math.round(x * 10) / 10;

/** A trip end as answered. */
const End = z.object({ id: z.string().nullable().meta({ description: 'The place or feature id asked for; null for a position.' }), coordinates: LonLatSchema });

/** One leg: a stretch of one mode on one line. */
const LegFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    mode: z.enum(MODES),
    line: z.string().nullable().meta({ description: 'The rail line or road id; null for a local-road leg (drawn straight, as it is timed).' }),
    name_zh: z.string().optional(),
    name_en: z.string().optional(),
    accuracy: z.enum(ACCURACIES).optional().meta({ description: 'How exactly the line’s course is drawn (its layer’s accuracy): a schematic course is not the road’s own.' }),
    km: z.number(),
    minutes: z.number(),
  }),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(LonLatSchema) }),
});

/** The answer of `/api/route`. */
export const RouteResponse = z.object({
  type: z.literal('FeatureCollection'),
  year: z.number().int(),
  scenario: ScenarioSchema,
  from: End,
  to: End,
  minutes: z.number().nullable().meta({ description: 'The trip’s minutes, to 0.1; null when the network does not join the two.' }),
  km: z.number().nullable(),
  lines: z.array(z.string()).meta({ description: 'The rail lines and roads taken, in order.' }),
  features: z.array(LegFeature).meta({ description: 'The legs in order, from `from` to `to`.' }),
});
export type RouteResponse = z.output<typeof RouteResponse>;

/** The route contract. */
export const route = analysisContract({
  path: '/api/route',
  query: RouteQuery,
  response: RouteResponse,
  type: MEDIA.geojson,
  answer: (analyses, q) => {
    const { year, from, to, route: r } = analyses.route(q.from, q.to, q.year, modelParamsOf(q), scenarioOf(q));
    return {
      type: 'FeatureCollection' as const,
      year,
      ...scenarioEcho(q),
      from: { id: from.id, coordinates: from.lonLat },
      to: { id: to.id, coordinates: to.lonLat },
      minutes: r && tenth(r.minutes),
      km: r && tenth(r.km),
      lines: r?.lines ?? [],
      features: (r?.legs ?? []).map(({ coordinates, km, minutes, ...named }) => ({
        type: 'Feature' as const,
        properties: { ...named, km: tenth(km), minutes: tenth(minutes) },
        geometry: { type: 'LineString' as const, coordinates: coordinates.map(([lon, lat]) => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5] as [number, number]) },
      })),
    };
  },
});
