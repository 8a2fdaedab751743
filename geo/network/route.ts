/**
 * Shortest travel times on a network (Dijkstra with a binary heap), and the
 * route behind a time: the modes, lines and kilometres of each leg.
 */
import type { Network } from './graph.ts';
import type { Mode } from './params.ts';

/** Times from a set of sources to every node. */
export interface Tree {
  /** Minutes to each node (Infinity where it cannot be reached within the bound). */
  minutes: Float64Array;
  /** The edge each node was reached by (-1 for sources and unreached nodes). */
  via: Int32Array;
  /** The node each node was reached from. */
  parent: Int32Array;
}

/**
 * Travel times from some starting nodes, each with a head start.
 *
 * Place nodes are passed through like any other: a town's streets join the
 * roads that meet there.
 *
 * @param net - the network
 * @param sources - start nodes and the minutes already spent reaching them
 * @param maxMinutes - stop exploring beyond this time
 * @param allowed - when given, only the edges (by index) it accepts are taken
 * @returns times, and the edges that reached each node
 * @example
 * const tree = shortestTimes(net, [{ node: net.placeNodes.get('wanzhou')!, minutes: 0 }]);
 */
export function shortestTimes(net: Network, sources: readonly { node: number; minutes: number }[], maxMinutes = Infinity, allowed?: (edge: number) => boolean): Tree {
  const n = net.nodes.length;
  const minutes = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  for (const s of sources) {
    if (s.minutes < minutes[s.node]) {
      minutes[s.node] = s.minutes;
      heap.push(s.node, s.minutes);
    }
  }
  while (heap.size > 0) {
    const [u, t] = heap.pop();
    if (t > minutes[u] || t > maxMinutes) continue;
    for (let k = net.adjStart[u]; k < net.adjStart[u + 1]; k++) {
      if (allowed && !allowed(net.adjEdge[k])) continue;
      const v = net.adjTo[k];
      const tv = t + net.adjMinutes[k];
      if (tv < minutes[v]) {
        minutes[v] = tv;
        via[v] = net.adjEdge[k];
        parent[v] = u;
        heap.push(v, tv);
      }
    }
  }
  return { minutes, via, parent };
}

/** One leg of a route: consecutive edges of one mode on one line. */
export interface Leg {
  mode: Mode;
  line: string | null;
  km: number;
  minutes: number;
  /** Its course, from where it starts to where it ends: the lines' drawn courses, straight for local-road legs. */
  coordinates: number[][];
}

/** A piece a route is folded from: an edge, or a leg off the network. */
type Piece = Omit<Leg, 'coordinates'> & { coordinates?: readonly number[][] };

/** A route: the legs from a source to a node. */
export interface Route {
  minutes: number;
  km: number;
  legs: Leg[];
  /** The rail lines and roads used, in order. */
  lines: string[];
  /** The modes used, in order, without repeats. */
  modes: Mode[];
}

/**
 * The route that reached a node, as legs (boarding and transfers folded into the next leg's time).
 *
 * @param net - the network
 * @param tree - a result of `shortestTimes`
 * @param node - the destination node
 * @returns the route, or null when the node was not reached
 * @example
 * routeTo(net, tree, net.placeNodes.get('dazhou')!)?.lines; // ['changwan-expressway-g42', 'wanda-direct-expressway', …]
 */
export function routeTo(net: Network, tree: Tree, node: number): Route | null {
  if (!Number.isFinite(tree.minutes[node])) return null;
  const pieces: Piece[] = [];
  for (let v = node; tree.via[v] >= 0; v = tree.parent[v]) {
    const e = net.edges[tree.via[v]];
    // An edge taken from its `to` end runs backwards along its course.
    pieces.push(e.to === v ? e : { ...e, coordinates: [...e.coordinates].reverse() });
  }
  return asRoute(tree.minutes[node], pieces.reverse());
}

/**
 * Folds a sequence of edges or legs into a route: consecutive pieces of one mode
 * on one line become one leg; transfers, and the zero-length joins where
 * schematic roads share a vertex, add their minutes to the next leg.
 *
 * @param minutes - the route's total time
 * @param pieces - edges or legs, in order
 * @returns the route
 * @example
 * asRoute(42, [accessLeg, ...edges, accessLeg]);
 */
export function asRoute(minutes: number, pieces: readonly Piece[]): Route {
  const legs: Leg[] = [];
  let carried = 0;
  for (const e of pieces) {
    if (e.mode === 'transfer' || e.km < 0.05) {
      carried += e.minutes;
      continue;
    }
    const last = legs[legs.length - 1];
    const course = e.coordinates ?? [];
    if (last && last.mode === e.mode && last.line === e.line) {
      last.km += e.km;
      last.minutes += e.minutes + carried;
      // Consecutive edges share their joining vertex: it is written once.
      const end = last.coordinates[last.coordinates.length - 1];
      last.coordinates.push(...(end && course[0] && end[0] === course[0][0] && end[1] === course[0][1] ? course.slice(1) : course));
    } else legs.push({ mode: e.mode, line: e.line, km: e.km, minutes: e.minutes + carried, coordinates: [...course] });
    carried = 0;
  }
  if (carried > 0 && legs.length > 0) legs[legs.length - 1].minutes += carried;
  const lines = legs.flatMap((l) => (l.line ? [l.line] : []));
  const modes = legs.map((l) => l.mode).filter((m, i, all) => i === 0 || all[i - 1] !== m);
  return { minutes, km: legs.reduce((s, l) => s + l.km, 0), legs, lines: [...new Set(lines)], modes };
}

/** A binary min-heap of (node, key) pairs; stale entries are skipped by the caller. */
class MinHeap {
  private nodes: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(node: number, key: number): void {
    const { nodes, keys } = this;
    let i = nodes.length;
    nodes.push(node);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      nodes[i] = nodes[p];
      keys[i] = keys[p];
      i = p;
    }
    nodes[i] = node;
    keys[i] = key;
  }

  pop(): [number, number] {
    const { nodes, keys } = this;
    const top: [number, number] = [nodes[0], keys[0]];
    const lastNode = nodes.pop()!;
    const lastKey = keys.pop()!;
    const n = nodes.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= lastKey) break;
        nodes[i] = nodes[c];
        keys[i] = keys[c];
        i = c;
      }
      nodes[i] = lastNode;
      keys[i] = lastKey;
    }
    return top;
  }
}
