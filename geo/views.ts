/**
 * Named views: the presets an editor embeds in an article. Each says what the
 * map shows (layers, year, camera) and which analyses it draws, with a title
 * and caption in both languages. `geo/data/views.json` holds them; data:check
 * validates them against this schema and the data.
 */
import { z } from 'zod';
import { LAYER_IDS } from './catalog.ts';
import type { LayerId } from './layers.ts';

const text = z.strictObject({ zh: z.string().min(1).max(120), en: z.string().min(1).max(200) });

/** One view. */
export const View = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: text,
  caption: text,
  /** The layers shown; the rest are hidden. */
  layers: z.array(z.enum(LAYER_IDS as [LayerId, ...LayerId[]])).min(1),
  year: z.number().int().min(2020).max(2035),
  camera: z.strictObject({ center: z.tuple([z.number().min(103).max(112.5), z.number().min(28).max(34)]), zoom: z.number().min(4).max(16) }),
  /** Reach bands drawn from each origin (place ids or `lon,lat`). */
  reach: z.strictObject({ from: z.array(z.string()).min(1).max(4), bands: z.array(z.number().int().min(1).max(240)).min(1).max(5) }).nullable(),
  /** Whether the four places' travel-time matrix is shown under the map. */
  matrix: z.boolean(),
  /** A route drawn on the map, between two places or feature ids or `lon,lat`. */
  route: z.strictObject({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) }).nullable().optional(),
  /** Whether the view is the project-impact chart (`/api/impact` of its year): the embed shows it under the map, the pictures draw it instead of the map. */
  impact: z.boolean().optional(),
  /** Lines added to the year's network as if complete (a scenario: `with=` of the analyses). */
  with: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(40).optional(),
  /** Lines taken out of the year's network (`without=` of the analyses). */
  without: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(40).optional(),
  /** Point features (ids) the view is about, beside its analyses' places: a narrow embed refits its camera to keep them all in frame. */
  frame: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(40).optional(),
});
export type View = z.infer<typeof View>;

/** The file. */
export const Views = z.strictObject({ views: z.array(View).min(1) });
