/**
 * Two small external PMTiles archives of the region, as a user would bring them: a raster archive of
 * two PNG tiles (zoom 8 round 万州), and a vector archive of two source-layers (`water` polygons,
 * `roads` lines; zoom 6–9) whose metadata lists them as a Protomaps basemap's does. With
 * `writeArchiveExtras`, a directory of extra layers naming both by file.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import type { ExtraLayerInfo } from '../../geo/schema.ts';
import { Compression, TileType } from '../../geo/pmtiles/format.ts';
import { writeArchive, type ArchiveTile } from '../../geo/pmtiles/writer.ts';
import { EXTRA_CATALOG_FILE } from '../../geo/validate/extra.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * A 256-pixel PNG of diagonal stripes in two colours (RGB), so a screenshot shows it plainly.
 *
 * @param a - one stripe's colour
 * @param b - the other's
 * @returns the PNG's bytes
 */
export function stripedPng(a: [number, number, number], b: [number, number, number]): Uint8Array {
  const size = 256;
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    rows[y * (1 + size * 3)] = 0;
    for (let x = 0; x < size; x++) rows.set(Math.floor((x + y) / 32) % 2 ? a : b, y * (1 + size * 3) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array(0))]));
}

/** The two raster tiles: zoom 8, round 万州 and east of it. */
export const RASTER_TILES = [
  { z: 8, x: 205, y: 104 },
  { z: 8, x: 206, y: 104 },
] as const;

/**
 * A raster archive of two PNG tiles.
 *
 * @returns its bytes
 */
export function rasterArchive(): Uint8Array {
  const tiles: ArchiveTile[] = RASTER_TILES.map((t, i) => ({ ...t, data: i ? stripedPng([214, 196, 160], [236, 226, 200]) : stripedPng([160, 200, 214], [206, 226, 236]) }));
  // The two tiles' extent (west, south, east, north).
  return writeArchive(tiles, { compress: gzipSync, tileCompression: Compression.none, tileType: TileType.png, bounds: [108.28125, 30.751278, 111.09375, 31.952162], metadata: { name: 'test raster', format: 'png' } });
}

const square = (w: number, s: number, e: number, n: number): Feature => ({ type: 'Feature', properties: { kind: 'lake' }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
/** Water: two lakes; roads: two lines across the region. */
export const VECTOR_LAYERS: Record<string, FeatureCollection> = {
  water: { type: 'FeatureCollection', features: [square(108.2, 30.7, 108.5, 30.9), square(107.6, 31.1, 107.8, 31.3)] },
  roads: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'highway' }, geometry: { type: 'LineString', coordinates: [[107.3, 30.6], [108.0, 30.9], [108.8, 31.2]] } },
      { type: 'Feature', properties: { kind: 'highway' }, geometry: { type: 'LineString', coordinates: [[107.5, 31.4], [108.4, 30.6]] } },
    ],
  },
};

/**
 * A vector archive of two source-layers, zoom 6–9; its metadata lists both, and gives the roads' geometry
 * as Tippecanoe's `tilestats` does.
 *
 * @returns its bytes
 */
export function vectorArchive(): Uint8Array {
  const indexes = Object.entries(VECTOR_LAYERS).map(([name, fc]) => [name, new GeoJSONVT(fc, { maxZoom: 9, indexMaxZoom: 9, extent: 4096, buffer: 64 })] as const);
  const tiles: ArchiveTile[] = [];
  for (let z = 6; z <= 9; z++) {
    const n = 2 ** z;
    for (let x = Math.floor(((107 + 180) / 360) * n); x <= Math.floor(((110 + 180) / 360) * n); x++)
      for (let y = 0; y < n; y++) {
        const layers = Object.fromEntries(indexes.flatMap(([name, index]) => ((t) => (t && t.features.length ? [[name, t]] : []))(index.getTile(z, x, y))));
        if (Object.keys(layers).length) tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 })) });
      }
  }
  const metadata = { name: 'test basemap', vector_layers: [{ id: 'water', fields: { kind: 'String' } }, { id: 'roads', fields: { kind: 'String' } }], tilestats: { layers: [{ layer: 'roads', geometry: 'LineString' }] } };
  return writeArchive(tiles, { compress: gzipSync, bounds: [107.3, 30.6, 108.8, 31.4], metadata });
}

const INFO = { group: 'base', source: { title: 'Test archive made by tests/support/archives.ts' }, accuracy: 'schematic', uncertainty_km: 0 } as const;
/** The raster archive's catalogue entry. */
export const RASTER_INFO: ExtraLayerInfo = { ...INFO, id: 'test-raster', title: { zh: '测试栅格底图', en: 'Test raster base' }, colour: '#8c6d31', archive: { file: 'raster.pmtiles' }, attribution: '© Test raster' };
/** The vector archive's catalogue entry. */
export const VECTOR_INFO: ExtraLayerInfo = { ...INFO, id: 'test-basemap', title: { zh: '测试矢量底图', en: 'Test vector base' }, colour: '#3b6e8c', archive: { file: 'basemap.pmtiles' }, attribution: '© Test basemap' };

/**
 * Writes a directory of extra layers naming both archives by file, for `npm run data:publish -- --extra`.
 *
 * @param dir - the directory (it exists)
 */
export function writeArchiveExtras(dir: string): void {
  writeFileSync(`${dir}/${EXTRA_CATALOG_FILE}`, JSON.stringify([RASTER_INFO, VECTOR_INFO], null, 2));
  writeFileSync(`${dir}/raster.pmtiles`, rasterArchive());
  writeFileSync(`${dir}/basemap.pmtiles`, vectorArchive());
}
