import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { freePort, startWorker, type LocalWorker } from '../support/worker.ts';

const SHOTS = 'test-results/browser';

let worker: LocalWorker;
let news: Server;
let newsUrl: string;
let browser: BrowserContext;
let page: Page;

/** A news page on another origin, with the atlas embedded each way an editor can. */
function newsPage(atlas: string, oembedHtml: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>万州新闻</title></head><body>
<h1>一小时经济圈</h1>
<p>An article with three embeds.</p>
<iframe name="plain" src="${atlas}/embed/one-hour-circle-2027?height=300" title="2027年万达开云一小时通达圈" width="640" height="520" style="border:0;width:100%;max-width:640px"></iframe>
<div id="scripted" data-atlas-embed="${atlas}/embed/transport-hub?height=260" data-atlas-title="万州综合交通枢纽" data-atlas-height="200"></div>
<script src="${atlas}/embed.js" async></script>
<div id="oembed">${oembedHtml}</div>
<iframe name="explorer" src="${atlas}/" width="400" height="300"></iframe>
</body></html>`;
}

/** The frame whose URL starts with a prefix. */
const frameOf = (prefix: string): Frame | undefined => page.frames().find((f) => f.url().startsWith(prefix));

/** Waits until an embed's map has drawn, and returns how many features it shows. */
async function renderedIn(frame: Frame): Promise<number> {
  await frame.waitForFunction(() => (window as unknown as { atlas?: { map: { loaded(): boolean } } }).atlas?.map?.loaded() === true, undefined, { timeout: 60_000 });
  return frame.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const { map, layers } = (window as unknown as { atlas: { map: import('maplibre-gl').Map; layers: string[] } }).atlas;
        const count = () => map.queryRenderedFeatures().filter((f) => layers.includes(f.source)).length;
        if (map.loaded() && map.areTilesLoaded()) resolve(count());
        else map.once('idle', () => resolve(count()));
      }),
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  worker = await startWorker();
  const oembed = (await (await fetch(`${worker.url}/oembed?url=${encodeURIComponent(`${worker.url}/embed/ports`)}&maxwidth=600&format=json`)).json()) as { html: string };
  const port = await freePort();
  newsUrl = `http://localhost:${port}`;
  news = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(worker.url, oembed.html)));
  await new Promise<void>((r) => news.listen(port, '127.0.0.1', () => r()));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 900, height: 2400 });
  await page.goto(newsUrl);
});

afterAll(async () => {
  await browser?.close();
  news?.close();
  await worker?.stop();
});

describe('embedding in a news page of another origin', () => {
  it('renders a view embedded with a plain iframe', async () => {
    await expect.poll(() => Boolean(frameOf(`${worker.url}/embed/one-hour-circle-2027`)), { timeout: 30_000 }).toBe(true);
    const frame = frameOf(`${worker.url}/embed/one-hour-circle-2027`)!;
    expect(await renderedIn(frame)).toBeGreaterThan(0);
    expect(await frame.locator('#title').textContent()).toBe('2027年万达开云一小时通达圈');
    expect(await frame.locator('.matrix tbody tr').count()).toBe(4);
    expect(await frame.locator('#open').getAttribute('href')).toMatch(/^\/\?.*year=2027/);
  });

  it('renders a view embedded with the script, which sizes the iframe to its content', async () => {
    await expect.poll(() => Boolean(frameOf(`${worker.url}/embed/transport-hub`)), { timeout: 30_000 }).toBe(true);
    const frame = frameOf(`${worker.url}/embed/transport-hub`)!;
    expect(await renderedIn(frame)).toBeGreaterThan(0);
    const contentHeight = await frame.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await expect.poll(async () => Number((await page.locator('#scripted iframe').getAttribute('style'))?.match(/height:\s*(\d+)px/)?.[1])).toBe(contentHeight);
    expect(contentHeight).toBeGreaterThan(260);
  });

  it('renders the HTML an oEmbed request returns, pasted into the page', async () => {
    await expect.poll(() => Boolean(frameOf(`${worker.url}/embed/ports`)), { timeout: 30_000 }).toBe(true);
    const frame = frameOf(`${worker.url}/embed/ports`)!;
    expect(await renderedIn(frame)).toBeGreaterThan(0);
    expect(await page.locator('#oembed iframe').getAttribute('title')).toContain('二客六货');
    await page.screenshot({ path: `${SHOTS}/news-page.png`, fullPage: true });
  });

  it('lets the embed be framed by the news page, and not the explorer', async () => {
    const explorer = page.frames().find((f) => f.name() === 'explorer')!;
    // Chromium replaces a refused frame with its own error page: no atlas inside.
    await page.waitForTimeout(500);
    const hasMap = await explorer.evaluate(() => Boolean(document.querySelector('#map'))).catch(() => false);
    expect(hasMap).toBe(false);
    const res = await fetch(`${worker.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const embed = await fetch(`${worker.url}/embed/ports`);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('the static image', () => {
  it('is a valid PNG of the requested size whose pixels are not blank', async () => {
    const result = await page.evaluate(async (src) => {
      const img = new Image();
      img.crossOrigin = 'anonymous';
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4 * 97) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      return { width: img.naturalWidth, height: img.naturalHeight, colours: colours.size };
    }, `${worker.url}/static/one-hour-circle-2027.png?width=640&height=360`);
    expect(result.width).toBe(640);
    expect(result.height).toBe(360);
    expect(result.colours).toBeGreaterThan(20);
  });
});

describe('a reader without JavaScript', () => {
  it('sees the view as a picture', async () => {
    const noScript = await launchChromium({ javaScriptEnabled: false });
    try {
      const reader = await noScript.newPage();
      await reader.goto(`${worker.url}/embed/one-hour-circle-2027`);
      const img = reader.locator('#fallback');
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).toBe(1200);
      expect(await img.getAttribute('alt')).toContain('2027年万达开云一小时通达圈');
      await reader.screenshot({ path: `${SHOTS}/embed-without-javascript.png` });
    } finally {
      await noScript.close();
    }
  });
});
