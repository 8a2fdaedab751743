import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../geo/catalog.ts';
import type { ExtraLayerInfo } from '../../geo/schema.ts';
import { Compression, TileType } from '../../geo/pmtiles/format.ts';
import { openArchive } from '../../geo/pmtiles/reader.ts';
import { writeArchive } from '../../geo/pmtiles/writer.ts';
import { EXTRA_CATALOG_FILE } from '../../geo/validate/extra.ts';
import { rasterArchive, RASTER_INFO, RASTER_TILES, stripedPng, vectorArchive, VECTOR_INFO } from '../support/archives.ts';
import { serveArchives, type ArchiveServer } from '../support/archive-server.ts';
import { startWorker, type LocalWorker } from '../support/worker.ts';

// Two external PMTiles archives published by URL (`npm run data:publish -- --local --extra <dir>`, the
// catalogue naming each by `{ url }`) from a local HTTP server that serves byte ranges with an ETag
// (tests/support/archive-server.ts). The publish reads each archive's facts by ranges; the atlas, served
// by workerd, reads its tiles by ranges through the runtime's own fetch. No page: tests/browser/archive-page.test.ts
// draws the same archives published by file, and the page draws an archive the same whichever way it came.
let server: ArchiveServer;
let worker: LocalWorker;
let publish: Run;

/** How a command ended. */
interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs data:publish without blocking this process, whose server the publish reads. */
const publishExtras = (args: string[]): Promise<Run> =>
  new Promise((resolve) =>
    execFile('npm', ['run', 'data:publish', '--', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })),
  );

