/**
 * The map's centre and zoom in the state: where the reader pans to is written to the URL (no history
 * entry for each move), and a state that puts the camera elsewhere (going back) moves the map.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Store } from './store.ts';

/**
 * Ties the map's camera to the state.
 *
 * @param map - the map
 * @param store - the view's store
 * @example
 * followCamera(map, store);
 */
export function followCamera(map: MapLibreMap, store: Store): void {
  map.on('moveend', () => {
    const c = map.getCenter();
    store.update({ center: [Number(c.lng.toFixed(4)), Number(c.lat.toFixed(4))], zoom: Number(map.getZoom().toFixed(2)) }, false);
  });
  store.follow(({ state, before, changed }) => {
    if (!before || !changed('center', 'zoom') || !state.center || state.zoom === null) return;
    const c = map.getCenter();
    // Only a real difference moves the map: the state's figures are the map's, rounded.
    if (Math.abs(c.lng - state.center[0]) > 1e-4 || Math.abs(c.lat - state.center[1]) > 1e-4 || Math.abs(map.getZoom() - state.zoom) > 0.01) map.jumpTo({ center: state.center, zoom: state.zoom });
  });
}
