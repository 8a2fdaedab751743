/**
 * The map's labels: seats always, facilities from zoom 9, lines along their course from zoom 9, in the
 * theme's ink on its halo and the page's language.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { LABEL_HALO_WIDTH, THEMES, type Theme } from '../../geo/look.ts';
import type { Lang } from '../../geo/state.ts';
import { always, drawnLayer, isLine, isPoint, kinds, type Drawn, type LayerShape } from './drawn.ts';

/**
 * A label's text in a language: the feature's name in it, or its Chinese name.
 *
 * @param lang - the language
 * @returns the `text-field` expression
 * @example
 * map.setLayoutProperty('rail-label', 'text-field', labelText('en'));
 */
export const labelText = (lang: Lang): ExpressionSpecification => ['coalesce', ['get', lang === 'zh' ? 'name_zh' : 'name_en'], ['get', 'name_zh']];

/**
 * The labels' style layers of some layers.
 *
 * @param layers - the layers, with the kinds of geometry they have when known
 * @param options - theme, language, and the font the labels are set in
 * @returns their drawn layers
 * @example
 * labels([{ id: 'rail' }], { theme: 'light', lang: 'zh', font: 'Noto Sans SC' }); // rail-label, rail-point-label
 */
export function labels(layers: readonly LayerShape[], options: { theme: Theme; lang: Lang; font: string }): Drawn[] {
  const c = THEMES[options.theme];
  const inkOnHalo = { 'text-color': c.ink, 'text-halo-color': c.halo, 'text-halo-width': LABEL_HALO_WIDTH };
  const text = { 'text-field': labelText(options.lang), 'text-font': [options.font] };
  const out: Drawn[] = [];
  for (const { id, geometry } of layers) {
    const has = kinds(geometry);
    if (id === 'districts') continue;
    if (id === 'places')
      out.push(
        always({
          id: 'places-label',
          type: 'symbol',
          source: 'places',
          layout: {
            ...text,
            'text-size': ['case', ['==', ['get', 'focus'], true], 14, 11],
            'text-offset': [0, 0.9],
            'text-anchor': 'top',
            'symbol-sort-key': ['case', ['==', ['get', 'focus'], true], 0, 1],
          },
          paint: inkOnHalo,
        }),
      );
    else if ((id === 'rail' || id === 'roads' || id === 'rivers' || id === 'corridors') && has.lines)
      out.push(
        (id === 'rivers' ? always : drawnLayer)({
          id: `${id}-label`,
          type: 'symbol',
          source: id,
          minzoom: 9,
          filter: isLine,
          layout: { ...text, 'text-size': 11, 'symbol-placement': 'line', 'symbol-spacing': 400 },
          paint: inkOnHalo,
        }),
      );
    if (id !== 'places' && id !== 'rivers' && has.points)
      out.push(
        drawnLayer({
          id: `${id}-point-label`,
          type: 'symbol',
          source: id,
          minzoom: 9,
          filter: isPoint,
          layout: { ...text, 'text-size': 11, 'text-offset': [0, 0.8], 'text-anchor': 'top', 'text-optional': true },
          paint: inkOnHalo,
        }),
      );
  }
  return out;
}
