/**
 * A synthetic large layer, for the tile benchmarks: seeded, so every run draws
 * the same 200,000 points and 20,000 lines over the region (万州, 达州, 开州, 云阳
 * and their neighbours). Not data: every feature says it is synthetic.
 *
 * `tsx bench/synthetic.ts [out.geojson]` writes it; the benchmarks import it.
 */
import { writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';

/** The region the features are spread over: lon/lat bounds. */
export const SYNTHETIC_BOUNDS = [107.1, 30.45, 109.0, 31.6] as const;

/** A small seeded generator (mulberry32): the same numbers for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The synthetic layer.
 *
 * @param options - how many points and lines, and the seed
 * @returns a FeatureCollection: points clustered around towns, lines as random walks
 * @example
 * const fc = syntheticLayer({ points: 200_000, lines: 20_000, seed: 7 });
 */
export function syntheticLayer(options: { points?: number; lines?: number; seed?: number } = {}): FeatureCollection {
  const rand = random(options.seed ?? 20261122);
  const [w, s, e, n] = SYNTHETIC_BOUNDS;
  const uniform = () => [w + rand() * (e - w), s + rand() * (n - s)];
  // Points cluster round 60 "towns", as real facilities do.
  const towns = Array.from({ length: 60 }, uniform);
  const features: Feature[] = [];
  const statuses = ['operating', 'under_construction', 'planned', 'proposed'];
  for (let i = 0; i < (options.points ?? 200_000); i++) {
    const [tx, ty] = towns[Math.floor(rand() * towns.length)];
    const r = 0.15 * Math.sqrt(-2 * Math.log(1 - rand() * 0.999));
    const a = rand() * 2 * Math.PI;
    const coordinates = [Math.min(e, Math.max(w, tx + r * Math.cos(a))), Math.min(n, Math.max(s, ty + r * Math.sin(a)))].map((v) => Math.round(v * 1e5) / 1e5);
    features.push({ type: 'Feature', properties: { id: `p${i}`, name_zh: `合成点 ${i}`, name_en: `Synthetic point ${i}`, status: statuses[i % 4], synthetic: true }, geometry: { type: 'Point', coordinates } });
  }
  for (let i = 0; i < (options.lines ?? 20_000); i++) {
    let [x, y] = uniform();
    const coordinates = [[x, y]];
    for (let k = 0; k < 10; k++) {
      x = Math.min(e, Math.max(w, x + (rand() - 0.5) * 0.04));
      y = Math.min(n, Math.max(s, y + (rand() - 0.5) * 0.04));
      coordinates.push([x, y]);
    }
    features.push({
      type: 'Feature',
      properties: { id: `l${i}`, name_zh: `合成线 ${i}`, name_en: `Synthetic line ${i}`, status: statuses[i % 4], synthetic: true },
      geometry: { type: 'LineString', coordinates: coordinates.map((c) => c.map((v) => Math.round(v * 1e5) / 1e5)) },
    });
  }
  return { type: 'FeatureCollection', features };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'dist/synthetic.geojson';
  writeFileSync(out, JSON.stringify(syntheticLayer()));
  console.log(`wrote ${out}`);
}
