/**
 * The routable network of a year: the rail lines and roads operating then,
 * as a graph of nodes and timed edges. Rail is boarded and left only at its
 * stations; roads and stations are reached from anywhere by access legs.
 */
import type { AtlasFeature } from '../bundle.ts';
import { operatesIn } from '../lifecycle.ts';
import { distanceKm, lineKm, type LonLat } from '../geodesy.ts';
import type { ThematicProps } from '../schema.ts';
import { accessMinutes, DEFAULT_PARAMS, type Mode, type NetworkParams } from './params.ts';
import { BARRIER_RIVERS, barrierOf, NO_BARRIER, type Barrier } from './barrier.ts';

/** What a node stands for. */
export type NodeKind = 'place' | 'station' | 'platform' | 'road';

/** A node of the network. */
export interface NetworkNode {
  kind: NodeKind;
  lon: number;
  lat: number;
  /** The feature it belongs to: the place, station or road id. */
  ref: string;
  /** Platforms: the line they are on. */
  line?: string;
  /** Which side of the barrier rivers it lies on (barrier.ts): local-road legs join nodes of one side only. */
  side: number;
}

/** An edge; two-way unless `oneway`. */
export interface NetworkEdge {
  from: number;
  to: number;
  minutes: number;
  km: number;
  mode: Mode;
  /** The rail line or road the edge runs on (null for access and transfer legs). */
  line: string | null;
  oneway: boolean;
  /** Its course, for drawing: the schematic line between its nodes. */
  coordinates: number[][];
}

/** How a line's edge lengths were obtained. */
export interface NetworkLine {
  id: string;
  mode: Mode;
  speedKmh: number;
  /** The published length used, or null when the drawn length was (the published one covers more than is drawn). */
  publishedKm: number | null;
  drawnKm: number;
}

/** The network of one year under one parameter set. */
export interface Network {
  year: number;
  params: NetworkParams;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  lines: NetworkLine[];
  /** Place id → node index. */
  placeNodes: Map<string, number>;
  /** Adjacency in compressed rows: the arcs leaving node i are adjStart[i] … adjStart[i+1]-1. */
  adjStart: Int32Array;
  adjTo: Int32Array;
  adjEdge: Int32Array;
  adjMinutes: Float64Array;
  /** Street nodes (road nodes and station entrances) in a coarse grid, for access legs. */
  street: StreetIndex;
  /** The rivers local-road legs do not cross. */
  barrier: Barrier;
}

/**
 * Street nodes (road nodes and station entrances), bucketed by 0.25° cells to find road junctions
 * quickly, and laid out in chains: the nodes of one road part in order along it (a station is a
 * chain of one), with the minutes along the chain at each, so that access legs can skip the nodes
 * a nearer node of the same chain serves as fast.
 */
export class StreetIndex {
  private readonly buckets = new Map<string, number[]>();
  static readonly CELL = 0.25;

  /**
   * @param nodes - the network's nodes
   * @param members - the street nodes, chain after chain, each in order along it
   * @param chainStarts - where each chain begins in `members`, ascending from 0
   * @param along - for each member, the minutes from its chain's first node
   */
  constructor(
    readonly nodes: readonly NetworkNode[],
    readonly members: readonly number[],
    readonly chainStarts: readonly number[],
    readonly along: readonly number[],
  ) {
    for (const i of members) {
      const key = StreetIndex.key(nodes[i].lon, nodes[i].lat);
      const b = this.buckets.get(key);
      if (b) b.push(i);
      else this.buckets.set(key, [i]);
    }
  }

  private static key(lon: number, lat: number): string {
    return `${Math.floor(lon / StreetIndex.CELL)},${Math.floor(lat / StreetIndex.CELL)}`;
  }

  /**
   * The street nodes within a distance.
   *
   * @param p - `[lon, lat]`
   * @param km - the radius
   * @returns node indices and their straight-line distances
   * @example
   * network.street.near([108.38, 30.81], 40);
   */
  near(p: LonLat, km: number): { node: number; km: number }[] {
    const dLat = km / 111 / StreetIndex.CELL;
    const dLon = km / (111 * Math.cos((p[1] * Math.PI) / 180)) / StreetIndex.CELL;
    const cx = Math.floor(p[0] / StreetIndex.CELL);
    const cy = Math.floor(p[1] / StreetIndex.CELL);
    const out: { node: number; km: number }[] = [];
    for (let x = cx - Math.ceil(dLon); x <= cx + Math.ceil(dLon); x++)
      for (let y = cy - Math.ceil(dLat); y <= cy + Math.ceil(dLat); y++)
        for (const i of this.buckets.get(`${x},${y}`) ?? []) {
          const d = distanceKm(p, [this.nodes[i].lon, this.nodes[i].lat]);
          if (d <= km) out.push({ node: i, km: d });
        }
    return out;
  }
}

