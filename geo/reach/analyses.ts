/**
 * The reach analyses over a data bundle: networks built once per year and
 * parameter set, endpoints resolved from place ids, feature ids or coordinates,
 * and the isochrones, matrix, circle and plan figures on top. Pure: the worker
 * serves it and the page could run it.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AtlasFeature, DataBundle } from '../bundle.ts';
import { buildNetwork } from '../network/build.ts';
import { switchableNetwork } from '../network/switch.ts';
import type { Network } from '../network/graph.ts';
import { withParams, type NetworkParamsInput } from '../network/params.ts';
import { NO_SCENARIO, scenarioKey, scenarioProblem, type Scenario } from '../network/scenario.ts';
import { geometryBBox, unionBBox } from '../bbox.ts';
import { filterFeatures } from '../filter.ts';
import { FOUR_PLACES } from '../four-places.ts';
import { parseLonLat } from '../geodesy.ts';
import { WeighedLru } from '../lru.ts';
import { LAYER_IDS } from '../catalog.ts';
import { ATLAS_EXTENT, BASE_LAYERS, type LayerId } from '../layers.ts';
import { oneHourCircle, type CirclePlace } from './circle.ts';
import { isochrones } from './isochrones.ts';
import { travelMatrix } from './matrix.ts';
import { reachFrom, routeToPoint, type Endpoint } from '../network/trip.ts';
import { planFigures } from './plan.ts';
import { projectImpacts, projectsOf } from './impact.ts';
import { layersOfScenario } from './scenario-layers.ts';

/** A request the analyses cannot answer, with what to say about it. */
export class AnalysisInputError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** How many networks to keep (a year and a parameter set each). */
const NETWORK_CACHE = 32;
/** How many impact rankings to keep (a year, threshold and parameter set each). */
const IMPACT_CACHE = 8;

/**
 * The analyses over a bundle.
 *
 * @param data - the validated data bundle
 * @returns functions for the network, reach, route, matrix, circle and plan
 * @example
 * const a = createAnalyses(bundle); a.matrix(['wanzhou', 'dazhou'], 2027);
 */
