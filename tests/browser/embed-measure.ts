/**
 * An embed measured once drawn: its content's height, how much it had to shorten its map, and which of
 * the places it is about lie outside the map. Shared by the sizes test and the measuring script.
 */
import type { Frame } from 'playwright-core';
import type { View } from '../../geo/views.ts';

/** What an embed says of itself once drawn. */
export interface Measured {
  content: number;
  shrunk: number;
  /** The places outside the map's canvas. */
  outside: string[];
  places: number;
}

/**
 * Waits until an embed has drawn its map, labels, places and parts, then measures it.
 *
 * @param frame - the embed's frame (or a page's main frame)
 * @param view - its view: whether to wait for a matrix or a chart
 * @returns what it measured
 */
export async function measure(frame: Frame, view: View): Promise<Measured> {
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

