import { LAYER_IDS } from '../../geo/catalog.ts';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMITS, cleanText, noAnnotations, readMark } from '../../geo/annotations.ts';
import { textsHeight } from '../../geo/embed-size.ts';
import { defaultState, readState, viewFromState, writeState } from '../../geo/state.ts';

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

  it('round-trips a newsroom’s own title, caption, markers, highlight, callout and labels', () => {
    const annotations = {
      title: '新田港 & <b>二期</b>',
      caption: 'A caption, with commas; and "quotes"',
      marks: [
        { at: [108.38123, 30.81] as [number, number], label: '新田港, 二期' },
        { at: [-0.5, 51.5] as [number, number], label: '' },
      ],
      highlight: 'xintian-port-phase-1',
      note: '二期 2027 年投运 <script>alert(1)</script>',
      labels: 'places' as const,
    };
    const s = { ...defaultState(), year: 2027, annotations };
    const url = writeState(s);
    expect(readState(url)).toEqual(s);
    expect(url).toContain('mark=108.38123,30.81,');
    expect(url.match(/mark=/g)).toHaveLength(1);
    expect(readState(writeState({ ...s, annotations: noAnnotations() })).annotations).toEqual(noAnnotations());
  });

  it('titles a state’s view with its own title and caption', () => {
    const view = viewFromState(readState('?year=2027&title=新港&caption=二期'));
    expect(view.title).toEqual({ zh: '新港', en: '新港' });
    expect(view.caption).toEqual({ zh: '二期', en: '二期' });
    expect(viewFromState(readState('?year=2027')).title.zh).toBe('万达开云地图集');
  });

  it('reads annotations strictly: lengths cut, controls and overrides dropped, bad markers and ids left out', () => {
    const long = 'あ'.repeat(500);
    const a = readState(`?title=${long}&caption=${long}&note=${long}&mark=108,30,${long}&hl=<x>&labels=some`).annotations;
    expect(Array.from(a.title!)).toHaveLength(ANNOTATION_LIMITS.title);
    expect(Array.from(a.caption!)).toHaveLength(ANNOTATION_LIMITS.caption);
    expect(Array.from(a.note!)).toHaveLength(ANNOTATION_LIMITS.note);
    expect(Array.from(a.marks[0].label)).toHaveLength(ANNOTATION_LIMITS.label);
    expect(a.highlight).toBeNull();
    expect(a.labels).toBe('all');
    expect(cleanText(' a\u202e\u0000b\n\tc\u200b ', 10)).toBe('ab c');
    expect(cleanText(' \u202e ', 10)).toBeNull();
    for (const bad of ['181,30,x', '108,86,x', '1e2,30,x', '108', ',30,x', 'a,b,c', '108.1234567,30,x']) expect(readMark(bad), bad).toBeNull();
    const many = Array.from({ length: 6 }, (_, i) => `108.${i},30,m${i}`).join(';');
    expect(readState(`?mark=${many}`).annotations.marks.map((m) => m.label)).toEqual(['m0', 'm1', 'm2']);
    expect(readState('?mark=x;108,30,a;;108.5,30.5,b').annotations.marks.map((m) => m.label)).toEqual(['a', 'b']);
    expect(readState(writeState({ ...defaultState(), annotations: { ...noAnnotations(), marks: [{ at: [108, 30], label: 'a;b' }] } })).annotations.marks[0].label).toBe('a,b');
  });

  it('makes room for a custom title, caption and callout in the embed’s height', () => {
    expect(textsHeight(640, {})).toBe(0);
    expect(textsHeight(640, { title: '新港' })).toBe(0);
    expect(textsHeight(360, { title: '新'.repeat(40) })).toBeGreaterThanOrEqual(25);
    expect(textsHeight(360, { note: '新港' })).toBeGreaterThan(40);
  });
});
