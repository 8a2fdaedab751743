import { execFile, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticExtra } from '../../bench/synthetic.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { idle, ready, type AtlasHook } from './atlas-page.ts';
import { CLICK_PX } from '../../web/map/click.ts';
import { launchChromium } from '../support/chromium.ts';
import { publishExtras } from '../support/publish.ts';
import { startWorker, type LocalWorker } from '../support/worker.ts';

// `npm run data:publish -- --local --extra <dir>` into wrangler's local R2: the atlas's layers and a
// synthetic extra layer of 3,300 features. Three atlases: on the bundled data; on R2, where the extra
// layer is under the catalogue's threshold and comes whole; and on a copy of the same bucket with the
// threshold lowered to 1,000, where it comes as vector tiles. A reader must not be able to tell them apart.
const SHOTS = 'test-results/browser';
let bundled: LocalWorker;
let fromR2: LocalWorker;
let tiled: LocalWorker;
let browser: BrowserContext;
let publish: SpawnSyncReturns<string>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  let persist: string;
  ({ persist, publish } = publishExtras((dir) => writeSyntheticExtra(dir, { points: 3000, lines: 300 })));
  const copy = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
  cpSync(persist, copy, { recursive: true });
  [bundled, fromR2, tiled, browser] = await Promise.all([
    startWorker(),
    startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2' }, persistTo: persist }),
    startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2', ATLAS_TILE_THRESHOLD: '1000' }, persistTo: copy }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([bundled?.stop(), fromR2?.stop(), tiled?.stop()]);
});

describe('npm run data:publish and the R2 layer source', () => {
  it('validates and uploads every layer, the extra one too, and then the manifest', () => {
    expect(publish.status, String(publish.stderr)).toBe(0);
    const puts = String(publish.stdout).split('\n').filter((l) => l.startsWith('put '));
    expect(puts).toHaveLength(12);
    expect(puts.filter((l) => /\/layers\/synthetic\//.test(l))).toHaveLength(1);
    expect(puts.at(-1)).toMatch(/\/manifest\.json /);
  });

  it('publishes nothing when an extra layer fails its check, and says which feature and why', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'atlas-extra-'));
    const layer = writeSyntheticExtra(bad, { points: 3, lines: 0 });
    // A feature that takes an id of the atlas's own, and one outside the atlas's extent.
    layer.features[0].properties!.id = 'wanzhou';
    (layer.features[1].geometry as GeoJSON.Point).coordinates = [120, 30];
    writeFileSync(join(bad, 'synthetic.geojson'), JSON.stringify(layer));
    // Asynchronously: a synchronous child would stop this process reading the running workers' output pipes.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile('npm', ['run', 'data:publish', '--', '--dry-run', '--extra', bad], (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('synthetic.geojson: wanzhou: the id is already used in the atlas’s own layers');
    expect(run.stderr).toContain('synthetic.geojson: p1: position 120,30 is outside the atlas extent');
    expect(run.stdout).not.toMatch(/would put/);
  });

  it.each(['/api/layers/rail?year=2027', '/api/layers/hospitals', '/api/layers/places/features/wanzhou', '/api/layers/ports?status=planned', '/tiles/rail/8/205/105.mvt'])(
    'answers %s from R2 as from the bundle',
    async (path) => {
      const [a, b] = await Promise.all([fetch(`${bundled.url}${path}`), fetch(`${fromR2.url}${path}`)]);
      expect(b.status).toBe(a.status);
      expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
      expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
    },
  );

  it('lists the atlas’s layers from R2 as from the bundle, then the extra one', async () => {
    const catalog = async (w: LocalWorker) => ((await (await fetch(`${w.url}/api/layers`)).json()) as { layers: CatalogEntry[] }).layers;
    const [a, b] = await Promise.all([catalog(bundled), catalog(fromR2)]);
    expect(b.filter((l) => l.id !== 'synthetic')).toEqual(a);
    expect(b.find((l) => l.id === 'synthetic')).toMatchObject({ delivery: 'geojson', count: 3300 });
    expect((await catalog(tiled)).find((l) => l.id === 'synthetic')).toMatchObject({ delivery: 'tiles', count: 3300 });
  });
});

/** A view of the clustered synthetic points, below the zoom where point labels start (their placement differs by tile). */
const VIEW = '?c=108.35,30.95&z=8.6&year=2030';

async function open(worker: LocalWorker, query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${worker.url}/${query}`);
  await ready(page);
  await idle(page);
  return page;
}

/** The synthetic features the map draws, by id (in one style layer, when named). */
const drawn = (page: Page, only?: string): Promise<string[]> =>
  page.evaluate((only) => {
    const { map, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
    const layers = styleLayersOf('synthetic').filter((l) => map.getLayer(l) && (only === undefined || l === only));
    return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties.id)))].sort();
  }, only);

/** The share of pixels that differ visibly between two PNGs of the same size, decoded by the browser. */
async function pixelDifference(a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([x, y]) => {
        const pixels = async (png: string) => {
          const img = new Image();
          img.src = `data:image/png;base64,${png}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          [canvas.width, canvas.height] = [img.width, img.height];
          const g = canvas.getContext('2d')!;
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, img.width, img.height).data;
        };
        const [p, q] = [await pixels(x), await pixels(y)];
        let differ = 0;
        for (let i = 0; i < p.length; i += 4) if (Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2])) > 48) differ++;
        return differ / (p.length / 4);
      },
      [a.toString('base64'), b.toString('base64')],
    );
  } finally {
    await page.close();
  }
}

