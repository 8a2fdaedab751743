/**
 * A newsroom's own embed, made in the share dialog: a title, a caption, a marker placed by a click on
 * the preview's map, the open feature highlighted and a callout; its embed code copied into a news
 * page of another origin, where each is found (as text, never markup); and the PNG of the same state
 * shows the marker, by a pixel test around its position. Screenshots of the embed (zh and en, 360 and
 * 1000 px) and the pictures are in test-results/browser/annotate-*.png.
 */
import { writeFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsSite, type NewsSite } from '../support/news-site.ts';
import { SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();
let site: NewsSite;

beforeAll(async () => {
  site = await startNewsSite();
}, 60_000);
afterAll(() => site?.close());

const TITLE = '新田港 & <script>alert(1)</script> 二期';
const CAPTION = '2027 年的港区 & 铁路 <b>不加粗</b>';
const LABEL = '码头 <i>&</i>';
const NOTE = '二期投运后 "吞吐能力" 翻番 & <img src=x>';
const FEATURE = 'xintian-port-phase-1';
/** The marker's colour (geo/render/annotations.ts ANNOTATION_STYLE.mark.colour). */
const MARK = [0xc8, 0x10, 0x2e];

/** Types a value and lets the dialog see it change (it updates on `change`). */
async function type(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
  await page.locator(selector).dispatchEvent('change');
}

/** Whether a picture has the marker's colour within `r` px of a point, read in the page from the PNG's pixels. */
async function markerColourNear(page: Page, url: string, at: [number, number], r = 9): Promise<boolean> {
  return page.evaluate(
    async ({ url, at, r, mark }) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(Math.round(at[0] - r), Math.round(at[1] - r), 2 * r + 1, 2 * r + 1);
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - mark[0]) + Math.abs(data[i + 1] - mark[1]) + Math.abs(data[i + 2] - mark[2]) < 40) return true;
      return false;
    },
    { url, at, r, mark: MARK },
  );
}

/** What the embed shows of the annotations. */
async function shown(frame: Frame) {
  // The markers and highlight are drawn just before the labels, the map's last step.
  await frame.waitForFunction(
    () => {
      const map = (window as unknown as { atlas: { map?: import('maplibre-gl').Map } }).atlas.map;
      return document.querySelector('.mark-label') !== null && map?.loaded() && map.areTilesLoaded() && map.getStyle().layers.some((l) => l.type === 'symbol');
    },
    undefined,
    { timeout: 60_000 },
  );
  return frame.evaluate(() => {
    const map = (window as unknown as { atlas: { map: import('maplibre-gl').Map } }).atlas.map;
    const text = (s: string) => document.querySelector(s)?.textContent ?? null;
    return {
      title: text('#title'),
      caption: text('#caption'),
      note: text('#note'),
      label: text('.mark-label'),
      // Text, never markup: nothing the texts held became an element.
      injected: document.querySelectorAll('#title *, #caption *, #note *, .mark-label *, script:not([src]), img[src="x"]').length,
      highlighted: map.getLayer('highlight-ports-halo') ? map.queryRenderedFeatures({ layers: ['highlight-ports-halo'] }).length : -1,
    };
  });
}

describe('a newsroom’s own embed', () => {
  it('is made in the share dialog, shows each annotation in a news page of another origin, and its PNG shows the marker', async () => {
    const page = await atlas.open(`?year=2027&f=${FEATURE}`);
    await atlas.browser().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: atlas.url() });
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#share-dialog').isVisible()).toBe(true);
    await type(page, '#share-title-text', TITLE);
    await type(page, '#share-caption', CAPTION);
    await type(page, '#share-note', NOTE);
    // The open feature is the highlight the dialog offers first.
    expect(await page.locator('#share-highlight').inputValue()).toBe(FEATURE);

    // A marker: its label, the button, then a click on the preview's map.
    await page.locator('#share-mark-label').fill(LABEL);
    await page.locator('#share-place-mark').click();
    const preview = page.frameLocator('#share-preview');
    const previewFrame = (await (await page.locator('#share-preview').elementHandle())!.contentFrame())!;
    await previewFrame.waitForFunction(() => (window as unknown as { atlas: { map?: { loaded(): boolean } } }).atlas.map?.loaded(), undefined, { timeout: 60_000 });
    await page.waitForTimeout(300);
    const box = (await preview.locator('#map').boundingBox())!;
    await preview.locator('#map').click({ position: { x: box.width * 0.55, y: box.height * 0.5 } });
    await expect.poll(() => page.locator('#share-marks li').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/annotate-dialog.png` });

    // The code as the Copy button puts it on the clipboard.
    await page.locator('#share-iframe ~ button').click();
    const iframe = await page.evaluate(() => navigator.clipboard.readText());
    expect(iframe).toBe(await page.locator('#share-iframe').inputValue());
    expect(iframe).not.toMatch(/<script|<img|<b>|<i>/);
    const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
    const print = (await page.locator('#share-print').getAttribute('href'))!;
    expect(print).toMatch(/\/static\/view\.png\?.*print=1/);

    for (const lang of ['zh', 'en'] as const)
      for (const width of [360, 1000]) {
        const code = iframe.replace(/lang=zh/, `lang=${lang}`);
        const path = `/${lang}/${width}`;
        site.pages.set(path, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>新闻</title><style>body{margin:0;padding:8px}</style></head><body><p>报道</p>${code}</body></html>`);
        const news = await atlas.page({ width, height: 1400 });
        await news.goto(`${site.url}${path}`);
        const frame = (await (await news.locator('iframe').elementHandle())!.contentFrame())!;
        const s = await shown(frame);
        const where = `${lang} at ${width} px`;
        expect(s.title, where).toBe(TITLE);
        expect(s.caption, where).toBe(CAPTION);
        expect(s.note, where).toBe(NOTE);
        expect(s.label, where).toBe(LABEL);
        expect(s.injected, where).toBe(0);
        expect(s.highlighted, where).toBeGreaterThan(0);
        // Custom texts may wrap: the plain iframe still holds the whole embed.
        const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
        expect(content, where).toBeLessThanOrEqual(Math.floor((await news.locator('iframe').boundingBox())!.height));
        await news.screenshot({ path: `${SHOTS}/annotate-embed-${lang}-${width}.png`, fullPage: true });
        await news.close();
      }

    // The picture of the same state: the marker's colour around its position, and not without it.
    const state = new URL(src).searchParams;
    state.delete('height');
    const svg = await (await fetch(`${atlas.url()}/static/view.svg?${state}`)).text();
    expect(svg).toContain(`<title>${TITLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`);
    const at = /<g class="mark" data-at="([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
    const png = `${atlas.url()}/static/view.png?${state}`;
    const without = new URLSearchParams(state);
    without.delete('mark');
    expect(await markerColourNear(page, png, at)).toBe(true);
    expect(await markerColourNear(page, `${atlas.url()}/static/view.png?${without}`, at)).toBe(false);
    for (const lang of ['zh', 'en'])
      for (const width of [360, 1000]) {
        const q = new URLSearchParams(state);
        q.set('lang', lang);
        q.set('width', String(width));
        q.set('height', String(Math.round(width * 0.62)));
        const res = await fetch(`${atlas.url()}/static/view.png?${q}`);
        expect(res.status).toBe(200);
        writeFileSync(`${SHOTS}/annotate-picture-${lang}-${width}.png`, Buffer.from(await res.arrayBuffer()));
      }
    expect((await fetch(print)).status).toBe(200);
    expect(atlas.errors).toEqual([]);
    await page.close();
  }, 300_000);
});
