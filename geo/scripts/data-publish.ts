/**
 * `npm run data:publish -- --remote` (or `--local`): validates geo/data exactly as
 * `npm run data:check` does, then uploads it to the R2 bucket that the worker's R2
 * layer source reads (wrangler.toml `[[r2_buckets]]`, binding `ATLAS_DATA`): one
 * object per layer version, then the manifest, with `wrangler r2 object put`.
 *
 * --remote       the bucket on your Cloudflare account (`npx wrangler login` first)
 * --local        wrangler's local simulation, which `npm start` and `npm run dev` read
 * --persist-to   the local simulation's directory (as `npm start -- --persist-to`; .wrangler/state by default)
 * --bucket       the bucket's name (default: wrangler.toml's)
 * --extra        a directory of extra layers to publish beside the atlas's own
 *                (`catalog.json` and `<id>.geojson` each, or a PMTiles archive the catalogue names by
 *                file or URL; geo/validate/extra.ts says what they must hold). A layer from the catalogue's
 *                threshold is also cut into a PMTiles archive with its search and feature index
 *                (geo/pmtiles/), which the worker serves instead of the layer. An archive's header and
 *                metadata are read (tile type, zooms, bounds, vector layers) for the page to draw it
 * --tile-threshold  features from which an extra layer is archived (default ATLAS_TILE_THRESHOLD, else 5,000)
 * --dry-run      list the objects and upload nothing
 *
 * The layers go up together (`wrangler r2 bulk put`), then the manifest alone, so a
 * reader never finds a manifest that names an object not yet there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AtlasCollection, DataBundle } from '../bundle.ts';
import { EXTRA_LAYER_ID } from '../layers.ts';
import { LARGE_LAYER } from '../catalog.ts';
import { MANIFEST_KEY, publishObjects, type ExtraLayer } from '../manifest.ts';
import { ArchiveError, Compression, parseHeader } from '../pmtiles/format.ts';
import { readArchiveFacts } from '../pmtiles/facts.ts';
import type { RangeRead } from '../pmtiles/reader.ts';
import { formatProblem } from '../validate/index.ts';
import { withDerivedKeys } from './derived.ts';
import { fnv1a } from '../hash.ts';
import { EXTRA_CATALOG_FILE, validateExtraLayers } from '../validate/extra.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    remote: { type: 'boolean' },
    local: { type: 'boolean' },
    'persist-to': { type: 'string' },
    bucket: { type: 'string' },
    extra: { type: 'string' },
    'tile-threshold': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
});
if (!args['dry-run'] && Boolean(args.remote) === Boolean(args.local)) {
  console.error('data:publish: say where: --remote (your Cloudflare account) or --local (the simulation npm start reads); --dry-run lists the objects');
  process.exit(2);
}
const bucket = args.bucket ?? /bucket_name\s*=\s*"([^"]+)"/.exec(readFileSync(`${root}wrangler.toml`, 'utf8'))?.[1];
if (!bucket) {
  console.error('data:publish: no bucket: pass --bucket or set [[r2_buckets]] bucket_name in wrangler.toml');
  process.exit(2);
}

// The same validation as the build's, into a bundle of our own: nothing unchecked is published.
const work = mkdtempSync(join(tmpdir(), 'atlas-publish-'));
const bundlePath = join(work, 'layers.json');
const check = spawnSync(process.execPath, ['--import', 'tsx', `${root}geo/scripts/data-check.ts`, '--out', bundlePath], { stdio: 'inherit' });
if (check.status !== 0) {
  console.error('data:publish: the data did not pass data:check; nothing was published');
  process.exit(1);
}
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as DataBundle;
const threshold = Number(args['tile-threshold'] ?? (process.env.ATLAS_TILE_THRESHOLD?.trim() || LARGE_LAYER));
if (!Number.isInteger(threshold) || threshold < 1) {
  console.error('data:publish: --tile-threshold (or ATLAS_TILE_THRESHOLD) must be a whole number of features');
  process.exit(2);
}
const extras = args.extra ? await withFacts(readExtras(args.extra)) : [];
const cutAt = performance.now();
// wrangler's upload takes objects up to 300 MiB; an archived layer's GeoJSON beyond that is left out (its tiles and index suffice).
const objects = publishObjects(bundle, extras, { threshold, gzip: (b) => gzipSync(b, { level: 6 }), maxObjectBytes: 300 * 1048576 });
// Only the layers cut here (an archive named by file has no GeoJSON to leave out).
const archived = extras.filter((e, i) => e.data && objects.some((o) => o.key.endsWith('.pmtiles') && o.key.startsWith(`layers/${extras[i].info.id}/`)));
for (const e of archived.filter((a) => !objects.some((o) => o.key.endsWith('.geojson') && o.key.startsWith(`layers/${a.info.id}/`)))) {
  console.warn(`data:publish: ${e.info.id}: its GeoJSON is over 300 MiB, more than wrangler uploads; it is served from its archive and index, with no whole download`);
}
if (archived.length) console.log(`data:publish: ${archived.map((e) => e.info.id).join(', ')} cut into PMTiles in ${((performance.now() - cutAt) / 1000).toFixed(1)} s`);

/** The archive a catalogue entry names by file, its header checked; a bad one stops the publish. */
function readArchive(dir: string, file: string): NonNullable<ExtraLayer['archive']> {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.error(`data:publish: ${path}: missing (the catalogue names it)`);
    process.exit(1);
  }
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const header = parseHeader(bytes.subarray(0, 127));
    return { bytes, bbox: header.bounds };
  } catch (e) {
    console.error(`data:publish: ${path}: ${(e as Error).message}`);
    process.exit(1);
  }
}

