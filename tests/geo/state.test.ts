import { LAYER_IDS } from '../../geo/catalog.ts';
import { describe, expect, it } from 'vitest';
import { defaultState, readState, writeState } from '../../geo/state.ts';

describe('the URL state', () => {
  it('round-trips a view, its route and its scenario', () => {
    const s = { ...defaultState(), lang: 'en' as const, year: 2027, hidden: ['rivers' as const], center: [108.4, 30.85] as [number, number], zoom: 9.5, from: 'wanzhou', bands: [30, 60], panel: 'analysis' as const, feature: 'xintian-port-phase-1', compare: [2027, 2023] as [number, number], route: ['kaizhou', '108.9,30.95'] as [string, string], with: ['a-road'], without: ['b-line', 'c-road'] };
    expect(readState(writeState(s))).toEqual(s);
  });

  it('always writes the year, so a link does not move with the calendar', () => {
    expect(writeState(defaultState())).toBe(`?year=${defaultState().year}`);
  });

  it('ignores what it cannot read', () => {
    const s = readState('?year=1e3&off=rivers,rivers,castles&z=0x10&lang=fr&bands=500,30&from=<x>');
    expect(s.year).toBe(defaultState().year);
    expect(s.hidden).toEqual(['rivers']);
    expect(s.zoom).toBeNull();
    expect(s.lang).toBe('zh');
    expect(s.bands).toEqual([30]);
    expect(s.from).toBeNull();
    expect(readState('?cmp=2027').compare).toEqual([2023, 2027]);
    expect(readState('?cmp=2019,2027').compare).toEqual([2023, 2027]);
  });

  it('hides the extra layers the catalogue lists, and no others', () => {
    expect(readState('?off=synthetic,rivers,castles', [...LAYER_IDS, 'synthetic']).hidden).toEqual(['synthetic', 'rivers']);
    expect(readState('?off=synthetic,rivers').hidden).toEqual(['rivers']);
  });
});
