import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CircleResponse } from '../../geo/api/circle.ts';
import type { MatrixResponse } from '../../geo/api/matrix.ts';
import type { PlanResponse } from '../../geo/api/plan.ts';
import type { ReachResponse } from '../../geo/api/reach.ts';
import { ready } from './atlas-page.ts';
import { parseCsv } from '../support/csv.ts';
import { PHONE, SHOTS, useAtlas } from './harness.ts';

const PANEL = '?panel=analysis&from=wanzhou&year=2027';

const atlas = useAtlas();

/** The analysis answers the page was given, by the API's path. */
type Answers = { matrix: MatrixResponse; reach: ReachResponse; circle: CircleResponse; plan: PlanResponse };

/** Opens the panel at a query, keeping the answers the page is given, and waits for every table. */
async function openPanel(query: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; answers: Answers; errors: string[] }> {
  const page = await atlas.page(viewport);
  const { errors } = atlas;
  const answers: Record<string, unknown> = {};
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname.match(/^\/api\/(matrix|reach|circle|plan)$/)?.[1];
    if (path && r.ok()) void r.json().then((body: unknown) => (answers[path] = body));
  });
  await page.goto(`${atlas.url()}/${query}`);
  await ready(page);
  for (const table of ['#reach-within dd', '#matrix tbody tr', '#circle tbody tr', '#plan tbody tr']) await page.waitForSelector(table, { timeout: 60_000 });
  await expect.poll(() => Object.keys(answers).sort()).toEqual(['circle', 'matrix', 'plan', 'reach']);
  return { page, answers: answers as Answers, errors };
}

/** Clicks a button and reads the file it downloads: its name, its bytes, and its records. */
async function download(button: Locator): Promise<{ name: string; bytes: Buffer; rows: string[][] }> {
  const [file] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  const bytes = readFileSync((await file.path())!);
  // Kept beside the screenshots, for a person to open in a spreadsheet.
  await file.saveAs(`${SHOTS}/${file.suggestedFilename()}`);
  // A strict reader: a bare LF, a stray quote or a missing CRLF fails here.
  return { name: file.suggestedFilename(), bytes, rows: parseCsv(bytes.subarray(3).toString('utf8')) };
}

/** A figure as the CSV writes it: nothing for null. */
const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

