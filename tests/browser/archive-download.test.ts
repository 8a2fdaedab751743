import type { SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticExtra } from '../../bench/synthetic.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { idle, ready } from './atlas-page.ts';
import { DESKTOP, PHONE, SHOTS } from './harness.ts';
import { launchChromium } from '../support/chromium.ts';
import { servePublished } from '../support/publish.ts';
import type { LocalWorker } from '../support/worker.ts';

// A layer served from its own PMTiles archive (`npm run data:publish -- --local --extra <dir> --tile-threshold 300`,
// the synthetic layer of 330 features) answers no year: its menu offers its whole GeoJSON as published, from
// `/api/layers/synthetic`, and never asks for the year's. One whose GeoJSON was too large to publish has no menu.
let worker: LocalWorker;
let browser: BrowserContext;
let publish: SpawnSyncReturns<string>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [{ worker, publish }, browser] = await Promise.all([servePublished((dir) => writeSyntheticExtra(dir, { points: 300, lines: 30 }), ['--tile-threshold', '300']), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** Opens the atlas, collecting every request for the synthetic layer's features and the page's errors. */
async function open(query: string, viewport = DESKTOP, setUp?: (page: Page) => Promise<unknown>): Promise<{ page: Page; asked: string[]; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const asked: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => r.url().includes('/api/layers/synthetic') && asked.push(r.url().slice(worker.url.length)));
  page.on('pageerror', (e) => errors.push(String(e)));
  await setUp?.(page);
  await page.goto(`${worker.url}/${query}`);
  await ready(page);
  await idle(page);
  return { page, asked, errors };
}

const row = (page: Page) => page.locator('.layer-row', { has: page.locator('input[data-layer="synthetic"]') });

describe('the download menu of a layer served from its archive', () => {
  it('downloads the whole layer as published, said to be the whole layer, and never asks for a year', async () => {
    expect(publish.status, String(publish.stderr)).toBe(0);
    const catalog = ((await (await fetch(`${worker.url}/api/layers`)).json()) as { layers: CatalogEntry[] }).layers;
    expect(catalog.find((l) => l.id === 'synthetic')).toMatchObject({ delivery: 'tiles', download: 'whole', count: 330 });
    const { page, asked, errors } = await open('?year=2027');
    const summary = page.locator('[data-download-menu="synthetic"]');
    expect(await summary.getAttribute('aria-label')).toBe('下载“合成测试图层”全部数据');
    await summary.click();
    const link = page.locator('[data-download="synthetic:whole"]');
    await link.waitFor();
    // GeoJSON only, no CSV, and the note says it is the whole layer with its size, not the year's map.
    expect(await row(page).locator('.data-format').count()).toBe(1);
    expect(await row(page).locator('.data-menu-year').textContent()).toBe('整个图层，330 个要素（非本年地图）');
    expect(await link.getAttribute('aria-label')).toBe('下载“合成测试图层”整个图层：GeoJSON');
    await page.screenshot({ path: `${SHOTS}/archive-download-menu-zh.png` });
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(file.suggestedFilename()).toBe('wandakaiyun-synthetic.geojson');
    await file.saveAs(`${SHOTS}/${file.suggestedFilename()}`);
    const geojson = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { type: string; features: { properties: { id: string } }[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(330);
    expect(geojson.features[0].properties.id).toBeTruthy();
    // The file is the API's answer without parameters; no year's answer was ever asked for.
    expect(await (await fetch(`${worker.url}/api/layers/synthetic`)).json()).toEqual(geojson);
    expect(asked.filter((u) => /[?&]year=/.test(u))).toEqual([]);
    // A pick closes the menu.
    await expect.poll(() => summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the same in English, and fits a phone in both languages', async () => {
    const words = {
      zh: ['下载“合成测试图层”全部数据', '整个图层，330 个要素（非本年地图）'],
      en: ['Download all Synthetic test layer data', "The whole layer, 330 features (not the year's map)"],
    };
    for (const [lang, viewport, shot] of [
      ['en', DESKTOP, 'en'],
      ['en', PHONE, 'en-phone'],
      ['zh', PHONE, 'zh-phone'],
    ] as const) {
      const { page } = await open(`?year=2027&lang=${lang}`, viewport);
      const summary = page.locator('[data-download-menu="synthetic"]');
      expect(await summary.getAttribute('aria-label')).toBe(words[lang][0]);
      await summary.click();
      const link = page.locator('[data-download="synthetic:whole"]');
      await link.waitFor();
      expect(await row(page).locator('.data-menu-year').textContent()).toBe(words[lang][1]);
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.height).toBeGreaterThanOrEqual(24);
      await page.screenshot({ path: `${SHOTS}/archive-download-menu-${shot}.png` });
      await page.close();
    }
  });

  it('offers no menu for a layer too large to download, and says it can be searched', async () => {
    // The catalogue of a publish that left the layer's GeoJSON out (past wrangler's upload limit).
    const tooLarge = (page: Page) =>
      page.route('**/api/layers', async (route) => {
        const body = (await (await route.fetch()).json()) as { layers: CatalogEntry[] };
        for (const l of body.layers) if (l.id === 'synthetic') l.download = 'none';
        await route.fulfill({ json: body });
      });
    for (const lang of ['zh', 'en'] as const) {
      const { page, asked } = await open(`?year=2027&lang=${lang}`, DESKTOP, tooLarge);
      expect(await row(page).locator('[data-download-menu]').count()).toBe(0);
      const note = lang === 'zh' ? '图层过大，无法下载；可在“要素”中搜索' : 'Too large to download; search it under Features';
      // Said on the row and where the menu would be (which keeps the counts aligned), and to a screen reader.
      expect(await row(page).locator('label').getAttribute('title')).toBe(note);
      expect(await row(page).locator('.data-none').getAttribute('title')).toBe(note);
      expect(await row(page).locator('label .sr-only').last().textContent()).toBe(` ${note}`);
      expect(asked.filter((u) => /[?&]year=/.test(u))).toEqual([]);
      await row(page).locator('label').hover();
      await page.screenshot({ path: `${SHOTS}/archive-download-none-${lang}.png` });
      await page.close();
    }
  });
});
