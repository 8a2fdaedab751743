/**
 * What a reach lists as within its bands under a scenario: the year's map, with the lines a scenario
 * adds (and the stations they serve) put on it, and the lines it takes out (and the stations only
 * they serve) taken off, so that the list names what the network the bands were drawn on has.
 */
import type { AtlasFeature } from '../bundle.ts';
import type { LayerId } from '../layers.ts';
import type { Scenario } from '../network/scenario.ts';
import type { ThematicProps } from '../schema.ts';

/** The features to list, by layer. */
export type ListedLayers = Partial<Record<LayerId, AtlasFeature[]>>;

const propsOf = (f: AtlasFeature) => f.properties as ThematicProps;

/**
 * The layers of a year's map changed by a scenario.
 *
 * @param ofYear - each listed layer's features on the map of the year (geo/filter.ts)
 * @param all - each layer's every feature, for what a scenario adds that the year's map has not
 * @param scenario - the lines added (`with`) and removed (`without`)
 * @returns the layers to list: the same arrays when the scenario changes none of them
 * @example
 * layersOfScenario({ rail: rail2023 }, { rail: allRail }, { with: ['zhengwan-hsr'], without: [] }).rail; // with 郑万高铁 and its stations
 */
export function layersOfScenario(ofYear: ListedLayers, all: Partial<Record<LayerId, readonly AtlasFeature[]>>, scenario: Scenario): ListedLayers {
  if (!scenario.with.length && !scenario.without.length) return ofYear;
  const added = new Set(scenario.with);
  const removed = new Set(scenario.without);
  // Lines, and the polygons of other layers, which no scenario names: kept.
  const isLine = (f: AtlasFeature) => f.geometry.type !== 'Point';
  const servedBy = (lines: readonly AtlasFeature[]) => new Set(lines.flatMap((f) => propsOf(f).stations ?? []));
  const out: ListedLayers = {};
  for (const [layer, shown] of Object.entries(ofYear) as [LayerId, AtlasFeature[]][]) {
    const every = all[layer] ?? shown;
    const onMap = new Set(shown.map((f) => propsOf(f).id));
    const before = shown.filter(isLine);
    const lines = [...before.filter((f) => !removed.has(propsOf(f).id)), ...every.filter((f) => isLine(f) && added.has(propsOf(f).id) && !onMap.has(propsOf(f).id))];
    const [servedBefore, served] = [servedBy(before), servedBy(lines)];
    // A station that the year's lines served, and none of the scenario's does, goes with them; one an added line serves comes with it.
    const stations = [
      ...shown.filter((f) => !isLine(f) && (served.has(propsOf(f).id) || !servedBefore.has(propsOf(f).id))),
      ...every.filter((f) => !isLine(f) && served.has(propsOf(f).id) && !onMap.has(propsOf(f).id)),
    ];
    out[layer] = [...lines, ...stations];
  }
  return out;
}
