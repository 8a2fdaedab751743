/** `/api/views`: the named views an editor can embed (geo/data/views.json). */
import { Hono } from 'hono';
import type { DataBundle } from '../../geo/bundle.ts';
import { NoQuery } from '../../geo/params.ts';
import { ApiError } from '../errors.ts';
import { cachedJson } from '../http/etag.ts';
import { parseQuery } from '../query.ts';

/**
 * The view routes.
 *
 * @param data - the bundle, with its views
 * @returns a Hono sub-app to mount at `/api/views`
 * @example
 * app.route('/api/views', viewRoutes(bundle));
 */
export function viewRoutes(data: DataBundle) {
  const app = new Hono();
  app.get('/', (c) => {
    parseQuery(c, NoQuery);
    return cachedJson(c, `"${data.version}-views"`, () => JSON.stringify({ views: data.views }));
  });
  app.get('/:id', (c) => {
    parseQuery(c, NoQuery);
    const view = data.views.find((v) => v.id === c.req.param('id'));
    if (!view) throw new ApiError(404, 'not_found', `unknown view "${c.req.param('id').slice(0, 40)}"; the views are ${data.views.map((v) => v.id).join(', ')}`);
    return cachedJson(c, `"${data.version}-view-${view.id}"`, () => JSON.stringify(view));
  });
  return app;
}