/** A directory of extra layers naming archives by URL. */
function extrasByUrl(entries: ExtraLayerInfo[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-archive-url-'));
  writeFileSync(join(dir, EXTRA_CATALOG_FILE), JSON.stringify(entries, null, 2));
  return dir;
}

const RASTER = RASTER_INFO.id;
const VECTOR = VECTOR_INFO.id;
/** Bytes read from an archive as the worker reads them: tiles decompressed. */
const tileOf = (bytes: Uint8Array, z: number, x: number, y: number) => openArchive(async (o, l) => bytes.subarray(o, o + l), async (b) => new Uint8Array(gunzipSync(b))).tile(z, x, y);

beforeAll(async () => {
  server = await serveArchives({ '/raster.pmtiles': rasterArchive(), '/basemap.pmtiles': vectorArchive() });
  const extra = extrasByUrl([
    { ...RASTER_INFO, archive: { url: `${server.url}/raster.pmtiles` } },
    { ...VECTOR_INFO, archive: { url: `${server.url}/basemap.pmtiles` } },
  ]);
  const persist = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
  publish = await publishExtras(['--local', '--persist-to', persist, '--extra', extra]);
  worker = await startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2' }, persistTo: persist });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

describe('an external PMTiles archive published by URL', () => {
  it('is published with the facts the publish read by ranges from its URL, and its attribution', async () => {
    expect(publish.status, publish.stderr).toBe(0);
    expect(publish.stdout).toContain(`${RASTER}: a PMTiles archive (png, zoom 8–8)`);
    expect(publish.stdout).toContain(`${VECTOR}: a PMTiles archive (mvt, zoom 6–9, layers water roads)`);
    // Read by ranges (the header's 16 kB, then the metadata), every one answered 206; nothing is copied to the bucket.
    const read = server.requests.filter((r) => r.path === '/basemap.pmtiles');
    expect(read[0]).toEqual({ path: '/basemap.pmtiles', range: 'bytes=0-16383', status: 206 });
    expect(read.every((r) => /^bytes=\d+-\d+$/.test(r.range) && r.status === 206)).toBe(true);
    expect(publish.stdout).not.toMatch(/put .*\.pmtiles/);

    const { layers } = (await (await fetch(`${worker.url}/api/layers`)).json()) as { layers: CatalogEntry[] };
    expect(layers.find((l) => l.id === RASTER)).toMatchObject({
      delivery: 'tiles',
      bbox: [108.28125, 30.751278, 111.09375, 31.952162],
      archive: { type: 'png', minzoom: 8, maxzoom: 8, bounds: [108.28125, 30.751278, 111.09375, 31.952162] },
      extra: { attribution: '© Test raster' },
    });
    expect(layers.find((l) => l.id === VECTOR)).toMatchObject({
      bbox: [107.3, 30.6, 108.8, 31.4],
      archive: { type: 'mvt', minzoom: 6, maxzoom: 9, layers: [{ id: 'water' }, { id: 'roads', geometry: 'LineString' }] },
      extra: { attribution: '© Test basemap' },
    });
  });

  it('has its tiles served by the worker from its URL, by range requests through the runtime’s fetch', async () => {
    const before = server.requests.length;
    const { z, x, y } = RASTER_TILES[0];
    const raster = await fetch(`${worker.url}/tiles/${RASTER}/${z}/${x}/${y}.mvt`);
    expect(raster.status).toBe(200);
    expect(raster.headers.get('Content-Type')).toBe('image/png');
    expect(new Uint8Array(await raster.arrayBuffer())).toEqual(stripedPng([160, 200, 214], [206, 226, 236]));
    // A vector tile as the archive holds it, gzip undone.
    const held = await tileOf(vectorArchive(), 8, 204, 104);
    expect(held).not.toBeNull();
    const vector = await fetch(`${worker.url}/tiles/${VECTOR}/8/204/104.mvt`);
    expect(vector.status).toBe(200);
    expect(new Uint8Array(await vector.arrayBuffer())).toEqual(held);
    expect((await fetch(`${worker.url}/tiles/${VECTOR}/8/0/0.mvt`)).status).toBe(204);
    const asked = server.requests.slice(before);
    // Each archive's header once, then one range per tile: never the whole archive.
    expect(asked.map((r) => [r.path, r.range.replace(/=\d+-\d+$/, '=…'), r.status])).toEqual([
      ['/raster.pmtiles', 'bytes=…', 206],
      ['/raster.pmtiles', 'bytes=…', 206],
      ['/basemap.pmtiles', 'bytes=…', 206],
      ['/basemap.pmtiles', 'bytes=…', 206],
    ]);
  });

  it('gives its tiles new ETags once the archive changed at its URL, and their new content', async () => {
    const [first, second] = RASTER_TILES;
    const ask = (t: { z: number; x: number; y: number }, headers: Record<string, string> = {}) => fetch(`${worker.url}/tiles/${RASTER}/${t.z}/${t.x}/${t.y}.mvt`, { headers });
    const old = await ask(first);
    await old.arrayBuffer();
    const etag = old.headers.get('ETag')!;
    expect((await ask(first, { 'If-None-Match': etag })).status).toBe(304);
    // Updated at its URL: two tiles of other colours.
    const tiles = RASTER_TILES.map((t) => ({ ...t, data: stripedPng([200, 80, 80], [240, 200, 200]) }));
    server.files.set('/raster.pmtiles', writeArchive(tiles, { tileCompression: Compression.none, tileType: TileType.png, bounds: [108.28125, 30.751278, 111.09375, 31.952162] }));
    // The next tile read sees the new ETag: that request says so (503), and the next ones read the new archive.
    const seen = await ask(second);
    expect(seen.status).toBe(503);
    expect(((await seen.json()) as { error: { message: string } }).error.message).toContain('changed since it was opened');
    const fresh = await ask(first, { 'If-None-Match': etag });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('ETag')).not.toBe(etag);
    expect(new Uint8Array(await fresh.arrayBuffer())).toEqual(stripedPng([200, 80, 80], [240, 200, 200]));
  });

  it('is refused at publish when its server does not serve byte ranges, with nothing published', async () => {
    const run = await publishExtras(['--dry-run', '--extra', extrasByUrl([{ ...RASTER_INFO, archive: { url: `${server.url}/whole/raster.pmtiles` } }])]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${RASTER}: ${server.url}/whole/raster\\.pmtiles: its server answered 200, not 206, to a range request`));
    expect(run.stdout).not.toMatch(/would put/);
  });
});
