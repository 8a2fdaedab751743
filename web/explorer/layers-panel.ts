/**
 * The layers panel's list (rendered by ui/layers.ts): each layer with the number of its features in
 * the year, a checkbox that hides or shows it (a step in the history), and its data of the year to download
 * (a layer served from its own archive: the whole layer, as published, straight from the API).
 */
import { existsIn } from '../../geo/lifecycle.ts';
import type { ThematicProps } from '../../geo/schema.ts';
import { isTiled, type AtlasData } from '../data.ts';
import { layerUrl } from '../api.ts';
import { saveLayer } from '../download/data.ts';
import { t } from '../i18n.ts';
import { byId, el, keepFocus } from '../ui/dom.ts';
import type { DataFormat } from '../ui/download.ts';
import { renderLayers } from '../ui/layers.ts';
import type { Store } from './store.ts';

/** Options of {@link createLayersPanel}. */
export interface LayersPanelOptions {
  store: Store;
  data: AtlasData;
  /** Where the layers' groups are listed; default `#layer-groups`. */
  root?: HTMLElement;
}

/**
 * How many features of each layer exist in a year.
 *
 * @param data - the atlas data
 * @param year - the year
 * @returns features per layer id
 */
function counts(data: AtlasData, year: number): Map<string, number> {
  // A tiled layer's features are not in the page: the catalogue counted them for each year.
  return new Map(data.layers.map((l) => [l.id, isTiled(l) ? (l.countsByYear?.[year] ?? l.count) : (data.features.get(l.id) ?? []).filter((f) => existsIn(f.properties as ThematicProps, year)).length]));
}

/**
 * Has the layers' list follow the state's language, year and hidden layers.
 *
 * @param options - the store, the data, where the list goes
 * @example
 * createLayersPanel({ store, data });
 */
export function createLayersPanel(options: LayersPanelOptions): void {
  const { store, data } = options;
  const root = options.root ?? byId('layer-groups');
  const toggle = (id: string, shown: boolean) => {
    const { hidden } = store.state();
    store.update({ hidden: shown ? hidden.filter((h) => h !== id) : [...hidden, id] }, true);
  };
  const pick = (id: string, format: DataFormat) => {
    const { lang, year } = store.state();
    const layer = data.layers.find((l) => l.id === id);
    // A failed request opens the menu again and says so there, rather than failing silently.
    const failed = () => {
      const menu = root.querySelector(`[data-download-menu="${CSS.escape(id)}"]`)?.parentElement;
      if (!(menu instanceof HTMLDetailsElement)) return;
      menu.open = true;
      menu.lastElementChild?.append(el('span', t(lang, 'downloadFailed'), { class: 'error', role: 'alert' }));
    };
    if (layer) void saveLayer(layer, year, format).catch(failed);
  };
  const render = () => {
    const { lang, year, hidden } = store.state();
    keepFocus(root, () => renderLayers(root, lang, data.layers, counts(data, year), hidden, toggle, { year, pick, whole: (id) => layerUrl(id) }));
  };
  store.follow(({ changed }) => changed('lang', 'year', 'hidden') && render());
}
