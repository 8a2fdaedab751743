/**
 * The travel-time matrix between places, with the route behind each cell.
 */
import { accessLegs } from '../network/access.ts';
import type { Network } from '../network/graph.ts';
import type { Leg, Route } from '../network/route.ts';
import { reachFrom, routeToPoint, type Endpoint } from '../network/trip.ts';

/** A route without its course: the legs' modes, lines, kilometres and minutes (`/api/route` draws one). */
export type RouteSummary = Omit<Route, 'legs'> & { legs: Omit<Leg, 'coordinates'>[] };

/** Minutes between every pair of endpoints, and how. */
export interface Matrix {
  places: Endpoint[];
  /** minutes[i][j]: from places[i] to places[j], rounded to 0.1 (null when unreachable). */
  minutes: (number | null)[][];
  /** routes[i][j]: the legs behind the time (null on the diagonal and when unreachable). */
  routes: (RouteSummary | null)[][];
}

/**
 * The matrix between endpoints: one search per origin.
 *
 * @param net - the network of the year
 * @param places - the endpoints (2 to 25)
 * @returns minutes and routes, row by origin
 * @example
 * travelMatrix(net, fourSeats).minutes[0][1]; // 万州 to 达州
 */
export function travelMatrix(net: Network, places: readonly Endpoint[]): Matrix {
  const minutes: (number | null)[][] = [];
  const routes: (RouteSummary | null)[][] = [];
  // Each place's legs are the same whether it starts or ends a trip: find them once.
  const legs = places.map((p) => accessLegs(net, p.lonLat));
  places.forEach((from, i) => {
    const reached = reachFrom(net, from, Infinity, legs[i]);
    const row: (number | null)[] = [];
    const routeRow: (RouteSummary | null)[] = [];
    places.forEach((to, j) => {
      if (j === i) {
        row.push(0);
        routeRow.push(null);
        return;
      }
      const r = routeToPoint(net, reached, to.lonLat, legs[j]);
      row.push(r ? Math.round(r.minutes * 10) / 10 : null);
      routeRow.push(r && { ...r, minutes: Math.round(r.minutes * 10) / 10, km: Math.round(r.km * 10) / 10, legs: r.legs.map(({ mode, line, km, minutes }) => ({ mode, line, km: Math.round(km * 10) / 10, minutes: Math.round(minutes * 10) / 10 })) });
    });
    minutes.push(row);
    routes.push(routeRow);
  });
  return { places: [...places], minutes, routes };
}
