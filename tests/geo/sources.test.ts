import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../geo/schema.ts';

// The seed documents sit beside the repository (../shared/seeds), as on every
// machine of the team and in CI. A feature that cites one must quote it word for word.
const SEEDS = new URL('../../../shared/seeds/', import.meta.url);

/** Which seed a cited title belongs to, by the words every citation of it carries. */
const SEED_TITLES: [RegExp, string][] = [
  [/牢记殷殷嘱托/, '000_'],
  [/2020川渝国企万州行|构筑立体交通枢纽/, '001_'],
  [/推进协作当样板/, '002_'],
  [/万州府发〔2023〕12号/, '003_'],
  [/平湖风帆劲/, '004_'],
];

/** Quotes may join lines and use full- or half-width punctuation; nothing else may differ. */
const normalise = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/[，]/g, ',')
    .replace(/[；]/g, ';')
    .replace(/[：]/g, ':')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[“”"]/g, '"');

describe('quotes from the seed documents', () => {
  it('finds the seeds beside the repository', () => {
    expect(existsSync(SEEDS), `the seed documents are expected at ${SEEDS.pathname}`).toBe(true);
  });

  const seeds = existsSync(SEEDS)
    ? Object.fromEntries(readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => [f.slice(0, 4), normalise(readFileSync(new URL(f, SEEDS), 'utf8'))]))
    : {};
  const cited = LAYER_IDS.flatMap((layer) =>
    (JSON.parse(readFileSync(new URL(`../../geo/data/${layer}.geojson`, import.meta.url), 'utf8')).features as { properties: { id: string; source: { title: string; quote?: string } } }[])
      .map((f) => ({ layer, id: f.properties.id, source: f.properties.source, seed: SEED_TITLES.find(([re]) => re.test(f.properties.source.title))?.[1] }))
      .filter((c) => c.seed !== undefined),
  );

  it('has features that cite the seeds', () => {
    expect(cited.length).toBeGreaterThan(50);
  });

  it('quotes every cited seed verbatim', () => {
    const wrong = cited.filter((c) => !c.source.quote || !seeds[c.seed!]?.includes(normalise(c.source.quote))).map((c) => `${c.layer}/${c.id}: "${c.source.quote}"`);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });
});
