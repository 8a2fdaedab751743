/**
 * Isochrones: the areas within 30, 60, 90 … minutes of an origin, as nested
 * polygons with their areas and the features of every layer that lie inside.
 */
import type { AtlasFeature } from '../bundle.ts';
import type { LayerId } from '../layers.ts';
import type { Network } from '../network/graph.ts';
import { traceCells } from './cells.ts';
import { cellAreaKm2, minutesAt, timeField } from './field.ts';
import { reachFrom, type Endpoint } from '../network/trip.ts';
import { timeTo } from '../network/access.ts';

/** A feature inside a band, with the minutes to reach it. */
export interface FeatureWithin {
  id: string;
  name_zh: string;
  name_en: string;
  minutes: number;
}

/** One band of an isochrone. */
export interface Band {
  minutes: number;
  area_km2: number;
  /** MultiPolygon coordinates: outer rings counter-clockwise, holes clockwise. */
  coordinates: number[][][][];
  /** Per layer, the features reachable within the band's minutes (the 60-minute list includes the 30-minute one). */
  within: Partial<Record<LayerId, FeatureWithin[]>>;
}

/**
 * The bands of an isochrone around an origin.
 *
 * @param net - the network of the year
 * @param origin - where the trip starts
 * @param bands - the minutes of each band, ascending (1 to 5 of them)
 * @param layers - the features to list, by layer
 * @returns one band per requested minute value, each containing the one before
 * @example
 * isochrones(net, { id: 'wanzhou', lonLat: [108.37567, 30.81008] }, [30, 60, 90], { hospitals }).map((b) => b.area_km2);
 */
export function isochrones(net: Network, origin: Endpoint, bands: readonly number[], layers: Partial<Record<LayerId, readonly AtlasFeature[]>>): Band[] {
  const max = Math.max(...bands);
  const reached = reachFrom(net, origin, max);
  const field = timeField(net, reached, max);
  const { grid, minutes } = field;

  // Each feature's own time: a point's exactly; a line's or polygon's as the best cell under its vertices.
  const timed: { layer: LayerId; f: FeatureWithin }[] = [];
  for (const [layer, features] of Object.entries(layers) as [LayerId, readonly AtlasFeature[]][])
    for (const feature of features) {
      const g = feature.geometry;
      const t = g.type === 'Point' ? timeTo(net, reached.origin.lonLat, reached.tree, g.coordinates).minutes : Math.min(...vertices(g).map((p) => minutesAt(field, p)));
      if (t <= max) {
        const { id, name_zh, name_en } = feature.properties;
        timed.push({ layer, f: { id, name_zh, name_en, minutes: Math.round(t * 10) / 10 } });
      }
    }
  timed.sort((a, b) => a.f.minutes - b.f.minutes);

  return [...bands]
    .sort((a, b) => a - b)
    .map((limit) => {
      let area = 0;
      for (let row = 0; row < grid.rows; row++) {
        const cellArea = cellAreaKm2(grid, row);
        for (let col = 0; col < grid.cols; col++) if (minutes[row * grid.cols + col] <= limit) area += cellArea;
      }
      const within: Partial<Record<LayerId, FeatureWithin[]>> = {};
      for (const { layer, f } of timed) if (f.minutes <= limit) (within[layer] ??= []).push(f);
      return {
        minutes: limit,
        area_km2: Math.round(area),
        coordinates: traceCells(grid, (col, row) => minutes[row * grid.cols + col] <= limit),
        within,
      };
    });
}

/** The positions to time a feature by: the point, or every vertex of a line or polygon. */
function vertices(g: AtlasFeature['geometry']): number[][] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}
