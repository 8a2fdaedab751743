import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startWorker, type LocalWorker } from '../support/worker.ts';

// Screenshots of the main states, for a person to look at.
const SHOTS = 'test-results/browser';

let worker: LocalWorker;
let browser: BrowserContext;
let page: Page;
const errors: string[] = [];

/** What the page exposes for tests on `window.atlas`. */
interface AtlasHook {
  map: import('maplibre-gl').Map;
  layers: string[];
  styleLayersOf(id: string): { id: string }[];
}

/** Waits until the map has loaded every source and gone idle. */
async function mapIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => (window as unknown as { atlas?: AtlasHook }).atlas?.map !== undefined, undefined, { timeout: 30_000 });
  await p.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
        const done = () => map.loaded() && map.areTilesLoaded() && Object.keys(map.getStyle().sources).every((s) => map.isSourceLoaded(s));
        if (done()) return resolve();
        const check = () => (done() ? resolve() : map.once('idle', check));
        map.once('idle', check);
      }),
  );
}

/** How many rendered features each atlas layer has on screen. */
const renderedCounts = (p: Page) =>
  p.evaluate(() => {
    const { map, layers, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
    return Object.fromEntries(layers.map((id) => [id, map.queryRenderedFeatures({ layers: styleLayersOf(id).map((l) => l.id) }).length]));
  });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  worker = await startWorker();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(worker.url);
  await mapIdle(page);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('the atlas page', () => {
  it('draws features of every layer, with no errors', async () => {
    await page.screenshot({ path: `${SHOTS}/page.png` });
    const counts = await renderedCounts(page);
    expect(Object.keys(counts).sort()).toEqual(['airports', 'corridors', 'districts', 'hospitals', 'parks', 'places', 'ports', 'rail', 'rivers', 'roads']);
    for (const [id, n] of Object.entries(counts)) expect(n, `rendered features of ${id}`).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('lists every layer with its count, and hides one when it is unticked', async () => {
    const rows = await page.locator('#layers li').count();
    expect(rows).toBe(10);
    await page.locator('input[data-layer="rail"]').uncheck();
    await mapIdle(page);
    const counts = await renderedCounts(page);
    expect(counts.rail).toBe(0);
    expect(counts.roads).toBeGreaterThan(0);
    await page.locator('input[data-layer="rail"]').check();
    await mapIdle(page);
    expect((await renderedCounts(page)).rail).toBeGreaterThan(0);
  });

  it('shows a feature’s details, source and position quality on click', async () => {
    const target = await page.evaluate(() => {
      const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
      const f = map.queryRenderedFeatures({ layers: ['airports-point'] }).find((x) => x.properties.id === 'wanzhou-wuqiao-airport');
      if (!f || f.geometry.type !== 'Point') return null;
      const p = map.project(f.geometry.coordinates as [number, number]);
      return { x: p.x, y: p.y };
    });
    expect(target).not.toBeNull();
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    const popup = page.locator('.maplibregl-popup-content');
    await expect.poll(() => popup.count()).toBe(1);
    // The airport shares its point with its terminal projects; the popup lists them all.
    const text = await popup.innerText();
    expect(text).toContain('万州五桥机场');
    expect(text).toContain('Wanzhou Wuqiao Airport');
    expect(text).toMatch(/位置 Position\s*实测 surveyed, ±0\.\d+ km/);
    expect(text).toMatch(/来源 Source/);
    await page.screenshot({ path: `${SHOTS}/details.png` });
  });
});
