/**
 * The explorer: the map, the layers panel, the year, feature details, search,
 * and the analysis panel (loaded when first needed). The URL holds the view:
 * each part of the page follows the store (explorer/store.ts) and changes it.
 */
import { t } from './i18n.ts';
import { loadCatalog } from './data.ts';
import { createAtlasMap, startMapWorker } from './explorer/atlas-map.ts';
import { followCamera } from './explorer/camera.ts';
import { applyStrings, followLanguage } from './explorer/language.ts';
import { createLayersPanel } from './explorer/layers-panel.ts';
import { wireMapClicks } from './explorer/map-clicks.ts';
import { loadRemoteBasemap } from './explorer/remote-basemap.ts';
import { createSearchBox } from './explorer/search-box.ts';
import { createSelection, followDetails } from './explorer/selection.ts';
import { createStore } from './explorer/store.ts';
import { followTabs, showPanel } from './explorer/tabs.ts';
import { createTimeline } from './explorer/timeline.ts';
import { byId } from './ui/dom.ts';

startMapWorker();

const store = createStore();

async function main(): Promise<void> {
  applyStrings(store.state());
  showPanel(store.state().panel);
  // A remote basemap joins when it has loaded: the atlas's own map never waits for it.
  const basemap = loadRemoteBasemap({ onFail: () => (byId('status-line').textContent = t(store.state().lang, 'basemapFailed')) });
  // The catalogue (preloaded by index.html) says which layers there are and how each comes: whole, its
  // GeoJSON fetched and parsed by MapLibre's worker, or as vector tiles once it is large.
  const catalog = await loadCatalog();
  performance.mark('atlas-catalog');
  store.setLayers(catalog.map((l) => l.id));
  const atlas = createAtlasMap({ catalog, state: store.state, basemap });
  const { map, ids } = atlas;
  const data = await atlas.loadData();

  // The parts of the page that follow the state, in the order they are brought in line (the list under
  // a click closes before the details are redrawn, which may drop the focus).
  const selection = createSelection({ store, map, data });
  followLanguage(store);
  atlas.follow(store);
  wireMapClicks({ store, map, data, ids, selection });
  createTimeline({ store, showYear: atlas.showYear });
  createLayersPanel({ store, data });
  createSearchBox({ store, map, data, selection });
  followTabs(store);
  followDetails({ store, map, data, selection });
  followCamera(map, store);

  let analysis: ReturnType<typeof import('./analysis/panel.ts').mountAnalysis> | null = null;
  let analysisLoading: Promise<void> | null = null;
  /** Loads the analysis panel on first use. */
  const withAnalysis = async (fn: (a: NonNullable<typeof analysis>) => Promise<void> | void): Promise<void> => {
    if (!analysis) {
      analysisLoading ??= import('./analysis/panel.ts').then(({ mountAnalysis }) => {
        analysis = mountAnalysis({ root: byId('pane-analysis'), map, data, state: store.state, update: store.update, select: (id) => void selection.select(id, true) });
      });
      await analysisLoading;
    }
    await fn(analysis!);
  };
  // Once loaded, the analysis panel follows every change (going back to no reach clears its bands).
  store.follow(({ state, changed }) => {
    if (state.panel === 'analysis' || state.from || state.route || state.with.length || state.without.length || analysis) {
      if (changed('from', 'bands', 'year', 'lang', 'panel', 'compare', 'route', 'with', 'without') || !analysis) void withAnalysis((a) => a.refresh());
    }
  });
  atlas.followTheme(data, () => {
    store.apply(null);
    analysis?.redraw();
  });

  byId('share').addEventListener('click', () => void import('./share/dialog.ts').then(({ openShareDialog }) => openShareDialog(store.state().lang, store.state())));
  store.start();
  atlas.ready();
}

main().catch((err: unknown) => {
  console.error(err);
  byId('status-line').textContent = `${t(store.state().lang, 'failed')}: ${(err as Error).message}`;
});
