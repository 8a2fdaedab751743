/**
 * An external PMTiles archive drawn as a base (a basemap of the region a user brings): a raster archive
 * as one raster layer; a vector archive as a quiet style in the layer's colour, for each of its
 * source-layers a fill (faint), a line and a circle, each kept to its own geometry. Drawn in every
 * year, on the districts' fill and under the rest of the atlas (web/map/style.ts), never clickable (its features are not the atlas's).
 */
import type { SourceSpecification } from 'maplibre-gl';
import type { ArchiveFacts, VectorLayerFact } from '../../geo/pmtiles/facts.ts';
import { THEMES, type Theme } from '../../geo/look.ts';
import { always, isLine, isPoint, isPolygon, type Drawn } from './drawn.ts';

/** An archive layer as the style needs it: its id, tiles template and deepest zoom served, colour and facts. */
export interface ArchiveShape {
  id: string;
  tiles: string;
  /** The deepest zoom the worker serves it at (the map overzooms deeper). */
  maxzoom: number;
  colour?: string;
  archive: ArchiveFacts;
}

/** Raster tiles in PMTiles are most often 256 px; the metadata says otherwise when they are not. */
const RASTER_TILE_SIZE = 256;

/**
 * An archive's source: raster or vector, asked only within its zooms and bounds.
 *
 * @param l - the layer
 * @param attribution - its credit, escaped
 * @returns the source
 * @example
 * archiveSource({ id: 'region', tiles, maxzoom: 14, archive }, '© OpenStreetMap');
 */
export function archiveSource(l: ArchiveShape, attribution: string): SourceSpecification {
  const { archive } = l;
  const [w, s, e, n] = archive.bounds;
  // A header without bounds (zeros) bounds nothing: MapLibre would then ask no tile at all.
  const bounds = w < e && s < n ? { bounds: archive.bounds } : {};
  const common = { tiles: [l.tiles], minzoom: archive.minzoom, maxzoom: Math.min(l.maxzoom, archive.maxzoom), ...bounds, attribution };
  return archive.type === 'mvt' ? { type: 'vector', ...common } : { type: 'raster', ...common, tileSize: archive.tileSize ?? RASTER_TILE_SIZE };
}

/**
 * An archive's style layers, bottom first.
 *
 * @param l - the layer
 * @param theme - the theme (a raster base is dimmed a little in the dark)
 * @returns its drawn layers, kept in every year
 * @example
 * archiveLayers({ id: 'region', tiles, maxzoom: 14, colour: '#8a6d3b', archive }, 'light'); // region~water-fill, region~water-line, …
 */
export function archiveLayers(l: ArchiveShape, theme: Theme): Drawn[] {
  const { id, archive } = l;
  if (archive.type !== 'mvt') return [always({ id: `${id}~raster`, type: 'raster', source: id, paint: { 'raster-opacity': theme === 'dark' ? 0.7 : 0.9 } })];
  const colour = l.colour ?? THEMES[theme].halo;
  // An archive whose metadata lists no layers is read as one layer named after the atlas layer.
  const layers: VectorLayerFact[] = archive.layers?.length ? archive.layers : [{ id }];
  return layers.flatMap((s): Drawn[] => {
    const base = { source: id, 'source-layer': s.id };
    const want = (g: VectorLayerFact['geometry']) => !s.geometry || s.geometry === g;
    return [
      ...(want('Polygon') ? [always({ ...base, id: `${id}~${s.id}-fill`, type: 'fill', filter: isPolygon, paint: { 'fill-color': colour, 'fill-opacity': 0.12 } })] : []),
      ...(want('LineString') ? [always({ ...base, id: `${id}~${s.id}-line`, type: 'line', filter: isLine, paint: { 'line-color': colour, 'line-width': 0.8, 'line-opacity': 0.55 } })] : []),
      ...(want('Point') ? [always({ ...base, id: `${id}~${s.id}-point`, type: 'circle', filter: isPoint, paint: { 'circle-color': colour, 'circle-radius': 2, 'circle-opacity': 0.6 } })] : []),
    ];
  });
}
