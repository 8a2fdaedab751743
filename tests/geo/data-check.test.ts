import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { validateLayers, formatProblem } from '../../geo/validate/index.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { REQUIRED_VIEWS, validateViews } from '../../geo/validate/views.ts';

const FIXTURE_VIEW = {
  id: 'test-view',
  title: { zh: '测试', en: 'Test' },
  caption: { zh: '测试视图', en: 'A test view' },
  layers: ['districts', 'ports'],
  year: 2027,
  camera: { center: [108.4, 30.8], zoom: 9 },
  reach: { from: ['wanzhou', '108.4,30.8'], bands: [30] },
  matrix: false,
};
/** The required views, each a copy of the fixture view under its id. */
const FIXTURE_VIEWS = [...REQUIRED_VIEWS.map((id) => ({ ...FIXTURE_VIEW, id })), FIXTURE_VIEW];

const script = new URL('../../geo/scripts/data-check.ts', import.meta.url).pathname;

/** Runs `npm run data:check` on a directory of layer files. */
function dataCheck(dir: string) {
  const out = join(dir, 'out', 'layers.json');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--data', dir, '--out', out], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, out };
}

function writeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-data-'));
  for (const [id, fc] of Object.entries(fixtureLayers())) writeFileSync(join(dir, `${id}.geojson`), JSON.stringify(fc));
  writeFileSync(join(dir, 'views.json'), JSON.stringify({ views: FIXTURE_VIEWS }));
  return dir;
}

describe('npm run data:check', () => {
  it('builds the bundle from sound data', () => {
    const dir = writeFixture();
    const run = dataCheck(dir);
    expect(run.status, run.stderr).toBe(0);
    const bundle = JSON.parse(readFileSync(run.out, 'utf8'));
    expect(bundle.layers.ports.count).toBe(2);
    expect(bundle.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('stops on a corrupted file, names it, and leaves no bundle behind', () => {
    const dir = writeFixture();
    expect(dataCheck(dir).status).toBe(0);
    writeFileSync(join(dir, 'ports.geojson'), '{"type":"FeatureCollection","features":[');
    const run = dataCheck(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/geo\/data\/ports\.geojson: \(file\): not valid JSON/);
    expect(existsSync(run.out)).toBe(false);
  });

  it('stops on a missing file, names it, and leaves no bundle behind', () => {
    const dir = writeFixture();
    rmSync(join(dir, 'rail.geojson'));
    const run = dataCheck(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/rail\.geojson/);
    expect(existsSync(run.out)).toBe(false);
  });

  it('stops on a bad feature and names the file and the feature', () => {
    const dir = writeFixture();
    const layers = fixtureLayers();
    (layers.hospitals.features[0].properties as unknown as Record<string, unknown>).beds = -5;
    writeFileSync(join(dir, 'hospitals.geojson'), JSON.stringify(layers.hospitals));
    const run = dataCheck(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/geo\/data\/hospitals\.geojson: test-hospital: property beds/);
    expect(existsSync(run.out)).toBe(false);
  });
});

describe('the named views', () => {
  const points = new Set(['wanzhou']);
  it('accepts sound views', () => {
    expect(validateViews({ views: FIXTURE_VIEWS }, points).problems).toEqual([]);
  });
  it.each([
    ['a missing file', undefined, /the file is missing/],
    ['a schema error', { views: [{ ...FIXTURE_VIEW, year: 1999 }] }, /views\.0\.year/],
    ['an unknown layer', { views: [{ ...FIXTURE_VIEW, layers: ['castles'] }] }, /views\.0\.layers\.0/],
    ['a duplicate id', { views: [...FIXTURE_VIEWS, FIXTURE_VIEW] }, /duplicate view id/],
    ['a missing required view', { views: FIXTURE_VIEWS.slice(1) }, /one-hour-circle-2023: a required view is missing/],
    ['repeated bands', { views: [...FIXTURE_VIEWS, { ...FIXTURE_VIEW, id: 'twice', reach: { from: ['wanzhou'], bands: [30, 30] } }] }, /twice: reach bands repeat a value/],
    ['a reach origin that is nowhere', { views: [{ ...FIXTURE_VIEW, reach: { from: ['atlantis'], bands: [30] } }] }, /reach origin "atlantis"/],
  ])('rejects %s', (_name, raw, message) => {
    const { problems } = validateViews(raw, points);
    expect(problems.map((p) => `${p.id}: ${p.problem}`).join('\n')).toMatch(message);
  });
});

describe('the atlas data in geo/data', () => {
  const files = Object.fromEntries(
    LAYER_IDS.map((id) => [id, JSON.parse(readFileSync(new URL(`../../geo/data/${id}.geojson`, import.meta.url), 'utf8'))]),
  );

  it('passes every check', () => {
    expect(validateLayers(files).map(formatProblem)).toEqual([]);
  });

  it('has the four places with the ids the analyses use', () => {
    const ids = files.places.features.map((f: { properties: { id: string } }) => f.properties.id);
    expect(ids).toEqual(expect.arrayContaining(['wanzhou', 'dazhou', 'kaizhou', 'yunyang']));
  });
});
