import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../geo/csv.ts';
import { creditLine, fromOsm, layerGeoJson, layerRows, OSM_LICENCE, withLayerDefaults, type DownloadFeature } from '../../geo/layer-csv.ts';
import { existsIn, type LifeProps } from '../../geo/lifecycle.ts';
import { parseCsv } from '../support/csv.ts';

const read = (id: string) => (JSON.parse(readFileSync(`geo/data/${id}.geojson`, 'utf8')) as { features: DownloadFeature[] }).features;
const credit = { url: 'https://atlas.example/api/layers/ports?year=2027', year: 2027, osm: false };
/** The records as a spreadsheet reads them back. */
const roundTrip = (rows: ReturnType<typeof layerRows>) => parseCsv(toCsv(rows).slice(1));

const line: DownloadFeature = {
  type: 'Feature',
  properties: { id: 'x-line', name_zh: '测试线', name_en: 'Test line', kind: 'hsr', status: 'under_construction', as_of: '2024', start_year: 2022, opens: 2027, operating_speed_kmh: [200, 250], status_years: 'xyz' },
  geometry: { type: 'LineString', coordinates: [[108, 30], [108.5, 30.5], [109, 31]] },
};
const evil: DownloadFeature = {
  type: 'Feature',
  properties: { id: 'x-evil', name_zh: '=HYPERLINK("http://x")', name_en: 'Comma, "quoted"\nand a new line', kind: 'port', accuracy: 'approximate', uncertainty_km: 4 },
  geometry: { type: 'Polygon', coordinates: [[[108, 30], [108.2, 30], [108.2, 30.2], [108, 30.2], [108, 30]]] },
};

describe('a layer as CSV', () => {
  it('has a row per feature, named columns, the year in the status column and the credit on every row', () => {
    const ports = read('ports').filter((f) => existsIn(f.properties as LifeProps, 2027));
    const rows = roundTrip(layerRows(ports, 'ports', credit));
    const head = rows[0];
    expect(head.slice(0, 9)).toEqual(['id', 'name_zh', 'name_en', 'layer', 'kind', 'status_2027', 'expected_2027', 'status_reported', 'as_of']);
    for (const c of ['length_km', 'investment_yi', 'capacity', 'capacity_unit', 'source_title', 'source_url', 'accuracy', 'uncertainty_km', 'lon', 'lat', 'lonlat_of', 'note', 'credit']) expect(head).toContain(c);
    expect(rows.length - 1).toBe(ports.length);
    expect(rows.every((r) => r.length === head.length)).toBe(true);
    const col = (name: string) => head.indexOf(name);
    const first = rows[1];
    // Chinese intact, and each figure as the data has it.
    expect(first[col('name_zh')]).toBe(ports[0].properties.name_zh);
    expect(first[col('name_zh')]).toMatch(/[\u4e00-\u9fff]/);
    expect(first[col('source_title')]).toBe((ports[0].properties.source as { title: string }).title);
    expect(rows.slice(1).every((r) => r[col('credit')] === creditLine(credit) && r[col('status_2027')] !== '')).toBe(true);
    // Points give their own position.
    ports.forEach((f, i) => {
      if (f.geometry.type !== 'Point') return;
      expect([Number(rows[i + 1][col('lon')]), Number(rows[i + 1][col('lat')])]).toEqual(f.geometry.coordinates);
      expect(rows[i + 1][col('lonlat_of')]).toBe('point');
    });
  });

  it('says the status in the year and as reported, and gives a line and an area a position that says what it is', () => {
    const rows = roundTrip(layerRows([line, evil], 'rail', { ...credit, year: 2027 }));
    const get = (r: string[], name: string) => r[rows[0].indexOf(name)];
    expect([get(rows[1], 'status_2027'), get(rows[1], 'expected_2027'), get(rows[1], 'status_reported')]).toEqual(['operating', 'true', 'under_construction']);
    expect(get(rows[1], 'operating_speed_kmh')).toBe('200;250');
    expect([get(rows[1], 'lon'), get(rows[1], 'lat'), get(rows[1], 'lonlat_of'), get(rows[1], 'geometry')]).toEqual(['108.5', '30.5', 'line_midpoint', 'LineString']);
    expect([get(rows[2], 'lon'), get(rows[2], 'lat'), get(rows[2], 'lonlat_of')]).toEqual(['108.1', '30.1', 'area_centre']);
    // A feature with no life (a base feature) has no status.
    expect(get(rows[2], 'status_2027')).toBe('');
  });

  it('escapes commas, quotes and new lines, and never starts a formula', () => {
    const text = toCsv(layerRows([evil], 'ports', credit));
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const rows = parseCsv(text.slice(1));
    expect(rows[1][1]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1][2]).toBe('Comma, "quoted"\nand a new line');
  });
});

describe('a layer as GeoJSON', () => {
  it('carries its credit at the top and each feature’s status in the year', () => {
    const osm = { ...credit, osm: true };
    const out = layerGeoJson([line], { id: 'rail', title: { zh: '铁路', en: 'Railways' } }, osm);
    expect(out).toMatchObject({ type: 'FeatureCollection', source: credit.url, license: OSM_LICENCE, layer: 'rail', year: 2027 });
    expect(out.attribution).toContain('万达开云地图集');
    expect(out.attribution).toContain('OpenStreetMap');
    expect(out.features[0].properties).toMatchObject({ status_in: { year: 2027, status: 'operating', expected: true } });
    expect(out.features[0].properties).not.toHaveProperty('status_years');
    expect(layerGeoJson([line], { id: 'rail', title: { zh: '', en: '' } }, credit)).not.toHaveProperty('license');
  });

  it('fills an extra layer’s source and position quality, and knows OpenStreetMap’s', () => {
    const source = { title: 'OpenStreetMap railway=station', url: 'https://www.openstreetmap.org' };
    const filled = withLayerDefaults(evil, { source, accuracy: 'surveyed', uncertainty_km: 0.1 });
    expect(filled.properties).toMatchObject({ source, accuracy: 'approximate', uncertainty_km: 4 });
    expect(fromOsm(source)).toBe(true);
    expect(fromOsm({ title: '重庆市政府工作报告' })).toBe(false);
  });
});
