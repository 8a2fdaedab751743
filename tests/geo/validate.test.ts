import { describe, expect, it } from 'vitest';
import { SYNTHETIC_INFO, syntheticLayer } from '../../bench/synthetic.ts';
import { validateExtraLayers } from '../../geo/validate/extra.ts';
import type { LayerId } from '../../geo/layers.ts';
import { formatProblem, validateLayers } from '../../geo/validate/index.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

type Layers = ReturnType<typeof fixtureLayers>;
type Props = Record<string, unknown>;

/** Breaks one thing in a fresh fixture and returns the check's messages. */
function problemsAfter(breakIt: (l: Layers) => void): string[] {
  const layers = fixtureLayers();
  breakIt(layers);
  return validateLayers(layers).map(formatProblem);
}
const props = (l: Layers, layer: LayerId, i = 0) => l[layer].features[i].properties as unknown as Props;

describe('validateLayers', () => {
  it('accepts the fixture', () => {
    expect(validateLayers(fixtureLayers())).toEqual([]);
  });

  const cases: [string, (l: Layers) => void, RegExp][] = [
    ['a missing file', (l) => delete (l as Partial<Layers>).ports, /^geo\/data\/ports\.geojson: \(file\): the file is missing$/],
    ['a file that is not a FeatureCollection', (l) => ((l as Props).parks = { type: 'Feature' }), /parks\.geojson: \(file\): not a GeoJSON FeatureCollection/],
    ['a schema error: unknown status', (l) => (props(l, 'ports').status = 'finished'), /ports\.geojson: test-port: property status: /],
    ['a schema error: a figure of the wrong type', (l) => (props(l, 'hospitals').beds = '1200'), /hospitals\.geojson: test-hospital: property beds: /],
    ['a schema error: an unknown property', (l) => (props(l, 'ports').colour = 'red'), /ports\.geojson: test-port: property .*colour/],
    ['a kind that does not belong to the layer', (l) => (props(l, 'ports').kind = 'hospital'), /ports\.geojson: test-port: kind "hospital" is not one of/],
    ['an id in the wrong form', (l) => (props(l, 'ports').id = 'Port 1'), /ports\.geojson: Port 1: property id: /],
    ['a duplicate id across layers', (l) => (props(l, 'hospitals').id = 'test-port'), /hospitals\.geojson: test-port: duplicate id \(also in geo\/data\/ports\.geojson\)/],
    ['a feature without a source', (l) => delete props(l, 'parks').source, /parks\.geojson: test-park: no source/],
    ['a source cited by file name', (l) => ((props(l, 'parks').source as Props).title = '003_1d847c75c04fdfd8.txt'), /test-park: property source\.title: cite the document by title/],
    ['a position outside the region', (l) => (l.airports.features[0].geometry.coordinates = [116.4, 39.9]), /airports\.geojson: test-airport: position 116\.4,39\.9 is outside the atlas extent/],
    ['an operating feature that opens after the report that says it operates', (l) => (props(l, 'roads').opens = 2030), /roads\.geojson: test-road: property opens: is after as_of \(2023-04-17\), whose source reports it operating/],
    [
      'an opening year that had passed when the report still said under construction',
      (l) => Object.assign(props(l, 'ports'), { status: 'under_construction', opens: 2021 }),
      /ports\.geojson: test-port: property opens: 2021 had passed when the source of 2023-04-17 still reported it under_construction/,
    ],
    ['a start year that had passed when the report still said planned', (l) => Object.assign(props(l, 'parks'), { status: 'planned', start_year: 2020 }), /test-park: property start_year: 2020 had passed/],
    ['years out of order', (l) => Object.assign(props(l, 'ports'), { plan_year: 2024, opens: 2020 }), /test-port: property opens: opens is before plan_year/],
    ['a closure after the report', (l) => Object.assign(props(l, 'ports'), { closed: 2025 }), /test-port: property closed: is after as_of/],
    ['a note in one language only', (l) => (props(l, 'ports').note = 'Drawn at the seat.'), /test-port: property note_zh: a note is given in both languages/],
    ['a status without the date it was known', (l) => delete props(l, 'ports').as_of, /test-port: property as_of: /],
    ['an unclosed ring', (l) => (l.corridors.features[0].geometry.coordinates as number[][][])[0].pop(), /corridors\.geojson: test-corridor: ring 0 is not closed/],
    ['a ring wound clockwise', (l) => (l.corridors.features[0].geometry.coordinates as number[][][])[0].reverse(), /test-corridor: ring 0 is wound the wrong way/],
    [
      'a self-intersecting ring',
      (l) => {
        // A bow tie: the edges cross in the middle.
        l.corridors.features[0].geometry.coordinates = [[[108.2, 30.6], [108.3, 30.7], [108.3, 30.6], [108.2, 30.7], [108.2, 30.6]]];
      },
      /test-corridor: (self-intersection at|ring 0 is wound)/,
    ],
    ['a geometry type the layer does not take', (l) => (l.hospitals.features[0].geometry = { type: 'LineString', coordinates: [[108.3, 30.7], [108.4, 30.8]] }), /hospitals\.geojson: test-hospital: a LineString does not belong in hospitals/],
    ['a malformed geometry', (l) => (l.parks.features[0].geometry = { type: 'Point', coordinates: [108.4] } as never), /parks\.geojson: test-park: geometry: /],
    ['a point outside the district it claims', (l) => (props(l, 'hospitals').adcodes = [500154]), /hospitals\.geojson: test-hospital: lies outside the district it claims \(500154\)/],
    ['a line that does not reach a district it claims', (l) => (props(l, 'roads').adcodes = [500101, 500154]), /roads\.geojson: test-road: does not reach district 500154/],
    ['a district that does not exist', (l) => (props(l, 'parks').adcodes = [510100]), /parks\.geojson: test-park: claims district 510100, which is not in/],
    ['a station off its line', (l) => (l.rail.features[2].geometry.coordinates = [108.7, 31.4]), /rail\.geojson: test-line: station test-station-b is \d+\.\d km off the line/],
    ['a line listing a missing station', (l) => (props(l, 'rail').stations = ['test-station-a', 'nowhere']), /rail\.geojson: test-line: lists station nowhere, which is not a point/],
    ['a station that does not list its line', (l) => (props(l, 'rail', 1).lines = []), /rail\.geojson: test-station-a: is listed by line test-line but does not list it/],
    ['capacity without its unit', (l) => delete props(l, 'ports').capacity_unit, /test-port: property capacity_unit: capacity and capacity_unit go together/],
  ];

  it.each(cases)('rejects %s', (_name, breakIt, expected) => {
    const messages = problemsAfter(breakIt);
    expect(messages.some((m) => expected.test(m)), messages.join('\n')).toBe(true);
  });
});

