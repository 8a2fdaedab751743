/**
 * The one-hour economic circle (一小时经济圈) of the four places: which pairs of
 * seats are within the threshold of each other, the worst pair, and how much of
 * each place's area lies within the threshold of its neighbours' seats.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { KM_PER_DEGREE, kmPerDegreeLon } from '../geodesy.ts';
import type { Network } from '../network/graph.ts';
import { CELL_DEG, minutesAt, timeField, type TimeField } from './field.ts';
import { travelMatrix } from './matrix.ts';
import { reachFrom, type Endpoint } from '../network/trip.ts';

/** One of the four places: its seat and its district. */
export interface CirclePlace extends Endpoint {
  id: string;
  name_zh: string;
  name_en: string;
  district: Feature<Polygon | MultiPolygon>;
}

/** A pair of places and the slower of the two directions between them. */
export interface CirclePair {
  from: string;
  to: string;
  minutes: number | null;
  within: boolean;
}

/** The circle for a year and threshold. */
export interface Circle {
  minutes: number;
  pairs: CirclePair[];
  worst: CirclePair | null;
  all_within: boolean;
  /** Per place: the share (0–1) of its district's area within the threshold of the other places' seats. */
  districts: { id: string; name_zh: string; name_en: string; share: number }[];
}

/** Cell centres of a district on the global CELL_DEG grid, computed once per district polygon. */
const cellCache = new WeakMap<object, [number, number][]>();
function cellsOf(district: Feature<Polygon | MultiPolygon>): [number, number][] {
  let cells = cellCache.get(district.geometry);
  if (cells) return cells;
  const polygons = district.geometry.type === 'Polygon' ? [district.geometry.coordinates] : district.geometry.coordinates;
  const coords = polygons.flat(2);
  const [w, s, e, n] = coords.reduce((b, [x, y]) => [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)], [Infinity, Infinity, -Infinity, -Infinity]);
  const [col0, row0] = [Math.floor(w / CELL_DEG), Math.floor(s / CELL_DEG)];
  let [cols, rows] = [0, 0];
  while ((col0 + cols) * CELL_DEG < e) cols++;
  while ((row0 + rows) * CELL_DEG < n) rows++;
  // Row by row, where each polygon's rings cross the row's centre line: a centre is inside a polygon when an odd
  // number of crossings lie east of it, as point-in-polygon decides (a centre too near a crossing is left to it).
  const inside = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y = (row0 + r + 0.5) * CELL_DEG;
    for (const rings of polygons) {
      const xs: number[] = [];
      let doubtful = false;
      for (const ring of rings)
        for (let i = 1; i < ring.length; i++) {
          const [[x1, y1], [x2, y2]] = [ring[i - 1], ring[i]];
          if (y1 === y && y2 === y) doubtful = true;
          else if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
        }
      xs.sort((a, b) => a - b);
      let west = 0; // crossings at or west of the centre
      for (let c = 0; c < cols; c++) {
        const p: [number, number] = [(col0 + c + 0.5) * CELL_DEG, y];
        while (west < xs.length && xs[west] <= p[0]) west++;
        const near = (k: number) => k >= 0 && k < xs.length && Math.abs(xs[k] - p[0]) < 1e-9;
        if (doubtful || near(west - 1) || near(west)) inside[r * cols + c] = booleanPointInPolygon(p, district) ? 1 : inside[r * cols + c];
        else if ((xs.length - west) % 2 === 1) inside[r * cols + c] = 1;
      }
    }
  }
  // Column by column, as the cells are numbered.
  cells = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) if (inside[r * cols + c]) cells.push([(col0 + c + 0.5) * CELL_DEG, (row0 + r + 0.5) * CELL_DEG]);
  cellCache.set(district.geometry, cells);
  return cells;
}

/**
 * The circle's area measure: for each place, which cells of its district (`districtCells`, in order)
 * lie within the threshold of another place's seat.
 *
 * @param net - the network
 * @param places - the places (the four seats with their districts)
 * @param minutes - the threshold
 * @returns per place, 1 for each cell within the threshold of another seat, else 0
 * @example
 * nearCells(net2027, fourPlaces, 60)[0].reduce((n, x) => n + x, 0); // 万州's cells near another seat
 */
export function nearCells(net: Network, places: readonly CirclePlace[], minutes: number): Uint8Array[] {
  return nearOf(places.map((p, k) => cellsWithin(timeField(net, reachFrom(net, p, minutes), minutes), places, k, minutes)));
}

/**
 * Which cells of the other places' districts one seat's field reaches within the threshold.
 *
 * @param field - the time field from the seat (`timeField`)
 * @param places - the places
 * @param origin - the seat's index in `places`
 * @param minutes - the threshold
 * @returns per place, 1 for each cell (`districtCells` order) within the threshold; empty for the seat's own
 * @example
 * cellsWithin(timeField(net, reachFrom(net, places[0], 60), 60), places, 0, 60)[1]; // 达州's cells within an hour of 万州's seat
 */
export function cellsWithin(field: TimeField, places: readonly CirclePlace[], origin: number, minutes: number): Uint8Array[] {
  return places.map((place, i) => {
    if (i === origin) return new Uint8Array(0);
    const cells = cellsOf(place.district);
    const out = new Uint8Array(cells.length);
    // minutesAt, unrolled: thousands of cells per field.
    const { west, south, step, cols, rows } = field.grid;
    for (let c = 0; c < cells.length; c++) {
      const col = Math.floor((cells[c][0] - west) / step);
      const row = Math.floor((cells[c][1] - south) / step);
      out[c] = col >= 0 && row >= 0 && col < cols && row < rows && field.minutes[row * cols + col] <= minutes ? 1 : 0;
    }
    return out;
  });
}

