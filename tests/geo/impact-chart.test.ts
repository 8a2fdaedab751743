import { describe, expect, it } from 'vitest';
import type { ImpactResponse } from '../../geo/api/impact.ts';
import { withParams } from '../../geo/network/params.ts';
import { modelLine, renderImpactChart } from '../../geo/render/impact-chart.ts';
import { readState, viewFromState, writeState } from '../../geo/state.ts';

const effect = (saved_sum: number, area_km2: number, saved_max = saved_sum) => ({
  pairs: [{ from: 'wanzhou', to: 'dazhou', before: 70, after: 70 - saved_max, saved: saved_max, now_within: false }],
  saved_sum, saved_max, now_within: 0, area_km2, districts: [],
});
const project = (id: string, rank: number, saved: number, area: number) => ({
  id, rank, name_zh: `项目${id}`, name_en: `Project ${id}`, layer: 'roads' as const, kind: 'expressway', status: 'planned' as const, expected: false,
  with: `with=${id}`, alone: effect(saved, area), marginal: effect(saved, area),
});
const answer = (projects: ReturnType<typeof project>[]): ImpactResponse => ({
  year: 2027, minutes: 60, params: withParams({ accessSpeedKmh: 35 }), base: { pairs: [] }, projects,
  complete: { ...effect(Math.max(0, ...projects.map((p) => p.alone.saved_sum)) + 1, 900), with: projects.map((p) => p.id) },
  unusable: [{ id: 'ghost-rail', name_zh: '幽灵铁路', name_en: 'Ghost railway', layer: 'rail', kind: 'rail', status: 'proposed', expected: false, reason: 'no_stations', reason_text: { zh: '无公布车站，无法上下车', en: 'no published stations: no train can be boarded' } }],
  caveats: { zh: ['以2027年路网为基础。', '未建线路没有时刻表。'], en: ['Starting from the 2027 network.', 'Lines not yet built have no timetables.'] },
});

describe('the project-impact chart', () => {
  const a = answer([project('b', 1, 24.5, 100), project('a', 2, 12, 300), project('c&d', 3, 0, 0)]);

  it('draws the bars in rank order, named, with the plan complete after them and each clickable by its ids', () => {
    const svg = renderImpactChart(a, { width: 800, lang: 'zh', theme: 'light' });
    const order = [...svg.matchAll(/data-with="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['b', 'a', 'c&amp;d', 'b,a,c&amp;d']);
    expect(svg.indexOf('1. 项目b')).toBeLessThan(svg.indexOf('2. 项目a'));
    expect(svg).toContain('24.5 分钟');
    expect(svg).toContain('300 km²');
    expect(svg).toContain('规划全部建成（3个项目）');
    expect(svg).not.toContain('c&d'); // escaped
  });

  it('says the year, the threshold, the caveats and the unusable projects with why, in both languages', () => {
    const zh = renderImpactChart(a, { width: 800, lang: 'zh', theme: 'light' });
    const en = renderImpactChart(a, { width: 360, lang: 'en', theme: 'dark' });
    expect(zh).toContain('以2027年路网为基础 · 门槛60分钟');
    expect(zh).toContain('未建线路没有时刻表。');
    expect(zh).toMatch(/无公布车站，无法上下车：幽灵铁路/);
    expect(renderImpactChart(a, { width: 1000, lang: 'en', theme: 'light' })).toContain('Starting from the 2027 network · threshold 60 min');
    expect(en).toContain('Lines not yet built have no timetables.');
    expect(en).toContain('Ghost'); // wrapped at a phone's width
    expect(en).toContain('Project b');
  });

  // The small print's lines, joined as they read (a Chinese line breaks between any two characters).
  const small = (svg: string, join: string) => [...svg.matchAll(/<text[^>]*class="small"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(join);

  it('names the model’s parameters the answer was computed with, in both languages and at a phone’s width', () => {
    const zh = renderImpactChart(a, { width: 800, lang: 'zh', theme: 'light' });
    expect(small(zh, '')).toContain('模型参数：高铁按设计速度的85%计（城际线65%）；普速铁路70 km/h；高速公路95 km/h；接驳道路35 km/h、绕行系数1.4；进站20分钟、出站5分钟、换乘15分钟。');
    // Under the year and threshold, over the bars.
    expect(zh.indexOf('模型参数')).toBeGreaterThan(zh.indexOf('以2027年路网为基础'));
    expect(zh.indexOf('模型参数')).toBeLessThan(zh.indexOf('data-with'));
    const en = renderImpactChart(a, { width: 360, lang: 'en', theme: 'dark' });
    const text = small(en, ' ');
    expect(text).toContain('Model: high-speed rail at 85% of its design speed');
    expect(text).toContain('local roads 35 km/h with a detour factor of 1.4');
    expect(text).toContain('20 min to board');
    // Straight quotes in English: the picture's CJK font draws curly ones an em wide, and resvg drops a long line that holds one.
    const curly = { ...a, caveats: { zh: ['用户’s'], en: ['A pair’s minutes are its slower direction; roads at their class’s typical speed.'] } };
    expect(renderImpactChart(curly, { width: 800, lang: 'en', theme: 'light' })).toContain('A pair&#39;s minutes');
    expect(renderImpactChart(curly, { width: 800, lang: 'zh', theme: 'light' })).toContain('用户’s');
    expect(modelLine(withParams({ hsrExpressShare: 0.9, expresswaySpeedKmh: 100 }), 'en')).toMatch(/at 90% .* expressways 100 km\/h/);
  });

  it('stays honest when no project saves a minute: a statement, hairlines for zero, and the area bars', () => {
    const zero = answer([project('x', 1, 0, 519), project('y', 2, 0, 0)]);
    zero.complete = { ...effect(0, 600), with: ['x', 'y'] };
    const svg = renderImpactChart(zero, { width: 1200, height: 630, lang: 'en', theme: 'light' });
    expect(svg).toContain('no project shortens any of the six trips');
    expect(svg).toContain('519 km²');
    expect(svg).toMatch(/width="1200" height="630" viewBox="0 0 1200 \d+"/);
    // A zero draws no bar but a hairline; the area bar of 519 km² of 600 is long.
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)" height="14"/g)].map((m) => Number(m[1]));
    expect(widths.filter((w) => w > 100).length).toBeGreaterThan(0);
    expect(renderImpactChart(answer([project('t', 1, 1.8, 0)]), { width: 800, lang: 'zh', theme: 'light' })).toContain('只节省1.8分钟');
  });
});

describe('a scenario in the explorer state', () => {
  it('reads and writes with=, sorted, unique and valid ids only, into the view of a state', () => {
    const s = readState('?year=2027&with=b-road,a-road,a-road,BAD!,');
    expect(s.with).toEqual(['a-road', 'b-road']);
    expect(writeState(s)).toBe('?year=2027&with=a-road,b-road');
    expect(readState('?year=2027').with).toEqual([]);
    expect(viewFromState(s).with).toEqual(['a-road', 'b-road']);
    expect(viewFromState(readState('?year=2027'))).not.toHaveProperty('with');
  });
});
