/** `/api/views`: the named views an editor can embed (geo/data/views.json). */
import { Hono } from 'hono';
import type { DataBundle } from '../../geo/bundle.ts';
import type { View } from '../../geo/views.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { ApiError } from '../errors.ts';
import { NO_EDGE, cachedJson } from '../http/etag.ts';
import { parseQuery } from '../query.ts';

/**
 * A named view, or a 404 that lists the views.
 *
 * @param data - the bundle
 * @param id - the view's id
 * @param alternative - what else the caller takes, added to the message
 * @returns the view
 * @throws ApiError 404
 * @example
 * const view = viewOr404(data, 'ports');
 */
export function viewOr404(data: DataBundle, id: string, alternative = ''): View {
  const view = data.views.find((v) => v.id === id);
  if (!view) throw new ApiError(404, 'not_found', `unknown view "${id.slice(0, 40)}"; the views are ${data.views.map((v) => v.id).join(', ')}${alternative}`);
  return view;
}

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
    return cachedJson(c, `"${data.version}-views"`, () => JSON.stringify({ views: data.views }), { edge: NO_EDGE });
  });
  app.get('/:id', (c) => {
    parseQuery(c, NoQuery);
    const view = viewOr404(data, c.req.param('id'));
    return cachedJson(c, `"${data.version}-view-${view.id}"`, () => JSON.stringify(view), { edge: NO_EDGE });
  });
  return app;
}
