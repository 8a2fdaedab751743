/**
 * The model against published journey times (`calibration.json`): what it
 * computes for each trip, beside what the source says: a ride on the trains alone, a drive on the
 * roads alone.
 */
import type { Network } from './graph.ts';
import type { LonLat } from '../geodesy.ts';
import { reachFrom, routeToPoint } from './trip.ts';
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
 * The model's train time for a calibration ride, platform to platform on the rail network alone (a
 * ride is never a drive), and the lines it takes.
 *
 * @param net - the network of `entry.year`
 * @param entry - a ride (`measures: 'ride'`): station ids
 * @returns minutes (Infinity when no train makes the trip) and the lines of the fastest ride
 * @example
 * modelRide(analyses.network(2020), entry).minutes; // ≈ 96 for 万州北–重庆北
 */
export function modelRide(net: Network, entry: CalibrationEntry): { minutes: number; lines: string[] } {
  const platforms = (station: string) => net.nodes.flatMap((n, i) => (n.kind === 'platform' && n.ref === station ? [i] : []));
  // Only rides and changes between platforms: an edge to a station's entrance leaves the train.
  const onRail = (e: number) => net.nodes[net.edges[e].from].kind === 'platform' && net.nodes[net.edges[e].to].kind === 'platform';
  const tree = shortestTimes(
    net,
    platforms(entry.from).map((node) => ({ node, minutes: 0 })),
    Infinity,
    onRail,
  );
  const end = platforms(entry.to).reduce((best, i) => (best < 0 || tree.minutes[i] < tree.minutes[best] ? i : best), -1);
  if (end < 0 || !Number.isFinite(tree.minutes[end])) return { minutes: Infinity, lines: [] };
  const lines = new Set<string>();
  for (let v = end; tree.via[v] >= 0; v = tree.parent[v]) {
    const line = net.edges[tree.via[v]].line;
    if (line) lines.add(line);
  }
  return { minutes: tree.minutes[end], lines: [...lines] };
}

/**
 * The model's time for a calibration drive, seat to seat on the roads alone (a train is never a
 * drive), and the roads it takes.
 *
 * @param net - the network of `entry.year`
 * @param from - where the drive starts
 * @param to - where it ends
 * @returns minutes (Infinity when the roads do not make the trip) and the roads of the fastest drive
 * @example
 * modelDrive(analyses.network(2008), seat('wanzhou'), seat('yunyang')).minutes; // ≈ 40
 */
export function modelDrive(net: Network, from: LonLat, to: LonLat): { minutes: number; lines: string[] } {
  const onRoad = (e: number) => net.edges[e].mode !== 'high_speed_rail' && net.edges[e].mode !== 'conventional_rail' && net.edges[e].mode !== 'transfer';
  const route = routeToPoint(net, reachFrom(net, { id: null, lonLat: [from[0], from[1]] }, Infinity, undefined, onRoad), to);
  return route ? { minutes: route.minutes, lines: route.lines } : { minutes: Infinity, lines: [] };
}
