import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idle, ready, type AtlasHook } from './atlas-page.ts';
import { NOTO_SANS_SC_LOCAL_NAMES } from '../../vite.config.ts';
import { CLICK_PX } from '../../web/map/click.ts';
import { hasLocalFont, launchChromium } from '../support/chromium.ts';
import { startWorker, type LocalWorker } from '../support/worker.ts';

// Screenshots of the main states, for a person to look at.
const SHOTS = 'test-results/browser';

let worker: LocalWorker;
let browser: BrowserContext;
const errors: string[] = [];
const outside: string[] = [];

/** Opens the page at a query and waits until the labels are on and the map is idle. */
async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => !r.url().startsWith(worker.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && outside.push(r.url()));
  await page.goto(`${worker.url}/${query}`);
  await ready(page);
  await idle(page);
  return page;
}

/** Rendered features per atlas layer. */
const rendered = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => {
    const { map, layers, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
    return Object.fromEntries(layers.map((id) => [id, map.queryRenderedFeatures({ layers: styleLayersOf(id).filter((l) => map.getLayer(l)) }).length]));
  });

/** The ids of the features rendered by some style layers. */
const renderedIds = (page: Page, layers: string[]): Promise<string[]> =>
  page.evaluate((only) => {
    const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
    return map.queryRenderedFeatures({ layers: only.filter((l) => map.getLayer(l)) }).map((f) => String(f.properties.id));
  }, layers);

