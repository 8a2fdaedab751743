/**
 * Local-road (access) legs, the one way on and off the network: their time over a distance and its
 * inverse, the legs from any point into the network, and the time to any point from a search. The
 * builder (places), the router's trip ends, the isochrone field and the export's rule all use these.
 */
import { distanceKm, type LonLat } from '../geodesy.ts';
import type { Network } from './graph.ts';
import type { NetworkParams } from './params.ts';
import type { Tree } from './route.ts';

/**
 * The minutes of a local-road leg over a straight-line distance.
 *
 * @param params - the model's parameters
 * @param km - straight-line kilometres
 * @returns minutes at the access speed over the winding road
 * @example
 * accessMinutes(DEFAULT_PARAMS, 10); // 21 (10 km × 1.4 at 40 km/h)
 */
export function accessMinutes(params: NetworkParams, km: number): number {
  return (km * params.accessCircuity * 60) / params.accessSpeedKmh;
}

/**
 * The inverse of `accessMinutes`: how far, as the crow flies, local roads go in some minutes.
 *
 * @param params - the model's parameters
 * @param minutes - the time
 * @returns straight-line kilometres
 * @example
 * accessKmIn(DEFAULT_PARAMS, 21); // 10
 */
export function accessKmIn(params: NetworkParams, minutes: number): number {
  return ((minutes / 60) * params.accessSpeedKmh) / params.accessCircuity;
}

/** A leg between a point off the network and a street node: road kilometres and minutes. */
export interface AccessLeg {
  node: number;
  km: number;
  minutes: number;
}


/**
 * The access legs from a point into the network: to the road and station nodes on its side of the
 * barrier rivers, however far (a long leg is simply slow, and a trip that has nothing better takes
 * it). Leaving the network works the same way, so a trip and its return take the same time, and a
 * trip through a third place is never faster than the direct one.
 *
 * A leg to a node is left out when another node of the same chain is reached by leg and then along
 * the chain at least as fast (strictly faster, for a node earlier along it): such a leg never makes
 * a trip faster, in or out, so the times are those of legs to every node, with far fewer legs.
 *
 * @param net - the network's nodes, street index, parameters and barrier
 * @param p - `[lon, lat]`
 * @returns legs with minutes and road kilometres
 * @example
 * accessLegs(net, [108.4, 30.8]);
 */
export function accessLegs(net: Pick<Network, 'nodes' | 'street' | 'params' | 'barrier'>, p: LonLat): AccessLeg[] {
  const { nodes, street, params } = net;
  const { members, chainStarts, along } = street;
  const side = net.barrier.side(p);
  const legs: AccessLeg[] = [];
  const km = new Float64Array(members.length);
  const minutes = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) {
    const n = nodes[members[i]];
    km[i] = n.side === side ? distanceKm(p, [n.lon, n.lat]) : Infinity;
    minutes[i] = accessMinutes(params, km[i]);
  }
  const keep = new Uint8Array(members.length);
  for (let c = 0; c < chainStarts.length; c++) {
    const [a, b] = [chainStarts[c], chainStarts[c + 1] ?? members.length];
    // A node is served by an earlier one when that one's leg, less its minutes along, is no more; by a later one when less.
    let earlier = Infinity;
    for (let i = a; i < b; i++) {
      if (minutes[i] < earlier + along[i]) keep[i] = 1;
      earlier = Math.min(earlier, minutes[i] - along[i]);
    }
    let later = Infinity;
    for (let i = b - 1; i >= a; i--) {
      if (later - along[i] < minutes[i]) keep[i] = 0;
      later = Math.min(later, minutes[i] + along[i]);
    }
  }
  for (let i = 0; i < members.length; i++) if (keep[i] && minutes[i] < Infinity) legs.push({ node: members[i], km: km[i] * params.accessCircuity, minutes: minutes[i] });
  return legs;
}

/**
 * The time to a point: the best of going there directly on local roads and of
 * leaving the network at the nearest node of any road or station.
 *
 * @param net - the network
 * @param from - where the trip started
 * @param tree - the times from there to every node (`shortestTimes` from its access legs)
 * @param p - the destination
 * @param legs - the destination's access legs, when already known
 * @returns minutes and the node the trip leaves the network at (-1 when it goes directly)
 * @example
 * timeTo(net, wanzhou, reachFrom(net, { id: 'wanzhou', lonLat: wanzhou }).tree, [107.4977, 31.21171]).minutes; // to 达州
 */
export function timeTo(net: Network, from: LonLat, tree: Tree, p: LonLat, legs: AccessLeg[] = accessLegs(net, p)): { minutes: number; exit: number; exitKm: number } {
  // Directly on local roads, unless a barrier river lies between.
  const direct = distanceKm(from, p);
  const across = net.barrier.side(from) !== net.barrier.side(p);
  let best = { minutes: across ? Infinity : accessMinutes(net.params, direct), exit: -1, exitKm: direct };
  // The same legs as at the start of a trip, so that a trip and its return take the same time.
  for (const leg of legs) {
    const t = tree.minutes[leg.node] + leg.minutes;
    if (t < best.minutes) best = { minutes: t, exit: leg.node, exitKm: leg.km / net.params.accessCircuity };
  }
  return best;
}