/** Undoes an archive's internal compression (gzip or Brotli; Node 20 has no zstd). */
async function decompress(bytes: Uint8Array, compression: number): Promise<Uint8Array> {
  if (compression === Compression.gzip) return gunzipSync(bytes);
  if (compression === Compression.brotli) return brotliDecompressSync(bytes);
  throw new Error(`compression ${compression} is not read here`);
}

/**
 * Reads ranges of an archive by URL (HTTP Range requests). A function, not a const: the facts are read
 * above, at the top level, before a const here would be initialised.
 */
function urlRanges(url: string): RangeRead {
  return async (offset, length) => {
    const response = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // A server that ignores Range sends the whole archive, which the worker refuses for every tile: refused here first.
    if (response.status !== 206) {
      await response.body?.cancel();
      throw new ArchiveError(`its server answered ${response.status}, not 206, to a range request: the worker reads archives by byte ranges, so it must serve them (Range requests)`);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

/**
 * Each archive's facts (tile type, zooms, bounds, source-layers: how the page draws it). A file's that
 * cannot be read stops the publish, and so does a URL's server that does not serve byte ranges; a URL's
 * that cannot be reached now is published without them (the page then draws it as one vector layer
 * named after the layer) and a warning says so.
 */
async function withFacts(extras: ExtraLayer[]): Promise<ExtraLayer[]> {
  return Promise.all(
    extras.map(async (e) => {
      if (!e.info.archive) return e;
      const bytes = e.archive?.bytes;
      const read: RangeRead = bytes ? async (o, l) => bytes.subarray(o, o + l) : urlRanges((e.info.archive as { url: string }).url);
      try {
        return { ...e, facts: await readArchiveFacts(read, decompress) };
      } catch (err) {
        const what = bytes ? (e.info.archive as { file: string }).file : (e.info.archive as { url: string }).url;
        // A file that cannot be read, or an archive read and found unusable (a compression the worker cannot read, a server without ranges), stops it.
        if (bytes || err instanceof ArchiveError) {
          console.error(`data:publish: ${e.info.id}: ${what}: ${(err as Error).message}`);
          process.exit(1);
        }
        console.warn(`data:publish: ${e.info.id}: could not read ${what} (${(err as Error).message}); published without its tile type and layers`);
        return e;
      }
    }),
  );
}

/** The extra layers of a directory, checked; any problem stops the publish. */
function readExtras(dir: string): ExtraLayer[] {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      console.error(`data:publish: ${join(dir, file)}: ${existsSync(join(dir, file)) ? `not valid JSON (${(e as Error).message})` : 'missing'}`);
      process.exit(1);
    }
  };
  const catalog = read(EXTRA_CATALOG_FILE);
  // Only ids of the right form name files: the catalogue's check reports the rest.
  const ids = Array.isArray(catalog) ? catalog.map((e: { id?: unknown }) => String(e?.id)).filter((id) => EXTRA_LAYER_ID.test(id)) : [];
  const archives = new Set(Array.isArray(catalog) ? catalog.filter((e: { archive?: unknown }) => e?.archive).map((e: { id?: unknown }) => String(e.id)) : []);
  const files = Object.fromEntries(ids.filter((id) => !archives.has(id) && existsSync(join(dir, `${id}.geojson`))).map((id) => [id, read(`${id}.geojson`)]));
  const atlasIds = new Set(Object.values(bundle.layers).flatMap((l) => l.data.features.map((f) => f.properties.id)));
  const { entries, problems } = validateExtraLayers(catalog, files, atlasIds);
  if (problems.length) {
    for (const p of problems) console.error(`${dir}/${formatProblem(p)}`);
    console.error(`data:publish: ${problems.length} problem(s) in the extra layers; nothing was published`);
    process.exit(1);
  }
  return entries.map((info) => {
    if (info.archive && 'file' in info.archive) return { info, archive: readArchive(dir, info.archive.file) };
    return info.archive ? { info } : { info, data: withDerivedKeys(files[info.id] as AtlasCollection) };
  });
}

/** Runs wrangler; a failure stops the publish with its output. */
function wrangler(args2: string[], what: string): void {
  const run = spawnSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, ...args2], { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    // Layers go first and the manifest last: a failure part-way leaves readers on the old manifest.
    console.error(`data:publish: could not put ${what}; the manifest was not changed`);
    process.exit(1);
  }
}

