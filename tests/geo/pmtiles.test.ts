import { gunzipSync, gzipSync } from 'node:zlib';
import { PMTiles, zxyToTileId as referenceTileId, type Source } from 'pmtiles';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_INFO, syntheticLayer } from '../../bench/synthetic.ts';
import { buildBundle, type AtlasCollection } from '../../geo/bundle.ts';
import { filterFeatures } from '../../geo/filter.ts';
import { publishObjects, type LayerManifest } from '../../geo/manifest.ts';
import { featureShard, matchKeys } from '../../geo/pmtiles/layer-index.ts';
import { validateExtraLayers } from '../../geo/validate/extra.ts';
import { createTiler, generalise, MAX_TILE_FEATURES, thinTile, tilePosition } from '../../geo/tiles.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { ArchiveError, parseDirectory, serialiseDirectory, zxyToTileId } from '../../geo/pmtiles/format.ts';
import { openArchive } from '../../geo/pmtiles/reader.ts';
import { writeArchive, type ArchiveTile } from '../../geo/pmtiles/writer.ts';

/** The reference reader's source over bytes in memory. */
const bytesSource = (bytes: Uint8Array): Source => ({
  getKey: () => 'memory',
  getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
});
const gunzip = async (b: Uint8Array, c: number) => (c === 2 ? new Uint8Array(gunzipSync(b)) : b);
const readerOf = (bytes: Uint8Array) => openArchive(async (o, l) => bytes.subarray(o, o + l), gunzip);

/** Tiles over every address of some zooms, each a few distinct bytes (some repeated, for runs and duplicates). */
function tilesUpTo(maxZoom: number, contentOf: (z: number, x: number, y: number) => string): ArchiveTile[] {
  const tiles: ArchiveTile[] = [];
  for (let z = 0; z <= maxZoom; z++) for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) tiles.push({ z, x, y, data: gzipSync(contentOf(z, x, y)) });
  return tiles;
}

describe('PMTiles v3', () => {
  it('numbers tiles on the Hilbert curve as the reference does', () => {
    for (const [z, x, y] of [[0, 0, 0], [1, 1, 0], [3, 5, 2], [12, 3271, 1660], [14, 13106, 6665], [20, 837000, 425000]]) expect(zxyToTileId(z, x, y), `${z}/${x}/${y}`).toBe(referenceTileId(z, x, y));
  });

  it('round-trips directories', () => {
    const entries = [{ tileId: 0, offset: 0, length: 5, runLength: 1 }, { tileId: 2, offset: 5, length: 7, runLength: 3 }, { tileId: 9, offset: 0, length: 5, runLength: 1 }, { tileId: 2 ** 40, offset: 2 ** 35, length: 1, runLength: 0 }];
    expect(parseDirectory(serialiseDirectory(entries))).toEqual(entries);
    expect(() => parseDirectory(serialiseDirectory(entries).subarray(0, 6))).toThrow(ArchiveError);
  });

  it('writes archives the reference reader reads, root only and with leaves, and reads them back itself', async () => {
    // Zoom 0–8, scattered (about 58,000 tiles): repeated contents make runs and shared bytes; enough entries for leaf directories.
    const tiles = tilesUpTo(8, (z, x, y) => (y % 3 === 0 ? `sea ${z}` : `tile ${z}/${x}/${y}`)).filter((t) => (t.x * 7 + t.y * 13) % 3 !== 0);
    for (const [label, set] of [['root only', tiles.filter((t) => t.z <= 3)], ['with leaves', tiles]] as const) {
      const bytes = writeArchive(set, { compress: gzipSync, bounds: [107, 30, 109, 32], metadata: { vector_layers: [{ id: 'x', fields: {} }] } });
      const reference = new PMTiles(bytesSource(bytes));
      const header = await reference.getHeader();
      expect(header, label).toMatchObject({ specVersion: 3, clustered: true, tileCompression: 2, internalCompression: 2, tileType: 1, minZoom: Math.min(...set.map((t) => t.z)), maxZoom: set.at(-1)!.z, numAddressedTiles: set.length });
      if (label === 'with leaves') expect(header.leafDirectoryLength).toBeGreaterThan(0);
      expect(header.numTileContents).toBeLessThan(set.length);
      expect(await reference.getMetadata()).toEqual({ vector_layers: [{ id: 'x', fields: {} }] });
      const mine = readerOf(bytes);
      for (const t of set.filter((_, i) => i % 7 === 0)) {
        const want = gunzipSync(t.data).toString();
        const theirs = await reference.getZxy(t.z, t.x, t.y);
        expect(new TextDecoder().decode(theirs!.data), `${label} ${t.z}/${t.x}/${t.y}`).toBe(want);
        expect(new TextDecoder().decode((await mine.tile(t.z, t.x, t.y))!), `${label} ${t.z}/${t.x}/${t.y}`).toBe(want);
      }
      expect(await mine.tile(set.at(-1)!.z + 1, 0, 0)).toBeNull();
    }
  });

  it('answers nothing for an address the archive lacks, and ArchiveError for a bad, truncated or corrupt archive', async () => {
    const bytes = writeArchive(tilesUpTo(7, (z, x, y) => `tile ${z}/${x}/${y}`).filter((t) => t.x % 2 === 0), { compress: gzipSync });
    expect(await readerOf(bytes).tile(7, 1, 0)).toBeNull();
    expect(await readerOf(bytes).tile(7, 2, 0)).not.toBeNull();
    const broken = (edit: (b: Uint8Array) => Uint8Array) => readerOf(edit(bytes.slice())).tile(7, 100, 100);
    await expect(broken((b) => b.subarray(0, 100))).rejects.toThrow(/shorter than its header/);
    await expect(broken((b) => b.subarray(0, 300))).rejects.toThrow(/truncated: its root directory/);
    // Cut in the tiles' data: the tiles past the cut are truncated.
    const cut = readerOf(bytes.subarray(0, bytes.length - 1000));
    const failure = async () => {
      for (let i = 0; i < 64 * 128; i++) await cut.tile(7, (i % 64) * 2, i >> 6);
    };
    await expect(failure()).rejects.toThrow(/truncated: its tile/);
    await expect(broken((b) => ((b[0] = 0x58), b))).rejects.toThrow(/no PMTiles magic/);
    await expect(broken((b) => ((b[7] = 2), b))).rejects.toThrow(/version 2/);
    await expect(broken((b) => (b.fill(7, 130, 200), b))).rejects.toThrow(ArchiveError);
  });
});

