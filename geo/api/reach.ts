/**
 * `GET /api/reach`: the isochrone bands around an origin, as GeoJSON, with what lies within reach.
 */
import { z } from 'zod';
import { LAYER_IDS } from '../catalog.ts';
import { modelParamsOf, ReachQuery, scenarioOf } from './queries.ts';
import { analysisContract, LonLatSchema, MEDIA, scenarioEcho, ScenarioSchema } from './contract.ts';

const LayerIdSchema = z.enum(LAYER_IDS as [string, ...string[]]);

/** A feature within reach, with the minutes to it. */
const Within = z.object({
  id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  minutes: z.number(),
  uncertainty_km: z.number().optional().meta({ description: 'Its position’s uncertainty, when more than the field resolves (1 km): its minutes are as uncertain.' }),
  at_seat: z.string().optional().meta({ description: 'The seat it is drawn at because its own position is not known: its minutes are the seat’s.' }),
});

/** One band: the area within its minutes (it contains the bands inside it). */
const BandFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    minutes: z.number().meta({ description: 'The band’s limit.' }),
    area_km2: z.number(),
    counts: z.partialRecord(LayerIdSchema, z.number().int()).meta({ description: 'Per layer, how many of `within` lie within the band’s minutes.' }),
  }),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
});

/** The answer of `/api/reach`. */
export const ReachResponse = z.object({
  type: z.literal('FeatureCollection'),
  origin: z.object({ id: z.string().nullable().meta({ description: 'The place or feature id asked for; null for a position.' }), coordinates: LonLatSchema }),
  year: z.number().int(),
  scenario: ScenarioSchema,
  features: z.array(BandFeature).meta({ description: 'One band a feature, outermost first: the order a map draws them in, the nearest on top.' }),
  within: z.partialRecord(LayerIdSchema, z.array(Within)).meta({ description: 'Per layer, what lies within the outermost band, nearest first (a band holds those with minutes up to its own). Under a scenario, from its map: the lines `with` adds and the stations they serve are listed, those `without` takes out (and stations only they serve) are not.' }),
});
export type ReachResponse = z.output<typeof ReachResponse>;
export type ReachBand = ReachResponse['features'][number];

/** The reach contract. */
export const reach = analysisContract({
  path: '/api/reach',
  query: ReachQuery,
  response: ReachResponse,
  type: MEDIA.geojson,
  answer: (analyses, q) => {
    const r = analyses.reach(q.from, q.minutes, q.year, modelParamsOf(q), scenarioOf(q));
    return {
      type: 'FeatureCollection' as const,
      origin: { id: r.origin.id, coordinates: r.origin.lonLat },
      year: r.year,
      ...scenarioEcho(q),
      features: [...r.bands].reverse().map((b) => ({
        type: 'Feature' as const,
        properties: { minutes: b.minutes, area_km2: b.area_km2, counts: b.counts },
        geometry: { type: 'MultiPolygon' as const, coordinates: b.coordinates },
      })),
      within: r.within,
    };
  },
});

/**
 * The bands of an answer as a reader lists them: the nearest first.
 *
 * @param r - a reach answer
 * @returns its bands, innermost first
 * @example
 * nearestFirst(answer).map((b) => b.properties.minutes); // [30, 60, 90]
 */
export const nearestFirst = (r: ReachResponse): ReachBand[] => [...r.features].reverse();
