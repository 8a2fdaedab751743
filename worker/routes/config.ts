/**
 * `GET /api/config`: what the page may use beyond its own data, from the
 * worker's configuration. Today: an optional remote basemap (see web/map/basemap.ts).
 */
import { Hono } from 'hono';
import { NoQuery } from '../../geo/api/queries.ts';
import { parseQuery } from '../query.ts';

/** The worker's configuration variables (wrangler.toml `[vars]` or the dashboard). */
export interface ConfigBindings {
  /** A MapLibre style URL to draw under the atlas. */
  ATLAS_BASEMAP_STYLE?: string;
  /** A 天地图 token; the page then draws Tianditu's tiles under the atlas. */
  ATLAS_TIANDITU_TOKEN?: string;
}

/**
 * The configuration route.
 *
 * @returns a Hono sub-app to mount at `/api/config`
 * @example
 * app.route('/api/config', configRoutes());
 */
export function configRoutes() {
  const app = new Hono<{ Bindings: ConfigBindings }>();
  app.get('/', (c) => {
    parseQuery(c, NoQuery);
    const style = c.env?.ATLAS_BASEMAP_STYLE?.trim() || null;
    const token = c.env?.ATLAS_TIANDITU_TOKEN?.trim() || null;
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ basemap: { style: style && /^https?:\/\//.test(style) ? style : null, tianditu: token ? { token } : null } });
  });
  return app;
}
