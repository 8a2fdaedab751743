import type { SpawnSyncReturns } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntrySchema } from '../../geo/api/layers.ts';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { idle, ready, type AtlasHook } from './atlas-page.ts';
import { launchChromium } from '../support/chromium.ts';
import { writeArchiveExtras } from '../support/archives.ts';
import { servePublished } from '../support/publish.ts';
import type { LocalWorker } from '../support/worker.ts';

// Two external PMTiles archives a user brings, published by file with `npm run data:publish -- --local
// --extra <dir>` (tests/support/archives.ts): a raster archive of two PNG tiles and a vector archive of two
// source-layers (`water`, `roads`), neither named after its atlas layer. The page draws both under the
// atlas's layers, in their zooms and bounds, and hides each with its checkbox.
const SHOTS = 'test-results/browser';
let worker: LocalWorker;
let browser: BrowserContext;
let publish: SpawnSyncReturns<string>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [{ worker, publish }, browser] = await Promise.all([servePublished(writeArchiveExtras), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** Round 万州, where both archives have tiles. */
const VIEW = 'c=108.5,31.05&z=7.6&year=2027';
const RASTER = 'test-raster';
const VECTOR = 'test-basemap';

async function open(query: string, width = 1280): Promise<{ page: Page; tiles: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 800 });
  const tiles: string[] = [];
  page.on('request', (r) => r.url().includes('/tiles/test-') && tiles.push(new URL(r.url()).pathname));
  await page.goto(`${worker.url}/?${query}`);
  await ready(page);
  await idle(page);
  return { page, tiles };
}

