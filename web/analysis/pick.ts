/**
 * A one-shot pick of a position on the map: a tool that wants a point (a route's end) arms it, and the
 * map's next click on empty ground goes to that tool instead of starting a reach.
 */

/** What takes the next picked position, if anything is waiting for one. */
let waiting: ((lonLat: string) => void) | null = null;

/**
 * Waits for the next click on the map; a later call replaces an earlier one.
 *
 * @param take - called once with the clicked position as `lon,lat`
 * @example
 * armPick((p) => update({ route: [p, to] }, true));
 */
export function armPick(take: (lonLat: string) => void): void {
  waiting = take;
}

/**
 * Hands a clicked position to the tool waiting for one.
 *
 * @param lonLat - the position, `lon,lat`
 * @returns whether a tool took it (the click does nothing else then)
 * @example
 * if (takePick('108.4,30.8')) return;
 */
export function takePick(lonLat: string): boolean {
  const take = waiting;
  waiting = null;
  take?.(lonLat);
  return take !== null;
}

/** Whether a tool is waiting for a position (the map shows a crosshair). */
export const picking = (): boolean => waiting !== null;
