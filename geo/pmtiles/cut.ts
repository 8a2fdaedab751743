/**
 * Every tile of a layer, cut ahead of time for its archive with the worker's own
 * settings (geo/tiles.ts: the same geojson-vt options, the same generalisation), so that
 * the archive's tiles are the tiles the worker would cut. A layer of a million features
 * does not fit one geojson-vt index, so each share of the layer is cut in spatial chunks:
 * a chunk's index holds only the features that reach into it (its tiles' buffers included),
 * which leaves each of its tiles exactly as the whole index would cut it.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { Feature, FeatureCollection } from 'geojson';
import { eachPosition } from '../bbox.ts';
import { bandOf, encodeTile, flatProperties, generalise, indexOptions, thinTile, TILE_MAX_ZOOM } from '../tiles.ts';

/** A tile cut: its address and its encoded (uncompressed) bytes. */
export interface CutTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Options of {@link cutLayer}. */
export interface CutOptions {
  /** The deepest zoom; defaults to 14 (`TILE_MAX_ZOOM`). */
  maxZoom?: number;
  /** The zoom of the chunks the deep zooms are cut in; defaults to 9 (about 0.7° square: a region's layer in a dozen). */
  chunkZoom?: number;
}

/** A feature's extent in Web Mercator's unit square (x east, y south), from its positions. */
function unitBox(f: Feature): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition((f.geometry as { coordinates: unknown }).coordinates, ([lon, lat]) => {
    const s = Math.sin((Math.max(-85.06, Math.min(85.06, lat)) * Math.PI) / 180);
    const x = lon / 360 + 0.5;
    const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  });
  return box;
}

/** The features of a share in each chunk at a zoom, their order kept; a margin of twice a tile's buffer. */
function chunksOf(features: readonly Feature[], boxes: WeakMap<Feature, number[]>, cz: number): Map<string, Feature[]> {
  const n = 2 ** cz;
  const margin = (2 * 64) / 4096;
  const chunks = new Map<string, Feature[]>();
  for (const f of features) {
    const [x0, y0, x1, y1] = boxes.get(f)!;
    const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
    for (let x = clamp(x0 * n - margin); x <= clamp(x1 * n + margin); x++)
      for (let y = clamp(y0 * n - margin); y <= clamp(y1 * n + margin); y++) {
        const key = `${x}/${y}`;
        const list = chunks.get(key);
        if (list) list.push(f);
        else chunks.set(key, [f]);
      }
  }
  return chunks;
}

/**
 * Every tile of a layer that holds something, zoom 0 to the deepest.
 *
 * @param name - the layer (the tiles' layer name, and its display tolerance)
 * @param collection - its features (WGS84)
 * @param options - the deepest zoom and the chunks' zoom
 * @returns the tiles, as they are cut
 * @example
 * for (const t of cutLayer('synthetic', layer)) tiles.push({ ...t, data: gzipSync(t.data) });
 */
export function* cutLayer(name: string, collection: FeatureCollection, options: CutOptions = {}): Generator<CutTile> {
  const maxZoom = options.maxZoom ?? TILE_MAX_ZOOM;
  const settings = indexOptions(name, { maxZoom });
  const flat = flatProperties(collection);
  const count = flat.features.length;
  const boxes = new WeakMap<Feature, number[]>(flat.features.map((f) => [f, unitBox(f)]));
  // Zooms cut from one share of the layer, together: zooms 0–5 share zoom 5's, 12–14 hold every feature.
  const groups: { band: number | undefined; zooms: number[] }[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    const band = bandOf(z, count);
    const last = groups.at(-1);
    if (last && last.band === band) last.zooms.push(z);
    else groups.push({ band, zooms: [z] });
  }
  for (const { band, zooms } of groups) {
    const share = band === undefined ? flat.features : generalise(flat, band).features;
    const [top, bottom] = [zooms[0], zooms.at(-1)!];
    const cz = Math.min(top, options.chunkZoom ?? 9);
    for (const [key, features] of chunksOf(share, boxes, cz)) {
      const [cx, cy] = key.split('/').map(Number);
      const index = new GeoJSONVT({ type: 'FeatureCollection', features }, settings);
      // Down from the chunk, leaving a branch where a tile is empty: nothing below it holds anything.
      const stack: [number, number, number][] = [[cz, cx, cy]];
      while (stack.length) {
        const [z, x, y] = stack.pop()!;
        const tile = index.getTile(z, x, y);
        if (!tile || tile.features.length === 0) continue;
        if (z >= top) {
          const data = encodeTile(name, band === undefined ? tile : thinTile(tile, z));
          if (data) yield { z, x, y, data };
        }
        if (z < bottom) for (const [dx, dy] of [[1, 1], [0, 1], [1, 0], [0, 0]]) stack.push([z + 1, 2 * x + dx, 2 * y + dy]);
      }
    }
  }
}