describe('a layer published as an archive', () => {
  // Large enough to be generalised below zoom 12 and cut in chunks (geo/pmtiles/cut.ts), as a layer of a million is.
  const layer = syntheticLayer({ points: 5_000, lines: 400 });
  const bundle = buildBundle(fixtureLayers(), 'archive-test');
  const objects = publishObjects(bundle, [{ info: SYNTHETIC_INFO, data: layer as unknown as AtlasCollection }], { threshold: 300, gzip: (b) => gzipSync(b) });
  const manifest = JSON.parse(objects.at(-1)!.body as string) as LayerManifest;
  const entry = manifest.extras![0];
  const body = (key: string) => objects.find((o) => o.key === key)!.body;

  it('names its archive and index in the manifest', () => {
    expect(entry.archive).toBe(`layers/synthetic/${entry.version}.pmtiles`);
    expect(entry.index).toEqual({ prefix: `layers/synthetic/${entry.version}`, search: 1, keysPerShard: 50_000, rowsPerShard: 4_000, features: expect.any(Number) });
    expect(body(entry.key)).toBe(JSON.stringify(layer));
    // The atlas's own layers are never archived.
    expect(Object.values(manifest.layers).some((l) => l.archive)).toBe(false);
  });

  it('leaves out a GeoJSON too large to upload, and says the layer has no whole download', () => {
    const small = syntheticLayer({ points: 300, lines: 30 }) as unknown as AtlasCollection;
    const some = publishObjects(bundle, [{ info: SYNTHETIC_INFO, data: small }], { threshold: 300, gzip: (b) => gzipSync(b), maxObjectBytes: 50_000 });
    const extra = (JSON.parse(some.at(-1)!.body as string) as LayerManifest).extras![0];
    expect(extra.whole).toBe(false);
    expect(some.some((o) => o.key === extra.key)).toBe(false);
    expect(some.some((o) => o.key === extra.archive)).toBe(true);
  });

  it('holds every tile the worker would cut, byte for byte, read by the reference reader', async () => {
    const reference = new PMTiles(bytesSource(body(entry.archive!) as Uint8Array));
    const header = await reference.getHeader();
    expect(header).toMatchObject({ minZoom: 0, maxZoom: 14, tileType: 1, tileCompression: 2 });
    const tiler = createTiler('synthetic', layer);
    const [w, s, e, n] = entry.bbox!;
    let compared = 0;
    for (let z = 0; z <= 14; z++) {
      const [x0, y0] = tilePosition(w, n, z).map(Math.floor);
      const [x1, y1] = tilePosition(e, s, z).map(Math.floor);
      // One tile round the extent too: buffers reach into neighbours.
      for (let x = Math.max(0, x0 - 1); x <= Math.min(2 ** z - 1, x1 + 1); x++)
        for (let y = Math.max(0, y0 - 1); y <= Math.min(2 ** z - 1, y1 + 1); y++) {
          const want = tiler.tile(z, x, y);
          const got = await reference.getZxy(z, x, y);
          expect(got === undefined ? null : Buffer.from(got.data).toString('hex'), `${z}/${x}/${y}`).toBe(want === null ? null : Buffer.from(want).toString('hex'));
          if (want) compared++;
        }
    }
    expect(compared).toBe(header.numAddressedTiles);
  });

  it('finds features by name in its key shards, ranked as the layer API ranks them, and every feature in its shard', () => {
    const keys = body(`${entry.index!.prefix}/keys-0.txt`) as string;
    const rows = (body(`${entry.index!.prefix}/rows-0.txt`) as string).split('\n');
    const features = layer.features as AtlasCollection['features'];
    for (const q of ['合成点 12', 'synthetic line 399', 'line 7 synthetic', 'hechengdian12', 'p4999']) {
      const found = matchKeys(keys, q, 0).sort((a, b) => a.rank - b.rank || a.at - b.at).map((m) => features[m.at].properties.id);
      expect(found, q).toEqual(filterFeatures(features, { q }).map((f) => f.properties.id));
    }
    expect(JSON.parse(rows[12])).toMatchObject({ bbox: expect.any(Array), properties: { id: 'p12', name_zh: '合成点 12' }, geometry: features[12].geometry });
    const shard = JSON.parse(body(`${entry.index!.prefix}/features-${featureShard('l7', entry.index!.features)}.json`) as string) as Feature[];
    expect(shard.find((f) => f.properties!.id === 'l7')).toEqual(layer.features.find((f) => f.properties!.id === 'l7'));
  });
});

