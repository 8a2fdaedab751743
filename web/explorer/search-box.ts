/**
 * The search box and its list (rendered by ui/search.ts): the whole layers' matches at once, then,
 * for tiled layers, the API's matches after a pause in typing. With nothing typed, the list is what
 * the map shows in the year, tiled layers' features as far as the map draws them, following the view.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { CatalogEntry } from '../../geo/catalog.ts';
import { isTiled, searchTiled, type AtlasData, type KnownFeature } from '../data.ts';
import { styleLayersOf } from '../map/style.ts';
import { byId, keepFocus } from '../ui/dom.ts';
import { listedUnasked, MAX_RESULTS, rank, renderResults, searchFeatures, wireResultKeys, type Listed } from '../ui/search.ts';
import type { Selection } from './selection.ts';
import type { Store } from './store.ts';

/** Options of {@link createSearchBox}. */
export interface SearchBoxOptions {
  store: Store;
  map: MapLibreMap;
  data: AtlasData;
  /** What picks a feature. */
  selection: Pick<Selection, 'select'>;
  /** The search box; default `#q`. */
  input?: HTMLInputElement;
  /** The results' list; default `#results`. */
  list?: HTMLElement;
  /** Where their number is said; default `#result-count`. */
  count?: HTMLElement;
  /** How long typing must pause before the API is asked, in ms; default 150. */
  debounceMs?: number;
}

const listed = (h: KnownFeature): Listed => ({ layer: h.layer, properties: h.feature.properties });

/**
 * The features of tiled layers that the map draws now, once each (a feature may cross several tiles).
 *
 * @param map - the map
 * @param tiled - the tiled layers
 * @param hidden - the layers switched off
 * @returns at most {@link MAX_RESULTS} features
 */
function drawnFromTiles(map: MapLibreMap, tiled: readonly CatalogEntry[], hidden: readonly string[]): Listed[] {
  const seen = new Set<string>();
  const out: Listed[] = [];
  for (const l of tiled) {
    if (hidden.includes(l.id) || !listedUnasked(l.id)) continue;
    for (const f of map.queryRenderedFeatures({ layers: styleLayersOf(l.id).filter((s) => map.getLayer(s)) })) {
      const id = String(f.properties.id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ layer: l.id, properties: { id, name_zh: String(f.properties.name_zh ?? id), name_en: String(f.properties.name_en ?? id) } });
      if (out.length >= MAX_RESULTS) return out;
    }
  }
  return out;
}

/**
 * Wires the search box, and has its list follow the state's language, year and hidden layers.
 *
 * @param options - the store, the map, the data, what picks a feature, the elements
 * @example
 * createSearchBox({ store, map, data, selection });
 */
export function createSearchBox(options: SearchBoxOptions): void {
  const { store, map, data, selection } = options;
  const input = options.input ?? byId<HTMLInputElement>('q');
  const list = options.list ?? byId('results');
  const count = options.count ?? byId('result-count');
  const tiled = data.layers.filter(isTiled);
  let run = 0;
  let timer: number | undefined;

  function render(): void {
    const query = input.value;
    const state = store.state();
    const thisRun = ++run;
    const show = (hits: readonly Listed[], more = false) =>
      keepFocus(list, () => renderResults(list, count, data, hits, store.state().lang, (id, layer) => void selection.select(id, true, layer), more));
    const local = searchFeatures(data, query, state).map(listed);
    clearTimeout(timer);
    if (tiled.length === 0) return show(local);
    // With no query, what the map shows: the tiled layers' features take at most half of the list, so neither kind hides the other.
    if (query.trim() === '') return show([...drawnFromTiles(map, tiled, state.hidden).slice(0, local.length ? MAX_RESULTS / 2 : MAX_RESULTS), ...local]);
    show(local);
    // Typing fast asks the API once, after a pause; an answer to an older query is dropped.
    timer = window.setTimeout(() => {
      void searchTiled(data, query, MAX_RESULTS).then(({ hits: remote, more }) => {
        if (thisRun !== run) return;
        const hits = rank([...searchFeatures(data, query, store.state()), ...remote], query.trim());
        show(hits.map(listed), more);
      });
    }, options.debounceMs ?? 150);
  }

  input.addEventListener('input', render);
  wireResultKeys(input, list);
  // The list of what the map shows follows the view when tiled layers are on it (their features come with the tiles).
  if (tiled.some((l) => listedUnasked(l.id))) map.on('idle', () => input.value.trim() === '' && render());
  store.follow(({ changed }) => changed('lang', 'year', 'hidden') && render());
}
