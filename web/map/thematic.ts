/**
 * The thematic layers' style layers: a feature is drawn with its status in the map's year
 * (geo/lifecycle.ts): operating lines solid, under construction dashed, planned or proposed dotted and
 * faint; operating points filled, the rest rings; what only a plan expects, fainter. Every number
 * comes from geo/look.ts, which the pictures read too.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { drawnLetter, EXPECTABLE } from '../../geo/lifecycle.ts';
import { layerColour, lineOpacity, lineWidth, pointRadii, POINT_STROKE_WIDTHS, POLYGON_FILL_OPACITY, STATUS_STYLES, statusLook, THEMES, type Theme } from '../../geo/look.ts';
import { drawnLayer, isLine, isPoint, isPolygon, kinds, type Drawn, type LayerShape } from './drawn.ts';

/**
 * Each status, and for those a plan can expect ahead of the sources, its expected twin, drawn fainter:
 * one style layer each, of constant paint, which a year's filter picks features for by their letter.
 */
const STATUS_VARIANTS = STATUS_STYLES.flatMap(({ status }) =>
  (EXPECTABLE.includes(status) ? [false, true] : [false]).map((expected) => ({ status, expected, ...statusLook(status, expected), letter: drawnLetter({ status, expected }) })),
);

const suffix = (s: (typeof STATUS_VARIANTS)[number]) => `${s.status}${s.expected ? '-expected' : ''}`;

/**
 * A thematic layer's style layers: its polygons, its lines and its points by status, only the kinds
 * its geometry needs (all when it is not known), in its own colour or the palette's.
 *
 * @param layer - the layer's id, an extra layer's colour, its kinds of geometry
 * @param theme - the theme
 * @returns its drawn layers, bottom first
 * @example
 * thematicLayers({ id: 'ports', geometry: ['Point'] }, 'light'); // ports-point-operating, …
 */
export function thematicLayers(layer: LayerShape, theme: Theme): Drawn[] {
  const { id } = layer;
  const colour = layer.colour ?? layerColour(id, theme);
  const { halo } = THEMES[theme];
  const has = kinds(layer.geometry);
  const out: Drawn[] = [];
  if (has.polygons) out.push(drawnLayer({ id: `${id}-fill`, type: 'fill', source: id, filter: isPolygon, paint: { 'fill-color': colour, 'fill-opacity': POLYGON_FILL_OPACITY, 'fill-outline-color': colour } }));
  if (has.lines)
    for (const s of STATUS_VARIANTS)
      out.push(
        drawnLayer(
          {
            id: `${id}-line-${suffix(s)}`,
            type: 'line',
            source: id,
            filter: isLine,
            layout: { 'line-cap': s.dash ? 'butt' : 'round', 'line-join': 'round' },
            paint: { 'line-color': colour, 'line-width': lineWidth(id), 'line-opacity': lineOpacity(id, s.opacity), ...(s.dash ? { 'line-dasharray': [...s.dash] } : {}) },
          },
          { letter: s.letter },
        ),
      );
  // Points: filled where they operate (as reported or expected), rings otherwise; growing with the zoom.
  const radius: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], ...pointRadii(id).stops.flat()];
  if (has.points)
    for (const s of STATUS_VARIANTS) {
      const filled = s.status === 'operating';
      out.push(
        drawnLayer(
          {
            id: `${id}-point-${suffix(s)}`,
            type: 'circle',
            source: id,
            filter: isPoint,
            paint: {
              'circle-color': filled ? colour : halo,
              'circle-radius': radius,
              'circle-opacity': s.opacity,
              'circle-stroke-color': filled ? halo : colour,
              'circle-stroke-width': filled ? POINT_STROKE_WIDTHS.filled : POINT_STROKE_WIDTHS.ring,
              'circle-stroke-opacity': s.opacity,
            },
          },
          { letter: s.letter },
        ),
      );
    }
  return out;
}
