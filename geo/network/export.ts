/**
 * The network as anyone can route on it (`GET /api/network`): every edge the router uses, every node a
 * trip can join the network at, and the one rule that is not written out edge by edge, the local-road
 * legs. With them a plain Dijkstra gives `/api/matrix`'s minutes exactly (tests/geo/export.test.ts
 * does it with another library).
 *
 * The local-road (access) rule, applied to each end of a trip and to every place node:
 * - a leg joins it to every street node (`kind` road or station) on the same `side`: both ways for a
 *   place node (a trip may pass through a town), out of the trip's start, into its end;
 * - the two ends of a trip are also joined directly, when on the same side;
 * - a leg's minutes are haversine km (sphere of radius 6371.0088 km) × `accessCircuity` × 60 /
 *   `accessSpeedKmh`, both in `params`; the side of a position: the parity of a barrier river's
 *   crossings on a ray due north of it (one bit per river of `barrier`, features of the rivers layer;
 *   every node carries its `side`).
 * Legs between place nodes and street nodes follow the same rule and are not listed, which keeps the
 * export small; every other edge is listed with its exact minutes.
 */
import { EARTH_RADIUS_KM } from '../geodesy.ts';
import type { Network, NetworkEdge } from './graph.ts';

/** The export's GeoJSON: edges as LineStrings (or null geometry where they happen at one point), nodes as Points. */
export interface NetworkExport {
  type: 'FeatureCollection';
  year: number;
  params: Network['params'];
  lines: Network['lines'];
  /** The rule of the local-road legs that are not listed (see the module's comment). */
  access: { rule: string; radiusKm: number; barrier: string[] };
  features: (
    | { type: 'Feature'; properties: Pick<NetworkEdge, 'from' | 'to' | 'minutes' | 'km' | 'mode' | 'line' | 'oneway'>; geometry: { type: 'LineString'; coordinates: number[][] } | null }
    | { type: 'Feature'; properties: { node: number; kind: string; side: number; place?: string; ref?: string }; geometry: { type: 'Point'; coordinates: [number, number] } }
  )[];
}

/** An access leg of a place node: not listed, the rule gives it. */
const isPlaceLeg = (net: Network, e: NetworkEdge) => e.mode === 'access' && (net.nodes[e.from].kind === 'place' || net.nodes[e.to].kind === 'place');

/**
 * The export of a network.
 *
 * @param net - the network of a year
 * @param barrier - the ids of the rivers its local roads do not cross
 * @returns the GeoJSON of `/api/network`
 * @example
 * networkExport(analyses.network(2027), BARRIER_RIVERS).features.length;
 */
export function networkExport(net: Network, barrier: readonly string[]): NetworkExport {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    type: 'FeatureCollection',
    year: net.year,
    params: net.params,
    lines: net.lines.map((l) => ({ ...l, drawnKm: round(l.drawnKm), speedKmh: round(l.speedKmh) })),
    access: {
      rule: 'each place node has legs to and from every road and station node on its side; a trip has legs out of its start and into its end from every such node on their sides, and one straight from start to end when on the same side; a leg takes haversine km × accessCircuity × 60 / accessSpeedKmh minutes',
      radiusKm: EARTH_RADIUS_KM,
      barrier: [...barrier],
    },
    features: [
      ...net.edges
        .filter((e) => !isPlaceLeg(net, e))
        .map((e) => ({
          type: 'Feature' as const,
          // Minutes exactly as the router adds them; kilometres for reading.
          properties: { from: e.from, to: e.to, minutes: e.minutes, km: round(e.km), mode: e.mode, line: e.line, oneway: e.oneway },
          // Boarding, alighting and changing happen at one point: such edges have no line to draw.
          geometry: e.km === 0 && e.mode === 'transfer' ? null : { type: 'LineString' as const, coordinates: e.coordinates },
        })),
      ...net.nodes.flatMap((n, i) =>
        n.kind === 'platform'
          ? []
          : [
              {
                type: 'Feature' as const,
                properties: { node: i, kind: n.kind, side: n.side, ...(n.kind === 'place' ? { place: n.ref } : { ref: n.ref }) },
                geometry: { type: 'Point' as const, coordinates: [n.lon, n.lat] as [number, number] },
              },
            ],
      ),
    ],
  };
}