const where = args.remote ? ['--remote'] : ['--local', ...(args['persist-to'] ? ['--persist-to', args['persist-to']] : [])];
const files = objects.map((o, i) => {
  console.log(`${args['dry-run'] ? 'would put' : 'put'} ${bucket}/${o.key} (${(o.body.length / 1024).toFixed(1)} kB)`);
  const file = join(work, `object-${i}`);
  if (!args['dry-run']) writeFileSync(file, o.body);
  return { key: o.key, file, contentType: o.contentType };
});
if (!args['dry-run']) {
  const layers = files.filter((f) => f.key !== MANIFEST_KEY);
  const manifest = files.find((f) => f.key === MANIFEST_KEY)!;
  // One bulk put per media type (GeoJSON, archives, index objects): wrangler gives a bulk put one.
  for (const type of new Set(layers.map((f) => f.contentType))) {
    const list = join(work, `objects-${fnv1a(type)}.json`);
    writeFileSync(list, JSON.stringify(layers.filter((f) => f.contentType === type).map(({ key, file }) => ({ key, file }))));
    wrangler(['r2', 'bulk', 'put', bucket, '--filename', list, '--content-type', type, ...where], `the ${type} objects`);
  }
  wrangler(['r2', 'object', 'put', `${bucket}/${manifest.key}`, '--file', manifest.file, '--content-type', manifest.contentType, ...where], MANIFEST_KEY);
}
const archiveNote = (e: ExtraLayer) => `a PMTiles archive${e.facts ? ` (${e.facts.type}, zoom ${e.facts.minzoom}–${e.facts.maxzoom}${e.facts.layers ? `, layers ${e.facts.layers.map((l) => l.id).join(' ')}` : ''})` : ''}`;
const described = (e: ExtraLayer) => `${e.info.id}: ${e.data ? `${e.data.features.length} features` : archiveNote(e)}${archived.includes(e) ? ', archived' : ''}`;
const extraNote = extras.length ? ` and ${extras.length} extra layer(s) (${extras.map(described).join(', ')})` : '';
console.log(`data:publish: ${objects.length} objects, the atlas's layers${extraNote}, data version ${bundle.version}${args['dry-run'] ? ' (dry run)' : ''}`);
