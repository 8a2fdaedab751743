/**
 * What each project of the plan does to the one-hour circle: every line under construction, planned
 * or proposed in a year, added on its own to that year's network, then all of them at once ("the plan
 * complete"), and each one's marginal value (what the complete plan loses without it). The measure is
 * the circle's (geo/reach/circle.ts): the slower direction of each pair of seats, and the km² of each
 * place within the threshold of the other seats.
 */
import type { AtlasFeature } from '../bundle.ts';
import type { Status } from '../layers.ts';
import { statusIn } from '../lifecycle.ts';
import type { Network } from '../network/graph.ts';
import { isLine, unusableReason, type Scenario, type UnusableReason } from '../network/scenario.ts';
import type { ThematicProps } from '../schema.ts';
import { accessLegs, timeTo } from '../network/access.ts';
import type { Tree } from '../network/route.ts';
import { reachFrom } from '../network/trip.ts';
import { cellsWithin, districtCells, nearOf, type CirclePlace } from './circle.ts';
import { timeField } from './field.ts';

/** The circle of one network, as the impact compares it. */
export interface CircleMeasure {
  /** The slower direction of each pair i < j, in the circle's order, to 0.1 min (null when unreachable). */
  pairs: (number | null)[];
  /** Per place, its district's cells within the threshold of another seat (nearCells). */
  near: Uint8Array[];
}

/** What a change of network does to the circle. */
export interface CircleEffect {
  /** Per pair: minutes before and after, minutes saved (null when either is unreachable), and whether it comes within the threshold. */
  pairs: { from: string; to: string; before: number | null; after: number | null; saved: number | null; now_within: boolean }[];
  /** The sum and the largest of the pairs' savings. */
  saved_sum: number;
  saved_max: number;
  /** How many pairs come within the threshold. */
  now_within: number;
  /** km² of the places newly within the threshold of another seat, in all and per place. */
  area_km2: number;
  districts: { id: string; area_km2: number }[];
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/**
 * Fields already measured, per seat, for networks that share their nodes (the views of one
 * geo/network/switch.ts union): a seat whose times to the road and station nodes within the
 * threshold are those of a field already measured has that field's cells again.
 */
export interface FieldMemo {
  nodes?: object;
  byKey: Map<string, { spots: Float64Array; within: Uint8Array[] }>;
}

/** A new, empty memo for `measureCircle`. */
export const fieldMemo = (): FieldMemo => ({ byKey: new Map() });

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** What a seat's field depends on: the road and station nodes reached within the threshold, and when (node, minutes pairs). */
function spotsOf(net: Network, tree: Tree, minutes: number): { spots: Float64Array; hash: number } {
  const { minutes: times } = tree;
  let count = 0;
  for (let i = 0; i < times.length; i++) if (times[i] < minutes) count++;
  const out = new Float64Array(2 * count);
  let at = 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!(t < minutes)) continue;
    const kind = net.nodes[i].kind;
    if (kind !== 'road' && kind !== 'station') continue;
    out[at++] = i;
    out[at++] = t;
    bits[0] = t;
    hash = Math.imul(hash ^ i, 0x01000193);
    hash = Math.imul(hash ^ words[0], 0x01000193);
    hash = Math.imul(hash ^ words[1], 0x01000193);
  }
  return { spots: out.subarray(0, at), hash: hash >>> 0 };
}

const sameSpots = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The circle's measures on a network: one unbounded search per seat gives both the pairs (as
 * `travelMatrix`) and the seat's field (as `nearCells`: the times within the threshold are the bounded search's).
 *
 * @param net - the network (a year's, or a scenario's)
 * @param places - the four seats with their districts
 * @param minutes - the threshold
 * @param memo - fields measured before on networks with the same nodes, reused where a seat's times are the same
 * @returns the pairs' minutes and the cells near another seat
 * @example
 * measureCircle(net2027, fourPlaces, 60).pairs; // six pairs
 */
export function measureCircle(net: Network, places: readonly CirclePlace[], minutes: number, memo: FieldMemo = fieldMemo()): CircleMeasure {
  if (memo.nodes !== net.nodes) [memo.nodes, memo.byKey] = [net.nodes, new Map()];
  const legs = places.map((p) => accessLegs(net, p.lonLat));
  const reached = places.map((p, i) => reachFrom(net, p, Infinity, legs[i]));
  const rounded = (i: number, j: number) => {
    const t = timeTo(net, places[i].lonLat, reached[i].tree, places[j].lonLat, legs[j]).minutes;
    return Number.isFinite(t) ? Math.round(t * 10) / 10 : null;
  };
  const pairs: (number | null)[] = [];
  for (let i = 0; i < places.length; i++)
    for (let j = i + 1; j < places.length; j++) {
      const [a, b] = [rounded(i, j), rounded(j, i)];
      pairs.push(a === null || b === null ? null : Math.max(a, b));
    }
  const within = reached.map((r, k) => {
    const { spots, hash } = spotsOf(net, r.tree, minutes);
    const key = `${k}|${minutes}|${hash}`;
    const seen = memo.byKey.get(key);
    if (seen && sameSpots(seen.spots, spots)) return seen.within;
    const fresh = cellsWithin(timeField(net, r, minutes), places, k, minutes);
    memo.byKey.set(key, { spots, within: fresh });
    return fresh;
  });
  return { pairs, near: nearOf(within) };
}

