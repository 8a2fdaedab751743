/**
 * The routable network of a year: the rail lines and roads operating then,
 * as a graph of nodes and timed edges. Rail is boarded and left only at its
 * stations; roads and stations are reached from anywhere by access legs.
 */
import type { AtlasFeature } from '../bundle.ts';
import { operatesIn } from '../lifecycle.ts';
import { distanceKm, lineKm, type LonLat } from '../geodesy.ts';
import type { ThematicProps } from '../schema.ts';
import { accessLegs, accessMinutes } from './access.ts';
import { BARRIER_RIVERS, barrierOf, NO_BARRIER, type Barrier } from './barrier.ts';
import { StreetIndex, type Network, type NetworkEdge, type NetworkLine, type NetworkNode } from './graph.ts';
import { DEFAULT_PARAMS, type Mode, type NetworkParams } from './params.ts';
import { inScenario, NO_SCENARIO, type Scenario } from './scenario.ts';

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
 * @param scenario - lines added as if complete and lines removed (geo/network/scenario.ts; the caller checks it)
 * @returns the network, ready to route on
 * @example
 * const net = buildNetwork({ rail, roads, places }, 2027, withParams());
 * const more = buildNetwork({ rail, roads, places }, 2027, withParams(), { with: ['kai-wan-liang-expressway'], without: [] });
 */
export function buildNetwork(source: NetworkSource, year: number, params: NetworkParams, scenario: Scenario = NO_SCENARIO): Network {
  return assemble(source, year, params, scenario, false).net;
}

/**
 * A station's possible local roads to the nearest road (geo/network/switch.ts chooses among them):
 * which one a network has depends on which roads are in it.
 */
export interface StationLinks {
  /** The station's entrance node. */
  entrance: number;
  /** The roads with a node within a junction of it: while any of them is in, it has no such link. */
  junctionRefs: string[];
  /** Per road within reach, the edge to its nearest node: nearest first, ties in the order the builder meets them. */
  candidates: { edge: number; ref: string }[];
}

/**
 * Builds a network; with `candidates`, every station gets an edge to the nearest node of every road
 * within reach instead of only to the nearest road's (what geo/network/switch.ts switches between).
 *
 * @param source - the layers
 * @param year - the year
 * @param params - the model's parameters
 * @param scenario - the lines added and removed
 * @param candidates - whether to add every candidate station link
 * @returns the network, and each station's links when `candidates`
 * @example
 * assemble(source, 2027, withParams(), { with: projects, without: [] }, true).links.length;
 */
export function assemble(source: NetworkSource, year: number, params: NetworkParams, scenario: Scenario, candidates: boolean): { net: Network; links: StationLinks[] } {
  const links: StationLinks[] = [];
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

  // Lines of the scenario; stations by their own record (a station opens with its first line, below).
  const live = (fs: readonly AtlasFeature[]) => fs.filter((f) => (f.geometry.type === 'Point' ? operatesIn(f.properties as ThematicProps, year) : inScenario(f.properties as ThematicProps, year, scenario))) as (AtlasFeature & { properties: ThematicProps })[];

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
    const link = (nearest: { node: number; km: number }) => {
      const r = nodes[nearest.node];
      return addEdge({ from: st.entrance, to: nearest.node, minutes: access(nearest.km), km: nearest.km * params.accessCircuity, mode: 'access', line: null, oneway: false, coordinates: [[e.lon, e.lat], [r.lon, r.lat]] }) - 1;
    };
    if (candidates) {
      // Each road's nearest node (the first of equals, as the reduce below keeps), then the roads nearest first, equals in the order met.
      const best = new Map<string, { node: number; km: number; at: number }>();
      roads.forEach((r, at) => {
        const seen = best.get(nodes[r.node].ref);
        if (!seen || r.km < seen.km) best.set(nodes[r.node].ref, { ...r, at });
      });
      const byKm = [...best.values()].sort((a, b) => a.km - b.km || a.at - b.at);
      const junctionRefs = [...new Set(roads.filter((r) => r.km <= params.junctionKm).map((r) => nodes[r.node].ref))];
      links.push({ entrance: st.entrance, junctionRefs, candidates: byKm.map((r) => ({ edge: link(r), ref: nodes[r.node].ref })) });
      continue;
    }
    if (roads.length === 0 || roads.some((r) => r.km <= params.junctionKm)) continue;
    link(roads.reduce((a, b) => (a.km <= b.km ? a : b)));
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

  return { net: { year, params, scenario, nodes, edges, lines, placeNodes, street, barrier, ...adjacency(nodes.length, edges) }, links };
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