describe('an extra layer that is a PMTiles archive', () => {
  it('passes the check without GeoJSON, and is published as its bytes (a file) or its URL, with its attribution', () => {
    const bytes = writeArchive([{ z: 0, x: 0, y: 0, data: gzipSync('tile') }], { compress: gzipSync, bounds: [107, 30, 109, 32] });
    const byFile = { ...SYNTHETIC_INFO, id: 'region-base', archive: { file: 'region.pmtiles' }, attribution: '© OpenStreetMap contributors' };
    const byUrl = { ...SYNTHETIC_INFO, id: 'region-url', archive: { url: 'https://tiles.example.org/region.pmtiles' } };
    expect(validateExtraLayers([byFile, byUrl], {}).problems).toEqual([]);
    expect(validateExtraLayers([{ ...byFile, archive: { file: 'region.geojson' } }], {}).problems[0].problem).toMatch(/ending \.pmtiles/);
    const objects = publishObjects(buildBundle(fixtureLayers(), 'x'), [{ info: byFile, archive: { bytes, bbox: [107, 30, 109, 32] } }, { info: byUrl }]);
    const [file, url] = (JSON.parse(objects.at(-1)!.body as string) as LayerManifest).extras!;
    expect(file).toMatchObject({ archive: `layers/region-base/${file.version}.pmtiles`, count: 0, bbox: [107, 30, 109, 32], info: { attribution: '© OpenStreetMap contributors' } });
    expect(objects.find((o) => o.key === file.archive)!.body).toBe(bytes);
    expect(url).toMatchObject({ archive: 'https://tiles.example.org/region.pmtiles', bbox: null });
    expect(objects.some((o) => o.key.includes('region-url'))).toBe(false);
  });
});

describe('thinTile', () => {
  it('keeps about MAX_TILE_FEATURES of a dense tile of a share, the same ones every time, and leaves the base zoom whole', () => {
    // A zoom-7 share keeps the features whose id fraction is under 2.5^-5: its tile's features are those.
    const share = generalise({ type: 'FeatureCollection', features: Array.from({ length: 1_000_000 }, (_, i) => ({ type: 'Feature', properties: { id: `p${i}` }, geometry: { type: 'Point', coordinates: [0, 0] } })) }, 7);
    const tile = { features: share.features.map((f) => ({ tags: f.properties as Record<string, unknown> })) };
    const thin = thinTile(tile, 7);
    expect(thin.features.length).toBeGreaterThan(MAX_TILE_FEATURES * 0.9);
    expect(thin.features.length).toBeLessThan(MAX_TILE_FEATURES * 1.1);
    expect(thinTile(tile, 7).features).toEqual(thin.features);
    expect(thinTile(tile, 12)).toBe(tile);
    expect(thinTile({ features: tile.features.slice(0, 100) }, 7).features).toHaveLength(100);
  });
});
