/**
 * Where a trip starts or ends: any point, joined to the network by access legs.
 * Places and point features are points too; this is the one way in and out.
 */
import { accessLegs, type AccessLeg, type Network } from '../network/build.ts';
import { accessMinutes } from '../network/params.ts';
import { asRoute, shortestTimes, routeTo, type Leg, type Route, type Tree } from '../network/route.ts';
import { distanceKm, type LonLat } from '../geodesy.ts';

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
 * The time to a point: the best of going there directly on local roads and of
 * leaving the network at the nearest node of any road or station.
 *
 * @param net - the network
 * @param reached - a result of `reachFrom`
 * @param p - the destination
 * @param legs - the destination's access legs, when already known
 * @returns minutes and the node the trip leaves the network at (-1 when it goes directly)
 * @example
 * timeTo(net, reachFrom(net, wanzhou), [107.4977, 31.21171]).minutes; // to 达州
 */
export function timeTo(net: Network, reached: Reached, p: LonLat, legs: AccessLeg[] = accessLegs(net, p)): { minutes: number; exit: number; exitKm: number } {
  // Directly on local roads, unless a barrier river lies between.
  const direct = distanceKm(reached.origin.lonLat, p);
  const across = net.barrier.side(reached.origin.lonLat) !== net.barrier.side(p);
  let best = { minutes: across ? Infinity : accessMinutes(net.params, direct), exit: -1, exitKm: direct };
  // The same legs as at the start of a trip, so that a trip and its return take the same time.
  for (const leg of legs) {
    const t = reached.tree.minutes[leg.node] + leg.minutes;
    if (t < best.minutes) best = { minutes: t, exit: leg.node, exitKm: leg.km / net.params.accessCircuity };
  }
  return best;
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
  const end = timeTo(net, reached, p, endLegs);
  if (!Number.isFinite(end.minutes)) return null;
  const access = (km: number): Leg => ({ mode: 'access', line: null, km: km * net.params.accessCircuity, minutes: accessMinutes(net.params, km) });
  if (end.exit < 0) return asRoute(end.minutes, [access(end.exitKm)]);
  // The search started from access legs: the first node's leg is the trip's first.
  let first = end.exit;
  while (reached.tree.parent[first] >= 0) first = reached.tree.parent[first];
  const startKm = distanceKm(reached.origin.lonLat, [net.nodes[first].lon, net.nodes[first].lat]);
  const inner = routeTo(net, reached.tree, end.exit)!;
  return asRoute(end.minutes, [access(startKm), ...inner.legs, access(end.exitKm)]);
}
