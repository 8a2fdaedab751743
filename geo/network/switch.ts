/**
 * One network for many scenarios: a year's network built once with every project of a set in it,
 * each scenario (some of those projects added) then a view of it with the other projects switched
 * off, instead of a network rebuilt per scenario. A view routes exactly as the rebuilt network does
 * (tests/geo/impact.test.ts compares them): what the builder derives from the set of lines is
 * switched with the lines. A project's road nodes and platforms, and a station that only a project
 * serves, are off with it, and so is every edge to one of them (rides, boarding, transfers, junctions,
 * places' access legs: each depends on its two ends only) and the street index's chains of them. A
 * station far from any road has a local road to the nearest road of the scenario: every candidate is
 * built, and the view keeps the one the builder would have chosen.
 *
 * A view shares the union's nodes and `edges` (indices, for routes); only its adjacency and street
 * index are its own. Exports need the scenario's real edges: build those (`buildNetwork`).
 */
import { operatesIn } from '../lifecycle.ts';
import type { ThematicProps } from '../schema.ts';
import { assemble, type NetworkSource, type StationLinks } from './build.ts';
import type { Network } from './graph.ts';
import type { NetworkParams } from './params.ts';
import type { Scenario } from './scenario.ts';

/** A network of every project of a set, and its views. */
export interface SwitchableNetwork {
  /** Every project in: the union the views switch edges off in (with every candidate station link). */
  union: Network;
  /**
   * The network of a scenario that adds some of the projects (and removes nothing).
   *
   * @param scenario - `with` a subset of the projects, `without` empty
   * @returns a network that routes as `buildNetwork(source, year, params, scenario)` does
   */
  view(scenario: Scenario): Network;
}

/**
 * Builds the union of a year's network and some projects, to switch them on and off.
 *
 * @param source - the layers
 * @param year - the year
 * @param params - the model's parameters
 * @param projects - lines not in the year's network that the model can add (the caller checks)
 * @returns the union and its views
 * @example
 * const sw = switchableNetwork(source, 2027, withParams(), ['kai-wan-liang-expressway']);
 * travelMatrix(sw.view({ with: ['kai-wan-liang-expressway'], without: [] }), seats);
 */
export function switchableNetwork(source: NetworkSource, year: number, params: NetworkParams, projects: readonly string[]): SwitchableNetwork {
  const { net: union, links } = assemble(source, year, params, { with: projects, without: [] }, true);
  const project = new Set(projects);
  // A station that operates on its own record, or that a line of the year serves, is always there; else it opens with a project serving it.
  const servedBy = new Map<string, string[]>();
  const always = new Set<string>();
  for (const f of source.rail) {
    const p = f.properties as ThematicProps;
    if (f.geometry.type === 'Point') {
      if (p.kind === 'station' && operatesIn(p, year)) always.add(p.id);
      continue;
    }
    if (!project.has(p.id) && !operatesIn(p, year)) continue;
    for (const s of p.stations ?? []) {
      if (!project.has(p.id)) always.add(s);
      else servedBy.set(s, [...(servedBy.get(s) ?? []), p.id]);
    }
  }
  // What each node needs: nothing (-1 in `needs`), one project (its index), or one of several (a station's list).
  const index = new Map(projects.map((id, k) => [id, k]));
  const needs = new Int32Array(union.nodes.length).fill(-1);
  const needsAny = new Map<number, number[]>();
  union.nodes.forEach((n, i) => {
    if (n.kind === 'road' && index.has(n.ref)) needs[i] = index.get(n.ref)!;
    else if (n.kind === 'platform' && index.has(n.line!)) needs[i] = index.get(n.line!)!;
    else if (n.kind === 'station' && !always.has(n.ref)) needsAny.set(i, (servedBy.get(n.ref) ?? []).map((id) => index.get(id)!));
  });
  const linkEdges = new Uint8Array(union.edges.length);
  for (const l of links) for (const c of l.candidates) linkEdges[c.edge] = 1;

  return {
    union,
    view(scenario) {
      if (scenario.without.length || scenario.with.some((id) => !project.has(id))) throw new Error('a view adds some of its projects and removes nothing');
      const on = new Uint8Array(projects.length);
      for (const id of scenario.with) on[index.get(id)!] = 1;
      const nodeOn = Uint8Array.from(needs, (k) => (k < 0 || on[k] ? 1 : 0));
      for (const [i, any] of needsAny) nodeOn[i] = any.some((k) => on[k]) ? 1 : 0;
      const edgeOn = Uint8Array.from(union.edges, (e, k) => (!linkEdges[k] && nodeOn[e.from] && nodeOn[e.to] ? 1 : 0));
      for (const l of links) {
        const edge = linkFor(l, nodeOn[l.entrance] === 1, (ref) => !index.has(ref) || on[index.get(ref)!] === 1);
        if (edge >= 0) edgeOn[edge] = 1;
      }
      const street = union.street.only((node) => nodeOn[node] === 1);
      const lines = union.lines.filter((l) => !index.has(l.id) || on[index.get(l.id)!]);
      return { ...union, scenario, lines, street, ...arcsOf(union, edgeOn) };
    },
  };
}

/** The station link a scenario has: none when the station is closed or a road of it passes within a junction, else the nearest road's. */
function linkFor(l: StationLinks, open: boolean, roadOn: (ref: string) => boolean): number {
  if (!open || l.junctionRefs.some(roadOn)) return -1;
  return l.candidates.find((c) => roadOn(c.ref))?.edge ?? -1;
}

/** The union's adjacency less the arcs of the edges switched off (edge indices kept). */
function arcsOf(net: Network, edgeOn: Uint8Array): Pick<Network, 'adjStart' | 'adjTo' | 'adjEdge' | 'adjMinutes'> {
  const n = net.nodes.length;
  const adjStart = new Int32Array(n + 1);
  let m = 0;
  for (let u = 0; u < n; u++) {
    adjStart[u] = m;
    for (let k = net.adjStart[u]; k < net.adjStart[u + 1]; k++) if (edgeOn[net.adjEdge[k]]) m++;
  }
  adjStart[n] = m;
  const adjTo = new Int32Array(m);
  const adjEdge = new Int32Array(m);
  const adjMinutes = new Float64Array(m);
  let at = 0;
  for (let k = 0; k < net.adjTo.length; k++)
    if (edgeOn[net.adjEdge[k]]) {
      adjTo[at] = net.adjTo[k];
      adjEdge[at] = net.adjEdge[k];
      adjMinutes[at++] = net.adjMinutes[k];
    }
  return { adjStart, adjTo, adjEdge, adjMinutes };
}
