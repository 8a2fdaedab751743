/**
 * One cold impact ranking in a fresh process, for bench/reach.ts (which runs this several times): the
 * data loaded, then the 2027 ranking timed on fresh analyses with nothing compiled or cached yet.
 * `tsx bench/impact-cold.ts rebuilt` times the same ranking with a network rebuilt per scenario instead.
 * Prints `{"ms": …}`.
 */
import { readFileSync } from 'node:fs';
import { buildBundle } from '../geo/bundle.ts';
import { LAYER_IDS } from '../geo/catalog.ts';
import type { LayerId } from '../geo/layers.ts';
import { createAnalyses } from '../geo/reach/analyses.ts';
import { impact } from '../geo/api/impact.ts';
import { buildNetwork } from '../geo/network/build.ts';
import { withParams } from '../geo/network/params.ts';
import { projectImpacts, projectsOf } from '../geo/reach/impact.ts';
import { FOUR_PLACES } from '../geo/four-places.ts';

const data = buildBundle(
  Object.fromEntries(LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../geo/data/${id}.geojson`, import.meta.url), 'utf8'))])) as Record<LayerId, never>,
);
const features = (id: LayerId) => data.layers[id].data.features;
const t0 = performance.now();
if (process.argv[2] === 'rebuilt') {
  const analyses = createAnalyses(data);
  const source = { rail: features('rail'), roads: features('roads'), places: features('places'), rivers: features('rivers') };
  const usable = projectsOf([...features('rail'), ...features('roads')], 2027).filter((p) => !p.unusable).map((p) => p.feature.properties.id);
  const places = FOUR_PLACES.map(({ id, adcode }) => ({
    ...analyses.endpoint(id, 'places'), id, name_zh: id, name_en: id,
    district: features('districts').find((d) => (d.properties as { adcode?: number }).adcode === adcode) as never,
  }));
  projectImpacts({ network: (s) => buildNetwork(source, 2027, withParams(), s), projects: usable, places, minutes: 60 });
} else impact.answer(createAnalyses(data), { year: 2027, minutes: 60 } as never);
console.log(JSON.stringify({ ms: performance.now() - t0 }));