/** A leg between a point off the network and a street node: road kilometres and minutes. */
export interface AccessLeg {
  node: number;
  km: number;
  minutes: number;
}

/** The layers a network is built from; without rivers, nothing bars the local roads. */
export interface NetworkSource {
  rail: readonly AtlasFeature[];
  roads: readonly AtlasFeature[];
  places: readonly AtlasFeature[];
  rivers?: readonly AtlasFeature[];
}

/** The barrier of some river features: those of BARRIER_RIVERS. */
function barrierOfRivers(rivers: readonly AtlasFeature[] | undefined): Barrier {
  const courses = (rivers ?? [])
    .filter((f) => BARRIER_RIVERS.includes(f.properties.id))
    .map((f) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates : []) as LonLat[][]);
  return courses.length ? barrierOf(courses) : NO_BARRIER;
}

/** A published length shorter than this share of the drawn line is of something else. */
const PUBLISHED_RATIO_MIN = 0.95;

/**
 * How to turn a schematic line's drawn kilometres into real ones: by its
 * published length when that length is plausibly of the drawn line, else not at all.
 *
 * @param publishedKm - the feature's `length_km`, if any
 * @param drawnKm - the length of its geometry
 * @param maxRatio - the longest published length, as a multiple of the drawn one, taken to be of the drawn line
 * @returns the factor, and the published length when it was used
 * @example
 * publishedScale(252, 210); // { factor: 1.2, publishedKm: 252 }
 */
export function publishedScale(publishedKm: number | undefined, drawnKm: number, maxRatio = DEFAULT_PARAMS.publishedRatioMax): { factor: number; publishedKm: number | null } {
  const ratio = publishedKm ? publishedKm / drawnKm : 0;
  return ratio >= PUBLISHED_RATIO_MIN && ratio <= maxRatio ? { factor: ratio, publishedKm: publishedKm! } : { factor: 1, publishedKm: null };
}

// A city bridge is driven like a trunk road; an expressway's bridges are part of its line.
const ROAD_MODES: Record<string, Mode> = { expressway: 'expressway', fast_road: 'fast_road', trunk_road: 'trunk_road', bridge: 'trunk_road' };

/**
 * Builds the network of a year.
 *
 * @param source - the rail, roads and places layers' features
 * @param year - the year: lines and stations that operate then (`operatesIn`: as reported or as a plan expects) are in it
 * @param params - the model's parameters
 * @returns the network, ready to route on
 * @example
 * const net = buildNetwork({ rail, roads, places }, 2027, withParams());
 */
