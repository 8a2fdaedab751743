/**
 * `npm run data:publish -- --remote` (or `--local`): validates geo/data exactly as
 * `npm run data:check` does, then uploads it to the R2 bucket that the worker's R2
 * layer source reads (wrangler.toml `[[r2_buckets]]`, binding `ATLAS_DATA`): one
 * object per layer version, then the manifest, with `wrangler r2 object put`.
 *
 * --remote       the bucket on your Cloudflare account (`npx wrangler login` first)
 * --local        wrangler's local simulation, which `wrangler dev` reads
 * --persist-to   the local simulation's directory (as `wrangler dev --persist-to`)
 * --bucket       the bucket's name (default: wrangler.toml's)
 * --dry-run      list the objects and upload nothing
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataBundle } from '../bundle.ts';
import { publishObjects } from '../manifest.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    remote: { type: 'boolean' },
    local: { type: 'boolean' },
    'persist-to': { type: 'string' },
    bucket: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
});
if (!args['dry-run'] && Boolean(args.remote) === Boolean(args.local)) {
  console.error('data:publish: say where: --remote (your Cloudflare account) or --local (wrangler dev\'s simulation); --dry-run lists the objects');
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
const objects = publishObjects(bundle);

const where = args.remote ? ['--remote'] : ['--local', ...(args['persist-to'] ? ['--persist-to', args['persist-to']] : [])];
for (const [i, o] of objects.entries()) {
  console.log(`${args['dry-run'] ? 'would put' : 'put'} ${bucket}/${o.key} (${(o.body.length / 1024).toFixed(1)} kB)`);
  if (args['dry-run']) continue;
  const file = join(work, `object-${i}`);
  writeFileSync(file, o.body);
  const put = spawnSync(
    process.execPath,
    [`${root}node_modules/wrangler/bin/wrangler.js`, 'r2', 'object', 'put', `${bucket}/${o.key}`, '--file', file, '--content-type', o.contentType, ...where],
    { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  if (put.status !== 0) {
    console.error(put.stdout, put.stderr);
    // Layers go first and the manifest last: a failure part-way leaves readers on the old manifest.
    console.error(`data:publish: could not put ${o.key}; the manifest was not changed`);
    process.exit(1);
  }
}
console.log(`data:publish: ${objects.length} objects, data version ${bundle.version}${args['dry-run'] ? ' (dry run)' : ''}`);
