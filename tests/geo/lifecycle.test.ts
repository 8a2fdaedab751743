import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawnLetter, drawnLetterExpression, existsIn, LIFE_ORDER, statusIn, statusYears, type LifeProps } from '../../geo/lifecycle.ts';
import { YEARS } from '../../geo/state.ts';

/** Evaluates a MapLibre expression on a feature's properties, as the map would. */
function evaluate(expression: unknown, properties: LifeProps): unknown {
  const parsed = createExpression(expression, 'layers[0].filter');
  if (parsed.result !== 'success') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return parsed.value.evaluateWithoutErrorHandling({ zoom: 8 }, { type: 'Point', properties } as never);
}

describe('statusIn', () => {
  // 渝万高铁 as the plan of 2023 and a report of 2025 know it: works from 2020, due 2027.
  const yuwan: LifeProps = { status: 'under_construction', as_of: '2025-06', plan_year: 2016, start_year: 2020, opens: 2027 };
  it('reads a project with known years: planned, under construction, then operating as expected', () => {
    expect(statusIn(yuwan, 2015)).toBeNull();
    expect(statusIn(yuwan, 2019)).toEqual({ status: 'planned', expected: false });
    expect(statusIn(yuwan, 2023)).toEqual({ status: 'under_construction', expected: false });
    expect(statusIn(yuwan, 2026)).toEqual({ status: 'under_construction', expected: false });
    expect(statusIn(yuwan, 2027)).toEqual({ status: 'operating', expected: true });
    expect(statusIn(yuwan, 2035)).toEqual({ status: 'operating', expected: true });
  });

  it('draws a project with no completion year in its last known status from when a source first knows it', () => {
    const chengdawan: LifeProps = { status: 'under_construction', as_of: '2025', plan_year: 2016, start_year: 2022 };
    expect(statusIn(chengdawan, 2020)).toEqual({ status: 'planned', expected: false });
    expect(statusIn(chengdawan, 2026)).toEqual({ status: 'under_construction', expected: false });
    expect(statusIn(chengdawan, 2035)).toEqual({ status: 'under_construction', expected: false });
    // No year at all: its status from the date of the report that names it.
    const port: LifeProps = { status: 'under_construction', as_of: '2023-04-17' };
    expect(statusIn(port, 2022)).toBeNull();
    expect(statusIn(port, 2023)).toEqual({ status: 'under_construction', expected: false });
    expect(statusIn({ status: 'proposed', as_of: '2023', plan_year: 2021 }, 2035)).toEqual({ status: 'proposed', expected: false });
  });

  it('confirms an opening only when a source reports the facility operating', () => {
    const opened: LifeProps = { status: 'operating', as_of: '2024-06', start_year: 2022, opens: 2024 };
    expect(statusIn(opened, 2023)).toEqual({ status: 'under_construction', expected: false });
    expect(statusIn(opened, 2024)).toEqual({ status: 'operating', expected: false });
    // Due 2025, still being built when last reported: in 2026 only the plan says it opened.
    expect(statusIn({ status: 'under_construction', as_of: '2024', start_year: 2022, opens: 2025 }, 2026)).toEqual({ status: 'operating', expected: true });
    // A planned start that the report of the same year does not confirm.
    expect(statusIn({ status: 'planned', as_of: '2023-04', start_year: 2023, opens: 2026 }, 2023)).toEqual({ status: 'under_construction', expected: true });
  });

  it('keeps an old facility with no dates, takes a closed one away from its closing year', () => {
    expect(statusIn({ status: 'operating', as_of: '2023' }, 2020)).toEqual({ status: 'operating', expected: false });
    const heshi: LifeProps = { status: 'operating', as_of: '2022-05', opens: 1958, closed: 2022 };
    expect(statusIn(heshi, 2021)).toEqual({ status: 'operating', expected: false });
    expect(statusIn(heshi, 2022)).toBeNull();
    expect(existsIn(heshi, 2030)).toBe(false);
  });

  it('writes the status of a year as one letter: upper case when only expected, a dot when not on the map', () => {
    expect(drawnLetter({ status: 'operating', expected: true })).toBe('O');
    expect(drawnLetter({ status: 'proposed', expected: false })).toBe('r');
    expect(drawnLetter(null)).toBe('.');
    expect(statusYears({ status: 'under_construction', as_of: '2024', start_year: 2020, opens: 2027 })).toBe('uuuuuuuOOOOOOOOO');
  });

  it('reads a date that is not one as no date', () => {
    expect(statusIn({ status: 'planned', as_of: 'soon' }, 2020)).toEqual({ status: 'planned', expected: false });
  });

  it('shows base features, which have no life, in every year', () => {
    expect(existsIn({}, 1950)).toBe(true);
    expect(statusIn({}, 2035)).toEqual({ status: 'operating', expected: false });
  });

  it('gives the map the letter the bundle stored for the year, for any life and year of the slider', () => {
    const year = fc.integer({ min: 1990, max: 2040 });
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const life = fc
      .record({
        status: maybe(fc.constantFrom(...LIFE_ORDER)),
        as_of: maybe(fc.tuple(year, fc.constantFrom('', '-06', '-06-30')).map(([y, rest]) => `${y}${rest}`)),
        plan_year: maybe(year),
        start_year: maybe(year),
        opens: maybe(year),
        closed: maybe(year),
      })
      .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as LifeProps);
    fc.assert(
      fc.property(life, fc.integer({ min: YEARS.min, max: YEARS.max }), (props, y) => {
        const stored = { ...props, status_years: statusYears(props) };
        expect(evaluate(drawnLetterExpression(y), stored)).toBe(drawnLetter(statusIn(props, y)));
      }),
      { numRuns: 2000 },
    );
    // A feature published before the letters existed: its reported status, every year.
    expect(evaluate(drawnLetterExpression(2030), { status: 'planned' })).toBe('p');
    expect(evaluate(drawnLetterExpression(2030), {})).toBe('o');
  });
});
