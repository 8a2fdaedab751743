/**
 * `GET /api/config`: what the page may use beyond its own data, from the
 * worker's configuration. Today: an optional remote basemap (see web/map/basemap.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { NoQuery } from '../../geo/api/queries.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';

/** The worker's configuration variables (wrangler.toml `[vars]` or the dashboard). */
export interface ConfigBindings {
  /** A MapLibre style URL to draw under the atlas. */
  ATLAS_BASEMAP_STYLE?: string;
  /** A 天地图 token; the page then draws Tianditu's tiles under the atlas. */
  ATLAS_TIANDITU_TOKEN?: string;
}

/** The answer of `GET /api/config`. */
export const ConfigResponse = z.object({
  basemap: z.object({
    style: z.string().nullable().meta({ description: 'A MapLibre style URL to draw under the atlas; null when not set.' }),
    tianditu: z.object({ token: z.string() }).nullable().meta({ description: 'The 天地图 token; null when not set.' }),
  }),
});

/** The configuration route's operation. */
export const CONFIG_OPERATION = operation({
  path: '/api/config', tag: 'service', summary: 'The page’s configuration',
  description: 'The optional remote basemap the deployment sets (a MapLibre style URL, or a 天地图 token).',
  query: NoQuery, errors: [400],
  ok: { type: MEDIA_TYPES.json, description: '`basemap.style` and `basemap.tianditu`, each null when not set.', schema: ConfigResponse },
  examples: [{ request: '/api/config', status: 200, summary: 'The configuration' }],
});

/**
 * The configuration route.
 *
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', configRoutes());
 */
export function configRoutes() {
  const app = new Hono<{ Bindings: ConfigBindings }>();
  app.get(CONFIG_OPERATION.path, (c) => {
    parseQuery(c, CONFIG_OPERATION.query);
    const style = c.env?.ATLAS_BASEMAP_STYLE?.trim() || null;
    const token = c.env?.ATLAS_TIANDITU_TOKEN?.trim() || null;
    c.header('Cache-Control', 'public, max-age=60');
    const body: z.input<typeof ConfigResponse> = { basemap: { style: style && /^https?:\/\//.test(style) ? style : null, tianditu: token ? { token } : null } };
    return c.json(body);
  });
  return app;
}
