/**
 * Isochrones: the areas within 30, 60, 90 … minutes of an origin, as nested smooth polygons (on a
 * 0.005° grid, about 500 m) with their areas and the features of every layer that lie inside.
 */
import type { AtlasFeature } from '../bundle.ts';
import type { Point } from 'geojson';
import { distanceKm, KM_PER_DEGREE, kmPerDegreeLon } from '../geodesy.ts';
import type { LayerId } from '../layers.ts';
import { accessKmIn, accessMinutes } from '../network/access.ts';
import type { Network } from '../network/graph.ts';
import { reachFrom, type Endpoint, type Reached } from '../network/trip.ts';
import { contourBands } from './contours.ts';
import { envelope, type Envelope, type Spot } from './envelope.ts';
import { reusedArray } from './scratch.ts';
import { simplifyBands } from './simplify.ts';
/** A feature within reach, with the minutes to it and how far its drawn position can be trusted. */
export interface FeatureWithin {
  id: string;
  name_zh: string;
  name_en: string;
  minutes: number;
  /** Its position's uncertainty, when more than the field resolves (UNRESOLVED_KM): its minutes are as uncertain. */
  uncertainty_km?: number;
  /** The seat it is drawn at because its own position is not known (its minutes are the seat's). */
  at_seat?: string;
}

/** One band of an isochrone. */
export interface Band {
  minutes: number;
  area_km2: number;
  /** MultiPolygon coordinates: outer rings counter-clockwise, holes clockwise. */
  coordinates: number[][][][];
  /** Per layer, how many features lie within the band's minutes (the listed ones with minutes up to the band's). */
  counts: Partial<Record<LayerId, number>>;
}

/** An isochrone: its bands, and what lies within the last, listed once, nearest first. */
export interface Isochrones {
  bands: Band[];
  within: Partial<Record<LayerId, FeatureWithin[]>>;
}

/** Positions less certain than this (km, twice the field's step) are marked as such in the lists. */
export const UNRESOLVED_KM = 1;
/** A feature this close to a seat (km), and less certain than UNRESOLVED_KM, is taken as drawn at the seat. */
const AT_SEAT_KM = 0.2;

/** The isochrones' grid step in degrees (about 480 × 555 m here). */
export const FIELD_STEP = 0.005;
/** How far, in degrees, a simplified ring may stray outwards from the traced one: about 60 m, under a pixel at zoom 11. */
export const SIMPLIFY_TOLERANCE = 0.0006;

/**
 * The bands of an isochrone around an origin.
 *
 * @param net - the network of the year
 * @param origin - where the trip starts
 * @param bands - the minutes of each band, ascending (1 to 5 of them)
 * @param layers - the features to list, by layer
 * @returns one band per requested minute value, each containing the one before, and what lies within the last
 * @example
 * isochrones(net, { id: 'wanzhou', lonLat: [108.37567, 30.81008] }, [30, 60, 90], { hospitals }).bands.map((b) => b.area_km2);
 */