// Each test starts clean: what the pages of an earlier test reported is not held against it.
beforeEach(() => {
  errors.length = 0;
  outside.length = 0;
});

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  worker = await startWorker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('the explorer', () => {
  it('draws features of every layer with its own basemap, fonts and data, asking nothing of any other host', async () => {
    const page = await open();
    await page.screenshot({ path: `${SHOTS}/explorer.png` });
    const counts = await rendered(page);
    expect(Object.keys(counts).sort()).toEqual(['airports', 'corridors', 'districts', 'hospitals', 'parks', 'places', 'ports', 'rail', 'rivers', 'roads']);
    for (const [id, n] of Object.entries(counts)) expect(n, `rendered features of ${id}`).toBeGreaterThan(0);
    // Labels are drawn in the page's font, which the page has loaded itself: from the machine when it has
    // the typeface (fonts-noto-cjk here), else from the atlas's subsets (the next test).
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '万州开州达州云阳'))).toBe(true);
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(resources.length, 'the resource timing buffer (250) is not full').toBeLessThan(250);
    const subsets = resources.filter((name) => name.endsWith('.woff2')).length;
    if (hasLocalFont(NOTO_SANS_SC_LOCAL_NAMES)) expect(subsets, 'font subsets fetched though the machine has the typeface').toBe(0);
    else expect(subsets).toBeGreaterThan(0);
    expect(await renderedIds(page, ['places-label'])).toContain('wanzhou');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws Chinese labels and text on a machine with no Chinese font, from the subsets the atlas serves', async () => {
    const bare = await launchChromium({ cjkFonts: false });
    try {
      const page = await bare.newPage();
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${worker.url}/`);
      await ready(page);
      await idle(page);
      const subsets = asked.filter((u) => u.endsWith('.woff2'));
      expect(subsets.length).toBeGreaterThan(0);
      expect(asked.filter((u) => !u.startsWith(worker.url) && !u.startsWith('blob:'))).toEqual([]);
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '万州开州达州云阳图层'))).toBe(true);
      expect(await renderedIds(page, ['places-label'])).toContain('wanzhou');
      // The map's own controls too: MapLibre names Helvetica and Arial only, which have no Chinese.
      expect(await page.locator('.maplibregl-ctrl-attrib').evaluate((e) => getComputedStyle(e).fontFamily)).toContain('Noto Sans SC');
      await page.screenshot({ path: `${SHOTS}/explorer-without-cjk-font.png` });
      expect(errors).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('hides a layer when its box is unticked, and the layers panel works by keyboard alone', async () => {
    const page = await open();
    // Tab from the top of the page to the first layer checkbox, then toggle it with Space.
    await page.keyboard.press('Tab'); // skip link
    let focused = '';
    for (let i = 0; i < 12 && !focused.startsWith('checkbox'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => `${(document.activeElement as HTMLInputElement).type}:${(document.activeElement as HTMLElement).dataset.layer ?? ''}`);
    }
    expect(focused).toMatch(/^checkbox:/);
    const layer = focused.split(':')[1];
    expect((await rendered(page))[layer]).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await idle(page);
    expect((await rendered(page))[layer]).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.state().hidden)).toEqual([layer]);
    await page.keyboard.press('Space');
    await idle(page);
    expect((await rendered(page))[layer]).toBeGreaterThan(0);
    // The mouse way: untick the railways.
    await page.locator('input[data-layer="rail"]').uncheck();
    await idle(page);
    expect((await rendered(page)).rail).toBe(0);
    expect((await rendered(page)).roads).toBeGreaterThan(0);
    await page.close();
  });

  it('draws each project with its status in the year, on the map and in its details, as the slider moves', async () => {
    // What the sources say, year by year: '…-expected' where only a plan says it (drawn fainter), null where it is not on the map.
    const life: Record<string, { layer: string; kind: 'line' | 'point'; years: Record<number, string | null> }> = {
      'yuwan-hsr': { layer: 'rail', kind: 'line', years: { 2020: 'under_construction', 2023: 'under_construction', 2026: 'under_construction', 2027: 'operating-expected', 2035: 'operating-expected' } },
      'xiyu-hsr': { layer: 'rail', kind: 'line', years: { 2020: 'planned', 2023: 'under_construction', 2026: 'operating-expected', 2027: 'operating-expected', 2035: 'operating-expected' } },
      'chengdawan-hsr': { layer: 'rail', kind: 'line', years: { 2020: 'under_construction', 2023: 'under_construction', 2026: 'under_construction', 2027: 'operating-expected', 2035: 'operating-expected' } },
      'shanghai-hospital-wanzhou-relocation': { layer: 'hospitals', kind: 'point', years: { 2020: null, 2023: 'under_construction', 2026: 'operating-expected', 2027: 'operating-expected', 2035: 'operating-expected' } },
      'dazhou-heshi-airport': { layer: 'airports', kind: 'point', years: { 2020: 'operating', 2023: null, 2026: null, 2027: null, 2035: null } },
    };
    const words: Record<string, string> = { operating: '运营', 'operating-expected': '运营（按规划预计，尚无来源证实）', under_construction: '在建', planned: '规划', proposed: '前期研究' };
    for (const [id, { layer, kind, years }] of Object.entries(life)) {
      const page = await open(`?year=2020&f=${id}`);
      const slider = page.locator('#year');
      for (const [year, status] of Object.entries(years)) {
        // The slider by keyboard: Home is 2020, each arrow a year.
        await slider.focus();
        await page.keyboard.press('Home');
        for (let y = 2020; y < Number(year); y++) await page.keyboard.press('ArrowRight');
        await idle(page);
        expect(await page.locator('#year-out').textContent()).toBe(year);
        const drawnIn = await page.evaluate(
          ([id, prefix]) => {
            const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
            const layers = map.getLayersOrder().filter((l) => l.startsWith(prefix) && !l.endsWith('-label'));
            return layers.filter((l) => map.queryRenderedFeatures({ layers: [l] }).some((f) => f.properties.id === id)).map((l) => l.slice(prefix.length));
          },
          [id, `${layer}-${kind}-`],
        );
        expect(drawnIn, `${id} drawn in ${year}`).toEqual(status ? [status] : []);
        const row = page.locator('#details dt', { hasText: `${year}年状态` }).locator('xpath=following-sibling::dd[1]');
        expect(await row.textContent(), `${id} in the details of ${year}`).toBe(status ? words[status] : '不在该年地图上');
      }
      expect(page.url()).toContain('year=2035');
      // Back walks the years the reader chose, one by one.
      await page.goBack();
      await idle(page);
      expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.state().year)).toBe(2034);
      await page.close();
    }
    // The region in three years, for a reader to look at.
    for (const year of [2020, 2027, 2035]) {
      const page = await open(`?year=${year}`);
      await page.screenshot({ path: `${SHOTS}/plan-${year}.png` });
      await page.close();
    }
    expect(errors).toEqual([]);
  });

  it('lists every feature under a click on the 万州 seat to choose from, and highlights the one chosen', async () => {
    const page = await open('?year=2026&c=108.3757,30.8101&z=12');
    const seat = await page.evaluate(() => {
      const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
      const p = map.project([108.37567, 30.81008]);
      return { x: p.x, y: p.y };
    });
    // Every feature drawn at the seat's very point (and whatever else the click's box reaches).
    const under = await page.evaluate(
      ([x, y, px]) => {
        const { map, layers, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
        const clickable = layers.filter((l) => l !== 'districts').flatMap((l) => styleLayersOf(l)).filter((l) => map.getLayer(l));
        return [...new Set(map.queryRenderedFeatures([[x - px, y - px], [x + px, y + px]], { layers: clickable }).map((f) => String(f.properties.id)))];
      },
      [seat.x, seat.y, CLICK_PX],
    );
    expect(under.length).toBeGreaterThan(15);
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.click(box.x + seat.x, box.y + seat.y);
    await page.waitForSelector('.stack-list button');
    const listed = await page.locator('.stack-list button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.feature));
    expect(listed.sort()).toEqual([...under].sort());
    expect(await page.locator('.stack-head').textContent()).toBe(`此处 ${under.length} 个要素`);
    // An ordinary click on the seat starts no reach.
    expect(page.url()).not.toContain('from=');
    await page.screenshot({ path: `${SHOTS}/stack-wanzhou.png` });
    await page.locator('.stack-list button[data-feature="three-gorges-hospital-cqu"]').click();
    await expect.poll(() => page.locator('#details-title').textContent()).toContain('三峡医院');
    await expect.poll(() => renderedIds(page, ['selection-point'])).toEqual(['three-gorges-hospital-cqu']);
    expect(await page.locator('.stack-list').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/stack-chosen.png` });
    // A line chosen from the features list is fitted whole in the view, and drawn with its halo.
    await page.locator('#tab-search').click();
    await page.locator('#q').fill('渝万高铁');
    await page.locator('#results button[data-feature="yuwan-hsr"]').click();
    await expect.poll(() => renderedIds(page, ['selection-line'])).toContain('yuwan-hsr');
    await idle(page);
    const fitted = await page.evaluate(() => {
      const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
      const b = map.getBounds();
      return [b.contains([107.1, 29.9]), b.contains([108.38, 30.87]), map.getZoom()];
    });
    expect(fitted.slice(0, 2)).toEqual([true, true]);
    expect(fitted[2]).toBeLessThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores the whole view from a copied link', async () => {
    const page = await open('?year=2027');
    await page.locator('#lang').click();
    await page.locator('input[data-layer="roads"]').uncheck();
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.jumpTo({ center: [108.4, 30.85], zoom: 9.5 }));
    await idle(page);
    const copied = page.url();
    await page.close();

    const again = await open(copied.slice(worker.url.length + 1));
    const state = await again.evaluate(() => {
      const { map, state } = (window as unknown as { atlas: AtlasHook }).atlas;
      return { ...state(), center: map.getCenter().toArray(), zoom: map.getZoom() };
    });
    expect(state).toMatchObject({ year: 2027, lang: 'en', hidden: ['roads'] });
    expect(state.center[0]).toBeCloseTo(108.4, 3);
    expect(state.zoom).toBeCloseTo(9.5, 1);
    expect((await rendered(again)).roads).toBe(0);
    await again.close();
  });

  it('switches every label to English and back', async () => {
    const page = await open();
    expect(await page.locator('#tab-layers').textContent()).toBe('图层');
    await page.locator('#lang').click();
    await idle(page);
    expect(await page.locator('#tab-layers').textContent()).toBe('Layers');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#layer-groups').textContent()).toContain('Railways');
    const field = await page.evaluate(() => JSON.stringify((window as unknown as { atlas: AtlasHook }).atlas.map.getLayoutProperty('places-label', 'text-field')));
    expect(field).toContain('name_en');
    await page.screenshot({ path: `${SHOTS}/english.png` });
    await page.locator('#lang').click();
    expect(await page.locator('#tab-layers').textContent()).toBe('图层');
    await page.close();
  });

  it('finds features in Chinese and English and opens their details from the list', async () => {
    const page = await open('?panel=search');
    // Before anything is typed the list holds what the map shows, not the districts (the map's ground) …
    await expect.poll(() => page.locator('#results button').count()).toBeGreaterThan(0);
    expect(await page.locator('#results .result-layer').allTextContents()).not.toContain('行政区');
    // … which are found by name like any feature, though they come as tiles (asked of the API).
    await page.locator('#q').fill('万州区');
    await expect.poll(() => page.locator('#results .result-layer').allTextContents()).toContain('行政区');
    await page.locator('#q').fill('新田港');
    await expect.poll(() => page.locator('#results button').count()).toBeGreaterThan(0);
    await page.locator('#q').fill('Xintian');
    const first = page.locator('#results button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#details').isVisible()).toBe(true);
    const details = await page.locator('#details').textContent();
    expect(details).toMatch(/新田/);
    expect(details).toMatch(/来源/);
    expect(details).toMatch(/位置精度/);
    expect(page.url()).toMatch(/f=[a-z0-9-]+/);
    await page.screenshot({ path: `${SHOTS}/details.png` });
    await page.close();
  });

  it('finds names in pinyin and words in any order, the seats first, and walks the results by keyboard, in both languages', async () => {
    const page = await open('?panel=search');
    const first = () => page.locator('#results button').first().getAttribute('data-feature');
    const results = () => page.locator('#results button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.feature));
    await page.locator('#q').fill('wanzhoubei');
    await expect.poll(first).toBe('station-wanzhou-north');
    await page.locator('#q').fill('万州');
    await expect.poll(first).toBe('wanzhou');
    await page.locator('#q').fill('dazhou airport');
    await expect.poll(results).toContain('dazhou-jinya-airport');
    // Down from the box to the results, along them, Enter opens one.
    await page.locator('#q').fill('达州 机场');
    await expect.poll(first).toBe('dazhou-jinya-airport');
    await page.locator('#q').press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.feature)).toBe('dazhou-jinya-airport');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('达州金垭机场');
    // English: the same searches, the English names.
    await page.locator('#lang').click();
    await page.locator('#q').fill('Wanzhou North');
    await expect.poll(first).toBe('station-wanzhou-north');
    await expect.poll(() => page.locator('#results .result-name').first().textContent()).toMatch(/Wanzhou North/);
    await page.locator('#q').fill('airport dazhou');
    await expect.poll(first).toBe('dazhou-jinya-airport');
    await page.locator('#q').fill('kaizhou');
    await expect.poll(first).toBe('kaizhou');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares the one-hour circle of two years the same in either order, says the change in words, and keeps the years in the link', async () => {
    const page = await open('?year=2027&panel=analysis');
    await page.waitForSelector('#circle tbody tr');
    const table = () =>
      page.locator('#circle').evaluate((t) => [...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => c.textContent?.replace(/\s*一小时内$/, '').trim())));
    const forward = await table();
    expect(forward[0]).toEqual(['两地', '2023', '2027', '变化']);
    // The reader turns the order round: 2027 first.
    await page.locator('select[data-compare="0"]').selectOption('2027');
    await page.locator('select[data-compare="1"]').selectOption('2023');
    await expect.poll(async () => (await table())[0]).toEqual(['两地', '2027', '2023', '变化']);
    const backward = await table();
    for (let i = 1; i < forward.length; i++) {
      const [pair, m2023, m2027, change] = forward[i];
      // The same minutes under the same years, and the change said the other way.
      expect(backward[i]).toEqual([pair, m2027, m2023, change === '不变' ? '不变' : change!.replace(/^快/, '慢')]);
    }
    expect(forward.slice(1).some((r) => r[3]!.startsWith('快 '))).toBe(true);
    expect(page.url()).toContain('cmp=2027,2023');
    // A shared link restores the years in their order.
    const again = await open(page.url().slice(worker.url.length + 1));
    await again.waitForSelector('#circle tbody tr');
    expect(await again.locator('select[data-compare="0"]').inputValue()).toBe('2027');
    expect(await again.locator('select[data-compare="1"]').inputValue()).toBe('2023');
    expect(errors).toEqual([]);
    await again.close();
    await page.close();
  });

  it('loads the analysis panel only when it is first needed', async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(`${worker.url}/`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    const before = scripts.length;
    expect(scripts.some((s) => /panel/.test(s))).toBe(false);
    await page.locator('#tab-analysis').click();
    await expect.poll(() => scripts.some((s) => /panel/.test(s))).toBe(true);
    expect(scripts.length).toBeGreaterThan(before);
    await page.close();
  });

  it('gives an editor the embed code of the current view or a named one, with a preview', async () => {
    const page = await open('?year=2027&off=rivers');
    await page.locator('#share').click();
    const dialog = page.locator('#share-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.locator('#share-iframe').inputValue()).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\?year=2027&amp;off=rivers.*" title="[^"]+"/);
    await page.locator('#share-view').selectOption('hospitals-30min');
    expect(await page.locator('#share-script').inputValue()).toMatch(/<div data-atlas-embed="http:\/\/127\.0\.0\.1:\d+\/embed\/hospitals-30min\?lang=zh&amp;height=\d+"[\s\S]*<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);
    expect(await page.locator('#share-preview').getAttribute('src')).toContain('/embed/hospitals-30min');
    await page.screenshot({ path: `${SHOTS}/share.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('becomes a bottom sheet on a phone, with the map keeping most of the screen', async () => {
    const page = await open('', { width: 390, height: 844 });
    const map = (await page.locator('#map').boundingBox())!;
    const panel = (await page.locator('#panel').boundingBox())!;
    expect(panel.y).toBeGreaterThan(map.y);
    expect(map.height).toBeGreaterThan(844 * 0.45);
    await page.screenshot({ path: `${SHOTS}/phone.png` });
    await page.close();
  });
});

describe('the explorer, given hostile data', () => {
  it('shows a feature named <img src=x onerror=alert(1)> as text in the search list and the details, in both languages, and nothing runs', async () => {
    const HOSTILE = '<img src=x onerror=alert(1)>';
    const ports = (await (await fetch(`${worker.url}/api/layers/ports`)).json()) as { features: { properties: Record<string, unknown> }[] };
    const base = ports.features[0];
    const evil = {
      ...base,
      properties: {
        ...base.properties,
        id: 'hostile-port',
        name_zh: HOSTILE,
        name_en: '"><script>alert(2)</script>',
        source: { ...(base.properties.source as object), title: '<svg onload=alert(3)>', quote: '<iframe src=javascript:alert(4)>' },
      },
    };
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Whatever the page's CSP would have had to refuse is recorded: escaping, not the CSP, must keep the markup inert.
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.route(/\/api\/layers\/ports$/, (route) => route.fulfill({ contentType: 'application/geo+json', body: JSON.stringify({ ...ports, features: [...ports.features, evil] }) }));
    await page.goto(`${worker.url}/?panel=search`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await page.locator('#q').fill('<img');
    await expect.poll(() => page.locator('#results button').count()).toBe(1);
    expect(await page.locator('#results button').first().textContent()).toContain(HOSTILE);
    await page.locator('#results button').first().click();
    await expect.poll(() => page.locator('#details').isVisible()).toBe(true);
    const details = (await page.locator('#details').textContent()) ?? '';
    expect(details).toContain(HOSTILE);
    expect(details).toContain('<iframe src=javascript:alert(4)>');
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#details').textContent()).toContain('"><script>alert(2)</script>');
    await idle(page);
    const inert = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"], svg[onload], iframe').length,
      scripts: [...document.scripts].filter((s) => s.textContent?.includes('alert')).length,
      violations: (window as unknown as { violations: string[] }).violations,
    }));
    expect(inert).toEqual({ imgs: 0, scripts: 0, violations: [] });
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/hostile.png` });
    await page.close();
  });
});

