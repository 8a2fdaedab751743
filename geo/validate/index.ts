/**
 * The data check: everything `npm run data:check` rejects, as a pure function
 * over parsed layer files, so that tests can feed it broken fixtures.
 */
import { booleanClockwise } from '@turf/boolean-clockwise';
import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { Feature, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { LAYER_IDS } from '../catalog.ts';
import { ATLAS_EXTENT, BASE_LAYERS, LAYER_KINDS, type LayerId } from '../layers.ts';
import { BaseProps, Geometry, LAYER_GEOMETRIES, ThematicProps } from '../schema.ts';

/** One thing wrong with the data, located by file and feature. */
export interface Problem {
  file: string;
  /** The feature's id, or its index when it has none; null for a problem with the whole file. */
  id: string | null;
  problem: string;
}

/** How far outside its district a point may stray beyond its own uncertainty: the boundaries are generalised. */
const BOUNDARY_TOLERANCE_KM = 1;
/** How far a station may be from the line that lists it. */
const STATION_ON_LINE_KM = 0.5;

type AnyFeature = Feature<Geometry, Record<string, unknown>>;
type District = Feature<Polygon | MultiPolygon, { adcode: number }>;

/** `layer` → `geo/data/<layer>.geojson`, the name a person looks for. */
export const layerFile = (layer: string): string => `geo/data/${layer}.geojson`;

/**
 * Checks the atlas's layers and returns every problem found (an empty list when the data is sound).
 *
 * @param files - each layer id mapped to its parsed file (`undefined` when the file is missing)
 * @returns the problems, each naming the file, the feature id and what is wrong
 * @example
 * validateLayers({ ports: JSON.parse(text), ... }).map(formatProblem);
 */
export function validateLayers(files: Partial<Record<LayerId, unknown>>): Problem[] {
  const problems: Problem[] = [];
  const layers = new Map<LayerId, AnyFeature[]>();

  for (const layer of LAYER_IDS) {
    const file = layerFile(layer);
    const fc = files[layer] as { type?: unknown; features?: unknown } | undefined;
    if (fc === undefined) {
      problems.push({ file, id: null, problem: 'the file is missing' });
      continue;
    }
    if (fc === null || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
      problems.push({ file, id: null, problem: 'not a GeoJSON FeatureCollection with a features array' });
      continue;
    }
    const good: AnyFeature[] = [];
    fc.features.forEach((raw, index) => {
      const found = checkFeature(layer, raw, index);
      problems.push(...found.problems);
      if (found.feature) good.push(found.feature);
    });
    layers.set(layer, good);
  }

  problems.push(...checkIds(layers));
  const districts = new Map<number, District>();
  for (const d of (layers.get('districts') ?? []) as unknown as District[]) districts.set(d.properties.adcode, d);
  for (const [layer, features] of layers) {
    if (layer === 'districts') continue;
    for (const f of features) problems.push(...checkDistricts(layer, f, districts));
  }
  problems.push(...checkStations(layers.get('rail') ?? []));
  return problems;
}

/**
 * A problem as one line for a person: `file: feature: problem`.
 *
 * @param p - a problem
 * @returns the line
 * @example
 * formatProblem({ file: 'geo/data/ports.geojson', id: 'x', problem: 'no source' }); // 'geo/data/ports.geojson: x: no source'
 */
export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.id ?? '(file)'}: ${p.problem}`;
}

function checkFeature(layer: LayerId, raw: unknown, index: number): { feature?: AnyFeature; problems: Problem[] } {
  const file = layerFile(layer);
  const r = raw as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
  const rawId = r?.properties?.id;
  const id = typeof rawId === 'string' && rawId ? rawId : `#${index}`;
  const problems: Problem[] = [];
  const add = (problem: string) => problems.push({ file, id, problem });

  if (!r || typeof r !== 'object' || r.type !== 'Feature') {
    add('not a GeoJSON Feature');
    return { problems };
  }
  if (!r.properties || typeof r.properties !== 'object') {
    add('no properties');
    return { problems };
  }
  if (r.properties.source === undefined) add('no source: every feature must say which document it comes from');

  const schema = BASE_LAYERS.includes(layer) ? BaseProps : ThematicProps;
  const props = schema.safeParse(r.properties);
  if (!props.success) {
    for (const issue of props.error.issues) {
      if (issue.path[0] === 'source' && r.properties.source === undefined) continue;
      add(`property ${issue.path.join('.') || '(properties)'}: ${issue.message}`);
    }
  } else {
    const kinds: readonly string[] = LAYER_KINDS[layer];
    if (!kinds.includes(props.data.kind)) add(`kind "${props.data.kind}" is not one of ${kinds.join(', ')}`);
  }

  const geometry = Geometry.safeParse(r.geometry);
  if (!geometry.success) {
    add(`geometry: ${geometry.error.issues.map((i) => `${i.path.join('.') || 'geometry'} ${i.message}`).join('; ')}`);
    return { problems };
  }
  const g = geometry.data;
  if (!LAYER_GEOMETRIES[layer].includes(g.type)) add(`a ${g.type} does not belong in ${layer} (${LAYER_GEOMETRIES[layer].join(', ')})`);
  problems.push(...checkGeometry(g).map((problem) => ({ file, id, problem })));

  if (problems.length > 0) return { problems };
  return { feature: { type: 'Feature', properties: r.properties, geometry: g } as AnyFeature, problems };
}

