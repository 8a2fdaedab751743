/**
 * What a click on the map does: one feature under it is selected; several (nineteen lie on the 万州
 * seat) are listed at the point to choose from; empty ground starts a reach in the analysis tab; a
 * tool waiting for a point (analysis/pick.ts) takes the click first. The pointer says where something
 * can be clicked.
 */
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { Lang } from '../../geo/state.ts';
import type { AtlasData } from '../data.ts';
import { clickBox } from '../map/click.ts';
import { styleLayersOf } from '../map/style.ts';
import { closeStack, openStack, type StackItem } from '../ui/stack.ts';
import { picking, takePick } from '../analysis/pick.ts';
import type { Selection } from './selection.ts';
import type { Store } from './store.ts';

/** Options of {@link wireMapClicks}. */
export interface MapClickOptions {
  store: Store;
  map: MapLibreMap;
  data: AtlasData;
  /** The catalogue's layer ids. */
  ids: readonly string[];
  /** What picks a feature. */
  selection: Pick<Selection, 'select'>;
  /** Layers whose features a click does not pick (the map's ground); default `['districts']`. */
  ground?: readonly string[];
}

/**
 * The features under a click, each once, the topmost first, with what the page knows of them.
 *
 * @param hits - the rendered features under the click
 * @param data - the atlas data
 * @param lang - the language of the layers' titles
 * @returns the list's items
 */
function stackAt(hits: readonly MapGeoJSONFeature[], data: AtlasData, lang: Lang): StackItem[] {
  const titles = new Map(data.layers.map((l) => [l.id, l.title[lang]]));
  const seen = new Set<string>();
  const items: StackItem[] = [];
  for (const h of hits) {
    const id = String(h.properties.id);
    if (seen.has(id)) continue;
    seen.add(id);
    // A whole layer's feature as the page holds it; a tiled one's as its tile carries it.
    const known = data.byId.get(id)?.feature.properties;
    items.push({ layer: h.source, layerTitle: titles.get(h.source) ?? h.source, properties: (known ?? h.properties) as StackItem['properties'] });
  }
  return items;
}

/**
 * Wires clicks and the pointer on the map; the list of features under a click closes when the year or
 * the language changes (it says their status in a year and their names in a language).
 *
 * @param options - the store, the map, the data, the layers, what picks a feature
 * @example
 * wireMapClicks({ store, map, data, ids, selection });
 */
export function wireMapClicks(options: MapClickOptions): void {
  const { store, map, data, selection } = options;
  const ground = options.ground ?? ['districts'];
  // Computed once: every mouse move asks for them (a theme change re-adds the same layers).
  const layers = options.ids.filter((id) => !ground.includes(id)).flatMap((id) => styleLayersOf(id)).filter((l) => map.getLayer(l));
  map.on('click', (e) => {
    const { lang, year, panel } = store.state();
    const items = stackAt(map.queryRenderedFeatures(clickBox(e.point), { layers }) as MapGeoJSONFeature[], data, lang);
    const position = `${e.lngLat.lng.toFixed(4)},${e.lngLat.lat.toFixed(4)}`;
    // A tool waiting for a point (a route's end) takes the click: the point feature under it, or the position.
    if (picking()) return void takePick(items.find((i) => data.byId.get(i.properties.id)?.feature.geometry.type === 'Point')?.properties.id ?? position);
    if (items.length === 1) return void selection.select(items[0].properties.id, false, items[0].layer);
    // Several features here: the reader chooses.
    if (items.length > 1) return void openStack(map, e.lngLat, items, { lang, year, pick: (id, layer) => void selection.select(id, false, layer) });
    // Empty ground starts a reach only where one was asked for: in the analysis tab.
    if (panel === 'analysis') store.update({ from: position }, true);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = picking() ? 'crosshair' : map.queryRenderedFeatures(clickBox(e.point), { layers }).length ? 'pointer' : '';
  });
  store.follow(({ changed }) => changed('year', 'lang') && closeStack());
}
