/**
 * Nothing clipped, at any width: every named view pasted into a news page of another origin as the
 * oEmbed HTML, the share dialog's plain iframe and the script embed, at 320, 360, 640 and 1000 px.
 * Each embed's content fits its frame, and every place the view is about is inside its map.
 *
 * With UPDATE_EMBED_SIZES=1 it first measures each view's parts at each width of geo/embed-heights.ts
 * and rewrites that table (then checks the new table like any other run).
 */
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedMapHeight } from '../../geo/embed-size.ts';
import { EMBED_WIDTHS, type EmbedParts } from '../../geo/embed-heights.ts';
import type { View } from '../../geo/views.ts';
import { embedCodes } from '../../web/share/codes.ts';
import { freePort } from '../support/worker.ts';
import { SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();
const WIDTHS = [320, 360, 640, 1000];
let views: View[];
let news: Server;
let newsUrl: string;
/** The news pages, by path, filled in as the tests go. */
const pages = new Map<string, string>();

beforeAll(async () => {
  views = ((await (await fetch(`${atlas.url()}/api/views`)).json()) as { views: View[] }).views;
  const port = await freePort();
  newsUrl = `http://localhost:${port}`;
  news = createServer((req, res) => res.writeHead(pages.has(req.url!) ? 200 : 204, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(req.url!) ?? ''));
  await new Promise<void>((r) => news.listen(port, '127.0.0.1', () => r()));
}, 60_000);
afterAll(() => news?.close());

/** What an embed says of itself once drawn. */
interface Measured {
  content: number;
  shrunk: number;
  /** The places outside the map's canvas. */
  outside: string[];
  places: number;
}

/** Waits until an embed has drawn its map, labels, places and parts, then measures it. */
async function measure(frame: Frame, view: View): Promise<Measured> {
  await frame.waitForFunction(
    (v) => {
      const a = (window as unknown as { atlas?: { places: unknown[]; map?: { loaded(): boolean } } }).atlas;
      return Boolean(a?.map?.loaded() && a.places.length && (!v.matrix || document.querySelector('#matrix table')) && (!v.impact || document.querySelector('#impact svg')));
    },
    { matrix: view.matrix, impact: Boolean(view.impact) },
    { timeout: 60_000, polling: 200 },
  );
  return frame.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const a = (window as unknown as { atlas: { map: import('maplibre-gl').Map; places: { id: string; at: [number, number] }[]; shrunk: number } }).atlas;
    const canvas = a.map.getCanvas();
    const [w, h] = [canvas.clientWidth, canvas.clientHeight];
    const outside = a.places.filter((p) => {
      const { x, y } = a.map.project(p.at);
      return !(x >= 0 && y >= 0 && x <= w && y <= h);
    });
    return { content: Math.ceil(document.body.getBoundingClientRect().height), shrunk: a.shrunk, outside: outside.map((p) => p.id), places: a.places.length };
  });
}

