/**
 * A feature's life in time: what the sources say of it (first planned, works started, opened, closed,
 * and the latest status reported, as of when), read as its status in any year. One rule for the map,
 * the counts, search, details, the layer API, the pictures and the network: `statusIn`. The map's
 * filters compare one letter a year (`drawnLetter`) that the bundle computes with `statusIn` for each
 * year of the slider and stores on the feature (`status_years`): a letter costs the map nothing, where
 * the rule as an expression in every style layer cost a fifth of its first idle (bench/RESULTS.md).
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { STATUSES, type Status } from './layers.ts';
import { YEARS } from './state.ts';

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
  /** Its status in each year of YEARS, one `drawnLetter` a year: derived by the bundle (`statusYears`), never written by hand. */
  status_years?: string;
}

/** A feature's status in a year, and whether only a plan expects it (no source yet reports it). */
export interface YearStatus {
  status: Status;
  /** True when the status is ahead of what any source reports: the plan's expectation, drawn as such. */
  expected: boolean;
}

/** The statuses in the order a project passes through them. */
export const LIFE_ORDER: readonly Status[] = [...STATUSES].reverse();

/** The statuses a plan can expect ahead of the sources: works starting and openings. */
export const EXPECTABLE: readonly Status[] = ['under_construction', 'operating'];
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
export const yearOf = (date: unknown): number | undefined => (typeof date === 'string' && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined);

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

/** The letters of the statuses as the map draws them, in LIFE_ORDER: lower case as reported, upper case when only expected. */
const LETTERS = 'rpuo';
/** The letter of a feature that is not on the map. */
export const ABSENT = '.';

/**
 * A status in a year as one letter: what the map's filters compare (`r` proposed, `p` planned,
 * `u` under construction, `o` operating, upper case when only a plan expects it, `.` not on the map).
 *
 * @param inYear - `statusIn`'s answer
 * @returns the letter
 * @example
 * drawnLetter({ status: 'operating', expected: true }); // 'O'
 */
export function drawnLetter(inYear: YearStatus | null): string {
  if (!inYear) return ABSENT;
  const letter = LETTERS[rank(inYear.status)];
  return inYear.expected ? letter.toUpperCase() : letter;
}

/**
 * A feature's status in every year of the slider, as letters: the bundle stores them on each feature
 * (`status_years`), so that the map compares one letter instead of evaluating the rule.
 *
 * @param props - the feature's life
 * @returns one `drawnLetter` for each year from YEARS.min to YEARS.max
 * @example
 * statusYears({ status: 'under_construction', as_of: '2024', start_year: 2020, opens: 2027 }); // 'uuuuuuuOOOOOOOOO'
 */
export function statusYears(props: LifeProps): string {
  let out = '';
  for (let y = YEARS.min; y <= YEARS.max; y++) out += drawnLetter(statusIn(props, y));
  return out;
}

/**
 * A feature's `drawnLetter` in a year as a MapLibre expression: the letter the bundle stored for that
 * year. A feature without stored letters (an extra layer published before they existed) is drawn in
 * its reported status in every year, until it is published again.
 *
 * @param year - a year of the slider (YEARS)
 * @returns an expression to compare with a letter in a filter
 * @example
 * map.setFilter('rail-line-planned', ['==', drawnLetterExpression(2030), 'p']);
 */
export function drawnLetterExpression(year: number): ExpressionSpecification {
  const i = Math.min(YEARS.max, Math.max(YEARS.min, year)) - YEARS.min;
  const reported = ['match', ['get', 'status'], ...LIFE_ORDER.flatMap((status) => [status, drawnLetter({ status, expected: false })]), drawnLetter({ status: 'operating', expected: false })];
  return ['case', ['has', 'status_years'], ['slice', ['to-string', ['get', 'status_years']], i, i + 1], reported] as unknown as ExpressionSpecification;
}
