/**
 * A legible reach (issue 18): the bands' key wherever bands are drawn (the panel, an embed, a
 * picture), a marker at the origin, a clicked origin named by the nearest seat, and a message when a
 * band cannot be added. Screenshots of a five-band reach from 万州 at region and city zoom, in both
 * languages, on a desktop and a phone.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idle, renderedCount, type AtlasHook } from './atlas-page.ts';
import { DESKTOP, PHONE, SHOTS, useAtlas } from './harness.ts';

const FIVE = 'from=wanzhou&bands=15,30,60,90,120&year=2027';

const atlas = useAtlas();
const { errors } = atlas;

/** Opens the explorer at a query with the analysis panel, and waits until the reach is listed and drawn. */
async function openReach(query: string, viewport = DESKTOP): Promise<Page> {
  const page = await atlas.open(`?${query}&panel=analysis`, viewport);
  await page.waitForSelector('#reach-bands li', { timeout: 60_000 });
  await idle(page);
  return page;
}


describe('a legible reach', () => {
  it('keys the five bands in the panel, marks the origin above them, and says why a sixth cannot be added', async () => {
    const page = await openReach(FIVE);
    const legend = page.locator('#pane-analysis .band-legend li');
    expect(await legend.allTextContents()).toEqual(['≤ 15 分钟', '≤ 30 分钟', '≤ 60 分钟', '≤ 90 分钟', '≤ 120 分钟']);
    // The swatches are edged in the bands' own colours, nearest darkest.
    const edges = await legend.locator('.band-swatch').evaluateAll((s) => s.map((e) => getComputedStyle(e).borderTopColor));
    expect(new Set(edges).size).toBe(5);
    expect(await renderedCount(page, 'reach-origin')).toBe(1);
    const order = await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getLayersOrder());
    expect(order.indexOf('reach-origin')).toBeGreaterThan(order.indexOf('reach-line'));
    expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getPaintProperty('reach-fill', 'fill-opacity'))).toEqual(['interpolate', ['linear'], ['zoom'], 9, 0.2, 12, 0.04]);

    const message = page.locator('#band-message');
    expect(await message.getAttribute('aria-live')).toBe('polite');
    await page.locator('input[data-band="45"]').check({ force: true }).catch(() => {});
    await expect.poll(() => message.textContent()).toBe('最多选 5 个时间圈：请先取消一个，再选 45 分钟。');
    expect(await page.locator('input[data-band="45"]').isChecked()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.state().from)).toBe('wanzhou');
    expect(new URL(page.url()).searchParams.get('bands')).toBe('15,30,60,90,120');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why the last band cannot be unticked, in English too', async () => {
    const page = await openReach('from=wanzhou&bands=60&year=2027&lang=en');
    await page.locator('input[data-band="60"]').uncheck({ force: true }).catch(() => {});
    await expect.poll(() => page.locator('#band-message').textContent()).toBe('At least one band is needed: tick another before unticking 60 min.');
    expect(await page.locator('input[data-band="60"]').isChecked()).toBe(true);
    expect(await page.locator('#pane-analysis .band-legend li').allTextContents()).toEqual(['≤ 60 min']);
    await page.close();
  });

  it('names a clicked origin by the nearest seat, in both languages', async () => {
    for (const [lang, name] of [['zh', /^云阳县 以西 9 km$/], ['en', /^9 km W of Yunyang County$/]] as const) {
      const page = await openReach(`from=108.6,30.93&bands=30,60&year=2027&lang=${lang}`);
      expect(await page.locator('#reach-origin').textContent()).toMatch(name);
      expect(await renderedCount(page, 'reach-origin')).toBe(1);
      await page.close();
    }
  });

  for (const lang of ['zh', 'en'] as const)
    it(`draws a five-band reach from 万州 readable at region and city zoom (${lang}), on a desktop and a phone`, async () => {
      for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const region = await openReach(`${FIVE}&lang=${lang}&c=108.3000,30.8500&z=8.00`, viewport);
        await region.screenshot({ path: `${SHOTS}/reach-five-region-${lang}-${name}.png` });
        await region.close();
        const city = await openReach(`${FIVE}&lang=${lang}&c=108.3757,30.8101&z=12.00`, viewport);
        expect(await renderedCount(city, 'reach-origin')).toBe(1);
        // At city zoom the fill has faded, so the streets and labels under it stay readable.
        expect(await city.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getZoom())).toBeCloseTo(12, 1);
        await city.screenshot({ path: `${SHOTS}/reach-five-city-${lang}-${name}.png` });
        await city.close();
      }
    });

  it('keys the bands in an embed with reach', async () => {
    const page = await atlas.page();
    await page.setViewportSize({ width: 640, height: 800 });
    await page.goto(`${atlas.url()}/embed?${FIVE}&lang=en`);
    await page.waitForFunction(() => (window as unknown as { atlas?: { map: { loaded(): boolean; getLayer(id: string): unknown } } }).atlas?.map?.getLayer('reach-origin') !== undefined, undefined, { timeout: 60_000 });
    expect(await page.locator('#legend .band-legend li').allTextContents()).toEqual(['≤ 15 min', '≤ 30 min', '≤ 60 min', '≤ 90 min', '≤ 120 min']);
    expect(await page.locator('#legend .band-legend figcaption').textContent()).toBe('Travel time');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SHOTS}/reach-five-embed-en.png`, fullPage: true });
    await page.close();
  });

  it('keys the bands in a picture with reach, in both languages', async () => {
    const zh = await (await fetch(`${atlas.url()}/static/view.svg?${FIVE}`)).text();
    expect(zh).toContain('<g class="band-legend">');
    expect(zh).toContain('通行时间');
    for (const m of [15, 30, 60, 90, 120]) expect(zh).toContain(`≤ ${m} 分钟`);
    const en = await (await fetch(`${atlas.url()}/static/one-hour-circle-2027.svg?lang=en`)).text();
    expect(en).toContain('Travel time');
    expect(en).toContain('≤ 60 min');
    // The picture as a reader sees it, for a person to look at.
    const png = await fetch(`${atlas.url()}/static/view.png?${FIVE}&c=108.3,30.85&z=8`);
    expect(png.status).toBe(200);
    writeFileSync(`${SHOTS}/reach-five-picture-zh.png`, Buffer.from(await png.arrayBuffer()));
    // A view without reach has no band key.
    expect(await (await fetch(`${atlas.url()}/static/ports.svg`)).text()).not.toContain('band-legend');
  });
});
