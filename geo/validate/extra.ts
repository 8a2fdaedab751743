/**
 * The check of extra layers (`npm run data:publish -- --extra <dir>`): a catalogue
 * (`catalog.json`: each layer's id, titles, group, colour and source) and one
 * GeoJSON file per layer, or a PMTiles archive the catalogue names by file or URL. Lighter than the atlas's own check, since an extra layer
 * is someone else's data (an OpenStreetMap extract, every station of a region), but
 * nothing reaches the bucket without ids, names, a source and positions in the extent.
 */
import { z } from 'zod';
import type { ExtraLayerInfo } from '../schema.ts';
import { ACCURACIES, STATUSES } from '../layers.ts';
import { date, ExtraLayerEntry, FeatureId, Geometry, Source, year } from '../schema.ts';
import { checkGeometry, type Problem } from './index.ts';

/** An extra feature's properties: the atlas's names and life-cycle, and any flat values besides. */
const ExtraProps = z
  .object({
    id: FeatureId,
    name_zh: z.string().min(1).max(80),
    name_en: z.string().min(1).max(120),
    // Its life, read as the atlas's own features' is (geo/lifecycle.ts).
    status: z.enum(STATUSES).optional(),
    as_of: date.optional(),
    plan_year: year.optional(),
    start_year: year.optional(),
    opens: year.optional(),
    closed: year.optional(),
    accuracy: z.enum(ACCURACIES).optional(),
    uncertainty_km: z.number().min(0).max(50).optional(),
    source: Source.optional(),
  })
  .catchall(z.union([z.string().max(500), z.number(), z.boolean()]));

/** The catalogue's file name inside an extra-layers directory. */
export const EXTRA_CATALOG_FILE = 'catalog.json';

/** At most this many problems are listed per layer: a broken file of 200,000 features would bury the first. */
const MAX_PROBLEMS = 50;

/**
 * Checks extra layers.
 *
 * @param catalog - the parsed `catalog.json`
 * @param files - each layer id mapped to its parsed GeoJSON (`undefined` when the file is missing)
 * @param taken - the feature ids of the atlas's own layers: a feature id names one feature across every layer (links carry no layer)
 * @returns the layers' entries and the problems found (the layers are usable only when there are none)
 * @example
 * const { entries, problems } = validateExtraLayers(JSON.parse(catalogText), { stations: JSON.parse(text) }, atlasIds);
 */
export function validateExtraLayers(catalog: unknown, files: Record<string, unknown>, taken: ReadonlySet<string> = new Set()): { entries: ExtraLayerInfo[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = z.array(ExtraLayerEntry).min(1).safeParse(catalog);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file: EXTRA_CATALOG_FILE, id: null, problem: `${issue.path.join('.') || '(catalogue)'}: ${issue.message}` });
    return { entries: [], problems };
  }
  const entries = parsed.data;
  const seen = new Set<string>();
  // Feature ids already used, and where: the atlas's own, then each extra layer's as it is read.
  const used = new Map<string, string>([...taken].map((id) => [id, 'the atlas’s own layers']));
  for (const entry of entries) {
    const file = `${entry.id}.geojson`;
    if (seen.has(entry.id)) problems.push({ file: EXTRA_CATALOG_FILE, id: entry.id, problem: 'listed twice' });
    seen.add(entry.id);
    // A layer that is a PMTiles archive has no GeoJSON: the publish reads the archive's header (or the worker its URL).
    if (entry.archive) continue;
    const fc = files[entry.id] as { type?: unknown; features?: unknown } | undefined;
    if (fc === undefined) {
      problems.push({ file, id: null, problem: 'missing: the catalogue lists it' });
      continue;
    }
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
      problems.push({ file, id: null, problem: 'not a GeoJSON FeatureCollection' });
      continue;
    }
    const ids = new Set<string>();
    const found: Problem[] = [];
    const others = new Map(used);
    (fc.features as unknown[]).forEach((raw, i) => {
      if (found.length >= MAX_PROBLEMS) return;
      const f = raw as { type?: unknown; properties?: unknown; geometry?: unknown };
      const id = typeof (f?.properties as { id?: unknown })?.id === 'string' ? String((f.properties as { id: string }).id) : `#${i}`;
      const add = (problem: string) => found.push({ file, id, problem });
      if (!f || f.type !== 'Feature') return add('not a GeoJSON Feature');
      const props = ExtraProps.safeParse(f.properties);
      if (!props.success) add(`property ${props.error.issues[0].path.join('.') || '(properties)'}: ${props.error.issues[0].message}`);
      if (ids.has(id)) add('the id is used twice in the layer');
      else if (others.has(id)) add(`the id is already used in ${others.get(id)}`);
      ids.add(id);
      used.set(id, `${entry.id}.geojson`);
      const geometry = Geometry.safeParse(f.geometry);
      if (!geometry.success) return add(`geometry: ${geometry.error.issues[0].message}`);
      for (const p of checkGeometry(geometry.data)) add(p);
    });
    problems.push(...found);
  }
  return { entries, problems };
}