export function createAnalyses(data: DataBundle) {
  const features = (id: LayerId) => data.layers[id].data.features;
  const networks = new WeighedLru<Network>(NETWORK_CACHE);
  const impacts = new WeighedLru<ReturnType<typeof projectImpacts> & { year: number; minutes: number; params: ReturnType<typeof withParams>; projects: ReturnType<typeof projectsOf> }>(IMPACT_CACHE);
  // Coordinates are taken within the county-level districts the atlas draws (the four places and their neighbours).
  const region = unionBBox(features('districts').filter((d) => d.properties.kind === 'county').map((d) => geometryBBox(d.geometry))) ?? [...ATLAS_EXTENT];
  const plan = planFigures({ rail: features('rail'), roads: features('roads'), districts: features('districts') });
  // The rail lines' and roads' names, for a route's legs.
  const lineNames = new Map([...features('rail'), ...features('roads')].map((f) => [f.properties.id, { name_zh: f.properties.name_zh, name_en: f.properties.name_en, accuracy: f.properties.accuracy }]));
  const points = new Map<string, AtlasFeature>();
  for (const id of LAYER_IDS) for (const f of features(id)) if (f.geometry.type === 'Point' && !points.has(f.properties.id)) points.set(f.properties.id, f);

  const lines = new Map([...features('rail'), ...features('roads')].map((f) => [f.properties.id, f]));
  const source = { rail: features('rail'), roads: features('roads'), places: features('places'), rivers: features('rivers') };

  /**
   * The network of a year under some parameters and a scenario, built on first use.
   *
   * @throws AnalysisInputError when the scenario asks what the model cannot do (scenarioProblem)
   */
  function network(year: number, overrides: NetworkParamsInput = {}, scenario: Scenario = NO_SCENARIO): Network {
    const problem = scenarioProblem(lines, year, scenario);
    if (problem) throw new AnalysisInputError(problem.param, problem.message);
    // Keyed by the full parameter set, so that an override equal to a default shares the default network.
    const params = withParams(overrides);
    return networks.get(`${year}|${JSON.stringify(params)}|${scenarioKey(scenario)}`, () => buildNetwork(source, year, params, scenario));
  }

  /**
   * An endpoint from a place or point-feature id, or from `lon,lat`.
   *
   * @throws AnalysisInputError when the id is unknown, not a point, or the position is outside the atlas
   */
  function endpoint(token: string, param: string): Endpoint {
    const lonLat = parseLonLat(token);
    if (lonLat) {
      const [w, s, e, n] = region;
      if (lonLat[0] < w || lonLat[0] > e || lonLat[1] < s || lonLat[1] > n)
        throw new AnalysisInputError(param, `${lonLat.join(',')} is outside the region the analyses cover (longitude ${w}–${e}, latitude ${s}–${n}); give lon,lat`);
      return { id: null, lonLat };
    }
    const f = points.get(token);
    if (!f) throw new AnalysisInputError(param, `unknown place "${token.slice(0, 40)}"; give a place id (wanzhou, dazhou, kaizhou, yunyang …), a point feature's id, or lon,lat`);
    return { id: token, lonLat: [f.geometry.coordinates[0] as number, f.geometry.coordinates[1] as number] };
  }

  /** The thematic layers and the seats as they are in a year, for listing what lies within reach. */
  const layersOfYear = (year: number) =>
    Object.fromEntries(
      LAYER_IDS.filter((id) => !BASE_LAYERS.includes(id) || id === 'places').map((id) => [id, filterFeatures(features(id), { year })]),
    ) as Partial<Record<LayerId, AtlasFeature[]>>;

  const circlePlaces = (): CirclePlace[] =>
    FOUR_PLACES.map(({ id, adcode }) => {
      const seat = points.get(id);
      const district = features('districts').find((d) => (d.properties as { adcode?: number }).adcode === adcode);
      if (!seat || !district) throw new AnalysisInputError('places', `the data has no seat or district for ${id}`);
      return { ...endpoint(id, 'places'), id, name_zh: seat.properties.name_zh, name_en: seat.properties.name_en, district: district as unknown as Feature<Polygon | MultiPolygon> };
    });

  return {
    network,
    endpoint,
    reach: (from: string, bands: readonly number[], year: number, params?: NetworkParamsInput, scenario?: Scenario) => {
      const origin = endpoint(from, 'from');
      const net = network(year, params, scenario);
      // What lies within is listed from the scenario's map: the lines it adds and their stations, not those it takes out.
      return { origin, year, ...isochrones(net, origin, bands, layersOfScenario(layersOfYear(year), source, scenario ?? NO_SCENARIO)) };
    },
    route: (from: string, to: string, year: number, params?: NetworkParamsInput, scenario?: Scenario) => {
      const net = network(year, params, scenario);
      const [a, b] = [endpoint(from, 'from'), endpoint(to, 'to')];
      const route = routeToPoint(net, reachFrom(net, a), b.lonLat);
      // Each leg with its line's names and how exactly its course is drawn (local-road legs are straight: schematic).
      const legs = (route?.legs ?? []).map((leg) => ({ ...leg, ...(leg.line ? lineNames.get(leg.line) : undefined) }));
      return { year, from: a, to: b, route: route && { ...route, legs } };
    },
    matrix: (places: readonly string[], year: number, params?: NetworkParamsInput, scenario?: Scenario) => ({ year, ...travelMatrix(network(year, params, scenario), places.map((p) => endpoint(p, 'places'))) }),
    circle: (year: number, minutes: number, params?: NetworkParamsInput, scenario?: Scenario) => ({ year, ...oneHourCircle(network(year, params, scenario), circlePlaces(), minutes) }),
    /**
     * Every project of a year ranked by what it adds to the circle (geo/reach/impact.ts), on views of one
     * network with every project in it (not kept in the shared cache); answers are memoised.
     */
    impact: (year: number, minutes: number, params?: NetworkParamsInput) => {
      const full = withParams(params);
      return impacts.get(`${year}|${minutes}|${JSON.stringify(full)}`, () => {
        const projects = projectsOf([...features('rail'), ...features('roads')], year);
        const usable = projects.filter((p) => !p.unusable).map((p) => p.feature.properties.id);
        // One network with every project, switched per scenario (geo/network/switch.ts): the same answers as one built per scenario.
        const switchable = switchableNetwork(source, year, full, usable);
        const net = (scenario: Scenario) => switchable.view(scenario);
        return { year, minutes, params: full, projects, ...projectImpacts({ network: net, projects: usable, places: circlePlaces(), minutes }) };
      });
    },
    plan,
  };
}

/** The analyses of a bundle. */
export type Analyses = ReturnType<typeof createAnalyses>;
