/**
 * `npm run data:check`: validates every file in geo/data and, only when all of
 * them pass, writes the bundle the worker serves (dist/data/layers.json). A broken
 * data file stops here, with a message naming the file, the feature and the problem.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBundle, type AtlasCollection } from '../bundle.ts';
import { withDerivedKeys } from './derived.ts';
import { fnv1a } from '../hash.ts';
import { LAYER_IDS } from '../catalog.ts';
import type { LayerId } from '../layers.ts';
import { formatProblem, layerFile, validateLayers, type Problem } from '../validate/index.ts';
import { validateViews } from '../validate/views.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
// --data and --out let tests check a broken copy without touching the real files.
const { values: args } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
const dataDir = args.data ?? `${root}geo/data`;
const bundlePath = args.out ?? `${root}dist/data/layers.json`;

const files: Partial<Record<LayerId, unknown>> = {};
const problems: Problem[] = [];
for (const layer of LAYER_IDS) {
  let text: string;
  try {
    text = readFileSync(`${dataDir}/${layer}.geojson`, 'utf8');
  } catch {
    continue; // validateLayers reports the missing file
  }
  try {
    files[layer] = JSON.parse(text);
  } catch (e) {
    problems.push({ file: layerFile(layer), id: null, problem: `not valid JSON: ${(e as Error).message}` });
    files[layer] = null;
  }
}
// A file that is not JSON has been reported above; its "not a FeatureCollection" would only repeat it.
problems.push(...validateLayers(files).filter((p) => !(p.id === null && problems.some((q) => q.file === p.file))));

// The named views, checked against the data they show.
let viewsRaw: unknown;
try {
  viewsRaw = JSON.parse(readFileSync(`${dataDir}/views.json`, 'utf8'));
} catch (e) {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ file: 'geo/data/views.json', id: null, problem: `not valid JSON: ${(e as Error).message}` });
}
const pointIds = new Set(
  Object.values(files).flatMap((fc) => ((fc as { features?: { geometry?: { type?: string }; properties?: { id?: string } }[] } | null)?.features ?? []).filter((f) => f.geometry?.type === 'Point').map((f) => f.properties?.id ?? '')),
);
const views = validateViews(viewsRaw, pointIds);
problems.push(...views.problems);

// Never leave an old bundle behind for the worker to serve beside a broken file.
rmSync(bundlePath, { force: true });
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\ndata:check: ${problems.length} problem(s); nothing was built.`);
  process.exit(1);
}
const layers = Object.fromEntries(LAYER_IDS.map((id) => [id, withDerivedKeys(files[id] as AtlasCollection)])) as Record<LayerId, AtlasCollection>;
const bundle = buildBundle(layers, codeFingerprint(['geo', 'worker']), views.views);
mkdirSync(dirname(bundlePath), { recursive: true });
writeFileSync(bundlePath, JSON.stringify(bundle));
const counts = LAYER_IDS.map((l) => `${l} ${bundle.layers[l].count}`).join(', ');
console.log(`data:check: ok, version ${bundle.version}: ${counts}; ${bundle.views.length} views`);

/** A fingerprint of the TypeScript that turns the bundle into answers, for ETags. */
function codeFingerprint(dirs: string[]): string {
  const files = dirs.flatMap((d) => (readdirSync(root + d, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `${root}${d}/${f}`));
  return fnv1a(files.sort().map((f) => readFileSync(f, 'utf8')).join('\n'));
}
