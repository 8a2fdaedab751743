import { readFileSync } from 'node:fs';
import { booleanValid } from '@turf/boolean-valid';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.ts';
import { PHONE, SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();

/** A layer's answer for a year, as the API gives it. */
type Layer = { features: { properties: { id: string; name_zh: string; name_en: string }; geometry: { type: string; coordinates: unknown } }[] };

/** Clicks a control and reads the file it downloads (kept beside the screenshots, for a person to open). */
async function download(control: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([control.page().waitForEvent('download'), control.click()]);
  await file.saveAs(`${SHOTS}/${file.suggestedFilename()}`);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** The records of a CSV file, read strictly after its byte-order mark. */
function records(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString('utf8'));
}

/** Opens a layer's download menu. */
async function openMenu(page: Page, layer: string): Promise<void> {
  await page.locator(`[data-download-menu="${layer}"]`).click();
  await page.locator(`[data-download="${layer}:csv"]`).waitFor();
}

/** Every position of a geometry. */
const positions = (c: unknown): number[][] => (typeof (c as number[])[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(positions));

describe('data to download', () => {
  it('downloads the ports of the year shown as CSV: a row a feature, the Chinese intact, the year and credit said', async () => {
    const page = await atlas.open('?year=2027');
    const api = (await (await page.request.get(`${atlas.url()}/api/layers/ports?year=2027`)).json()) as Layer;
    const shown = Number(await page.locator('label.layer', { has: page.locator('input[data-layer="ports"]') }).locator('.count').evaluate((e) => e.firstChild?.textContent));
    await openMenu(page, 'ports');
    await page.screenshot({ path: `${SHOTS}/downloads-menu-zh.png` });
    const file = await download(page.getByRole('button', { name: '下载“港口 2027”：CSV' }));
    expect(file.name).toBe('wandakaiyun-ports-2027.csv');
    const rows = records(file.bytes);
    const head = rows[0];
    expect(head.slice(0, 7)).toEqual(['id', 'name_zh', 'name_en', 'layer', 'kind', 'status_2027', 'expected_2027']);
    // As many rows as the panel counts in that year, and as the API gives.
    expect(rows.length - 1).toBe(shown);
    expect(rows.length - 1).toBe(api.features.length);
    const col = (name: string) => head.indexOf(name);
    api.features.forEach((f, i) => {
      expect(rows[i + 1].slice(0, 3)).toEqual([f.properties.id, f.properties.name_zh, f.properties.name_en]);
      if (f.geometry.type === 'Point') expect([Number(rows[i + 1][col('lon')]), Number(rows[i + 1][col('lat')])]).toEqual(f.geometry.coordinates);
    });
    expect(rows[1][col('name_zh')]).toMatch(/[\u4e00-\u9fff]/);
    expect(rows[1][col('credit')]).toMatch(/^万达开云地图集 .*2027.*\/api\/layers\/ports\?year=2027/);
    expect(atlas.errors).toEqual([]);
    await page.close();
  });

  it('downloads a layer as GeoJSON that validates, its credit at the top (OpenStreetMap’s where its data is in it)', async () => {
    const page = await atlas.open('?year=2023&lang=en');
    for (const layer of ['ports', 'rail']) {
      await openMenu(page, layer);
      const file = await download(page.locator(`[data-download="${layer}:geojson"]`));
      expect(file.name).toBe(`wandakaiyun-${layer}-2023.geojson`);
      const out = JSON.parse(file.bytes.toString('utf8')) as Layer & Record<string, unknown>;
      expect(out).toMatchObject({ type: 'FeatureCollection', layer, year: 2023, source: `${atlas.url()}/api/layers/${layer}?year=2023` });
      expect(out.attribution).toMatch(/^万达开云地图集 Wan-Da-Kai-Yun Atlas/);
      expect('license' in out).toBe(layer === 'rail');
      expect(out.features.length).toBeGreaterThan(0);
      for (const f of out.features) {
        expect(f.properties.id).toBeTruthy();
        expect(f.properties).toHaveProperty('source');
        expect(f.properties).not.toHaveProperty('status_years');
        expect(booleanValid(f as never)).toBe(true);
        for (const [lon, lat] of positions(f.geometry.coordinates)) expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 90).toBe(true);
      }
      // A pick closes the menu and gives the keyboard back to its button.
      expect(await page.locator(`[data-download-menu="${layer}"]`).evaluate((s) => [(s.parentElement as HTMLDetailsElement).open, document.activeElement === s])).toEqual([false, true]);
    }
    expect(atlas.errors).toEqual([]);
    await page.close();
  });

  it('downloads a feature’s data from its details, and reaches the layer menu by keyboard', async () => {
    const page = await atlas.open('?year=2027&f=xintian-port-phase-1');
    await page.locator('#details .details-data').waitFor();
    const file = await download(page.getByRole('button', { name: /^下载“新田港一期.*”：CSV$/ }));
    expect(file.name).toBe('wandakaiyun-ports-xintian-port-phase-1-2027.csv');
    const rows = records(file.bytes);
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(0, 4)).toEqual(['xintian-port-phase-1', '新田港一期（万州港区新田作业区一期）', expect.any(String), 'ports']);
    expect(rows[1][rows[0].indexOf('credit')]).toContain('/api/layers/ports/features/xintian-port-phase-1');
    const json = await download(page.locator('#details [data-download="feature:geojson"]'));
    expect(JSON.parse(json.bytes.toString('utf8')).features).toHaveLength(1);

    // The keyboard alone: the menu opens with Enter, Tab reaches its formats, Enter downloads.
    await page.locator('[data-download-menu="hospitals"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.download)).toBe('hospitals:csv');
    const [kept] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(kept.suggestedFilename()).toBe('wandakaiyun-hospitals-2027.csv');
    await page.screenshot({ path: `${SHOTS}/downloads-details-zh.png` });
    // Escape closes a menu.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-download-menu="hospitals"]').evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).toBe(false);
    expect(atlas.errors).toEqual([]);
    await page.close();
  });

  it('says so in the menu when the layer cannot be fetched', async () => {
    const page = await atlas.open('?year=2027');
    await page.route('**/api/layers/parks?year=2027', (r) => r.abort());
    await openMenu(page, 'parks');
    await page.locator('[data-download="parks:csv"]').click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '下载失败' }).count()).toBe(1);
    expect(await page.locator('[data-download="parks:csv"]').isVisible()).toBe(true);
    await page.close();
  });

  it('shows the menus in both languages on a desktop and a phone', async () => {
    for (const [lang, viewport, shot] of [['en', undefined, 'en'], ['zh', PHONE, 'zh-phone'], ['en', PHONE, 'en-phone']] as const) {
      const page = await atlas.open(`?year=2027&lang=${lang}`, viewport);
      await openMenu(page, 'rail');
      const button = page.locator('[data-download="rail:geojson"]');
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual((viewport ?? { width: 1280 }).width);
      expect(box.height).toBeGreaterThanOrEqual(24);
      if (lang === 'en') expect(await page.locator('[data-download-menu="rail"]').getAttribute('aria-label')).toBe('Download Railways data (2027)');
      await page.screenshot({ path: `${SHOTS}/downloads-menu-${shot}.png` });
      await page.close();
    }
  });
});
