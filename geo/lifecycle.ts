/**
 * A feature's life in time: what the sources say of it (first planned, works started, opened, closed,
 * and the latest status reported, as of when), read as its status in any year. One rule for the map,
 * the counts, search, details, the layer API, the pictures and the network: `statusIn` for code,
 * `statusInExpression` and `expectedInExpression` for MapLibre's filters and paint (the same rule,
 * tests/geo/lifecycle.test.ts holds the two together).
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Status } from './layers.ts';

/** What a feature's properties say of its life; every part is optional (base features have none). */
export interface LifeProps {
  /** The latest status a source reports, as of `as_of`; none for base features (extra layers' default: operating). */
  status?: Status;
  /** When the source of `status` knew it: YYYY, YYYY-MM or YYYY-MM-DD. */
  as_of?: string;
  /** The year a source first names it in a plan or as a proposal. */
  plan_year?: number;
  /** The year works started, or are to start. */
  start_year?: number;
  /** The year it opened (when `status` is operating) or is due to. */
  opens?: number;
  /** The year it closed. */
  closed?: number;
}

/** A feature's status in a year, and whether only a plan expects it (no source yet reports it). */
export interface YearStatus {
  status: Status;
  /** True when the status is ahead of what any source reports: the plan's expectation, drawn as such. */
  expected: boolean;
}

/** The statuses in the order a project passes through them. */
export const LIFE_ORDER: readonly Status[] = ['proposed', 'planned', 'under_construction', 'operating'];
const rank = (s: Status): number => LIFE_ORDER.indexOf(s);
const PLANNED = rank('planned');
const BUILDING = rank('under_construction');
const OPERATING = rank('operating');

/**
 * The year of a date written YYYY, YYYY-MM or YYYY-MM-DD.
 *
 * @param date - the date
 * @returns its year, or undefined for none
 * @example
 * yearOf('2024-06'); // 2024
 */
export const yearOf = (date: string | undefined): number | undefined => (date === undefined ? undefined : Number(date.slice(0, 4)));

/**
 * A feature's status in a year, by the atlas's rule:
 * - absent from its closing year on, and before a source first knows it (its plan year, else its start,
 *   else, for an operating facility, its opening, or always when it has none, else the report's date);
 * - operating from its opening year, under construction from its start year; before the start, planned
 *   (or proposed, when that is all a source reports);
 * - a project with no start year is in its reported status from when a source first knows it
 *   (under construction, say, with no year of completion: under construction in every later year);
 * - from the report's date on, never behind what was reported.
 * The status is `expected` when it is ahead of the latest report: a plan's completion year, not an
 * opening any source confirms.
 *
 * @param props - the feature's life (`status`, `as_of`, `plan_year`, `start_year`, `opens`, `closed`)
 * @param year - the year asked about
 * @returns the status in that year, or null when the feature is not on the map of that year
 * @example
 * statusIn({ status: 'under_construction', as_of: '2024', start_year: 2020, opens: 2027 }, 2026); // { status: 'under_construction', expected: false }
 * statusIn({ status: 'under_construction', as_of: '2024', start_year: 2020, opens: 2027 }, 2027); // { status: 'operating', expected: true }
 */
export function statusIn(props: LifeProps, year: number): YearStatus | null {
  const reported = rank(props.status ?? 'operating');
  const asOf = yearOf(props.as_of);
  if (props.closed !== undefined && year >= props.closed) return null;
  const knownFrom = props.plan_year ?? props.start_year ?? (reported === OPERATING ? (props.opens ?? -Infinity) : (asOf ?? -Infinity));
  if (year < knownFrom) return null;
  let r: number;
  if (props.opens !== undefined && year >= props.opens) r = OPERATING;
  else if (props.start_year !== undefined && year >= props.start_year) r = BUILDING;
  else if (props.start_year !== undefined || (props.opens !== undefined && reported === OPERATING)) r = Math.min(reported, PLANNED);
  else r = reported;
  if (asOf !== undefined && year >= asOf) r = Math.max(r, reported);
  return { status: LIFE_ORDER[r], expected: r > reported };
}

