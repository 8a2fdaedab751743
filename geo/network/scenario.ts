/**
 * A scenario: a year's network with some rail lines or roads added as if complete (`with`) and some
 * removed (`without`). What the model can add, why it cannot add the rest, and what a scenario may
 * ask (`scenarioProblem`): the analyses refuse the rest with the parameter named.
 */
import type { AtlasFeature } from '../bundle.ts';
import { operatesIn } from '../lifecycle.ts';
import type { ThematicProps } from '../schema.ts';

/** Lines added to (`with`) and removed from (`without`) a year's network, ids sorted and unique. */
export interface Scenario {
  with: readonly string[];
  without: readonly string[];
}

/** The year's own network. */
export const NO_SCENARIO: Scenario = Object.freeze({ with: [], without: [] });

/** The road kinds the model times (geo/network/build.ts's modes). */
export const TIMED_ROAD_KINDS: readonly string[] = ['expressway', 'fast_road', 'trunk_road', 'bridge'];
/** The rail kinds the model times. */
export const TIMED_RAIL_KINDS: readonly string[] = ['high_speed_rail', 'conventional_rail'];

/** Why the model cannot put a line in a network. */
export type UnusableReason = 'no_course' | 'no_stations' | 'no_speed';

/** Each reason in both languages, as the impact answer lists it. */
export const UNUSABLE_TEXT: Record<UnusableReason, { zh: string; en: string }> = {
  no_course: { zh: '无公布线位', en: 'no published course' },
  no_stations: { zh: '无公布车站，无法上下车', en: 'no published stations: no train can be boarded' },
  no_speed: { zh: '无可用的长度或速度', en: 'no length or speed the model can time' },
};

type Line = AtlasFeature & { properties: ThematicProps };

/**
 * Whether the model can time a rail line or road, and if not why.
 *
 * @param line - a feature of the rail or roads layer that is not a station
 * @returns null when usable, else the reason
 * @example
 * unusableReason(wanqianHsr); // 'no_stations'
 */
export function unusableReason(line: AtlasFeature): UnusableReason | null {
  const p = line.properties as ThematicProps;
  const g = line.geometry as { type: string; coordinates: unknown[] } | null;
  const rail = TIMED_RAIL_KINDS.includes(p.kind);
  if (!g || (g.type !== 'LineString' && !(g.type === 'MultiLineString' && !rail)) || g.coordinates.length < 2) return 'no_course';
  if (!rail && !TIMED_ROAD_KINDS.includes(p.kind)) return 'no_speed';
  if (rail && (p.stations?.length ?? 0) < 2) return 'no_stations';
  return null;
}

/**
 * Whether a line is in a scenario's network of a year: operating then and not removed, or added.
 *
 * @param props - the line's properties
 * @param year - the year
 * @param scenario - the scenario
 * @returns true when the network has it
 * @example
 * inScenario(line.properties, 2027, { with: ['kai-wan-liang-expressway'], without: [] });
 */
export function inScenario(props: ThematicProps, year: number, scenario: Scenario): boolean {
  if (scenario.with.includes(props.id)) return true;
  return operatesIn(props, year) && !scenario.without.includes(props.id);
}

/** A scenario the model refuses: which parameter, and why. */
export interface ScenarioProblem {
  param: 'with' | 'without';
  message: string;
}

/**
 * What is wrong with a scenario for a year, if anything: an unknown id, an id that is not a rail
 * line or road, a line the model cannot time, an id in both lists, a `with` of a line already in the
 * year's network, a `without` of one not in it. (`with` of a line already there is refused rather
 * than ignored, as `without` of one not there is: a scenario says exactly what it changes.)
 *
 * @param lines - the rail and roads layers' features, by id
 * @param year - the year of the network
 * @param scenario - the scenario asked for
 * @returns the first problem, or null
 * @example
 * scenarioProblem(byId, 2027, { with: ['atlantis'], without: [] })?.message; // 'unknown line "atlantis"; …'
 */
export function scenarioProblem(lines: ReadonlyMap<string, AtlasFeature>, year: number, scenario: Scenario): ScenarioProblem | null {
  const both = scenario.without.find((id) => scenario.with.includes(id));
  if (both !== undefined) return { param: 'without', message: `"${both.slice(0, 40)}" is in both with and without; give it in one` };
  for (const param of ['with', 'without'] as const)
    for (const id of scenario[param]) {
      const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
      const f = lines.get(id);
      if (!f) return { param, message: `unknown line "${shown}"; give the ids of rail lines or roads (GET /api/impact lists the projects)` };
      const p = f.properties as ThematicProps;
      if (f.geometry?.type === 'Point') return { param, message: `"${shown}" is a ${p.kind ?? 'point'}, not a rail line or road` };
      const operates = operatesIn(p, year);
      if (param === 'with' && operates) return { param, message: `"${shown}" is already in the ${year} network (it operates then); nothing to add` };
      if (param === 'without' && !operates) return { param, message: `"${shown}" is not in the ${year} network (it does not operate then); nothing to remove` };
      const reason = unusableReason(f);
      if (param === 'with' && reason) return { param, message: `"${shown}" cannot be added: ${UNUSABLE_TEXT[reason].en}` };
    }
  return null;
}

/**
 * A scenario's key for caches and labels: `+a+b-c`, or '' for none.
 *
 * @param scenario - the scenario
 * @returns the key
 * @example
 * scenarioKey({ with: ['a', 'b'], without: ['c'] }); // '+a+b-c'
 */
export const scenarioKey = (scenario: Scenario): string => [...scenario.with].sort().map((id) => `+${id}`).join('') + [...scenario.without].sort().map((id) => `-${id}`).join('');

/**
 * Whether a line id is a timed line of the rail or roads layer (not a station).
 *
 * @param f - a feature
 * @returns true for a rail line or road
 * @example
 * isLine(stationFeature); // false
 */
export const isLine = (f: AtlasFeature): f is Line => f.geometry?.type !== 'Point';