describe('a large layer drawn from vector tiles', () => {
  it('looks the same as the same layer sent whole: the same features drawn, the same pixels', async () => {
    const [whole, tiles] = await Promise.all([open(fromR2, VIEW), open(tiled, VIEW)]);
    const kinds = (page: Page) => page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.map.getSource('synthetic')!.type);
    expect(await kinds(whole)).toBe('geojson');
    expect(await kinds(tiles)).toBe('vector');
    const [a, b] = [await drawn(whole), await drawn(tiles)];
    expect(a.length).toBeGreaterThan(500);
    // Features crossing the view's edge may be cut differently by the tiles' buffer: all but a few coincide.
    const common = b.filter((id) => a.includes(id)).length;
    expect(common / a.length).toBeGreaterThan(0.99);
    expect(common / b.length).toBeGreaterThan(0.99);
    const [shotWhole, shotTiles] = [await whole.locator('#map canvas').screenshot(), await tiles.locator('#map canvas').screenshot()];
    await whole.screenshot({ path: `${SHOTS}/large-layer-geojson.png` });
    await tiles.screenshot({ path: `${SHOTS}/large-layer-tiles.png` });
    expect(await pixelDifference(shotWhole, shotTiles)).toBeLessThan(0.01);
    await Promise.all([whole.close(), tiles.close()]);
  });

  it('counts it for the year, hides it, and follows the year slider', async () => {
    const page = await open(tiled, VIEW);
    const entry = ((await (await fetch(`${tiled.url}/api/layers`)).json()) as { layers: CatalogEntry[] }).layers.find((l) => l.id === 'synthetic')!;
    const count = page.locator('label.layer', { has: page.locator('input[data-layer="synthetic"]') }).locator('.count');
    expect((await count.textContent())?.trim()).toMatch(new RegExp(`^${entry.countsByYear!['2030']}\\b`));
    const in2030 = (await drawn(page)).length;
    const expected2030 = (await drawn(page, 'synthetic-point-operating-expected')).length;
    // Later, more of what the plan expects is drawn as opened (fainter); earlier, fewer features have opened at all.
    await page.goto(`${tiled.url}/${VIEW.replace('2030', '2035')}`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await idle(page);
    expect((await drawn(page, 'synthetic-point-operating-expected')).length).toBeGreaterThan(expected2030);
    expect((await count.textContent())?.trim()).toMatch(new RegExp(`^${entry.countsByYear!['2035']}\\b`));
    await page.goto(`${tiled.url}/${VIEW.replace('2030', '2020')}`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await idle(page);
    expect((await drawn(page)).length).toBeLessThan(in2030);
    expect((await count.textContent())?.trim()).toMatch(new RegExp(`^${entry.countsByYear!['2020']}\\b`));
    await page.locator('input[data-layer="synthetic"]').uncheck();
    await idle(page);
    expect(await drawn(page)).toEqual([]);
    expect(new URL(page.url()).searchParams.get('off')).toBe('synthetic');
    await page.close();
  });

  it('opens a tiled feature’s details from a click on the map, from the search and from a link', async () => {
    const page = await open(tiled, '?c=108.35,30.95&z=11&year=2030');
    // A synthetic point with nothing else under it.
    const at = await page.evaluate((px) => {
      const { map, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
      for (const f of map.queryRenderedFeatures({ layers: styleLayersOf('synthetic').filter((l) => map.getLayer(l) && l.includes('-point-') && !l.endsWith('-label')) })) {
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        // What a click there would hit (the districts are not clickable; a click reaches CLICK_PX round it).
        const under = map.queryRenderedFeatures([
          [p.x - px, p.y - px],
          [p.x + px, p.y + px],
        ]).filter((h) => h.source !== 'districts');
        if (under.length && under.every((h) => h.source === 'synthetic') && under[0].properties.id === f.properties.id) return { x: p.x, y: p.y, id: String(f.properties.id) };
      }
      return null;
    }, CLICK_PX);
    expect(at).not.toBeNull();
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.click(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => page.locator('#details-title').textContent()).toBe(`合成点 ${at!.id.slice(1)}`);
    // The layer's own source and position quality stand in for the feature's.
    expect(await page.locator('#details').textContent()).toContain('Synthetic benchmark data');
    await page.screenshot({ path: `${SHOTS}/large-layer-details.png` });

    await page.locator('#tab-search').click();
    await page.locator('#q').fill('合成点 12');
    await expect.poll(() => page.locator('#results button[data-feature="p12"]').count()).toBe(1);
    await page.locator('#results button[data-feature="p12"]').click();
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('合成点 12');

    await page.goto(`${tiled.url}/?f=p7&lang=en`);
    await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('Synthetic point 7');
    await page.close();
  });
});
