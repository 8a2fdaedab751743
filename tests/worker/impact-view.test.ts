import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const worker = (exports as unknown as { default: { fetch(url: string): Promise<Response> } }).default;
const get = (path: string) => worker.fetch(`http://atlas.test${path}`);

describe('the project-impact view and its pictures (the real data)', () => {
  it('is a named view that asks for the chart', async () => {
    const res = await get('/api/views/project-impact');
    expect(res.status).toBe(200);
    const view = (await res.json()) as { impact?: boolean; year: number };
    expect(view).toMatchObject({ impact: true, year: 2027 });
  });

  it('draws the chart as SVG: the ranking, the plan complete, the caveats, in both languages', async () => {
    const zh = await (await get('/static/project-impact.svg')).text();
    expect(zh).toContain('项目贡献');
    expect(zh).toContain('data-with="erqiao-highspeed-rail-link-road"');
    expect(zh).toContain('规划全部建成');
    expect(zh).toContain('以2027年路网为基础');
    expect(zh).toContain('长江二桥至高铁片区连接道');
    const en = await (await get('/static/project-impact.svg?lang=en&width=600&height=900')).text();
    expect(en).toContain('The plan complete');
    expect(en).toContain('Lines not yet built have no timetables');
    expect(en).toMatch(/width="600" height="900"/);
  });

  it('draws it as a PNG of the size asked', async () => {
    const res = await get('/static/project-impact.png?width=800&height=600');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([800, 600]);
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('draws a state picture with a scenario, and refuses a scenario the model cannot add', async () => {
    const own = await get('/static/view.svg?year=2027&from=wanzhou&bands=60');
    const added = await get('/static/view.svg?year=2027&from=wanzhou&bands=60&with=kai-wan-liang-expressway');
    expect([own.status, added.status]).toEqual([200, 200]);
    expect(await added.text()).not.toBe(await own.text());
    expect((await get('/static/view.svg?year=2027&from=wanzhou&with=wanqian-hsr')).status).toBe(400);
  });
});
