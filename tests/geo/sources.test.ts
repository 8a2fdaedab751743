import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../geo/catalog.ts';
import { documentOf, misquoted, normalise, readSources, sourcesDir, type Citation } from '../support/sources.ts';

// A feature that cites one of the source documents must quote it word for word. The documents are not
// in the repository (tests/support/sources.ts says where they are looked for); without them, everything
// but the comparison itself is still checked, and the log says the comparison was not made.
const cited: Citation[] = LAYER_IDS.flatMap((layer) =>
  (JSON.parse(readFileSync(new URL(`../../geo/data/${layer}.geojson`, import.meta.url), 'utf8')).features as { properties: { id: string; source: { title: string; quote?: string } } }[])
    .filter((f) => documentOf(f.properties.source.title) !== undefined)
    .map((f) => ({ where: `${layer}/${f.properties.id}`, title: f.properties.source.title, quote: f.properties.source.quote })),
);

describe('quotes from the source documents', () => {
  it('has features that cite the documents, each with a quote', () => {
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((c) => !c.quote?.trim()).map((c) => c.where)).toEqual([]);
  });

  it('finds a quote in its document whatever the line breaks and the width of its punctuation, and nothing changed', () => {
    const texts = { '003': normalise('万州区加快推动川渝万达开地区统筹发展，\n带动双城经济圈北翼发展（2023—2027年）') };
    const cite = (quote: string): Citation => ({ where: 'fixture/q', title: '万州府发〔2023〕12号', quote });
    expect(misquoted([cite('统筹发展,带动双城经济圈北翼发展(2023—2027年)')], texts)).toEqual([]);
    expect(misquoted([cite('统筹发展，带动双城经济圈北翼发展（2023-2027年）')], texts)).toEqual(['fixture/q: "统筹发展，带动双城经济圈北翼发展（2023-2027年）"']);
    expect(misquoted([cite('统筹发展，带动双城经济圈南翼发展')], texts)).toHaveLength(1);
    // A document that is not at hand is not a match.
    expect(misquoted([{ ...cite('北翼'), title: '平湖风帆劲' }], texts)).toHaveLength(1);
  });

  const dir = sourcesDir();
  if (dir) {
    it(`quotes every cited document verbatim (${dir})`, () => {
      const wrong = misquoted(cited, readSources(dir));
      expect(wrong, wrong.join('\n')).toEqual([]);
    });
  } else {
    console.warn(
      'sources: the quotes were NOT compared with the source documents: none found. Put them in ../shared/seeds beside the clone, or set ATLAS_SOURCES_DIR to their folder.',
    );
  }
});
