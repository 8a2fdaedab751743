/**
 * Where a trip starts or ends: any point, joined to the network by access legs.
 * Places and point features are points too; this is the one way in and out.
 */
import { distanceKm, type LonLat } from '../geodesy.ts';
import { accessLegs, accessMinutes, timeTo, type AccessLeg } from './access.ts';
import type { Network } from './graph.ts';
import { asRoute, shortestTimes, routeTo, type Leg, type Route, type Tree } from './route.ts';

/** A trip end: a position, and the id it was asked by (a place or feature id), if any. */
export interface Endpoint {
  id: string | null;
  lonLat: [number, number];
}

/** Times from one origin to every node, with the origin kept for the legs off the network. */
export interface Reached {
  origin: Endpoint;
  tree: Tree;
}

/**
 * Travel times from an origin to every node of the network.
 *
 * @param net - the network
 * @param origin - where the trip starts
 * @param maxMinutes - stop exploring beyond this time
 * @param legs - the origin's access legs, when already known
 * @param allowed - when given, only the edges it accepts are taken (a drive takes no train)
 * @returns the times and the search tree
 * @example
 * const r = reachFrom(net, { id: 'wanzhou', lonLat: [108.37567, 30.81008] }, 90);
 */
export function reachFrom(net: Network, origin: Endpoint, maxMinutes = Infinity, legs: AccessLeg[] = accessLegs(net, origin.lonLat), allowed?: (edge: number) => boolean): Reached {
  return { origin, tree: shortestTimes(net, legs.map((l) => ({ node: l.node, minutes: l.minutes })), maxMinutes, allowed) };
}

/**
 * The whole route to a point, access legs included.
 *
 * @param net - the network
 * @param reached - a result of `reachFrom`
 * @param p - the destination
 * @param endLegs - the destination's access legs, when already known
 * @returns the route, or null when it cannot be reached
 * @example
 * routeToPoint(net, reached, [107.4977, 31.21171])?.lines;
 */
export function routeToPoint(net: Network, reached: Reached, p: LonLat, endLegs?: AccessLeg[]): Route | null {
  const end = timeTo(net, reached.origin.lonLat, reached.tree, p, endLegs);
  if (!Number.isFinite(end.minutes)) return null;
  // A local-road leg: drawn straight, as it is timed.
  const access = (a: LonLat, b: LonLat): Leg => {
    const km = distanceKm(a, b);
    return { mode: 'access', line: null, km: km * net.params.accessCircuity, minutes: accessMinutes(net.params, km), coordinates: [[...a], [...b]] };
  };
  if (end.exit < 0) return asRoute(end.minutes, [access(reached.origin.lonLat, p)]);
  // The search started from access legs: the first node's leg is the trip's first.
  let first = end.exit;
  while (reached.tree.parent[first] >= 0) first = reached.tree.parent[first];
  const at = (node: number): LonLat => [net.nodes[node].lon, net.nodes[node].lat];
  const inner = routeTo(net, reached.tree, end.exit)!;
  return asRoute(end.minutes, [access(reached.origin.lonLat, at(first)), ...inner.legs, access(at(end.exit), p)]);
}
