import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AtlasFeature } from '../../geo/bundle.ts';
import { buildBundle } from '../../geo/bundle.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { filterFeatures } from '../../geo/filter.ts';
import type { LayerId } from '../../geo/layers.ts';
import { createAnalyses } from '../../geo/reach/analyses.ts';
import { layersOfScenario } from '../../geo/reach/scenario-layers.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

const ids = (fs: readonly AtlasFeature[] | undefined) => (fs ?? []).map((f) => f.properties.id).sort();

describe('what a reach lists under a scenario (the fixture)', () => {
  const layers = fixtureLayers();
  const rail = layers.rail.features as AtlasFeature[];
  const all = { rail };
  const ofYear = (year: number) => ({ rail: filterFeatures(rail, { year }), hospitals: filterFeatures(layers.hospitals.features as AtlasFeature[], { year }) });

  it('lists a line `with` adds, and the stations it serves, though the year’s map has neither', () => {
    // The fixture's line and stations are first reported in 2023: not on the map of 2020.
    expect(ids(ofYear(2020).rail)).toEqual([]);
    const listed = layersOfScenario(ofYear(2020), all, { with: ['test-line'], without: [] });
    expect(ids(listed.rail)).toEqual(['test-line', 'test-station-a', 'test-station-b']);
    expect(ids(listed.hospitals)).toEqual(['test-hospital']);
  });

  it('drops a line `without` takes out, and the stations only it serves; a station another line serves stays', () => {
    expect(ids(layersOfScenario(ofYear(2030), all, { with: [], without: ['test-line'] }).rail)).toEqual([]);
    const other = { ...rail[0], properties: { ...rail[0].properties, id: 'other-line', stations: ['test-station-a'] } } as AtlasFeature;
    const both = [...rail, other];
    const listed = layersOfScenario({ rail: filterFeatures(both, { year: 2030 }) }, { rail: both }, { with: [], without: ['test-line'] });
    expect(ids(listed.rail)).toEqual(['other-line', 'test-station-a']);
  });

  it('leaves the year’s lists as they are with no scenario', () => {
    const year = ofYear(2030);
    expect(layersOfScenario(year, all, { with: [], without: [] })).toBe(year);
  });
});

describe('what a reach lists under a scenario (the real data)', () => {
  const data = buildBundle(Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>);
  const analyses = createAnalyses(data);
  const listed = (r: ReturnType<typeof analyses.reach>) => (r.within.rail ?? []).map((f) => f.id);

  it('2015 with 渝万高铁 (first planned in 2016): the line and its new stations within the hour are listed', () => {
    const own = listed(analyses.reach('wanzhou', [60], 2015));
    const added = analyses.reach('wanzhou', [60], 2015, {}, { with: ['yuwan-hsr'], without: [] });
    expect(own).not.toContain('yuwan-hsr');
    expect(own).not.toContain('station-wanzhou-north');
    expect(listed(added)).toEqual(expect.arrayContaining(['yuwan-hsr', 'station-wanzhou-north', 'station-zhongxian']));
    // Each within its band's minutes, and counted in it.
    const zhongxian = added.within.rail!.find((f) => f.id === 'station-zhongxian')!;
    expect(zhongxian.minutes).toBeLessThanOrEqual(60);
    expect(added.bands[0].counts.rail).toBe(added.within.rail!.length);
  });

  it('2027 without 渝万高铁: the line is not listed, nor the station that only it serves', () => {
    const own = listed(analyses.reach('wanzhou', [120], 2027));
    const without = analyses.reach('wanzhou', [120], 2027, {}, { with: [], without: ['yuwan-hsr'] });
    const removed = listed(without);
    expect(own).toEqual(expect.arrayContaining(['yuwan-hsr', 'station-zhongxian']));
    // 忠县's seat is well within reach by road: the station is left out, not beyond the band.
    expect(without.within.places?.find((f) => f.id === 'zhong')?.minutes).toBeLessThan(90);
    expect(removed).not.toContain('yuwan-hsr');
    expect(removed).not.toContain('station-zhongxian');
    // 万州北 is served by other lines too.
    expect(removed).toContain('station-wanzhou-north');
  });
});
