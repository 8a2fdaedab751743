import { env } from 'cloudflare:workers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { publishObjects, type ExtraLayer, type LayerManifest } from '../../geo/manifest.ts';
import { Compression, TileType } from '../../geo/pmtiles/format.ts';
import { writeArchive } from '../../geo/pmtiles/writer.ts';
import { createApp } from '../../worker/app.ts';
import { cacheVersion } from '../../worker/sources/source.ts';
import { RASTER_INFO } from '../support/archives.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

// An external PMTiles archive published by URL, read by the worker's `urlRange` through the fetch that
// createApp takes: a test here runs inside workerd, where no server of the test's own can listen, so the
// fetch is injected and answers from the archive's bytes as an HTTP server would (Range, 206, ETag).
// tests/browser/archive-url.test.ts publishes one from a real local server and reads it through workerd's fetch.
const bucket = (env as unknown as { ATLAS_DATA: R2Bucket }).ATLAS_DATA;
const data = buildBundle(fixtureLayers(), 'archive-url-test');
const r2 = { ATLAS_LAYER_SOURCE: 'r2', ATLAS_DATA: bucket };
const URL_OF = 'https://tiles.example.org/region.pmtiles';
const [A, B] = ['8/205/104', '8/206/104'];

/** A raster archive of two tiles whose bytes say which version of the archive they are of. */
const archiveOf = (label: string) =>
  writeArchive(
    [A, B].map((t) => {
      const [z, x, y] = t.split('/').map(Number);
      return { z, x, y, data: new TextEncoder().encode(`${label} ${t}`) };
    }),
    { tileType: TileType.png, tileCompression: Compression.none, bounds: [108.28125, 30.751278, 111.09375, 31.952162] },
  );

/** What a server answers: its archive's bytes now, and the headers that say their version. */
interface Served {
  bytes: Uint8Array;
  headers?: Record<string, string>;
  /** Answer the whole archive, 200, whatever the Range (a server that does not serve ranges). */
  whole?: boolean;
}

