import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { manifestOf, type ExtraManifestLayer } from '../../geo/manifest.ts';
import { archiveFacts, readArchiveFacts } from '../../geo/pmtiles/facts.ts';
import { ArchiveError, parseHeader } from '../../geo/pmtiles/format.ts';
import { openArchive } from '../../geo/pmtiles/reader.ts';
import { writeArchive } from '../../geo/pmtiles/writer.ts';
import { rasterArchive, RASTER_INFO, vectorArchive, VECTOR_INFO } from '../support/archives.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

const fromBytes = (bytes: Uint8Array) => readArchiveFacts(async (o, l) => bytes.subarray(o, o + l), async (b) => gunzipSync(b));

describe('an external PMTiles archive’s facts', () => {
  it('reads a raster archive’s type, zooms and bounds', async () => {
    expect(await fromBytes(rasterArchive())).toEqual({ type: 'png', minzoom: 8, maxzoom: 8, bounds: [108.28125, 30.751278, 111.09375, 31.952162] });
  });

  it('reads a vector archive’s source-layers, with their geometry where the metadata says it', async () => {
    const facts = await fromBytes(vectorArchive());
    expect(facts).toMatchObject({ type: 'mvt', minzoom: 6, maxzoom: 9 });
    expect(facts.layers).toEqual([{ id: 'water' }, { id: 'roads', geometry: 'LineString' }]);
  });

  it('takes a raster tile size from the metadata, and refuses a tile type the page cannot draw', () => {
    const header = parseHeader(writeArchive([{ z: 0, x: 0, y: 0, data: new Uint8Array([1]) }], { tileType: 3 }));
    expect(archiveFacts(header, { tileSize: 512 })).toMatchObject({ type: 'jpg', tileSize: 512 });
    expect(archiveFacts(header, { tile_size: 300 }).tileSize).toBeUndefined();
    expect(() => archiveFacts({ ...header, tileType: 0 }, {})).toThrow(ArchiveError);
  });

  it('refuses an archive compressed with a method the worker cannot read (Brotli, zstd), and reads a tile compression of 0 (unknown) as none', async () => {
    const tile = [{ z: 0, x: 0, y: 0, data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }];
    for (const tileCompression of [3, 4]) await expect(fromBytes(writeArchive(tile, { tileType: 2, tileCompression }))).rejects.toThrow(/cannot read \([34]; gzip or none\)/);
    const unknown = writeArchive(tile, { tileType: 2, tileCompression: 0 });
    expect((await fromBytes(unknown)).type).toBe('png');
    const reader = openArchive(async (o, l) => unknown.subarray(o, o + l), async () => {
      throw new Error('nothing to undo');
    });
    expect([...((await reader.tile(0, 0, 0)) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  // The catalogue's answer (/api/layers) is checked against its schema in tests/browser/archive-page.test.ts.
  it('is recorded in the manifest', async () => {
    const [raster, vector] = [rasterArchive(), vectorArchive()];
    const extras = [
      { info: RASTER_INFO, archive: { bytes: raster, bbox: parseHeader(raster).bounds }, facts: await fromBytes(raster) },
      { info: VECTOR_INFO, archive: { bytes: vector, bbox: parseHeader(vector).bounds }, facts: await fromBytes(vector) },
    ];
    const manifest = manifestOf(buildBundle(fixtureLayers(), 'x'), extras);
    const [r, v] = manifest.extras as ExtraManifestLayer[];
    expect(r.external).toMatchObject({ type: 'png', minzoom: 8, maxzoom: 8 });
    expect(v.external?.layers?.map((l) => l.id)).toEqual(['water', 'roads']);
    expect(v.bbox).toEqual([107.3, 30.6, 108.8, 31.4]);
  });
});
