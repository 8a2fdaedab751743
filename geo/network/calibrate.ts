/**
 * The model against published journey times (`calibration.json`): what it
 * computes for each trip, beside what the source says.
 */
import type { Network } from './build.ts';
import { reachFrom, timeTo } from '../reach/origin.ts';
import { shortestTimes } from './route.ts';

/** A published journey time and where it comes from. */
export interface CalibrationEntry {
  id: string;
  /** A place id (door to door) or a station id (train time). */
  from: string;
  to: string;
  mode: 'rail' | 'road';
  /** `ride`: platform to platform, train time only; `door`: seat to seat. */
  measures: 'ride' | 'door';
  minutes: number;
  /** The year the time applies to: the network of that year is used. */
  year: number;
  lines: string[];
  source: { title: string; date?: string; quote: string; url?: string };
  note?: string;
}

/**
 * The model's minutes for a calibration trip on a network of the entry's year.
 *
 * @param net - the network of `entry.year`
 * @param entry - the trip
 * @returns minutes, or Infinity when the network cannot make the trip
 * @example
 * modelMinutes(buildNetwork(source, 2027, withParams()), entries[0]); // ≈ 51
 */
export function modelMinutes(net: Network, entry: CalibrationEntry): number {
  if (entry.measures === 'door') {
    const [from, to] = [entry.from, entry.to].map((id) => net.placeNodes.get(id));
    if (from === undefined || to === undefined) return Infinity;
    const at = (i: number): [number, number] => [net.nodes[i].lon, net.nodes[i].lat];
    return timeTo(net, reachFrom(net, { id: entry.from, lonLat: at(from) }), at(to)).minutes;
  }
  const platforms = (station: string) => net.nodes.flatMap((n, i) => (n.kind === 'platform' && n.ref === station ? [i] : []));
  const tree = shortestTimes(
    net,
    platforms(entry.from).map((node) => ({ node, minutes: 0 })),
  );
  return Math.min(...platforms(entry.to).map((i) => tree.minutes[i]));
}
