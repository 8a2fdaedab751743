/**
 * A layer's features as data to download: rows for a CSV file (one feature a row, the columns named as
 * the GeoJSON's properties are, so the two files read alike) and a GeoJSON FeatureCollection, each with
 * its credit line: the atlas, the address the data came from, the year whose status it gives and, where
 * a layer holds OpenStreetMap data, OpenStreetMap's credit and licence. Pure: the page and tests share it.
 */
import type { CsvValue } from './csv.ts';
import { statusIn, type LifeProps } from './lifecycle.ts';
import type { Geometry, Source } from './schema.ts';

/** A feature as the layer API gives it (the page holds the same). */
export interface DownloadFeature {
  type: 'Feature';
  properties: { id: string; name_zh: string; name_en: string } & Record<string, unknown>;
  geometry: Geometry;
}

/** What a download says of where its data came from. */
export interface DownloadCredit {
  /** The address the data came from (`https://…/api/layers/ports?year=2027`). */
  url: string;
  /** The map's year: the status columns and `status_in` are as of that year. */
  year: number;
  /** Whether the layer holds OpenStreetMap data (its catalogue entry's credit, or an extra layer's source). */
  osm: boolean;
}

/** The atlas's name in both languages: a file travels without the page's language. */
export const ATLAS_NAME = '万达开云地图集 Wan-Da-Kai-Yun Atlas';
/** OpenStreetMap's credit with its licence, as the ODbL asks of a file holding its data. */
export const OSM_LICENCE = '© OpenStreetMap contributors (ODbL 1.0, https://www.openstreetmap.org/copyright)';

/** The figures a feature may have, as the schema names them (geo/schema.ts `ThematicProps`). */
const FIGURES = ['plan_year', 'start_year', 'opens', 'closed', 'works', 'length_km', 'design_speed_kmh', 'operating_speed_kmh', 'lanes', 'investment_yi', 'beds', 'capacity', 'capacity_unit'] as const;

/**
 * The credit line of a download, in both languages.
 *
 * @param credit - where the data came from, its year, whether OpenStreetMap's data is in it
 * @returns the line
 * @example
 * creditLine({ url: 'https://atlas.example/api/layers/rail?year=2027', year: 2027, osm: true });
 * // '万达开云地图集 Wan-Da-Kai-Yun Atlas · 状态为 2027 年 / status as of 2027 · https://atlas.example/api/layers/rail?year=2027 · © OpenStreetMap contributors (ODbL 1.0, …)'
 */
export function creditLine(credit: DownloadCredit): string {
  const parts = [ATLAS_NAME, `状态为 ${credit.year} 年 / status as of ${credit.year}`, credit.url];
  return (credit.osm ? [...parts, OSM_LICENCE] : parts).join(' · ');
}

/**
 * Whether an extra layer's source is OpenStreetMap (the atlas's own layers say so in the catalogue).
 *
 * @param source - the layer's source
 * @returns true when its title or address names OpenStreetMap
 * @example
 * fromOsm({ title: 'OpenStreetMap railway=station' }); // true
 */
export const fromOsm = (source: Source | undefined): boolean => /openstreetmap|\bosm\b/i.test(`${source?.title ?? ''} ${source?.url ?? ''}`);

/** A position to put in the lon and lat columns, and what it is of. */
function positionOf(g: Geometry): { at: [number, number]; of: string } {
  if (g.type === 'Point') return { at: g.coordinates as [number, number], of: 'point' };
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    // A vertex midway along the line's first part: on the line, which a mean of vertices may not be.
    const line = g.type === 'LineString' ? g.coordinates : g.coordinates[0];
    return { at: line[Math.floor(line.length / 2)] as [number, number], of: 'line_midpoint' };
  }
  const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]).slice(1);
  const mean = (i: 0 | 1) => Math.round((ring.reduce((s, c) => s + c[i], 0) / ring.length) * 1e6) / 1e6;
  return { at: [mean(0), mean(1)], of: 'area_centre' };
}

/** A list of figures (one speed per section) in one field. */
const field = (v: unknown): CsvValue => (Array.isArray(v) ? v.join(';') : typeof v === 'number' || typeof v === 'string' ? v : null);