describe('the analysis tables as CSV', () => {
  it('downloads every table as UTF-8 CSV with its byte-order mark, each figure as the API gave it', async () => {
    const { page, answers, errors } = await openPanel(PANEL);
    const buttons = page.locator('#pane-analysis button[data-csv]');
    expect(await buttons.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.csv))).toEqual(['reach-bands', 'reach-within', 'matrix', 'circle', 'circle-area', 'plan']);

    // The matrix, found by its accessible name: 万州 → 达州 is the API's minutes[0][1].
    const matrix = await download(page.getByRole('button', { name: '下载 CSV：四地通行时间（分钟）' }));
    expect([...matrix.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(matrix.name).toBe('wandakaiyun-matrix-2027.csv');
    const m = answers.matrix;
    expect(matrix.rows[0].slice(0, 3)).toEqual(['出发地（中文）', '出发地（英文）', expect.stringMatching(/^到万州.*（分钟）$/)]);
    expect(matrix.rows[1][0]).toMatch(/^万州/);
    expect(matrix.rows[1][1]).toMatch(/^Wanzhou/);
    expect(matrix.rows[1][3]).toBe(String(m.minutes[0][1]));
    expect(matrix.rows.slice(1).map((r) => r.slice(2))).toEqual(m.minutes.map((row) => row.map(cell)));

    // The bands, nearest first, with their areas and counts.
    const bands = await download(page.locator('[data-csv="reach-bands"]'));
    expect(bands.name).toBe('wandakaiyun-reach-bands-wanzhou-2027.csv');
    expect(bands.rows[0].slice(0, 2)).toEqual(['时间圈（分钟）', '面积（平方公里）']);
    const nearest = [...answers.reach.features].reverse();
    expect(bands.rows.slice(1).map((r) => r.slice(0, 2))).toEqual(nearest.map((b) => [cell(b.properties.minutes), cell(b.properties.area_km2)]));

    // What lies within: all of it, not only the few the panel lists, with its marks.
    const within = await download(page.getByRole('button', { name: '下载 CSV：范围内要素' }));
    expect(within.name).toBe('wandakaiyun-reach-within-wanzhou-2027.csv');
    expect(within.rows[0]).toEqual(['图层', '编号', '名称（中文）', '名称（英文）', '时间（分钟）', '时间圈（分钟）', '位置不确定度（公里）', '位置不详，画在']);
    const listed = Object.entries(answers.reach.within).flatMap(([layer, items]) => (layer === 'places' || !items ? [] : items));
    expect(within.rows.length - 1).toBe(listed.length);
    const byId = new Map(within.rows.slice(1).map((r) => [r[1], r]));
    for (const item of listed) {
      const row = byId.get(item.id)!;
      expect(row.slice(2, 5)).toEqual([item.name_zh, item.name_en, String(item.minutes)]);
      expect(Number(row[5])).toBe(nearest.find((b) => item.minutes <= b.properties.minutes)!.properties.minutes);
      expect(row[6]).toBe(cell(item.uncertainty_km));
      expect(row[7] !== '').toBe(Boolean(item.at_seat));
    }

    // The circle: the years in the reader's order (2023 → 2027), each figure under its year.
    const circle = await download(page.locator('[data-csv="circle"]'));
    expect(circle.name).toBe('wandakaiyun-circle-2023-2027.csv');
    expect(circle.rows[0].slice(4)).toEqual(['2023（分钟）', '2027（分钟）', '变化（分钟，负数为更快）']);
    const pairs = answers.circle.compare!.pairs;
    expect(circle.rows.slice(1).map((r) => r.slice(4, 6))).toEqual(pairs.map((p) => [cell(p.minutes['2023']), cell(p.minutes['2027'])]));
    const shares = await download(page.locator('[data-csv="circle-area"]'));
    expect(shares.rows.slice(1).map((r) => Number(r[3]))).toEqual(answers.circle.compare!.districts.map((d) => Math.round(d.share['2027'] * 1000) / 10));

    // The plan's figures.
    const plan = await download(page.getByRole('button', { name: '下载 CSV：规划目标与本图集模型（公里）' }));
    expect(plan.name).toBe('wandakaiyun-plan-2027.csv');
    const figures = answers.plan.areas.flatMap((a) => Object.keys(a.target).map((k) => [a.name_zh, a.name_en, cell(a.modelled[k as 'rail_km']), cell(a.target[k as 'rail_km'])]));
    expect(plan.rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual(figures);
    for (const f of [matrix, bands, within, circle, shares, plan]) expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('heads the columns in the reader’s language, keeps names in both, and is reached by keyboard', async () => {
    const { page, answers, errors } = await openPanel(`${PANEL}&lang=en`);
    // The keyboard alone: Tab from the bands' button reaches the list's, and Enter downloads.
    await page.locator('[data-csv="reach-bands"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Download CSV: what lies within reach');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const within = parseCsv(readFileSync((await file.path())!).subarray(3).toString('utf8'));
    expect(within[0]).toEqual(['Layer', 'ID', 'Name (Chinese)', 'Name (English)', 'Time (min)', 'Band (min)', 'Position uncertainty (km)', 'Position unknown, drawn at']);
    const matrix = await download(page.getByRole('button', { name: 'Download CSV: Travel time between the four places (minutes)' }));
    expect(matrix.rows[0].slice(0, 2)).toEqual(['From (Chinese)', 'From (English)']);
    expect(matrix.rows[0][3]).toMatch(/^To Dazhou.* \(min\)$/);
    expect(matrix.rows[1][0]).toMatch(/^万州/);
    expect(matrix.rows[1][3]).toBe(String(answers.matrix.minutes[0][1]));
    const plan = await download(page.locator('[data-csv="plan"]'));
    expect(plan.rows[0]).toEqual(['Area (Chinese)', 'Area (English)', 'Measure', 'Modelled (km)', '2027 target (km)', 'Short by (km)']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the buttons beside their tables on a phone, in both languages', async () => {
    for (const lang of ['zh', 'en']) {
      const { page } = await openPanel(`${PANEL}&lang=${lang}`, { width: 390, height: 844 });
      for (const kind of ['reach-within', 'matrix', 'plan']) {
        const button = page.locator(`[data-csv="${kind}"]`);
        await button.scrollIntoViewIfNeeded();
        const box = (await button.boundingBox())!;
        // Within the screen and big enough to tap.
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        expect(box.height).toBeGreaterThanOrEqual(24);
        await page.screenshot({ path: `${SHOTS}/csv-${kind}-${lang}-phone.png` });
      }
      await page.close();
    }
  });

  it('lets the embed offer its matrix the same way', async () => {
    const page = await atlas.page(PHONE);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/matrix');
    await page.goto(`${atlas.url()}/embed/one-hour-circle-2027?lang=en`);
    const m = (await (await answer).json()) as MatrixResponse;
    const { name, bytes, rows } = await download(page.getByRole('button', { name: 'Download CSV: Travel time between the four places (minutes)' }));
    expect(name).toBe('wandakaiyun-matrix-2027.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows.slice(1).map((r) => r.slice(2))).toEqual(m.minutes.map((row) => row.map(cell)));
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([['万州', 'Wanzhou'], ['达州', 'Dazhou'], ['开州', 'Kaizhou'], ['云阳', 'Yunyang']]);
    await page.locator('.matrix').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/csv-embed-en-phone.png` });
    await page.close();
  });
});