/** Positions inside the extent; rings closed, simple and wound the RFC 7946 way; lines of distinct points. */
export function checkGeometry(g: Geometry): string[] {
  const out: string[] = [];
  const [minX, minY, maxX, maxY] = ATLAS_EXTENT;
  const outside = (c: Position) => c[0] < minX || c[0] > maxX || c[1] < minY || c[1] > maxY;
  const positions: Position[] =
    g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.type === 'Polygon' || g.type === 'MultiLineString' ? g.coordinates.flat() : g.coordinates.flat(2);
  const away = positions.find(outside);
  if (away) out.push(`position ${away.join(',')} is outside the atlas extent ${ATLAS_EXTENT.join(',')}`);

  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    lines.forEach((line, i) => {
      if (line.some((c, k) => k > 0 && c[0] === line[k - 1][0] && c[1] === line[k - 1][1])) out.push(`line ${i} repeats a position`);
    });
  }
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    polygons.forEach((rings, p) =>
      rings.forEach((ring, k) => {
        const where = `${g.type === 'MultiPolygon' ? `polygon ${p} ` : ''}ring ${k}`;
        const [first, last] = [ring[0], ring[ring.length - 1]];
        if (first[0] !== last[0] || first[1] !== last[1]) {
          out.push(`${where} is not closed (first and last positions differ)`);
          return;
        }
        // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
        if (booleanClockwise(ring) !== (k > 0)) out.push(`${where} is wound the wrong way (${k === 0 ? 'outer rings counter-clockwise' : 'holes clockwise'})`);
      }),
    );
    if (out.length === 0) {
      const crossings = polygons.flatMap((rings) => kinks({ type: 'Polygon', coordinates: rings }).features);
      if (crossings.length > 0) out.push(`self-intersection at ${crossings[0].geometry.coordinates.map((x) => x.toFixed(5)).join(',')}`);
    }
  }
  return out;
}

function checkIds(layers: Map<LayerId, AnyFeature[]>): Problem[] {
  const seen = new Map<string, LayerId>();
  const out: Problem[] = [];
  for (const [layer, features] of layers)
    for (const f of features) {
      const id = f.properties.id as string;
      const first = seen.get(id);
      if (first) out.push({ file: layerFile(layer), id, problem: `duplicate id (also in ${layerFile(first)})` });
      else seen.set(id, layer);
    }
  return out;
}

/** A feature lies in the districts it claims: a point inside one of them, a line through each. */
function checkDistricts(layer: LayerId, f: AnyFeature, districts: Map<number, District>): Problem[] {
  const file = layerFile(layer);
  const id = f.properties.id as string;
  const adcodes = f.properties.adcodes as number[];
  const claimed: District[] = [];
  const out: Problem[] = [];
  for (const code of adcodes) {
    const d = districts.get(code);
    if (d) claimed.push(d);
    else out.push({ file, id, problem: `claims district ${code}, which is not in ${layerFile('districts')}` });
  }
  if (claimed.length === 0) return out;
  const tolerance = (f.properties.uncertainty_km as number) + BOUNDARY_TOLERANCE_KM;
  const g = f.geometry;

  if (g.type === 'Point') {
    const inside = claimed.some((d) => booleanPointInPolygon(g.coordinates, d) || pointToPolygonDistance(g.coordinates, d, { units: 'kilometers' }) <= tolerance);
    if (!inside) out.push({ file, id, problem: `lies outside the district it claims (${adcodes.join(', ')}) by more than ${tolerance} km` });
  } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const line = f as Feature<LineString | MultiLineString>;
    const vertices = g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
    for (const d of claimed) {
      const reaches = booleanIntersects(line, d) || vertices.some((c) => pointToPolygonDistance(c, d, { units: 'kilometers' }) <= tolerance);
      if (!reaches) out.push({ file, id, problem: `does not reach district ${d.properties.adcode}, which it claims` });
    }
  } else {
    for (const d of claimed)
      if (!booleanIntersects(f, d)) out.push({ file, id, problem: `does not overlap district ${d.properties.adcode}, which it claims` });
  }
  return out;
}

/** Every station a line lists exists, is a station, lies on the line and lists the line back. */
function checkStations(rail: AnyFeature[]): Problem[] {
  const file = layerFile('rail');
  const byId = new Map(rail.map((f) => [f.properties.id as string, f]));
  const out: Problem[] = [];
  for (const f of rail) {
    const id = f.properties.id as string;
    for (const sid of (f.properties.stations as string[] | undefined) ?? []) {
      const s = byId.get(sid);
      if (!s || s.geometry.type !== 'Point') {
        out.push({ file, id, problem: `lists station ${sid}, which is not a point in the rail layer` });
        continue;
      }
      const d = distanceToLineKm((s as Feature<Point>).geometry.coordinates, f.geometry as LineString | MultiLineString);
      if (d > STATION_ON_LINE_KM) out.push({ file, id, problem: `station ${sid} is ${d.toFixed(1)} km off the line` });
      if (!((s.properties.lines as string[] | undefined) ?? []).includes(id)) out.push({ file, id: sid, problem: `is listed by line ${id} but does not list it in lines` });
    }
    for (const lid of (f.properties.lines as string[] | undefined) ?? []) {
      const line = byId.get(lid);
      if (!line || line.geometry.type === 'Point') out.push({ file, id, problem: `lists line ${lid}, which is not a line in the rail layer` });
    }
  }
  return out;
}

function distanceToLineKm(c: Position, g: LineString | MultiLineString): number {
  const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  return Math.min(...parts.map((coordinates) => pointToLineDistance(c, { type: 'LineString', coordinates }, { units: 'kilometers' })));
}
