/**
 * A newsroom's annotations in the embed (geo/annotations.ts says what they are): the callout under
 * the caption, the markers with their labels on the map, the highlighted feature over the map on a
 * halo, and which labels are shown. Their texts come from the URL: they are set as text, never markup.
 */
import type { FeatureCollection } from 'geojson';
import { Marker, type LayerSpecification, type Map as MapLibreMap } from 'maplibre-gl';
import type { Annotations } from '../geo/annotations.ts';
import type { View } from '../geo/views.ts';
import { layerColour, type Theme } from '../geo/look.ts';
import type { LayerId } from '../geo/layers.ts';
import { ANNOTATION_STYLE } from '../geo/render/annotations.ts';
import { el } from './ui/dom.ts';

/**
 * Puts the callout after an element (the caption), when there is one.
 *
 * @param a - the annotations
 * @param after - the element it follows
 * @example
 * renderNote(annotations, document.getElementById('caption')!);
 */
export function renderNote(a: Annotations, after: HTMLElement): void {
  if (!a.note) return;
  after.after(el('p', a.note, { id: 'note', class: 'callout' }));
}

/**
 * The view with the markers and the highlighted feature among the places it keeps in frame, so a
 * narrow embed refits to show them (a highlighted line is left to the view's own camera).
 *
 * @param view - the view
 * @param a - the annotations
 * @returns the view, its `frame` extended
 * @example
 * atlas.places = await framedPositions(map, framedWith(view, annotations), ids);
 */
export function framedWith(view: View, a: Annotations): View {
  const extra = [...(a.highlight ? [a.highlight] : []), ...a.marks.map((m) => `${m.at[0]},${m.at[1]}`)];
  return extra.length ? { ...view, frame: [...(view.frame ?? []), ...extra] } : view;
}

/**
 * The label layers the editor chose: all, the seats' only, or none.
 *
 * @param layers - the label layers
 * @param a - the annotations
 * @returns those to add
 * @example
 * for (const l of chosenLabels(labelLayers(layers, options), annotations)) map.addLayer(l);
 */
export function chosenLabels(layers: readonly LayerSpecification[], a: Annotations): LayerSpecification[] {
  if (a.labels === 'none') return [];
  if (a.labels === 'places') return layers.filter((l) => 'source' in l && l.source === 'places');
  return [...layers];
}

/**
 * Draws the highlighted feature over its layer on a halo, and the markers with their labels.
 *
 * @param map - the embed's map, loaded, before its labels are added
 * @param a - the annotations
 * @param options - the layers on the map with their data, and the theme
 * @returns the ids of the layers the highlight was found in
 * @example
 * drawAnnotations(map, annotations, { data: [{ id: 'ports', data }], theme: 'light' });
 */
export function drawAnnotations(map: MapLibreMap, a: Annotations, options: { data: readonly { id: string; data: FeatureCollection }[]; theme: Theme }): string[] {
  const h = ANNOTATION_STYLE.highlight;
  const found = a.highlight ? options.data.filter((d) => d.data.features.some((f) => f.properties?.id === a.highlight)) : [];
  for (const { id, data } of found) {
    const colour = layerColour(id as LayerId, options.theme);
    const filter = ['==', ['get', 'id'], a.highlight!] as ['==', ['get', string], string];
    const point = data.features.find((f) => f.properties?.id === a.highlight)!.geometry.type.endsWith('Point');
    const spec = (suffix: string, paint: Record<string, unknown>, type: 'circle' | 'line') => ({ id: `highlight-${id}-${suffix}`, type, source: id, filter, paint, ...(type === 'line' ? { layout: { 'line-cap': 'round', 'line-join': 'round' } } : {}) }) as LayerSpecification;
    if (point) {
      map.addLayer(spec('halo', { 'circle-radius': h.pointRadius, 'circle-color': h.halo, 'circle-opacity': h.haloOpacity }, 'circle'));
      map.addLayer(spec('top', { 'circle-radius': 6, 'circle-color': colour, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 }, 'circle'));
    } else {
      map.addLayer(spec('halo', { 'line-width': h.haloWidth, 'line-color': h.halo, 'line-opacity': h.haloOpacity }, 'line'));
      map.addLayer(spec('top', { 'line-width': 4, 'line-color': colour }, 'line'));
    }
  }
  a.marks.forEach((m, i) => {
    const element = el('div', '', { class: 'mark', id: `mark-${i}` });
    element.style.setProperty('--mark', ANNOTATION_STYLE.mark.colour);
    element.append(el('span', '', { class: 'mark-dot', 'aria-hidden': 'true' }));
    if (m.label) element.append(el('span', m.label, { class: 'mark-label' }));
    new Marker({ element, anchor: 'center' }).setLngLat(m.at).addTo(map);
  });
  return found.map((d) => d.id);
}
