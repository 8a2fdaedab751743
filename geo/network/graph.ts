/**
 * What a network is: its nodes and timed edges in compressed rows, the lines it was made of, and the
 * street nodes indexed for local-road legs. geo/network/build.ts makes one for a year; access.ts
 * joins it from anywhere; route.ts searches it.
 */
import { distanceKm, KM_PER_DEGREE, kmPerDegreeLon, type LonLat } from '../geodesy.ts';
import type { Barrier } from './barrier.ts';
import type { Mode, NetworkParams } from './params.ts';
import type { Scenario } from './scenario.ts';

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
  /** The lines added to and removed from the year's network. */
  scenario: Scenario;
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
  private readonly buckets: Map<string, number[]> = new Map();
  static readonly CELL = 0.25;

  /**
   * @param nodes - the network's nodes
   * @param members - the street nodes, chain after chain, each in order along it
   * @param chainStarts - where each chain begins in `members`, ascending from 0
   * @param along - for each member, the minutes from its chain's first node
   * @param buckets - the members by cell, when already known (`only`)
   */
  constructor(
    readonly nodes: readonly NetworkNode[],
    readonly members: readonly number[],
    readonly chainStarts: readonly number[],
    readonly along: readonly number[],
    buckets?: Map<string, number[]>,
  ) {
    if (buckets) {
      this.buckets = buckets;
      return;
    }
    for (const i of members) {
      const key = StreetIndex.key(nodes[i].lon, nodes[i].lat);
      const b = this.buckets.get(key);
      if (b) b.push(i);
      else this.buckets.set(key, [i]);
    }
  }

  /**
   * The index of some chains only: those whose first node `keep` accepts (a chain is kept or dropped whole).
   *
   * @param keep - whether a chain's first node, and so the chain, stays
   * @returns a smaller index over the same nodes
   * @example
   * net.street.only((node) => on[node] === 1);
   */
  only(keep: (node: number) => boolean): StreetIndex {
    const members: number[] = [];
    const chainStarts: number[] = [];
    const along: number[] = [];
    const kept = new Uint8Array(this.nodes.length);
    for (let c = 0; c < this.chainStarts.length; c++) {
      const [a, b] = [this.chainStarts[c], this.chainStarts[c + 1] ?? this.members.length];
      if (!keep(this.members[a])) continue;
      chainStarts.push(members.length);
      for (let i = a; i < b; i++) {
        members.push(this.members[i]);
        along.push(this.along[i]);
        kept[this.members[i]] = 1;
      }
    }
    const buckets = new Map<string, number[]>();
    for (const [key, b] of this.buckets) {
      const left = b.filter((i) => kept[i]);
      if (left.length) buckets.set(key, left);
    }
    return new StreetIndex(this.nodes, members, chainStarts, along, buckets);
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
    const dLat = km / KM_PER_DEGREE / StreetIndex.CELL;
    const dLon = km / kmPerDegreeLon(p[1]) / StreetIndex.CELL;
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