/**
 * The circle's area measure from each seat's `cellsWithin`: a place's cells within the threshold of any other seat.
 *
 * @param within - per seat, its `cellsWithin`
 * @returns per place, 1 for each cell within the threshold of another seat (as `nearCells`)
 * @example
 * nearOf(places.map((p, k) => cellsWithin(fields[k], places, k, 60)));
 */
export function nearOf(within: readonly (readonly Uint8Array[])[]): Uint8Array[] {
  return within.map((_, i) => {
    const near = new Uint8Array(within[(i + 1) % within.length]?.[i]?.length ?? 0);
    for (let k = 0; k < within.length; k++) {
      if (k === i) continue;
      const w = within[k][i];
      for (let c = 0; c < near.length; c++) near[c] |= w[c];
    }
    return near;
  });
}

/**
 * The cells of a district on the circle's grid (CELL_DEG), with the area of each.
 *
 * @param district - the district's polygon
 * @returns the cell centres and each cell's km², in the order `nearCells` gives them
 * @example
 * districtCells(wanzhou.district).km2.reduce((a, b) => a + b, 0); // ≈ 3,450 km²
 */
export function districtCells(district: Feature<Polygon | MultiPolygon>): { centres: [number, number][]; km2: Float64Array } {
  const centres = cellsOf(district);
  let km2 = areaCache.get(centres);
  if (!km2) areaCache.set(centres, (km2 = Float64Array.from(centres, ([, lat]) => CELL_DEG * KM_PER_DEGREE * CELL_DEG * kmPerDegreeLon(lat))));
  return { centres, km2 };
}
const areaCache = new WeakMap<object, Float64Array>();

/**
 * The one-hour circle of some places on a year's network.
 *
 * @param net - the network of the year
 * @param places - the places (the four seats with their districts)
 * @param minutes - the threshold (60 for the plan's 一小时经济圈)
 * @returns the pairs, the worst pair and the district shares
 * @example
 * oneHourCircle(net2027, fourPlaces, 60).all_within;
 */
export function oneHourCircle(net: Network, places: readonly CirclePlace[], minutes = 60): Circle {
  const matrix = travelMatrix(net, places);
  const pairs: CirclePair[] = [];
  for (let i = 0; i < places.length; i++)
    for (let j = i + 1; j < places.length; j++) {
      const [a, b] = [matrix.minutes[i][j], matrix.minutes[j][i]];
      const worst = a === null || b === null ? null : Math.max(a, b);
      pairs.push({ from: places[i].id, to: places[j].id, minutes: worst, within: worst !== null && worst <= minutes });
    }
  const worst = pairs.reduce<CirclePair | null>((w, p) => (w === null || p.minutes === null || (w.minutes !== null && p.minutes > w.minutes) ? p : w), null);

  const near = nearCells(net, places, minutes);
  const districts = places.map((place, i) => {
    const count = near[i].reduce((n, x) => n + x, 0);
    return { id: place.id, name_zh: place.name_zh, name_en: place.name_en, share: near[i].length ? Math.round((count / near[i].length) * 1000) / 1000 : 0 };
  });
  return { minutes, pairs, worst, all_within: pairs.every((p) => p.within), districts };
}

/**
 * What changes between two years' circles, pair by pair and place by place. Each figure is keyed by
 * its year, so that no reader of it can put a year's figure under the other year.
 */
export interface CircleChange {
  /** The two years, the earlier first. */
  years: [number, number];
  /** Per pair: its minutes in each year; `saved`, minutes faster in the later year (negative when slower); `now_within`, within the threshold in the later year only. */
  pairs: { from: string; to: string; minutes: Record<string, number | null>; saved: number | null; now_within: boolean }[];
  /** Per place: the share of its area within the threshold of the others, in each year. */
  districts: { id: string; share: Record<string, number> }[];
}

/**
 * Compares the circles of two years (same places and threshold): the same answer whichever is given first.
 *
 * @param a - one year and its circle
 * @param b - the other year and its circle
 * @returns each pair's minutes and each place's share by year, minutes saved from the earlier year to the later, and pairs newly within the threshold
 * @example
 * compareCircles({ year: 2027, circle: c2027 }, { year: 2023, circle: c2023 }).pairs[0].minutes['2023'];
 */
export function compareCircles(a: { year: number; circle: Circle }, b: { year: number; circle: Circle }): CircleChange {
  const [first, second] = a.year <= b.year ? [a, b] : [b, a];
  const before = first.circle;
  const after = second.circle;
  const byYear = <T>(earlier: T, later: T): Record<string, T> => ({ [first.year]: earlier, [second.year]: later });
  return {
    years: [first.year, second.year],
    pairs: after.pairs.map((p, i) => {
      const m = before.pairs[i].minutes;
      return {
        from: p.from,
        to: p.to,
        minutes: byYear(m, p.minutes),
        saved: m === null || p.minutes === null ? null : Math.round((m - p.minutes) * 10) / 10,
        now_within: p.within && !before.pairs[i].within,
      };
    }),
    districts: after.districts.map((d, i) => ({ id: d.id, share: byYear(before.districts[i].share, d.share) })),
  };
}
