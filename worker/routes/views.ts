/** `/api/views`: the named views an editor can embed (geo/data/views.json). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { View } from '../../geo/views.ts';
import { NoQuery } from '../../geo/api/queries.ts';
import { ViewsResponse } from '../../geo/api/views.ts';
import { ApiError } from '../errors.ts';
import { NO_EDGE, cachedJson } from '../http/etag.ts';
import { MEDIA_TYPES, operation } from '../openapi/operation.ts';
import { parseQuery } from '../query.ts';

/** A view id in a path. */
export const ViewIdParam = z.string().meta({ description: 'A view id (see /api/views).' });

const VIEWS = operation({
  path: '/api/views', tag: 'views', summary: 'The named views',
  query: NoQuery, errors: [304, 400],
  ok: { type: MEDIA_TYPES.json, description: 'Every named view: its title, caption, layers, year, camera and reach.', schema: ViewsResponse },
  examples: [{ request: '/api/views', status: 200, summary: 'All views' }],
});
const VIEW = operation({
  path: '/api/views/:id', tag: 'views', summary: 'One named view',
  params: z.object({ id: ViewIdParam }),
  query: NoQuery, errors: [304, 400, 404],
  ok: { type: MEDIA_TYPES.json, description: 'The view.', schema: View },
  examples: [
    { request: '/api/views/ports', status: 200, summary: 'The ports view' },
    { request: '/api/views/nowhere', status: 404, summary: 'An unknown view' },
  ],
});
/** The view routes, in the reference's order. */
export const VIEW_OPERATIONS = [VIEWS, VIEW] as const;

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
 * @returns a Hono sub-app to mount at `/`
 * @example
 * app.route('/', viewRoutes(bundle));
 */
export function viewRoutes(data: DataBundle) {
  const app = new Hono();
  app.get(VIEWS.path, (c) => {
    parseQuery(c, VIEWS.query);
    return cachedJson(c, `"${data.version}-views"`, () => JSON.stringify({ views: data.views }), { edge: NO_EDGE });
  });
  app.get(VIEW.path, (c) => {
    parseQuery(c, VIEW.query);
    const view = viewOr404(data, c.req.param('id'));
    return cachedJson(c, `"${data.version}-view-${view.id}"`, () => JSON.stringify(view), { edge: NO_EDGE });
  });
  return app;
}
