/**
 * The selected feature (`feature` in the state): picking one from a list, the map or a link, its
 * details in the panel, its halo on the map, and flying to it. A tiled layer's feature is fetched
 * from the API first, since the page holds only what its tiles carry.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasFeature } from '../../geo/bundle.ts';
import type { DownloadFeature } from '../../geo/layer-csv.ts';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { existsIn } from '../../geo/lifecycle.ts';
import { anchorOf, isTiled, resolveFeature, type AtlasData, type KnownFeature } from '../data.ts';
import { cameraFor, showSelection } from '../map/selection.ts';
import { saveFeature } from '../download/data.ts';
import { renderDetails } from '../ui/details.ts';
import { byId, lessMotion } from '../ui/dom.ts';
import type { Store } from './store.ts';

/** Options of {@link createSelection}. */
export interface SelectionOptions {
  store: Store;
  map: MapLibreMap;
  data: AtlasData;
  /** How long a flight to a feature takes, in ms; default 800, none when the reader asks for less motion. */
  flyMs?: number;
}

/** Options of {@link followDetails}. */
export interface DetailsOptions {
  store: Store;
  map: MapLibreMap;
  data: AtlasData;
  /** What flies to the feature (the details' button). */
  selection: Pick<Selection, 'flyTo'>;
  /** Where the details are shown; default `#details`. */
  root?: HTMLElement;
}

/** Picking features. */
export interface Selection {
  /**
   * Opens a feature's details (and shows it on the map when `fly`); a tiled layer's feature is fetched
   * first, and a later pick wins over a slow fetch.
   */
  select(id: string, fly: boolean, layer?: string): Promise<void>;
  /** Shows a feature on the map: a point close up, a line or area fitted whole in the view. */
  flyTo(id: string): void;
}

/** A feature as a reach origin: an atlas point's id (the analyses know it), else the position it is shown at. */
function reachOriginOf({ layer, feature }: KnownFeature): string {
  const own = (LAYER_IDS as readonly string[]).includes(layer);
  return own && feature.geometry.type === 'Point' ? feature.properties.id : anchorOf(feature).map((v) => v.toFixed(4)).join(',');
}

/**
 * Makes the selection: what picks a feature and flies to it.
 *
 * @param options - the store, the map, the data, the flight's length
 * @returns what picks a feature
 * @example
 * const selection = createSelection({ store, map, data });
 * void selection.select('wanzhou', true);
 */
export function createSelection(options: SelectionOptions): Selection {
  const { store, map, data } = options;
  let picks = 0;

  async function select(id: string, fly: boolean, layer?: string): Promise<void> {
    const pick = ++picks;
    // A slow fetch must not undo a later pick.
    if (!(await resolveFeature(data, id, layer)) || pick !== picks) return;
    store.update({ feature: id }, true);
    if (fly) flyTo(id);
    document.getElementById('details-title')?.focus();
  }

  function flyTo(id: string): void {
    const hit = data.byId.get(id);
    if (!hit) return;
    const target = cameraFor(hit.feature, map.getZoom());
    const duration = options.flyMs ?? (lessMotion() ? 0 : 800);
    if ('bounds' in target) map.fitBounds(target.bounds, { padding: 60, maxZoom: 13, duration });
    else map.flyTo({ ...target, duration });
  }

  return { select, flyTo };
}

/**
 * Has the details and the halo follow the state's feature, language, year and hidden layers. Follow
 * after the list under a click (map-clicks.ts): that list, closed, gives the focus to the map when it
 * finds none, and redrawn details drop theirs.
 *
 * @param options - the store, the map, the data, what flies to the feature, where the details go
 * @example
 * followDetails({ store, map, data, selection });
 */
export function followDetails(options: DetailsOptions): void {
  const { store, map, data, selection } = options;
  const section = options.root ?? byId('details');
  const state = store.state;
  /** The feature a link named that the page asked its layer for: asked once, however often the year moves. */
  let asked: string | null = null;

  function showDetails(): void {
    const wanted = state().feature;
    const hit = wanted ? data.byId.get(wanted) : undefined;
    // The halo only where the feature is drawn: its layer shown, and on the map of the year.
    showSelection(map, hit && !state().hidden.includes(hit.layer) && existsIn(hit.feature.properties, state().year) ? hit.feature : null);
    if (!hit) {
      section.hidden = true;
      section.replaceChildren();
      // A link to a tiled layer's feature: the page fetches it, then shows it if it is still wanted.
      if (wanted && wanted !== asked && data.layers.some(isTiled)) {
        asked = wanted;
        void resolveFeature(data, wanted).then((found) => found && state().feature === wanted && showDetails());
      }
      return;
    }
    const { lang, year } = state();
    const layer = data.layers.find((l) => l.id === hit.layer);
    // An extra layer's features may leave their source and position quality to the layer's.
    const extra = layer?.extra;
    const own = hit.feature.properties as unknown as Record<string, unknown>;
    const feature = extra ? ({ ...hit.feature, properties: { source: extra.source, accuracy: extra.accuracy, uncertainty_km: extra.uncertainty_km, ...own } } as AtlasFeature) : hit.feature;
    renderDetails(section, lang, feature, layer?.title[lang] ?? hit.layer, year, {
      close: () => store.update({ feature: null }, true),
      flyTo: () => selection.flyTo(hit.feature.properties.id),
      reachFrom: () => store.update({ from: reachOriginOf(hit), panel: 'analysis' }, true),
      download: (format) => layer && saveFeature(layer, hit.feature as unknown as DownloadFeature, state().year, format),
    });
    section.hidden = false;
  }

  store.follow(({ changed }) => changed('feature', 'lang', 'year', 'hidden') && showDetails());
}
