/**
 * The answers of the view routes as zod schemas: `GET /api/views`; `GET /api/views/:id` answers one
 * geo/views.ts `View`, the schema data:check holds the views to.
 */
import { z } from 'zod';
import { View } from '../views.ts';

/** The answer of `GET /api/views`. */
export const ViewsResponse = z.object({ views: z.array(View).meta({ description: 'Every named view: its title, caption, layers, year, camera and reach.' }) });
export type ViewsResponse = z.output<typeof ViewsResponse>;
