/**
 * Several features under one click (nineteen lie on the 万州 seat): a list at the point to choose
 * from, as a MapLibre popup, each with its layer and its status in the map's year.
 */
import { Popup, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';
import { statusIn, type LifeProps } from '../../geo/lifecycle.ts';
import type { Lang } from '../../geo/state.ts';
import { nameOf, t } from '../i18n.ts';
import { el } from './dom.ts';
import { featureButton, wireResultKeys } from './search.ts';

/** A feature under the click. */
export interface StackItem {
  layer: string;
  layerTitle: string;
  properties: LifeProps & { id: string; name_zh: string; name_en: string };
}

let open: Popup | null = null;

/**
 * Opens the list of the features at a point (closing any list already open).
 *
 * @param map - the map
 * @param at - where the click was
 * @param items - the features there, the topmost first
 * @param options - the language, the map's year, and what choosing one does
 * @returns the popup
 * @example
 * openStack(map, e.lngLat, items, { lang: 'zh', year: 2026, pick: (id, layer) => select(id, layer) });
 */
export function openStack(map: MapLibreMap, at: LngLatLike, items: readonly StackItem[], options: { lang: Lang; year: number; pick(id: string, layer: string): void }): Popup {
  open?.remove();
  const { lang, year } = options;
  const root = el('div', '', { class: 'stack', role: 'dialog', 'aria-labelledby': 'stack-head' });
  root.append(el('p', t(lang, 'featuresHere', { n: items.length }), { class: 'stack-head', id: 'stack-head' }));
  const list = el('ul', '', { class: 'stack-list' });
  for (const item of items) {
    const now = item.properties.status ? statusIn(item.properties, year) : null;
    const status = now ? ` · ${t(lang, now.status)}${now.expected ? t(lang, 'expectedShort') : ''}` : '';
    const li = el('li');
    li.append(
      featureButton(nameOf(lang, item.properties), `${item.layerTitle}${status}`, item.properties.id, () => {
        popup.remove();
        options.pick(item.properties.id, item.layer);
      }),
    );
    list.append(li);
  }
  root.append(list);
  wireResultKeys(null, list);
  const popup = new Popup({ closeButton: true, closeOnClick: true, maxWidth: '320px', className: 'stack-popup', focusAfterOpen: false }).setLngLat(at).setDOMContent(root).addTo(map);
  popup.getElement().querySelector('.maplibregl-popup-close-button')?.setAttribute('aria-label', t(lang, 'close'));
  // Escape closes the list; focus goes back to the map, not to the page's start.
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    popup.remove();
  });
  popup.on('close', () => {
    if (open === popup) open = null;
    if (!document.activeElement || document.activeElement === document.body || popup.getElement().contains(document.activeElement)) map.getCanvas().focus();
  });
  open = popup;
  list.querySelector('button')?.focus();
  return popup;
}

/** Closes the list if it is open. */
export function closeStack(): void {
  open?.remove();
}
