/** What a click on the map reaches: a small box, not a pixel. No DOM or MapLibre here, so tests can share it. */

/** How far from a click, in pixels, a feature counts as under it: points are small, and fingers are not. */
export const CLICK_PX = 6;

/**
 * The box a click reaches.
 *
 * @param point - the click, in the map's pixels
 * @returns the box's corners, for `queryRenderedFeatures`
 * @example
 * map.queryRenderedFeatures(clickBox(e.point), { layers });
 */
export const clickBox = (point: { x: number; y: number }): [[number, number], [number, number]] => [
  [point.x - CLICK_PX, point.y - CLICK_PX],
  [point.x + CLICK_PX, point.y + CLICK_PX],
];
