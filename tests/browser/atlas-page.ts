/**
 * The explorer page as the browser tests drive it: the hook it exposes on
 * `window.atlas`, and waiting for its map to be drawn.
 */
import type { Page } from 'playwright-core';

/** What the page exposes for tests on `window.atlas`. */
export interface AtlasHook {
  map: import('maplibre-gl').Map;
  layers: string[];
  styleLayersOf(id: string): string[];
  state(): { year: number; lang: string; from: string | null; hidden: string[] };
  ready: Promise<void>;
}

/**
 * Waits until the page's data is in and its labels are on (`atlas.ready`).
 *
 * @param page - a page that has navigated to the explorer
 * @example
 * await page.goto(url); await ready(page);
 */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { atlas?: AtlasHook }).atlas?.ready !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as { atlas: AtlasHook }).atlas.ready);
}

/**
 * Waits until every source is loaded and the map has stopped rendering.
 *
 * @param page - a page showing the explorer
 * @example
 * await idle(page); await page.screenshot({ path });
 */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
        const done = () => map.loaded() && map.areTilesLoaded() && Object.keys(map.getStyle().sources).every((s) => map.isSourceLoaded(s));
        const check = () => (done() ? resolve() : map.once('idle', check));
        map.triggerRepaint();
        map.once('idle', check);
      }),
  );
}

/**
 * How many features a style layer renders in the current view.
 *
 * @param page - a page showing the explorer or an embed
 * @param layer - the style layer's id
 * @returns the count, or -1 when the layer is not in the style
 * @example
 * expect(await renderedCount(page, 'reach-origin')).toBe(1);
 */
export const renderedCount = (page: Page, layer: string): Promise<number> =>
  page.evaluate((id) => {
    const { map } = (window as unknown as { atlas: AtlasHook }).atlas;
    return map.getLayer(id) ? map.queryRenderedFeatures({ layers: [id] }).length : -1;
  }, layer);