/** A fetch that answers as an HTTP server of `served` would, and keeps the Range of each request. */
function server(served: Served) {
  const ranges: string[] = [];
  const fetcher = (async (_url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('Range') ?? '';
    ranges.push(range);
    const { bytes, headers = {} } = served;
    if (served.whole) return new Response(bytes.slice(), { status: 200, headers });
    const [from, to] = /bytes=(\d+)-(\d+)/.exec(range)!.slice(1).map(Number);
    if (from >= bytes.length) return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${bytes.length}` } });
    const end = Math.min(to, bytes.length - 1);
    return new Response(bytes.slice(from, end + 1), { status: 206, headers: { ...headers, 'Content-Range': `bytes ${from}-${end}/${bytes.length}` } });
  }) as typeof fetch;
  return { fetcher, ranges };
}

let manifest: LayerManifest;
const info = { ...RASTER_INFO, id: 'url-base', archive: { url: URL_OF }, attribution: '© Region basemap' };

beforeAll(async () => {
  const extras: ExtraLayer[] = [{ info, facts: { type: 'png', minzoom: 8, maxzoom: 8, bounds: [108.28125, 30.751278, 111.09375, 31.952162] } }];
  const objects = publishObjects(data, extras);
  for (const o of objects) await bucket.put(o.key, o.body);
  manifest = JSON.parse(objects.at(-1)!.body as string) as LayerManifest;
});
afterAll(async () => {
  for (const o of publishObjects(data)) await bucket.put(o.key, o.body);
});
afterEach(() => {
  vi.useRealTimers();
});

/** An atlas on the bucket whose external archive the fetch reads; `ask` asks it for a tile of the layer. */
function atlas(fetcher: typeof fetch) {
  const app = createApp({ data, r2: { manifestTtlMs: 0 }, fetch: fetcher });
  return (tile: string, headers: Record<string, string> = {}) => app.request(`http://atlas.test/tiles/url-base/${tile}.mvt`, { headers }, r2);
}
const text = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());

describe('an external PMTiles archive published by URL', () => {
  it('is served by range requests to its URL, in its tile type, with 204 where it has no tile', async () => {
    const { fetcher, ranges } = server({ bytes: archiveOf('first'), headers: { ETag: '"first"' } });
    const ask = atlas(fetcher);
    const res = await ask(A);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(await text(res)).toBe(`first ${A}`);
    expect((await ask('8/0/0')).status).toBe(204);
    // The header and root directory once, then one range per tile asked; never the whole archive.
    expect(ranges[0]).toBe('bytes=0-16383');
    expect(ranges.length).toBe(2);
    expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);
    expect(manifest.extras!.find((e) => e.info.id === 'url-base')).toMatchObject({ archive: URL_OF, external: { type: 'png' } });
  });

  it('answers 503 saying why when its server does not serve byte ranges', async () => {
    const ask = atlas(server({ bytes: archiveOf('whole'), whole: true }).fetcher);
    const res = await ask(A);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/^layer url-base: the archive at .* answered 200 to a range request; it must serve byte ranges/) } });
  });

  it('keeps today’s ETag when the server says nothing of the archive’s version', async () => {
    const served: Served = { bytes: archiveOf('plain') };
    const ask = atlas((async (url: string, init?: RequestInit) => {
      const res = await server(served).fetcher(url, init);
      res.headers.delete('Content-Range');
      return res;
    }) as typeof fetch);
    const entry = manifest.extras!.find((e) => e.info.id === 'url-base')!;
    expect((await ask(A)).headers.get('ETag')).toBe(`"${cacheVersion('url-base', entry.version, data.version)}-${A.replaceAll('/', '-')}"`);
  });

  // By ETag, and by Last-Modified and length for a server that gives no ETag.
  for (const [by, v1, v2] of [
    ['its ETag', { ETag: '"one"' }, { ETag: '"two"' }],
    ['its Last-Modified and length', { 'Last-Modified': 'Sat, 05 Dec 2026 01:00:00 GMT' }, { 'Last-Modified': 'Sat, 05 Dec 2026 02:00:00 GMT' }],
  ] as const) {
    it(`gives its tiles new ETags and edge-cache keys when it changes at its URL (by ${by})`, async () => {
      const served: Served = { bytes: archiveOf(`one ${by}`), headers: v1 };
      const { fetcher, ranges } = server(served);
      const ask = atlas(fetcher);
      const first = await ask(A);
      const old = first.headers.get('ETag')!;
      expect(await text(first)).toBe(`one ${by} ${A}`);
      const again = await ask(A);
      expect(again.headers.get('X-Atlas-Cache')).toBe('hit');
      expect(again.headers.get('ETag')).toBe(old);
      expect((await ask(A, { 'If-None-Match': old })).status).toBe(304);
      const read = ranges.length;

      // Replaced at its URL: the next tile read sees it (one 503 that says so), and the tiles follow.
      served.bytes = archiveOf(`two ${by}`);
      served.headers = v2;
      const changed = await ask(B);
      expect(changed.status).toBe(503);
      expect(await changed.json()).toMatchObject({ error: { message: expect.stringContaining('changed since it was opened') } });
      const fresh = await ask(A, { 'If-None-Match': old });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('ETag')).not.toBe(old);
      expect(fresh.headers.get('X-Atlas-Cache')).toBe('miss');
      expect(await text(fresh)).toBe(`two ${by} ${A}`);
      expect(await text(await ask(B))).toBe(`two ${by} ${B}`);
      // No read per tile for the version: the 503's tile read, the new header, then one read per tile.
      expect(ranges.length - read).toBe(4);
    });
  }

  it('checks the version again after five minutes, so a replaced archive shows even when every tile comes from the edge', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const served: Served = { bytes: archiveOf('early'), headers: { ETag: '"early"' } };
    const { fetcher, ranges } = server(served);
    const ask = atlas(fetcher);
    const old = (await ask(A)).headers.get('ETag');
    served.bytes = archiveOf('late');
    served.headers = { ETag: '"late"' };
    // Within five minutes the edge's copy stands, and nothing is read.
    vi.setSystemTime(Date.now() + 60_000);
    const read = ranges.length;
    const cached = await ask(A);
    expect([cached.headers.get('ETag'), cached.headers.get('X-Atlas-Cache'), ranges.length]).toEqual([old, 'hit', read]);
    vi.setSystemTime(Date.now() + 300_000);
    const fresh = await ask(A);
    expect(fresh.headers.get('ETag')).not.toBe(old);
    expect(await text(fresh)).toBe(`late ${A}`);
    // One byte read to check, then the new archive's header and the tile.
    expect(ranges.slice(read)).toEqual(['bytes=0-0', 'bytes=0-16383', expect.stringMatching(/^bytes=\d+-\d+$/)]);
  });
});