export function buildNetwork(source: NetworkSource, year: number, params: NetworkParams): Network {
  const nodes: NetworkNode[] = [];
  const edges: NetworkEdge[] = [];
  const lines: NetworkLine[] = [];
  // Street nodes chain by chain (see StreetIndex), with the minutes along each chain.
  const streetNodes: number[] = [];
  const chainStarts: number[] = [];
  const along: number[] = [];
  const barrier = barrierOfRivers(source.rivers);
  const addNode = (n: Omit<NetworkNode, 'side'>) => nodes.push({ ...n, side: barrier.side([n.lon, n.lat]) }) - 1;
  const addEdge = (e: NetworkEdge) => edges.push(e);
  const access = (km: number) => accessMinutes(params, km);

  const live = (fs: readonly AtlasFeature[]) => fs.filter((f) => operatesIn(f.properties as ThematicProps, year)) as (AtlasFeature & { properties: ThematicProps })[];

  // Rail: an entrance per station, a platform per (station, line), rides between consecutive platforms.
  // A station opens with the first line that serves it, whatever its own record says.
  const rail = live(source.rail);
  const served = new Set(rail.flatMap((f) => f.properties.stations ?? []));
  const stations = new Map<string, { entrance: number; platforms: Map<string, number> }>();
  for (const s of source.rail as (AtlasFeature & { properties: ThematicProps })[]) {
    if (s.geometry.type !== 'Point' || s.properties.kind !== 'station') continue;
    if (!served.has(s.properties.id) && !operatesIn(s.properties, year)) continue;
    const [lon, lat] = s.geometry.coordinates;
    const entrance = addNode({ kind: 'station', lon, lat, ref: s.properties.id });
    chainStarts.push(streetNodes.length);
    streetNodes.push(entrance);
    along.push(0);
    stations.set(s.properties.id, { entrance, platforms: new Map() });
  }
  for (const line of rail) {
    const p = line.properties;
    if (line.geometry.type !== 'LineString' || !p.stations) continue;
    const mode: Mode = p.kind === 'high_speed_rail' ? 'high_speed_rail' : 'conventional_rail';
    // From the timetables where the data has them (the whole line, or each section), else from the design speed.
    const timetabled = p.operating_speed_kmh;
    const speedKmh =
      typeof timetabled === 'number'
        ? timetabled
        : mode === 'high_speed_rail'
          ? p.design_speed_kmh
            ? p.design_speed_kmh * (p.design_speed_kmh >= 300 ? params.hsrExpressShare : params.hsrStoppingShare)
            : params.hsrSpeedKmh
          : p.design_speed_kmh
            ? Math.min(p.design_speed_kmh * params.conventionalDesignShare, params.conventionalRailSpeedKmh)
            : params.conventionalRailSpeedKmh;
    const sectionSpeed = (k: number) => (Array.isArray(timetabled) ? (timetabled[k] ?? speedKmh) : speedKmh);
    const coords = line.geometry.coordinates;
    const drawnKm = lineKm(coords);
    const { factor, publishedKm } = publishedScale(p.length_km, drawnKm, params.publishedRatioMax);
    const scale = publishedKm ? factor : params.schematicDetour;
    lines.push({ id: p.id, mode, speedKmh, publishedKm, drawnKm });

    // Stations lie on vertices of their line (data:check holds them within 0.5 km): find each one's vertex.
    const stops = p.stations
      .map((sid) => ({ sid, st: stations.get(sid) }))
      .filter((s): s is { sid: string; st: NonNullable<typeof s.st> } => s.st !== undefined)
      .map(({ sid, st }) => {
        const n = nodes[st.entrance];
        let best = 0;
        for (let i = 1; i < coords.length; i++) if (distanceKm(coords[i], [n.lon, n.lat]) < distanceKm(coords[best], [n.lon, n.lat])) best = i;
        return { sid, st, vertex: best };
      })
      .sort((a, b) => a.vertex - b.vertex);
    let previous: { platform: number; vertex: number } | null = null;
    for (const [k, { sid, st, vertex }] of stops.entries()) {
      const entrance = nodes[st.entrance];
      const platform = addNode({ kind: 'platform', lon: entrance.lon, lat: entrance.lat, ref: sid, line: p.id });
      addEdge({ from: st.entrance, to: platform, minutes: params.boardingMinutes, km: 0, mode: 'transfer', line: null, oneway: true, coordinates: [[entrance.lon, entrance.lat], [entrance.lon, entrance.lat]] });
      addEdge({ from: platform, to: st.entrance, minutes: params.alightingMinutes, km: 0, mode: 'transfer', line: null, oneway: true, coordinates: [[entrance.lon, entrance.lat], [entrance.lon, entrance.lat]] });
      for (const other of st.platforms.values())
        addEdge({ from: other, to: platform, minutes: params.transferMinutes, km: 0, mode: 'transfer', line: null, oneway: false, coordinates: [[entrance.lon, entrance.lat], [entrance.lon, entrance.lat]] });
      st.platforms.set(p.id, platform);
      if (previous && vertex > previous.vertex) {
        const course = coords.slice(previous.vertex, vertex + 1);
        const km = lineKm(course) * scale;
        // The section from the station before: the k-th station ends section k - 1.
        addEdge({ from: previous.platform, to: platform, minutes: (km / sectionSpeed(k - 1)) * 60, km, mode, line: p.id, oneway: false, coordinates: course });
      }
      previous = { platform, vertex };
    }
  }

  // Roads: nodes at vertices and every roadNodeSpacingKm between them.
  for (const road of live(source.roads)) {
    const p = road.properties;
    const mode = ROAD_MODES[p.kind];
    if (!mode || (road.geometry.type !== 'LineString' && road.geometry.type !== 'MultiLineString')) continue;
    const typical = mode === 'expressway' ? params.expresswaySpeedKmh : mode === 'fast_road' ? params.fastRoadSpeedKmh : params.trunkRoadSpeedKmh;
    // A road designed for less than the typical speed is driven at its design speed.
    const speedKmh = p.design_speed_kmh ? Math.min(p.design_speed_kmh, typical) : typical;
    const parts = road.geometry.type === 'LineString' ? [road.geometry.coordinates] : road.geometry.coordinates;
    const drawnKm = parts.reduce((k, part) => k + lineKm(part), 0);
    const { factor, publishedKm } = publishedScale(p.length_km, drawnKm, params.publishedRatioMax);
    const scale = publishedKm ? factor : params.schematicDetour;
    lines.push({ id: p.id, mode, speedKmh, publishedKm, drawnKm });
    for (const part of parts) {
      const dense = densify(part, params.roadNodeSpacingKm);
      chainStarts.push(streetNodes.length);
      let prev = -1;
      let minutes = 0;
      for (let i = 0; i < dense.length; i++) {
        const node = addNode({ kind: 'road', lon: dense[i][0], lat: dense[i][1], ref: p.id });
        if (prev >= 0) {
          const km = distanceKm(dense[i - 1], dense[i]) * scale;
          const edge = (km / speedKmh) * 60;
          addEdge({ from: prev, to: node, minutes: edge, km, mode, line: p.id, oneway: false, coordinates: [dense[i - 1], dense[i]] });
          minutes += edge;
        }
        streetNodes.push(node);
        along.push(minutes);
        prev = node;
      }
    }
  }

  // Junctions: a road node near a node of another road, or a station near a road, is joined to it by local road.
  const street = new StreetIndex(nodes, streetNodes, chainStarts, along);
  for (const i of streetNodes) {
    const a = nodes[i];
    for (const { node: j, km } of street.near([a.lon, a.lat], params.junctionKm)) {
      if (j <= i || nodes[j].ref === a.ref || nodes[j].side !== a.side) continue;
      const b = nodes[j];
      addEdge({ from: i, to: j, minutes: access(km), km: km * params.accessCircuity, mode: 'access', line: null, oneway: false, coordinates: [[a.lon, a.lat], [b.lon, b.lat]] });
    }
  }
  // A station farther than a junction from any road still has a local road to the nearest one.
  for (const [, st] of stations) {
    const e = nodes[st.entrance];
    const roads = street.near([e.lon, e.lat], params.accessMaxKm).filter((r) => nodes[r.node].kind === 'road' && nodes[r.node].side === e.side);
    if (roads.length === 0 || roads.some((r) => r.km <= params.junctionKm)) continue;
    const nearest = roads.reduce((a, b) => (a.km <= b.km ? a : b));
    const r = nodes[nearest.node];
    addEdge({ from: st.entrance, to: nearest.node, minutes: access(nearest.km), km: nearest.km * params.accessCircuity, mode: 'access', line: null, oneway: false, coordinates: [[e.lon, e.lat], [r.lon, r.lat]] });
  }

  // Places: terminal nodes with access legs to the street nodes around them.
  const placeNodes = new Map<string, number>();
  for (const place of source.places) {
    if (place.geometry.type !== 'Point') continue;
    const [lon, lat] = place.geometry.coordinates;
    const node = addNode({ kind: 'place', lon, lat, ref: place.properties.id });
    placeNodes.set(place.properties.id, node);
    for (const leg of accessLegs({ nodes, street, params, barrier }, [lon, lat])) {
      const s = nodes[leg.node];
      addEdge({ from: node, to: leg.node, minutes: leg.minutes, km: leg.km, mode: 'access', line: null, oneway: false, coordinates: [[lon, lat], [s.lon, s.lat]] });
    }
  }

  return { year, params, nodes, edges, lines, placeNodes, street, barrier, ...adjacency(nodes.length, edges) };
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

/** Splits segments longer than `spacingKm` so that a road can be joined along its length. */
function densify(line: readonly number[][], spacingKm: number): number[][] {
  const out: number[][] = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1], line[i]];
    const pieces = Math.max(1, Math.ceil(distanceKm(a, b) / spacingKm));
    for (let k = 1; k <= pieces; k++) out.push([a[0] + ((b[0] - a[0]) * k) / pieces, a[1] + ((b[1] - a[1]) * k) / pieces]);
  }
  return out;
}

function adjacency(n: number, edges: readonly NetworkEdge[]) {
  const degree = new Int32Array(n + 1);
  for (const e of edges) {
    degree[e.from + 1]++;
    if (!e.oneway) degree[e.to + 1]++;
  }
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  const adjStart = degree.slice();
  const fill = degree.slice(0, n);
  const m = adjStart[n];
  const adjTo = new Int32Array(m);
  const adjEdge = new Int32Array(m);
  const adjMinutes = new Float64Array(m);
  edges.forEach((e, k) => {
    const put = (from: number, to: number) => {
      const at = fill[from]++;
      adjTo[at] = to;
      adjEdge[at] = k;
      adjMinutes[at] = e.minutes;
    };
    put(e.from, e.to);
    if (!e.oneway) put(e.to, e.from);
  });
  return { adjStart, adjTo, adjEdge, adjMinutes };
}
