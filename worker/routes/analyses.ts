/**
 * The reach analyses over HTTP: `/api/network`, `/api/reach`, `/api/matrix`,
 * `/api/circle` and `/api/plan`. The model lives in geo/reach; this file
 * validates, caches and serialises.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { fnv1a64 } from '../../geo/hash.ts';
import { DEFAULT_PARAMS, NetworkParamsInput } from '../../geo/network/params.ts';
import { AnalysisYear, AnalysisYearParam, BandsParam, FromParam, PlacesParam, ThresholdParam } from '../../geo/api/queries.ts';
import { AnalysisInputError, createAnalyses, type Analyses } from '../../geo/reach/analyses.ts';
import { compareCircles } from '../../geo/reach/circle.ts';
import { BARRIER_RIVERS } from '../../geo/network/barrier.ts';
import { networkExport } from '../../geo/network/export.ts';
import { ApiError } from '../errors.ts';
import { cachedJson, GEOJSON } from '../http/etag.ts';
import { WeighedLru } from '../../geo/lru.ts';
import { parseQuery } from '../query.ts';
import type { Atlas } from '../sources/atlas.ts';
import type { SourceBindings } from '../sources/choose.ts';

/** Every model parameter may be overridden by a query parameter of the same name, within its bounds. */
const paramOverrides = Object.fromEntries(
  Object.entries(NetworkParamsInput.shape).map(([name, schema]) => {
    const { minValue, maxValue } = (schema as z.ZodOptional<z.ZodNumber>).unwrap();
    const expected = `expected a number from ${minValue} to ${maxValue} (default ${DEFAULT_PARAMS[name as keyof typeof DEFAULT_PARAMS]})`;
    return [
      name,
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, expected)
        .transform(Number)
        .refine((v) => v >= minValue! && v <= maxValue!, expected)
        .optional()
        .meta({ description: `Model parameter ${name} (geo/network/params.ts): ${expected.replace(/^expected /, '')}.` }),
    ];
  }),
) as unknown as Record<keyof typeof DEFAULT_PARAMS, z.ZodOptional<z.ZodType<number, string>>>;

const withYear = { year: AnalysisYearParam, ...paramOverrides };
/** The query of `GET /api/network`. */
export const NetworkQuery = z.object(withYear);
/** The query of `GET /api/reach`. */
export const ReachQuery = z.object({ from: FromParam, minutes: BandsParam, ...withYear });
/** The query of `GET /api/matrix`. */
export const MatrixQuery = z.object({ places: PlacesParam, ...withYear });
/** The query of `GET /api/circle`. */
export const CircleQuery = z.object({ minutes: ThresholdParam, compare: AnalysisYear.optional(), ...withYear });
/** The query of `GET /api/plan`. */
export const PlanQuery = z.object({ year: AnalysisYearParam });

/** The parsed overrides of a query (the keys that were given). */
function overrides(q: Record<string, unknown>): NetworkParamsInput {
  return Object.fromEntries(Object.keys(DEFAULT_PARAMS).flatMap((k) => (q[k] === undefined ? [] : [[k, q[k]]])));
}

/**
 * The analysis routes over the configured source's atlas.
 *
 * @param atlasOf - the data and analyses for a request's configuration (worker/sources/atlas.ts; shared with the static images)
 * @returns a Hono sub-app to mount at `/api`
 * @example
 * app.route('/api', analysisRoutes(atlasSources(bundle, layerSources(bundle))));
 */
export function analysisRoutes(atlasOf: (env: SourceBindings | undefined) => Promise<Atlas>) {
  // Bodies by ETag, up to 8 million characters (16 MB of the isolate's 128 at most; a network is about 0.3 million).
  const bodies = new WeighedLru<string>(128, 8_000_000, (s) => s.length);
  const app = new Hono<{ Bindings: SourceBindings }>();

  /** Answers from cache by the normalised query, computing on a miss; an input the model refuses is a 400. */
  const answer = async (c: Context<{ Bindings: SourceBindings }>, route: string, q: Record<string, unknown>, compute: (analyses: Analyses) => unknown, contentType?: string) => {
    const { data, analyses } = await atlasOf(c.env);
    const normalised = `${route}?${JSON.stringify(Object.entries(q).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))}`;
    const etag = `"${data.version}-${fnv1a64(normalised)}"`;
    return cachedJson(
      c,
      etag,
      () => {
        try {
          return JSON.stringify(compute(analyses));
        } catch (e) {
          if (e instanceof AnalysisInputError) throw new ApiError(400, 'invalid_parameter', `${e.param}: ${e.message}`);
          throw e;
        }
      },
      { contentType, memo: bodies },
    );
  };

  app.get('/network', (c) => {
    const q = parseQuery(c, NetworkQuery);
    return answer(c, 'network', q, (analyses) => networkExport(analyses.network(q.year, overrides(q)), BARRIER_RIVERS), GEOJSON);
  });

  app.get('/reach', (c) => {
    const q = parseQuery(c, ReachQuery);
    return answer(
      c,
      'reach',
      q,
      (analyses) => {
        const r = analyses.reach(q.from, q.minutes, q.year, overrides(q));
        return {
          type: 'FeatureCollection',
          origin: { id: r.origin.id, coordinates: r.origin.lonLat },
          year: r.year,
          features: r.bands
            .slice()
            .reverse()
            .map((b) => ({ type: 'Feature', properties: { minutes: b.minutes, area_km2: b.area_km2, within: b.within }, geometry: { type: 'MultiPolygon', coordinates: b.coordinates } })),
        };
      },
      GEOJSON,
    );
  });

  app.get('/matrix', (c) => {
    const q = parseQuery(c, MatrixQuery);
    return answer(c, 'matrix', q, (analyses) => {
      const m = analyses.matrix(q.places, q.year, overrides(q));
      return { year: m.year, places: m.places.map((p) => ({ id: p.id, coordinates: p.lonLat })), minutes: m.minutes, routes: m.routes };
    });
  });

  app.get('/circle', (c) => {
    const q = parseQuery(c, CircleQuery);
    return answer(c, 'circle', q, (analyses) => {
      const circle = analyses.circle(q.year, q.minutes, overrides(q));
      if (q.compare === undefined) return circle;
      const other = analyses.circle(q.compare, q.minutes, overrides(q));
      return { ...circle, compare: compareCircles({ year: q.year, circle }, { year: q.compare, circle: other }) };
    });
  });

  app.get('/plan', (c) => {
    const q = parseQuery(c, PlanQuery);
    return answer(c, 'plan', q, (analyses) => analyses.plan(q.year));
  });

  return app;
}