/** The news page with one view embedded the three ways, at a width. */
async function newsPage(view: View, width: number): Promise<string> {
  const origin = atlas.url();
  const q = new URLSearchParams({ url: `${origin}/embed/${view.id}`, maxwidth: String(width), format: 'json' });
  const oembed = (await (await fetch(`${origin}/oembed?${q}`)).json()) as { html: string; height: number };
  const map = embedMapHeight(width);
  const code = embedCodes({ origin, url: `${origin}/embed/${view.id}?lang=zh&height=${map}`, title: view.title.zh, view: view.id, width, map });

  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>新闻</title><style>body{margin:0}p{margin:0 0 8px}</style></head><body>
<p>oEmbed</p><div id="oembed">${oembed.html}</div>
<p>iframe</p><div id="plain">${code.iframe}</div>
<p>script</p><div id="scripted">${code.script}</div>
</body></html>`;
}

describe('embeds in a news page of another origin', () => {
  it.runIf(process.env.UPDATE_EMBED_SIZES === '1')('measures each view’s parts at each width (geo/embed-heights.ts)', async () => {
    const table: Record<string, Record<number, EmbedParts>> = {};
    const page = await atlas.page({ width: 320, height: 100 });
    const targets = [...views.map((v) => ({ id: v.id, path: `embed/${v.id}`, view: v })), { id: 'view', path: 'embed?year=2027&from=wanzhou', view: { matrix: false, impact: false } as View }];
    for (const t of targets) {
      table[t.id] = {};
      for (const width of EMBED_WIDTHS) {
        // A short viewport, so that the document is as tall as its content; a fresh page, as a chart is drawn to its width.
        await page.setViewportSize({ width, height: 100 });
        await page.goto(`${atlas.url()}/${t.path}`);
        await measure(page.mainFrame(), t.view);
        table[t.id][width] = await page.evaluate(() => {
          const h = (id: string) => document.getElementById(id)?.offsetHeight ?? 0;
          const [legend, matrix] = [h('legend'), h('matrix')];
          return { fixed: Math.ceil(document.body.getBoundingClientRect().height) - h('map') - legend - matrix, legend, matrix };
        });
      }
    }
    const file = 'geo/embed-heights.ts';
    const { readFileSync } = await import('node:fs');
    const head = readFileSync(file, 'utf8').split('/** By view, then width. */')[0];
    const rows = Object.entries(table).map(([id, byWidth]) => `  '${id}': {\n${Object.entries(byWidth).map(([w, p]) => `    ${w}: { fixed: ${p.fixed}, legend: ${p.legend}, matrix: ${p.matrix} },`).join('\n')}\n  },`);
    writeFileSync(file, `${head}/** By view, then width. */\nexport const EMBED_HEIGHTS: Record<string, Record<number, EmbedParts>> = {\n${rows.join('\n')}\n};\n`);
  }, 600_000);

  it('fits every named view whole in each frame at 320, 360, 640 and 1000 px, its places in the map', async () => {
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const page = await atlas.page({ width, height: 3200 });
      for (const view of views) {
        const path = `/${width}/${view.id}`;
        pages.set(path, await newsPage(view, width));
        await page.goto(`${newsUrl}${path}`);
        const kinds = [
          { kind: 'oembed', holder: '#oembed iframe' },
          { kind: 'iframe', holder: '#plain iframe' },
          { kind: 'script', holder: '#scripted iframe' },
        ];
        for (const k of kinds) {
          await page.locator(k.holder).waitFor({ timeout: 30_000 });
          const frame = (await (await page.locator(k.holder).elementHandle())!.contentFrame())!;
          const m = await measure(frame, view);
          const frameHeight = async () => Math.floor((await page.locator(k.holder).boundingBox())!.height);
          const where = `${view.id} at ${width} px, ${k.kind}`;
          // The script follows the content; the others must have been given enough.
          if (k.kind === 'script') await expect.poll(frameHeight, { timeout: 10_000 }).toBeGreaterThanOrEqual(m.content);
          else if (m.shrunk > 0 || m.content > (await frameHeight())) problems.push(`${where}: content ${m.content} px (map shortened ${m.shrunk} px) in a frame of ${await frameHeight()} px`);
          if (m.outside.length) problems.push(`${where}: ${m.outside.join(', ')} outside the map`);
          expect(m.places, where).toBeGreaterThan(0);
          if (k.kind === 'iframe' && (await frameHeight()) - m.content > 48) problems.push(`${where}: ${(await frameHeight()) - m.content} px to spare: re-measure geo/embed-heights.ts`);
        }
        if (width === 360 || width === 1000) await page.screenshot({ path: `${SHOTS}/embed-size-${width}-${view.id}.png`, fullPage: true });
      }
      await page.close();
    }
    expect(problems).toEqual([]);
    expect(atlas.errors).toEqual([]);
  }, 600_000);
});

describe('the embed’s attribution', () => {
  it('is in the embed’s language, and readable in the dark theme (contrast at least 4.5:1)', async () => {
    const page = await atlas.page({ width: 640, height: 700 });
    await page.goto(`${atlas.url()}/embed/ports?lang=en&theme=dark`);
    await measure(page.mainFrame(), views.find((v) => v.id === 'ports')!);
    const { text, fg, bg } = await page.evaluate(() => {
      const box = document.querySelector('.maplibregl-ctrl-attrib')!;
      const inner = box.querySelector('.maplibregl-ctrl-attrib-inner a, .maplibregl-ctrl-attrib-inner') as HTMLElement;
      return { text: box.textContent ?? '', fg: getComputedStyle(inner).color, bg: getComputedStyle(box).backgroundColor };
    });
    expect(text).toContain('Wan-Da-Kai-Yun Atlas');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    expect((a + 0.05) / (b + 0.05), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: `${SHOTS}/embed-attribution-dark-en.png` });
    await page.close();
  }, 90_000);
});
