/** `GET /api/health`: whether the worker answers, and which data it serves. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';

/** The answer of `GET /api/health`. */
export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string().meta({ description: 'The bundled data’s version.' }),
  layers: z.number().int().meta({ description: 'The bundled layers.' }),
  features: z.number().int().meta({ description: 'Their features, all together.' }),
});

/** The health route's operation. */
export const HEALTH_OPERATION = operation({
  path: '/api/health', tag: 'service', summary: 'Health',
  query: NoQuery, errors: [400],
  ok: { type: MEDIA_TYPES.json, description: '`ok`, the data version, and the numbers of layers and features.', schema: HealthResponse },
  examples: [{ request: '/api/health', status: 200, summary: 'Health' }],
});

/**
 * The health route, never cached.
 *
 * @param data - the bundle served
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', healthRoutes(bundle));
 */
export function healthRoutes(data: DataBundle) {
  const app = new Hono();
  const features = Object.values(data.layers).reduce((n, l) => n + l.count, 0);
  app.get(HEALTH_OPERATION.path, (c) => {
    parseQuery(c, HEALTH_OPERATION.query);
    c.header('Cache-Control', 'no-store');
    const body: z.input<typeof HealthResponse> = { ok: true, version: data.version, layers: Object.keys(data.layers).length, features };
    return c.json(body);
  });
  return app;
}