/**
 * What changes from one network's circle to another's: minutes saved (negative when slower), pairs
 * newly within the threshold, and the area newly within it (cells within after and not before).
 *
 * @param before - the measure without the change
 * @param after - the measure with it
 * @param places - the places both were measured for
 * @param minutes - the threshold
 * @returns the effect
 * @example
 * circleEffect(measureCircle(base, p, 60), measureCircle(withLine, p, 60), p, 60).saved_sum;
 */
export function circleEffect(before: CircleMeasure, after: CircleMeasure, places: readonly CirclePlace[], minutes: number): CircleEffect {
  const pairs: CircleEffect['pairs'] = [];
  let k = 0;
  for (let i = 0; i < places.length; i++)
    for (let j = i + 1; j < places.length; j++, k++) {
      const [b, a] = [before.pairs[k], after.pairs[k]];
      const within = (x: number | null) => x !== null && x <= minutes;
      pairs.push({ from: places[i].id, to: places[j].id, before: b, after: a, saved: b === null || a === null ? null : tenth(b - a), now_within: within(a) && !within(b) });
    }
  const districts = places.map((p, i) => {
    const { km2 } = districtCells(p.district);
    let area = 0;
    after.near[i].forEach((x, c) => {
      if (x && !before.near[i][c]) area += km2[c];
    });
    return { id: p.id, area_km2: Math.round(area) };
  });
  const savings = pairs.map((p) => p.saved ?? 0);
  return {
    pairs,
    saved_sum: tenth(savings.reduce((a, b) => a + b, 0)),
    saved_max: tenth(Math.max(0, ...savings)),
    now_within: pairs.filter((p) => p.now_within).length,
    area_km2: districts.reduce((a, d) => a + d.area_km2, 0),
    districts,
  };
}

/** The impact of each project, the plan complete, and each project's marginal value. */
export interface ProjectImpacts {
  base: CircleMeasure;
  /** Per project id: what it adds on its own to the year's network. */
  alone: Map<string, CircleEffect>;
  /** Every project at once, against the year's network. */
  complete: CircleEffect;
  /** Per project id: what the complete plan loses without it (the effect of adding it last). */
  marginal: Map<string, CircleEffect>;
}

/**
 * Measures every project alone, all together, and each one last.
 *
 * @param options.network - the network of a scenario of the year (built or reused by the caller)
 * @param options.projects - the usable projects' ids
 * @param options.places - the four seats with their districts
 * @param options.minutes - the threshold
 * @returns the measures (2 × projects + 2 networks)
 * @example
 * projectImpacts({ network: (s) => analyses.network(2027, {}, s), projects: ['kai-wan-liang-expressway'], places, minutes: 60 });
 */
export function projectImpacts(options: { network: (scenario: Scenario) => Network; projects: readonly string[]; places: readonly CirclePlace[]; minutes: number }): ProjectImpacts {
  const { network, projects, places, minutes } = options;
  const memo = fieldMemo();
  const measure = (scenario: Scenario) => measureCircle(network(scenario), places, minutes, memo);
  const effect = (before: CircleMeasure, after: CircleMeasure) => circleEffect(before, after, places, minutes);
  const base = measure({ with: [], without: [] });
  const all = measure({ with: [...projects], without: [] });
  const alone = new Map(projects.map((id) => [id, effect(base, measure({ with: [id], without: [] }))]));
  const marginal = new Map(projects.map((id) => [id, effect(measure({ with: projects.filter((p) => p !== id), without: [] }), all)]));
  return { base, alone, complete: effect(base, all), marginal };
}

/** The statuses of a project: what a year's network does not yet have. */
export const PROJECT_STATUSES: readonly Status[] = ['under_construction', 'planned', 'proposed'];

/** A project of a year: a rail line or road under construction, planned or proposed then. */
export interface Project {
  feature: AtlasFeature;
  status: Status;
  /** Whether that status is only a plan's expectation. */
  expected: boolean;
  /** Why the model cannot add it, or null when it can. */
  unusable: UnusableReason | null;
}

/**
 * The projects of a year, in the layers' order.
 *
 * @param lines - the rail and roads layers' features
 * @param year - the year
 * @returns each line under construction, planned or proposed then, with whether the model can add it
 * @example
 * projectsOf([...rail, ...roads], 2027).filter((p) => !p.unusable).length;
 */
export function projectsOf(lines: readonly AtlasFeature[], year: number): Project[] {
  return lines.flatMap((feature) => {
    if (!isLine(feature)) return [];
    const s = statusIn(feature.properties as ThematicProps, year);
    return s && PROJECT_STATUSES.includes(s.status) ? [{ feature, status: s.status, expected: s.expected, unusable: unusableReason(feature) }] : [];
  });
}
