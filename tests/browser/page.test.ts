import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idle, ready, type AtlasHook } from './atlas-page.ts';
import { NOTO_SANS_SC_LOCAL_NAMES } from '../../vite.config.ts';
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

  it('removes a planned line before its year, and shows it from that year', async () => {
    // 渝万高铁 (yuwan-hsr) is to be completed in 2027.
    const page = await open('?year=2026');
    const lines = ['rail-line-operating', 'rail-line-under_construction', 'rail-line-planned', 'rail-line-proposed'];
    expect(await renderedIds(page, lines)).not.toContain('yuwan-hsr');
    const slider = page.locator('#year');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await idle(page);
    expect(await page.locator('#year-out').textContent()).toBe('2027');
    expect(await renderedIds(page, lines)).toContain('yuwan-hsr');
    expect(page.url()).toContain('year=2027');
    await page.screenshot({ path: `${SHOTS}/year-2027.png` });
    // Back goes to the year before.
    await page.goBack();
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.state().year)).toBe(2026);
    expect(await renderedIds(page, lines)).not.toContain('yuwan-hsr');
    await page.close();
  });

  it('draws reach bands and fills the matrix when 万州 is clicked', async () => {
    const page = await open('?year=2027');
    const point = await page.evaluate(() => {
      const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
      const p = map.project([108.37567, 30.81008]);
      return { x: p.x, y: p.y };
    });
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForSelector('#reach-bands li', { timeout: 30_000 });
    await idle(page);
    expect((await renderedIds(page, ['reach-fill'])).length).toBeGreaterThan(0);
    // The bands lie on the base, under every thematic layer and label.
    const order = await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getLayersOrder());
    const reachAt = order.indexOf('reach-fill');
    expect(reachAt).toBeGreaterThan(order.indexOf('rivers-line'));
    expect(reachAt).toBeLessThan(order.indexOf('corridors-line-operating'));
    expect(order.filter((id) => id.endsWith('-label')).every((id) => order.indexOf(id) > reachAt)).toBe(true);
    expect(await page.locator('#reach-origin').textContent()).toBe('万州区');
    expect(await page.locator('#reach-bands li').count()).toBe(3);
    expect(await page.locator('#reach-bands').textContent()).toContain('三峡医院');
    // The matrix: a real table of the four places, cells within an hour marked.
    await page.waitForSelector('#matrix tbody tr');
    expect(await page.locator('#matrix tbody tr').count()).toBe(4);
    expect(await page.locator('#matrix td.within-hour').count()).toBeGreaterThan(0);
    expect(await page.locator('#circle tbody tr').count()).toBe(6);
    expect(await page.locator('#plan tbody tr').count()).toBe(5);
    expect(page.url()).toContain('from=wanzhou');
    await page.screenshot({ path: `${SHOTS}/reach-wanzhou.png` });
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
    expect(await page.locator('#share-script').inputValue()).toMatch(/<div data-atlas-embed="http:\/\/127\.0\.0\.1:\d+\/embed\/hospitals-30min\?lang=zh&amp;height=420"[\s\S]*<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);
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
