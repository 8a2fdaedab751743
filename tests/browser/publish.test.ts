import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type LocalWorker } from '../support/worker.ts';

// `npm run data:publish -- --local` into wrangler's local R2, then the atlas configured to read it,
// beside the atlas on its bundled data: a reader must not be able to tell them apart.
let bundled: LocalWorker;
let fromR2: LocalWorker;
let publish: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  const persist = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
  publish = spawnSync('npm', ['run', 'data:publish', '--', '--local', '--persist-to', persist], { encoding: 'utf8' });
  [bundled, fromR2] = await Promise.all([startWorker(), startWorker(60_000, { ATLAS_LAYER_SOURCE: 'r2' }, persist)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([bundled?.stop(), fromR2?.stop()]);
});

describe('npm run data:publish and the R2 layer source', () => {
  it('validates and uploads every layer and then the manifest', () => {
    expect(publish.status, String(publish.stderr)).toBe(0);
    const puts = String(publish.stdout).split('\n').filter((l) => l.startsWith('put '));
    expect(puts).toHaveLength(11);
    expect(puts.at(-1)).toMatch(/\/manifest\.json /);
  });

  it.each(['/api/layers', '/api/layers/rail?year=2027', '/api/layers/hospitals', '/api/layers/places/features/wanzhou', '/api/layers/ports?status=planned'])(
    'answers %s from R2 as from the bundle',
    async (path) => {
      const [a, b] = await Promise.all([fetch(`${bundled.url}${path}`), fetch(`${fromR2.url}${path}`)]);
      expect(b.status).toBe(a.status);
      expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
      expect(await b.text()).toBe(await a.text());
    },
  );
});