/**
 * Whether a feature is on the map of a year (base features, which have no life, always are).
 *
 * @param props - the feature's properties
 * @param year - the year
 * @returns true when it is drawn in that year
 * @example
 * existsIn({ status: 'proposed' }, 2035); // true: a proposal is shown as one
 */
export const existsIn = (props: LifeProps, year: number): boolean => statusIn(props, year) !== null;

/**
 * Whether a feature operates in a year (as reported, or as a plan expects): what the network and the
 * plan figures count.
 *
 * @param props - the feature's life
 * @param year - the year
 * @returns true when its status in that year is operating
 * @example
 * operatesIn({ status: 'under_construction', as_of: '2024', start_year: 2020, opens: 2027 }, 2027); // true
 */
export const operatesIn = (props: LifeProps, year: number): boolean => statusIn(props, year)?.status === 'operating';

// The same rule as a MapLibre expression, for one year (a constant): ranks are numbers, absence is -1.
const get = (key: keyof LifeProps): ExpressionSpecification => ['get', key];
const has = (key: keyof LifeProps): ExpressionSpecification => ['has', key];
const atLeast = (key: keyof LifeProps, year: number): ExpressionSpecification => ['all', has(key), ['<=', get(key), year]];
const reportedRank: ExpressionSpecification = ['index-of', ['coalesce', get('status'), 'operating'], ['literal', LIFE_ORDER]];
const asOfYear: ExpressionSpecification = ['to-number', ['slice', ['to-string', get('as_of')], 0, 4]];

/** The feature's rank in a year (-1: not on the map), and its reported rank, in `let` variables. */
function rankIn(year: number, body: ExpressionSpecification): ExpressionSpecification {
  const knownFrom: ExpressionSpecification = [
    'case',
    has('plan_year'),
    get('plan_year'),
    has('start_year'),
    get('start_year'),
    ['==', ['var', 'reported'], OPERATING],
    ['case', has('opens'), get('opens'), -1e9],
    has('as_of'),
    asOfYear,
    -1e9,
  ];
  const byYears: ExpressionSpecification = [
    'case',
    atLeast('opens', year),
    OPERATING,
    atLeast('start_year', year),
    BUILDING,
    ['any', has('start_year'), ['all', has('opens'), ['==', ['var', 'reported'], OPERATING]]],
    ['min', ['var', 'reported'], PLANNED],
    ['var', 'reported'],
  ];
  const raised: ExpressionSpecification = ['case', ['all', has('as_of'), ['<=', asOfYear, year]], ['max', byYears, ['var', 'reported']], byYears];
  return ['let', 'reported', reportedRank, ['let', 'rank', ['case', ['any', atLeast('closed', year), ['<', year, knownFrom]], -1, raised], body]];
}

/**
 * `statusIn(…).status` as a MapLibre expression for one year: the status's name, or '' when the
 * feature is not on the map of that year (base features, which have no status, give 'operating').
 *
 * @param year - the year
 * @returns an expression to compare with a status in a filter
 * @example
 * map.setFilter('rail-line-planned', ['==', statusInExpression(2030), 'planned']);
 */
export const statusInExpression = (year: number): ExpressionSpecification =>
  rankIn(year, ['case', ['<', ['var', 'rank'], 0], '', ['at', ['var', 'rank'], ['literal', LIFE_ORDER]]]);

/**
 * `statusIn(…).expected` as a MapLibre expression for one year.
 *
 * @param year - the year
 * @returns true where the status drawn is only what a plan expects
 * @example
 * map.setPaintProperty('rail-line-operating', 'line-opacity', ['case', expectedInExpression(2030), 0.5, 1]);
 */
export const expectedInExpression = (year: number): ExpressionSpecification => rankIn(year, ['>', ['var', 'rank'], ['var', 'reported']]);