/** The source-layers of the vector archive's features drawn in the view, by the style layer that draws them. */
const vectorDrawn = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate((id) => {
    const { map, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
    const out: Record<string, string[]> = {};
    for (const f of map.queryRenderedFeatures({ layers: styleLayersOf(id).filter((l) => map.getLayer(l)) })) (out[f.layer.id] ??= []).push(f.geometry.type);
    return out;
  }, VECTOR);

describe('an external PMTiles archive on the page', () => {
  it('is published with its tile type, zooms, bounds and vector layers, which /api/layers carries', async () => {
    expect(publish.status, String(publish.stderr)).toBe(0);
    expect(String(publish.stdout)).toContain(`${RASTER}: a PMTiles archive (png, zoom 8–8)`);
    expect(String(publish.stdout)).toContain(`${VECTOR}: a PMTiles archive (mvt, zoom 6–9, layers water roads)`);
    const { layers } = (await (await fetch(`${worker.url}/api/layers`)).json()) as { layers: CatalogEntry[] };
    for (const l of layers) expect(CatalogEntrySchema.safeParse(l).error).toBeUndefined();
    expect(layers.find((l) => l.id === RASTER)).toMatchObject({ delivery: 'tiles', maxzoom: 8, archive: { type: 'png', minzoom: 8, maxzoom: 8 } });
    expect(layers.find((l) => l.id === VECTOR)).toMatchObject({ maxzoom: 9, archive: { type: 'mvt', minzoom: 6, layers: [{ id: 'water' }, { id: 'roads', geometry: 'LineString' }] } });
  });

  it('draws a raster archive and each source-layer of a vector archive on the districts’ fill, under the atlas’s other layers, asking no tile outside them', async () => {
    const { page, tiles } = await open(VIEW);
    const style = await page.evaluate(
      ([r, v]) => {
        const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
        const order = map.getLayersOrder();
        const sourceOf = (id: string) => map.getLayer(id)?.source;
        return {
          raster: map.getStyle().sources[r],
          vector: map.getStyle().sources[v],
          loaded: map.isSourceLoaded(r),
          archiveLayers: order.filter((l) => [r, v].includes(sourceOf(l) ?? '')),
          // The archives lie together on the districts' fill, under every other layer.
          under: order.slice(0, order.findIndex((l) => [r, v].includes(sourceOf(l) ?? ''))),
          together: order.slice(2, 2 + order.filter((l) => [r, v].includes(sourceOf(l) ?? '')).length).every((l) => [r, v].includes(sourceOf(l) ?? '')),
          attribution: document.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '',
        };
      },
      [RASTER, VECTOR],
    );
    expect(style.raster).toMatchObject({ type: 'raster', tileSize: 256, minzoom: 8, maxzoom: 8 });
    expect(style.vector).toMatchObject({ type: 'vector', minzoom: 6, maxzoom: 9, bounds: [107.3, 30.6, 108.8, 31.4] });
    expect(style.loaded).toBe(true);
    expect(style.archiveLayers).toEqual([`${RASTER}~raster`, ...['water-fill', 'water-line', 'water-point', 'roads-line'].map((l) => `${VECTOR}~${l}`)]);
    expect(style.under).toEqual(['background', 'districts-fill']);
    expect(style.together).toBe(true);
    expect(style.attribution).toContain('© Test raster');
    expect(style.attribution).toContain('© Test basemap');
    const drawn = await vectorDrawn(page);
    expect(new Set(drawn[`${VECTOR}~water-fill`])).toEqual(new Set(['Polygon']));
    expect(new Set(drawn[`${VECTOR}~roads-line`])).toEqual(new Set(['LineString']));
    // Each kind of geometry in its own style layer: no polygon edge drawn as a line, no point.
    expect(drawn[`${VECTOR}~water-line`]).toBeUndefined();
    // Tiles only from the archives' zooms and bounds: the raster's two, the vector's at zoom 6–9.
    expect(tiles.filter((t) => t.includes(RASTER)).sort()).toEqual(['/tiles/test-raster/8/205/104.mvt', '/tiles/test-raster/8/206/104.mvt']);
    expect(tiles.filter((t) => t.includes(VECTOR)).every((t) => /\/[6-9]\/\d+\/\d+\.mvt$/.test(t))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/archive-bases.png` });
    // The reader's dark theme restyles the map: the archives come back with it.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate((r) => (window as unknown as { atlas: AtlasHook }).atlas.map.getPaintProperty(`${r}~raster`, 'raster-opacity'), RASTER)).toBe(0.7);
    await idle(page);
    expect(Object.keys(await vectorDrawn(page)).sort()).toEqual([`${VECTOR}~roads-line`, `${VECTOR}~water-fill`]);
    await page.screenshot({ path: `${SHOTS}/archive-bases-dark.png` });
    await page.close();
  });

  it('hides and shows each archive with its checkbox, in both languages and on a phone', async () => {
    const { page } = await open(`${VIEW}&lang=en`, 390);
    await page.screenshot({ path: `${SHOTS}/archive-bases-phone-en.png` });
    const visibility = () =>
      page.evaluate(
        ([r, v]) => {
          const { map, styleLayersOf } = (window as unknown as { atlas: AtlasHook }).atlas;
          return [...styleLayersOf(r), ...styleLayersOf(v)].map((l) => map.getLayoutProperty(l, 'visibility') ?? 'visible');
        },
        [RASTER, VECTOR],
      );
    expect(new Set(await visibility())).toEqual(new Set(['visible']));
    // Tiles only: the panel counts no features and offers no download for an archive.
    for (const id of [RASTER, VECTOR]) {
      const row = page.locator('.layer-row', { has: page.locator(`input[data-layer="${id}"]`) });
      expect(await row.locator('.count').count(), id).toBe(0);
      expect(await row.locator('[data-download-menu]').count(), id).toBe(0);
    }
    await page.goto(`${worker.url}/?${VIEW}&off=${RASTER},${VECTOR}`);
    await ready(page);
    await idle(page);
    expect(new Set(await visibility())).toEqual(new Set(['none']));
    expect(await vectorDrawn(page)).toEqual({});
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator(`input[data-layer="${VECTOR}"]`).check();
    await idle(page);
    expect(Object.keys(await vectorDrawn(page)).length).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('off')).toBe(RASTER);
    await page.screenshot({ path: `${SHOTS}/archive-vector-only.png` });
    await page.close();
  });
});
