/**
 * Nothing clipped, at any width: every named view pasted into a news page of another origin as the
 * oEmbed HTML, the share dialog's plain iframe and the script embed, at 320, 360, 640 and 1000 px.
 * Each embed's content fits its frame, and every place the view is about is inside its map.
 * The heights the oEmbed answers and the share dialog writes come from geo/embed-heights.ts, which
 * `npm run embed:measure` measures again (tests/browser/embed-sizes.measure.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedMapHeight } from '../../geo/embed-size.ts';
import type { View } from '../../geo/views.ts';
import { embedCodes } from '../../web/share/codes.ts';
import { startNewsSite, type NewsSite } from '../support/news-site.ts';
import { measure } from './embed-measure.ts';
import { SHOTS, useAtlas } from './harness.ts';

const atlas = useAtlas();
const WIDTHS = [320, 360, 640, 1000];
let views: View[];
let site: NewsSite;

beforeAll(async () => {
  views = ((await (await fetch(`${atlas.url()}/api/views`)).json()) as { views: View[] }).views;
  site = await startNewsSite();
}, 60_000);
afterAll(() => site?.close());

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
  it('fits every named view whole in each frame at 320, 360, 640 and 1000 px, its places in the map', async () => {
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const page = await atlas.page({ width, height: 3200 });
      for (const view of views) {
        const path = `/${width}/${view.id}`;
        site.pages.set(path, await newsPage(view, width));
        await page.goto(`${site.url}${path}`);
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

  it('starts folded in a narrow embed, whose credit line under the map names every credit, and opens from its button', async () => {
    const page = await atlas.page({ width: 360, height: 700 });
    await page.goto(`${atlas.url()}/embed/one-hour-circle-2027`);
    await measure(page.mainFrame(), views.find((v) => v.id === 'one-hour-circle-2027')!);
    const box = page.locator('.maplibregl-ctrl-attrib');
    expect(await box.evaluate((e) => e.classList.contains('maplibregl-compact-show'))).toBe(false);
    const credits = ((await box.textContent()) ?? '').split(/\s*·\s*/).filter((c) => c.startsWith('©'));
    expect(credits).toContain('© OpenStreetMap contributors');
    for (const credit of credits) expect(await page.locator('#source').textContent()).toContain(credit);
    await page.locator('.maplibregl-ctrl-attrib-button').click();
    expect(await box.evaluate((e) => e.classList.contains('maplibregl-compact-show'))).toBe(true);
    await page.close();
  }, 90_000);
});