describe('the explorer, themed and configured', () => {
  it('follows a dark colour scheme', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${worker.url}/`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getPaintProperty('background', 'background-color'))).toBe('#101418');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(20, 24, 29)');
    await page.screenshot({ path: `${SHOTS}/dark.png` });
    await page.close();
  });

  it('keeps its labels, the chosen feature’s halo and the reach when the colour scheme changes while it is open', async () => {
    const page = await open('?year=2027&f=yuwan-hsr&from=wanzhou&panel=analysis');
    await page.waitForSelector('#reach-bands li', { timeout: 30_000 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getPaintProperty('background', 'background-color'))).toBe('#101418');
    await idle(page);
    expect(await renderedIds(page, ['places-label'])).toContain('wanzhou');
    expect([...new Set(await renderedIds(page, ['selection-line']))]).toEqual(['yuwan-hsr']);
    expect((await renderedIds(page, ['reach-fill'])).length).toBeGreaterThan(0);
    // The halo lies above the reach bands, both under the plan's features.
    const order = await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getLayersOrder());
    expect(order.indexOf('selection-line')).toBeGreaterThan(order.indexOf('reach-fill'));
    expect(order.indexOf('selection-line')).toBeLessThan(order.indexOf('rail-line-operating'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts a configured remote basemap under the atlas, without making the atlas wait for it', async () => {
    // A remote style on another origin: one filled polygon over the region.
    const style = {
      version: 8,
      sources: { land: { type: 'geojson', data: { type: 'Polygon', coordinates: [[[106, 29.5], [110, 29.5], [110, 32.5], [106, 32.5], [106, 29.5]]] } } },
      layers: [{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#d9e6cf' } }],
    };
    // The style is held back until the atlas says it is ready: were the map waiting for it, it never would be.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const remote = createServer((_req, res) => void held.then(() => res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(style))));
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', () => r()));
    const styleUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}/style.json`;
    const configured = await startWorker({ vars: { ATLAS_BASEMAP_STYLE: styleUrl } });
    try {
      const page = await browser.newPage();
      await page.goto(`${configured.url}/`);
      await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
      expect(await page.evaluate(() => Boolean((window as unknown as { atlas: AtlasHook }).atlas.map.getLayer('basemap-land')))).toBe(false);
      release();
      await page.waitForFunction(() => Boolean((window as unknown as { atlas: AtlasHook }).atlas.map.getLayer('basemap-land')));
      await idle(page);
      const order = await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getStyle().layers.map((l) => l.id));
      expect(order.slice(0, 3)).toEqual(['background', 'basemap-land', 'districts-fill']);
      expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getPaintProperty('districts-fill', 'fill-opacity'))).toBe(0);
      expect(await page.locator('#status-line').textContent()).toBe('');
      const counts = await rendered(page);
      for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
      await page.close();
    } finally {
      release();
      await configured.stop();
      remote.close();
    }
  });

  it('says so in the page when an analysis cannot be had, and keeps the map', async () => {
    const page = await browser.newPage();
    // The worker refusing, and the network failing.
    await page.route(/\/api\/(reach|matrix)\?/, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'the atlas is overloaded' } }) }),
    );
    await page.route(/\/api\/circle\?/, (route) => route.abort('connectionrefused'));
    await page.goto(`${worker.url}/?panel=analysis&from=wanzhou`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await expect.poll(() => page.locator('#pane-analysis [role=alert]').count(), { timeout: 15_000 }).toBe(3);
    const alerts = await page.locator('#pane-analysis [role=alert]').allTextContents();
    expect(alerts.filter((a) => a.includes('加载失败: the atlas is overloaded'))).toHaveLength(2);
    expect(await page.locator('#plan').count()).toBe(1); // what did load is shown
    await idle(page);
    const counts = await rendered(page);
    for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/analysis-failed.png` });
    await page.close();
  });

  it('keeps working when the configured remote basemap cannot be loaded', async () => {
    // Port 9 on loopback has nothing listening: the style fetch fails at once.
    const configured = await startWorker({ vars: { ATLAS_BASEMAP_STYLE: 'http://127.0.0.1:9/style.json' } });
    try {
      const page = await browser.newPage();
      await page.goto(`${configured.url}/`);
      await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
      await idle(page);
      expect(await page.locator('#status-line').textContent()).toContain('在线底图加载失败');
      const counts = await rendered(page);
      for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
      await page.close();
    } finally {
      await configured.stop();
    }
  });
});
