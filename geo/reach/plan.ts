/**
 * The plan's 2027 network targets beside what the atlas models for a year:
 * kilometres of railway, high-speed railway and expressway inside 万州 and
 * inside the four places. Where the model falls short, it says so; it never pads.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AtlasFeature } from '../bundle.ts';
import { operatesIn } from '../lifecycle.ts';
import { distanceKm, lineKm } from '../geodesy.ts';
import { publishedScale } from '../network/build.ts';
import type { ThematicProps } from '../schema.ts';

/** The kinds of network the plan sets targets for. */
export type PlanMeasure = 'rail_km' | 'hsr_km' | 'expressway_km';

/** The action plan's 2027 targets, quoted. */
export const PLAN_TARGETS = {
  source: {
    title: '万州区加快推动川渝万达开地区统筹发展带动双城经济圈北翼发展行动方案（2023—2027年）（万州府发〔2023〕12号）',
    date: '2023-04-17',
  },
  areas: [
    {
      id: 'wanzhou',
      name_zh: '万州区',
      name_en: 'Wanzhou',
      adcodes: [500101],
      year: 2027,
      targets: { rail_km: 246, hsr_km: 121, expressway_km: 260 } as Partial<Record<PlanMeasure, number>>,
      quote: '2027年,全区铁路营业里程达到246公里,高铁运营里程突破121公里,高速公路通车里程达到260公里',
    },
    {
      id: 'four-places',
      name_zh: '万达开云四地',
      name_en: 'Wanzhou, Dazhou, Kaizhou and Yunyang',
      adcodes: [500101, 511700, 500154, 500235],
      year: 2027,
      targets: { rail_km: 1418, expressway_km: 1661 } as Partial<Record<PlanMeasure, number>>,
      quote: '2027年,四地铁路运营总里程达1418公里,高速公路运营总里程达到1661公里',
    },
  ],
} as const;

/** One area's figures. */
export interface PlanArea {
  id: string;
  name_zh: string;
  name_en: string;
  modelled: Record<PlanMeasure, number>;
  target: Partial<Record<PlanMeasure, number>>;
  /** Target minus modelled, where the model is short (the atlas does not hold every line the plan counts). */
  shortfall: Partial<Record<PlanMeasure, number>>;
  quote: string;
}

/** Pieces this long are tested for which district they lie in. */
const PIECE_KM = 0.5;

/**
 * The plan figures over the rail and road layers: each line's kilometres inside
 * each area are measured once (they do not change with the year); a year then
 * only sums the lines that operate in it (as reported or as the plan expects).
 *
 * @param layers - the rail and roads features, and the districts
 * @returns a function from a year to, per area, the modelled figures, the targets and the shortfall
 * @example
 * planFigures({ rail, roads, districts })(2027).areas[0].modelled.hsr_km;
 */
export function planFigures(layers: { rail: readonly AtlasFeature[]; roads: readonly AtlasFeature[]; districts: readonly AtlasFeature[] }) {
  let measured: ReturnType<typeof measure> | null = null;
  return (year: number) => {
    const lines = (measured ??= measure(layers));
    const areas: PlanArea[] = PLAN_TARGETS.areas.map((area, a) => {
      const modelled: Record<PlanMeasure, number> = { rail_km: 0, hsr_km: 0, expressway_km: 0 };
      for (const line of lines) if (operatesIn(line.props, year)) for (const m of line.measures) modelled[m] += line.inside[a];
      for (const m of Object.keys(modelled) as PlanMeasure[]) modelled[m] = Math.round(modelled[m]);
      const shortfall: Partial<Record<PlanMeasure, number>> = {};
      for (const [m, target] of Object.entries(area.targets) as [PlanMeasure, number][]) if (modelled[m] < target) shortfall[m] = target - modelled[m];
      return { id: area.id, name_zh: area.name_zh, name_en: area.name_en, modelled, target: { ...area.targets }, shortfall, quote: area.quote };
    });
    return { year, target_year: 2027, source: PLAN_TARGETS.source, areas };
  };
}

/** Each counted line's kilometres inside each target area (slow: run once, on first use). */
function measure(layers: { rail: readonly AtlasFeature[]; roads: readonly AtlasFeature[]; districts: readonly AtlasFeature[] }) {
  return [...layers.rail, ...layers.roads].flatMap((f) => {
    const p = f.properties as ThematicProps;
    const measures: PlanMeasure[] =
      p.kind === 'high_speed_rail' ? ['rail_km', 'hsr_km'] : p.kind === 'conventional_rail' ? ['rail_km'] : p.kind === 'expressway' ? ['expressway_km'] : [];
    // An upgrade (扩能) adds no length: the line it widens is already counted.
    if (measures.length === 0 || p.works === 'upgrade') return [];
    if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') return [];
    const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    // The published length where it is of the drawn line, else the drawn length: never a detour factor, which would pad.
    const { factor } = publishedScale(p.length_km, parts.reduce((k, part) => k + lineKm(part), 0));
    const inside = PLAN_TARGETS.areas.map((area) => {
      const adcodes: readonly number[] = area.adcodes;
      const polygons = layers.districts.filter((d) => adcodes.includes((d.properties as { adcode?: number }).adcode ?? -1)) as unknown as Feature<Polygon | MultiPolygon>[];
      return parts.reduce((k, part) => k + kmInside(part, polygons), 0) * factor;
    });
    return [{ props: p, measures, inside }];
  });
}

/** The drawn kilometres of a polyline inside any of some polygons. */
function kmInside(line: readonly number[][], polygons: readonly Feature<Polygon | MultiPolygon>[]): number {
  let km = 0;
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1], line[i]];
    const segment = distanceKm(a, b);
    const pieces = Math.max(1, Math.ceil(segment / PIECE_KM));
    for (let k = 0; k < pieces; k++) {
      const t = (k + 0.5) / pieces;
      const mid = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      if (polygons.some((poly) => booleanPointInPolygon(mid, poly))) km += segment / pieces;
    }
  }
  return km;
}
