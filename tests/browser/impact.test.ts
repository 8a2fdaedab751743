import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idle, ready, renderedCount, type AtlasHook } from './atlas-page.ts';
import { SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();
const { errors } = atlas;

/** Opens a page at a path, without waiting for its map. */
async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await atlas.page(viewport);
  await page.goto(`${atlas.url()}${path}`);
  return page;
}

/** Opens the explorer's analysis panel and its project-impact section, and waits for the chart. */
async function openImpact(query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await open(`/${query}`, viewport);
  await ready(page);
  await idle(page);
  await page.locator('#impact summary').click();
  await page.waitForSelector('#impact svg [data-with]', { timeout: 60_000 });
  return page;
}

describe('project impact on the page', () => {
  it('fetches the ranking only when the section is opened, and draws the chart the pictures draw', async () => {
    const asked: string[] = [];
    const page = await open('/?year=2027&panel=analysis');
    page.on('request', (r) => r.url().includes('/api/impact') && asked.push(r.url()));
    await ready(page);
    await idle(page);
    expect(await page.locator('#impact').getAttribute('open')).toBeNull();
    expect(asked).toEqual([]);
    await page.locator('#impact summary').click();
    await page.waitForSelector('#impact svg [data-with]', { timeout: 60_000 });
    expect(asked).toHaveLength(1);
    const text = await page.locator('#impact svg').textContent();
    expect(text).toContain('以2027年路网为基础');
    expect(text).toContain('规划全部建成');
    expect(text).toContain('模型不知道的');
    expect(await page.locator('#impact [data-with]').first().getAttribute('data-with')).toBe('erqiao-highspeed-rail-link-road');
    await page.locator('#impact').screenshot({ path: `${SHOTS}/impact-panel-zh.png` });
    expect(errors).toEqual([]);
  });

  it('a click on the top bar sets the scenario: with= in the URL, the banner, the reach with and without it, the route it shortens', async () => {
    const page = await openImpact('?year=2027&panel=analysis');
    await page.locator('#impact [data-with]').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('with')).toBe('erqiao-highspeed-rail-link-road');
    expect(new URL(page.url()).searchParams.get('from')).toBe('wanzhou');
    expect(new URL(page.url()).searchParams.get('route')).toMatch(/~/);
    await page.waitForSelector('#scenario', { timeout: 60_000 });
    expect(await page.locator('#scenario').textContent()).toContain('场景：加上 长江二桥至高铁片区连接道');
    await page.waitForSelector('#route-legs', { timeout: 60_000 });
    await idle(page);
    await expect.poll(() => renderedCount(page, 'reach-fill'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => renderedCount(page, 'reach-before-line'), { timeout: 30_000 }).toBeGreaterThan(0);
    // The route it shortens drawn twice: with it (the highlight) and, beside it, dashed grey, without it.
    await expect.poll(() => renderedCount(page, 'route-line'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => renderedCount(page, 'route-before-line'), { timeout: 30_000 }).toBeGreaterThan(0);
    const legend = await page.locator('#route-legend').textContent();
    expect(legend).toMatch(/无此项目：\d+\.\d 分钟/);
    expect(legend).toMatch(/有此项目：\d+\.\d 分钟/);
    expect(legend).toMatch(/节省 \d+\.\d 分钟/);
    // The section stays open across the panel's re-render.
    expect(await page.locator('#impact').getAttribute('open')).not.toBeNull();
    await page.screenshot({ path: `${SHOTS}/impact-scenario-zh.png` });
    await page.locator('#scenario button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('with')).toBeNull();
    await expect.poll(() => page.locator('#scenario').count()).toBe(0);
    await expect.poll(() => renderedCount(page, 'route-before-line'), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('#route-legend').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('works by keyboard and in English at a phone’s width', async () => {
    const page = await openImpact('?lang=en&year=2027&panel=analysis', { width: 390, height: 844 });
    const text = await page.locator('#impact svg').textContent();
    expect(text).toContain('Starting from the 2027 network');
    await page.locator('#impact').screenshot({ path: `${SHOTS}/impact-panel-en-phone.png` });
    await page.locator('#impact [data-with]').nth(1).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('with')).toBe('jianglong-expressway-lichuan-extension');
    await page.waitForSelector('#scenario', { timeout: 60_000 });
    expect(await page.locator('#scenario').textContent()).toContain('Scenario: with');
    // That project shortens no trip: no route is asked. The top one's route, with it and without it, is keyed under the banner.
    await page.locator('#impact [data-with]').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#route-legend', { timeout: 60_000 });
    expect(await page.locator('#route-legend').textContent()).toMatch(/without the project: \d+\.\d min.*with the project: \d+\.\d min.*min saved/);
    await expect.poll(() => renderedCount(page, 'route-before-line'), { timeout: 30_000 }).toBeGreaterThan(0);
    await idle(page);
    await page.screenshot({ path: `${SHOTS}/impact-scenario-en-phone.png` });
    expect(errors).toEqual([]);
  });
});

describe('project impact in the embed and the pictures', () => {
  it('the project-impact view embeds the chart, and its PNG renders', async () => {
    const page = await open('/embed/project-impact', { width: 720, height: 900 });
    await page.waitForSelector('#impact svg [data-with]', { timeout: 60_000 });
    expect(await page.locator('#impact svg').textContent()).toContain('规划全部建成');
    await page.screenshot({ path: `${SHOTS}/impact-embed-zh.png`, fullPage: true });
    const en = await open('/embed/project-impact?lang=en', { width: 390, height: 844 });
    await en.waitForSelector('#impact svg [data-with]', { timeout: 60_000 });
    await en.screenshot({ path: `${SHOTS}/impact-embed-en-phone.png`, fullPage: true });
    for (const lang of ['zh', 'en']) {
      const res = await fetch(`${atlas.url()}/static/project-impact.png?lang=${lang}`);
      expect(res.status).toBe(200);
      writeFileSync(`${SHOTS}/impact-picture-${lang}.png`, Buffer.from(await res.arrayBuffer()));
    }
    expect(errors).toEqual([]);
  });

  it('takes a line out from the link: without= in the URL, the banner says so, and the analyses are asked without it', async () => {
    const asked: string[] = [];
    const page = await atlas.page();
    page.on('request', (r) => /\/api\/(reach|matrix)/.test(r.url()) && asked.push(r.url()));
    await page.goto(`${atlas.url()}/?year=2027&panel=analysis&from=wanzhou&without=wankai-expressway-g5012`);
    await page.waitForSelector('#scenario', { timeout: 60_000 });
    expect(await page.textContent('#scenario')).toContain('去掉');
    await expect.poll(() => asked.filter((u) => u.includes('without=wankai-expressway-g5012')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    // Cleared, the link and the analyses are the year's own again.
    await page.click('[data-focus="scenario-clear"]');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('without'));
    expect(atlas.errors).toEqual([]);
    await page.close();
  });

  it('an embed of a state with a scenario asks the analyses with it', async () => {
    const asked: string[] = [];
    const page = await atlas.page();
    page.on('request', (r) => r.url().includes('/api/reach') && asked.push(r.url()));
    await page.goto(`${atlas.url()}/embed?year=2027&from=wanzhou&bands=60&with=kai-wan-liang-expressway&without=wankai-expressway-g5012`);
    await expect.poll(() => asked.length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(asked[0]).toContain('with=kai-wan-liang-expressway');
    expect(asked[0]).toContain('without=wankai-expressway-g5012');
  });
});