describe('the check of extra layers', () => {
  const point = (id: string, coordinates: number[], props: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties: { id, name_zh: `站 ${id}`, name_en: `Stop ${id}`, ...props },
    geometry: { type: 'Point', coordinates },
  });
  const layer = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
  const problemsOf = (catalog: unknown, files: Record<string, unknown>) => validateExtraLayers(catalog, files).problems.map(formatProblem);

  it('accepts the synthetic layer and returns its entry', () => {
    const { entries, problems } = validateExtraLayers([SYNTHETIC_INFO], { synthetic: syntheticLayer({ points: 200, lines: 20 }) });
    expect(problems).toEqual([]);
    expect(entries).toEqual([SYNTHETIC_INFO]);
  });

  it('refuses a catalogue entry that takes an atlas id, lacks a source or has a bad colour', () => {
    const { source: _, ...unsourced } = SYNTHETIC_INFO;
    expect(problemsOf([{ ...SYNTHETIC_INFO, id: 'rail' }], {})).toEqual(['catalog.json: (file): 0.id: is one of the atlas’s own layers']);
    expect(problemsOf([unsourced], {})[0]).toMatch(/^catalog\.json: \(file\): 0\.source: /);
    expect(problemsOf([{ ...SYNTHETIC_INFO, colour: 'red' }], {})).toEqual(['catalog.json: (file): 0.colour: a colour written #rrggbb']);
    expect(problemsOf({}, {})[0]).toMatch(/^catalog\.json: \(file\): \(catalogue\): /);
  });

  it('names the file and the feature of each problem: a missing file, ids used twice, no names, positions outside the extent', () => {
    expect(problemsOf([SYNTHETIC_INFO], {})).toEqual(['synthetic.geojson: (file): missing: the catalogue lists it']);
    expect(
      problemsOf([SYNTHETIC_INFO], {
        synthetic: layer(point('a1', [108.4, 30.8]), point('a1', [108.5, 30.8]), point('b2', [108.4, 30.8], { name_en: undefined }), point('c3', [120, 30.8]), point('d4', [108.4, 30.8], { status: 'built' })),
      }),
    ).toEqual([
      'synthetic.geojson: a1: the id is used twice in the layer',
      'synthetic.geojson: b2: property name_en: Invalid input: expected string, received undefined',
      'synthetic.geojson: c3: position 120,30.8 is outside the atlas extent 103,28,112.5,34',
      'synthetic.geojson: d4: property status: Invalid option: expected one of "operating"|"under_construction"|"planned"|"proposed"',
    ]);
    expect(problemsOf([SYNTHETIC_INFO], { synthetic: { type: 'Topology' } })).toEqual(['synthetic.geojson: (file): not a GeoJSON FeatureCollection']);
  });

  it('checks the life an extra feature gives as the atlas reads it: dates as dates, years as years', () => {
    expect(
      problemsOf([SYNTHETIC_INFO], { synthetic: layer(point('a1', [108.4, 30.8], { as_of: 2024 }), point('b2', [108.4, 30.8], { as_of: 'soon' }), point('c3', [108.4, 30.8], { start_year: '2020' })) }),
    ).toEqual([
      'synthetic.geojson: a1: property as_of: Invalid input: expected string, received number',
      'synthetic.geojson: b2: property as_of: YYYY, YYYY-MM or YYYY-MM-DD',
      'synthetic.geojson: c3: property start_year: Invalid input: expected number, received string',
    ]);
  });

  it('refuses a feature id another layer uses: a link names a feature by its id alone', () => {
    const second = { ...SYNTHETIC_INFO, id: 'stops' };
    const { problems } = validateExtraLayers([SYNTHETIC_INFO, second], { synthetic: layer(point('wanzhou', [108.4, 30.8]), point('s1', [108.4, 30.8])), stops: layer(point('s1', [108.5, 30.8])) }, new Set(['wanzhou']));
    expect(problems.map(formatProblem)).toEqual(['synthetic.geojson: wanzhou: the id is already used in the atlas’s own layers', 'stops.geojson: s1: the id is already used in synthetic.geojson']);
  });
});