/**
 * A layer's features as CSV records, the header first: names, the status in the year and as reported,
 * the life's years and figures, the source, the position's worth, a position (a point's own; a line's
 * midway vertex or an area's centre, as `lonlat_of` says), the notes, and the credit on every row, so
 * that a row keeps it however the sheet is sorted or cut.
 *
 * @param features - the features (those on the map of the year)
 * @param layer - the layer's id
 * @param credit - where the data came from, the year, whether OpenStreetMap's data is in it
 * @returns the records
 * @example
 * layerRows(ports.features, 'ports', { url, year: 2027, osm: false })[0].slice(0, 6);
 * // ['id', 'name_zh', 'name_en', 'layer', 'kind', 'status_2027']
 */
export function layerRows(features: readonly DownloadFeature[], layer: string, credit: DownloadCredit): CsvValue[][] {
  const { year } = credit;
  const line = creditLine(credit);
  const head = ['id', 'name_zh', 'name_en', 'layer', 'kind', `status_${year}`, `expected_${year}`, 'status_reported', 'as_of', ...FIGURES];
  const tail = ['source_title', 'source_date', 'source_url', 'accuracy', 'uncertainty_km', 'geometry', 'lon', 'lat', 'lonlat_of', 'note', 'note_zh', 'credit'];
  const rows = features.map(({ properties: p, geometry }) => {
    const now = typeof p.status === 'string' ? statusIn(p as LifeProps, year) : null;
    const source = p.source as Source | undefined;
    const { at, of } = positionOf(geometry);
    return [
      p.id, p.name_zh, p.name_en, layer, field(p.kind), now?.status ?? null, now ? String(now.expected) : null, field(p.status), field(p.as_of),
      ...FIGURES.map((k) => field(p[k])),
      source?.title, source?.date, source?.url, field(p.accuracy), field(p.uncertainty_km), geometry.type, at[0], at[1], of, field(p.note), field(p.note_zh), line,
    ];
  });
  return [[...head, ...tail], ...rows];
}

/** A layer's identity in a GeoJSON download. */
export interface DownloadLayer {
  id: string;
  title: { zh: string; en: string };
}

/**
 * Features as a GeoJSON FeatureCollection to download, its credit in foreign members at the top
 * (`attribution`, `source`, `license` where OpenStreetMap's data is in it), with the layer, the year and
 * each feature's status in it (`status_in`); the map's per-year letters (`status_years`) are left out.
 *
 * @param features - the features
 * @param layer - the layer's id and titles
 * @param credit - where the data came from, the year, whether OpenStreetMap's data is in it
 * @returns the collection, ready for `JSON.stringify`
 * @example
 * JSON.stringify(layerGeoJson(ports.features, { id: 'ports', title }, { url, year: 2027, osm: false }));
 */
export function layerGeoJson(features: readonly DownloadFeature[], layer: DownloadLayer, credit: DownloadCredit) {
  const { year } = credit;
  const out = features.map(({ properties, geometry }) => {
    const { status_years: _letters, status_in: _given, ...own } = properties;
    const now = typeof own.status === 'string' ? statusIn(own as LifeProps, year) : null;
    return { type: 'Feature' as const, properties: now ? { ...own, status_in: { year, ...now } } : own, geometry };
  });
  return {
    type: 'FeatureCollection' as const,
    attribution: creditLine(credit),
    source: credit.url,
    ...(credit.osm ? { license: OSM_LICENCE } : {}),
    layer: layer.id,
    title: layer.title,
    year,
    features: out,
  };
}

/**
 * A feature with its layer's source and position quality where it gives none (an extra layer's
 * features may leave them to the layer).
 *
 * @param feature - the feature
 * @param defaults - the layer's source, accuracy and uncertainty, if any
 * @returns the feature, or a copy with the defaults under its own properties
 * @example
 * withLayerDefaults(station, layer.extra);
 */
export function withLayerDefaults<F extends DownloadFeature>(feature: F, defaults?: { source: Source; accuracy: string; uncertainty_km: number }): F {
  if (!defaults) return feature;
  const { source, accuracy, uncertainty_km } = defaults;
  return { ...feature, properties: { source, accuracy, uncertainty_km, ...feature.properties } };
}
