/**
 * Checks the named views against their schema and the data: unique ids, layers
 * that exist, reach origins that are point features or positions in the atlas.
 */
import { parseLonLat } from '../geodesy.ts';
import { ATLAS_EXTENT } from '../layers.ts';
import { Views, type View } from '../views.ts';
import type { Problem } from './index.ts';

const FILE = 'geo/data/views.json';

/** The views news pages are promised (the embedding issue names them). */
export const REQUIRED_VIEWS = ['one-hour-circle-2023', 'one-hour-circle-2027', 'transport-hub', 'ports', 'hospitals-30min', 'eco-corridors'];

/**
 * Validates the views file.
 *
 * @param raw - the parsed views.json (undefined when missing)
 * @param pointIds - the ids of every point feature in the layers
 * @returns the views (when sound) and the problems found
 * @example
 * validateViews(JSON.parse(text), new Set(['wanzhou', …]));
 */
export function validateViews(raw: unknown, pointIds: ReadonlySet<string>): { views: View[]; problems: Problem[] } {
  if (raw === undefined) return { views: [], problems: [{ file: FILE, id: null, problem: 'the file is missing' }] };
  const parsed = Views.safeParse(raw);
  if (!parsed.success)
    return {
      views: [],
      problems: parsed.error.issues.map((i) => ({ file: FILE, id: null, problem: `${i.path.join('.') || '(file)'}: ${i.message}` })),
    };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const id of REQUIRED_VIEWS)
    if (!parsed.data.views.some((v) => v.id === id)) problems.push({ file: FILE, id, problem: 'a required view is missing' });
  for (const v of parsed.data.views) {
    if (v.reach && new Set(v.reach.bands).size !== v.reach.bands.length) problems.push({ file: FILE, id: v.id, problem: 'reach bands repeat a value' });
    if (seen.has(v.id)) problems.push({ file: FILE, id: v.id, problem: 'duplicate view id' });
    seen.add(v.id);
    for (const from of v.reach?.from ?? []) {
      const p = parseLonLat(from);
      const [w, s, e, n] = ATLAS_EXTENT;
      if (p ? p[0] < w || p[0] > e || p[1] < s || p[1] > n : !pointIds.has(from))
        problems.push({ file: FILE, id: v.id, problem: `reach origin "${from}" is neither a point feature nor a position in the atlas` });
    }
    for (const id of v.frame ?? []) if (!pointIds.has(id)) problems.push({ file: FILE, id: v.id, problem: `frame "${id}" is not a point feature` });
  }
  return { views: parsed.data.views, problems };
}
