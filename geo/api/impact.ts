/**
 * `GET /api/impact`: every project of a year's plan ranked by what it adds, on its own, to the one-hour
 * circle of the four seats; the plan complete; each project's marginal value; the projects the model
 * cannot add, with why; and what the model does not know.
 */
import { z } from 'zod';
import { STATUSES } from '../layers.ts';
import { DEFAULT_PARAMS, NetworkParamsInput } from '../network/params.ts';
import { UNUSABLE_TEXT, type UnusableReason } from '../network/scenario.ts';
import type { CircleEffect } from '../reach/impact.ts';
import type { ThematicProps } from '../schema.ts';
import { ImpactQuery, modelParamsOf } from './queries.ts';
import { analysisContract, MEDIA } from './contract.ts';

const Effect = z.object({
  pairs: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      before: z.number().nullable().meta({ description: 'Minutes before (the slower direction, as the circle counts).' }),
      after: z.number().nullable(),
      saved: z.number().nullable().meta({ description: 'Minutes saved; null when either is unreachable.' }),
      now_within: z.boolean().meta({ description: 'Within the threshold after and not before.' }),
    }),
  ),
  saved_sum: z.number().meta({ description: 'Minutes saved over the six pairs.' }),
  saved_max: z.number().meta({ description: 'The largest saving of a pair.' }),
  now_within: z.number().int().meta({ description: 'How many pairs come within the threshold.' }),
  area_km2: z.number().meta({ description: 'km² of the four places newly within the threshold of another seat (the circle’s area measure, on its 0.02° grid).' }),
  districts: z.array(z.object({ id: z.string(), area_km2: z.number() })),
});

const Named = { id: z.string(), name_zh: z.string(), name_en: z.string(), layer: z.enum(['rail', 'roads']), kind: z.string(), status: z.enum(STATUSES), expected: z.boolean().meta({ description: 'The status is only a plan’s expectation for the year.' }) };
const Text = z.object({ zh: z.string(), en: z.string() });

/** The answer of `/api/impact`. */
export const ImpactResponse = z.object({
  year: z.number().int().meta({ description: 'The year whose network every project is added to.' }),
  minutes: z.number().meta({ description: 'The threshold.' }),
  params: NetworkParamsInput.required().meta({ description: 'The model’s parameters used (geo/network/params.ts).' }),
  base: z.object({ pairs: z.array(z.object({ from: z.string(), to: z.string(), minutes: z.number().nullable() })) }).meta({ description: 'The year’s own network: each pair’s minutes, the slower direction.' }),
  projects: z
    .array(
      z.object({
        ...Named,
        rank: z.number().int().meta({ description: '1 for the project that saves the most minutes over the six pairs on its own (then the most area, then by id).' }),
        with: z.string().meta({ description: 'The query that adds it to the analyses: `with=<id>`.' }),
        alone: Effect.meta({ description: 'What it adds on its own to the year’s network.' }),
        marginal: Effect.meta({ description: 'What the complete plan loses without it (it added last). Not bounded by `alone`: projects can substitute for or complete each other.' }),
      }),
    )
    .meta({ description: 'The projects the model can add, ranked.' }),
  complete: Effect.extend({ with: z.array(z.string()) }).meta({ description: 'Every usable project at once, against the year’s network.' }),
  unusable: z.array(z.object({ ...Named, reason: z.enum(['no_course', 'no_stations', 'no_speed']), reason_text: Text })).meta({ description: 'Projects the model cannot add, with why.' }),
  caveats: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }).meta({ description: 'What the model does not know, in both languages.' }),
});
export type ImpactResponse = z.output<typeof ImpactResponse>;

/**
 * What every figure of the answer rests on, in both languages.
 *
 * @param year - the year whose network the projects are added to
 * @param minutes - the threshold
 * @param detour - what a drawn course's length is multiplied by (the `schematicDetour` used)
 * @returns the caveats
 * @example
 * impactCaveats(2027, 60).en[0]; // 'Each project is added on its own, as if complete, to the 2027 network; …'
 */
export const impactCaveats = (year: number, minutes: number, detour = DEFAULT_PARAMS.schematicDetour) => ({
  zh: [
    `以${year}年路网为基础，每个项目单独加入并视为建成；门槛${minutes}分钟；节省分钟数取每对城市两个方向中较慢者。`,
    '未建线路没有时刻表：铁路按设计速度的固定比例（无设计速度时按默认速度）计时，公路按其等级的典型速度或较低的设计速度计时。',
    `无公布长度的线路按绘制线位长度×${detour}计；线位多为示意。`,
    '模型不含拥堵与通行能力：扩能改造若不提高速度则不节省时间。',
    '面积按0.02°网格计，为近似值。',
  ],
  en: [
    `Each project is added on its own, as if complete, to the ${year} network; threshold ${minutes} minutes; a pair’s minutes are its slower direction.`,
    'Lines not yet built have no timetables: rail is timed at a fixed share of its design speed (or a default speed where none is published), roads at their class’s typical speed or a lower design speed.',
    `A line with no published length is timed on its drawn course × ${detour}; most courses are schematic.`,
    'The model has no congestion or capacity: a widening that does not raise the speed saves nothing.',
    'Areas are counted on a 0.02° grid and are approximate.',
  ],
});

const nameOf = (p: { feature: { properties: unknown }; status: (typeof STATUSES)[number]; expected: boolean }, rail: ReadonlySet<string>) => {
  const f = p.feature.properties as ThematicProps;
  return { id: f.id, name_zh: f.name_zh, name_en: f.name_en, layer: rail.has(f.id) ? ('rail' as const) : ('roads' as const), kind: f.kind, status: p.status, expected: p.expected };
};

/** The ranking order: most minutes saved, then most area, then by id. */
const byValue = (a: { id: string; alone: CircleEffect }, b: { id: string; alone: CircleEffect }) =>
  b.alone.saved_sum - a.alone.saved_sum || b.alone.area_km2 - a.alone.area_km2 || a.id.localeCompare(b.id);

/** The impact contract. */
export const impact = analysisContract({
  path: '/api/impact',
  query: ImpactQuery,
  response: ImpactResponse,
  type: MEDIA.json,
  answer: (analyses, q) => {
    const r = analyses.impact(q.year, q.minutes, modelParamsOf(q));
    const rail = new Set(r.projects.filter((p) => (p.feature.properties as ThematicProps).kind.endsWith('_rail')).map((p) => p.feature.properties.id));
    const ranked = r.projects
      .filter((p) => !p.unusable)
      .map((p) => ({ ...nameOf(p, rail), alone: r.alone.get(p.feature.properties.id)!, marginal: r.marginal.get(p.feature.properties.id)! }))
      .sort(byValue)
      .map((p, i) => ({ ...p, rank: i + 1, with: `with=${p.id}` }));
    return {
      year: r.year,
      minutes: r.minutes,
      params: r.params,
      base: { pairs: r.complete.pairs.map(({ from, to, before }) => ({ from, to, minutes: before })) },
      projects: ranked,
      complete: { ...r.complete, with: ranked.map((p) => p.id).sort() },
      unusable: r.projects
        .filter((p): p is typeof p & { unusable: UnusableReason } => p.unusable !== null)
        .map((p) => ({ ...nameOf(p, rail), reason: p.unusable, reason_text: UNUSABLE_TEXT[p.unusable] })),
      caveats: impactCaveats(r.year, r.minutes, r.params.schematicDetour),
    };
  },
});
