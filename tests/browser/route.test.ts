import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idle, ready, renderedCount } from './atlas-page.ts';
import { PHONE, SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();
const { errors } = atlas;
const open = (query: string, viewport?: { width: number; height: number }) => atlas.open(query, viewport);

/** The rows of the legs table: mode, line, minutes, km. */
const legRows = (page: Page): Promise<string[][]> =>
  page.$$eval('#route-legs tbody tr:not(.total)', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

/** How many route features the map renders, by style layer. */
const routeRendered = async (page: Page): Promise<Record<string, number>> =>
  Object.fromEntries(await Promise.all(['route-line', 'route-access', 'route-ends'].map(async (l) => [l, await renderedCount(page, l)])));

/** Waits for the analysis panel to have drawn what the state asks (it signals each refresh). */
const analysed = (page: Page) => page.waitForFunction(() => document.querySelector('#route-legs') !== null, undefined, { timeout: 60_000 });

describe('routes on the map', () => {
  it('draws the route behind a matrix cell, its legs listed as the API answers them, and keeps it in the link', async () => {
    const page = await open('?year=2027&panel=analysis');
    await page.waitForSelector('#matrix button.cell-route', { timeout: 60_000 });
    // 万州 → 达州: the first row's second cell.
    const cell = page.locator('#matrix [data-cell="0-1"]');
    expect(await cell.getAttribute('aria-label')).toContain('→');
    await cell.click();
    await analysed(page);
    await idle(page);
    expect(new URL(page.url()).searchParams.get('route')).toBe('wanzhou~dazhou');
    const api = (await (await fetch(`${atlas.url()}/api/route?from=wanzhou&to=dazhou&year=2027`)).json()) as { minutes: number; features: { properties: { mode: string; minutes: number; km: number } }[] };
    const rows = await legRows(page);
    expect(rows).toHaveLength(api.features.length);
    rows.forEach((r, i) => {
      expect(Number(r[2])).toBeCloseTo(api.features[i].properties.minutes, 1);
      expect(Number(r[3])).toBeCloseTo(api.features[i].properties.km, 1);
    });
    expect(api.features.some((f) => f.properties.mode === 'expressway')).toBe(true);
    // The minutes in the cell are the route's.
    expect(Math.round(api.minutes)).toBe(Number((await cell.textContent())!.match(/\d+/)![0]));
    const drawn = await routeRendered(page);
    expect(drawn['route-line']).toBeGreaterThan(0);
    expect(drawn['route-access']).toBeGreaterThan(0);
    expect(drawn['route-ends']).toBe(2);
    await page.screenshot({ path: `${SHOTS}/route-matrix.png` });
    // A reload, or a shared link, draws the same route.
    await page.reload();
    await ready(page);
    await analysed(page);
    expect(await legRows(page)).toEqual(rows);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a route between two ends chosen by name from the keyboard alone, in English', async () => {
    const page = await open('?year=2027&panel=analysis&lang=en');
    await page.waitForSelector('#route-from');
    await page.focus('#route-from');
    await page.keyboard.type('Kaizhou');
    await page.waitForSelector('#route-from-options li');
    expect(await page.getAttribute('#route-from', 'aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#route-from-name');
    await page.focus('#route-to');
    await page.keyboard.type('Yunyang');
    await page.waitForSelector('#route-to-options li');
    await page.keyboard.press('Enter');
    await analysed(page);
    await idle(page);
    expect(new URL(page.url()).searchParams.get('route')).toBe('kaizhou~yunyang');
    expect(await page.textContent('#route-from-name')).toMatch(/Kaizhou/);
    expect((await legRows(page)).length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/route-en.png` });
    // Swapped, the trip runs the other way.
    await page.click('[data-end="route-swap"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('route') === 'yunyang~kaizhou');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('chooses a reach origin by keyboard alone', async () => {
    const page = await open('?year=2027&panel=analysis');
    await page.focus('#reach-from');
    await page.keyboard.type('云阳');
    await page.waitForSelector('#reach-from-options li');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#reach-bands li', { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('from')).toBe('yunyang');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes a route end picked on the map, and shows the route at a phone’s width', async () => {
    const page = await open('?year=2027&panel=analysis&c=108.2,31.0&z=8.5', PHONE);
    await page.waitForSelector('#route-from');
    await page.focus('#route-from');
    await page.keyboard.type('万州');
    await page.waitForSelector('#route-from-options li');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#route-from-name');
    await page.click('[data-end="route-to-pick"]');
    // A click on the map's empty ground: the position becomes the route's end, not a reach origin.
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.waitForFunction(() => /^wanzhou~\d/.test(new URL(location.href).searchParams.get('route') ?? ''));
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();
    await analysed(page);
    await idle(page);
    await page.screenshot({ path: `${SHOTS}/route-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