export function isochrones(net: Network, origin: Endpoint, bands: readonly number[], layers: Partial<Record<LayerId, readonly AtlasFeature[]>>): Isochrones {
  const levels = [...bands].sort((a, b) => a - b);
  const max = levels[levels.length - 1];
  const reached = reachFrom(net, origin, max);
  const field = fieldOf(net, reached, max, levels);
  const seats = (layers.places ?? []).filter((f): f is AtlasFeature & { geometry: Point } => f.geometry.type === 'Point');

  // Each feature's time from the field the bands are drawn from: a point's at its position, a line's or polygon's as the best node under its vertices.
  const timed: { layer: LayerId; f: FeatureWithin }[] = [];
  for (const [layer, features] of Object.entries(layers) as [LayerId, readonly AtlasFeature[]][])
    for (const feature of features) {
      const g = feature.geometry;
      const t = g.type === 'Point' ? field.at(g.coordinates[0], g.coordinates[1], net.barrier.side(g.coordinates)) : Math.min(...vertices(g).map((p) => nodeMinutes(field, p, max)));
      if (t <= max) {
        const { id, name_zh, name_en, uncertainty_km } = feature.properties;
        const f: FeatureWithin = { id, name_zh, name_en, minutes: Math.round(t * 10) / 10 };
        if (uncertainty_km > UNRESOLVED_KM) {
          f.uncertainty_km = uncertainty_km;
          const seat = layer === 'places' || g.type !== 'Point' ? undefined : seats.find((s) => distanceKm(s.geometry.coordinates, g.coordinates) <= AT_SEAT_KM);
          if (seat) f.at_seat = seat.properties.id;
        }
        timed.push({ layer, f });
      }
    }
  timed.sort((a, b) => a.f.minutes - b.f.minutes);
  const within: Isochrones['within'] = {};
  for (const { layer, f } of timed) (within[layer] ??= []).push(f);

  const contours = contourBands(field.grid, field.minutes, levels, field.exactAt, field.sides);
  const simplified = simplifyBands(contours.map((c) => c.coordinates), SIMPLIFY_TOLERANCE);
  return {
    bands: contours.map(({ minutes, area_km2 }, b) => {
      const counts: Band['counts'] = {};
      for (const { layer, f } of timed) if (f.minutes <= minutes) counts[layer] = (counts[layer] ?? 0) + 1;
      return { minutes, area_km2: Math.round(area_km2), coordinates: simplified[b], counts };
    }),
    within,
  };
}

/**
 * The field around what a search reached: every street node reached within the last level, and the
 * origin, each timed onwards by local roads on its own side of the rivers.
 */
function fieldOf(net: Network, reached: Reached, max: number, levels: readonly number[]): Envelope {
  const spots: Spot[] = [{ lon: reached.origin.lonLat[0], lat: reached.origin.lonLat[1], minutes: 0, side: net.barrier.side(reached.origin.lonLat) }];
  reached.tree.minutes.forEach((t, i) => {
    const n = net.nodes[i];
    if (t < max && (n.kind === 'road' || n.kind === 'station')) spots.push({ lon: n.lon, lat: n.lat, minutes: t, side: n.side });
  });
  // The grid covers every spot's reach, and one more node all round, beyond every level, so that rings close.
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of spots) {
    const km = accessKmIn(net.params, max - p.minutes);
    const [dLon, dLat] = [km / kmPerDegreeLon(p.lat), km / KM_PER_DEGREE];
    [w, s, e, n] = [Math.min(w, p.lon - dLon), Math.min(s, p.lat - dLat), Math.max(e, p.lon + dLon), Math.max(n, p.lat + dLat)];
  }
  const west = (Math.floor(w / FIELD_STEP) - 1) * FIELD_STEP;
  const south = (Math.floor(s / FIELD_STEP) - 1) * FIELD_STEP;
  const grid = { west, south, step: FIELD_STEP, cols: Math.ceil((e - west) / FIELD_STEP) + 2, rows: Math.ceil((n - south) / FIELD_STEP) + 2 };
  return envelope(spots, grid, net.barrier.sidesOfGrid(grid, reusedArray('field.sides', Uint8Array, grid.cols * grid.rows)), accessMinutes(net.params, 1), levels);
}

/** The field's minutes at the node nearest a position (Infinity outside the grid or beyond `max`). */
function nodeMinutes(field: Envelope, [lon, lat]: readonly number[], max: number): number {
  const { west, south, step, cols, rows } = field.grid;
  const [c, r] = [Math.round((lon - west) / step), Math.round((lat - south) / step)];
  if (c < 0 || r < 0 || c >= cols || r >= rows) return Infinity;
  const node = r * cols + c;
  // A bound beyond the last level is not worth refining.
  return field.minutes[node] > max ? Infinity : field.exactAt(node);
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
