/**
 * Measures each view's parts (everything but the map, the legend, the matrix) at each width of
 * geo/embed-heights.ts in Chromium, and rewrites that table: run it with `npm run embed:measure` when a
 * view's text, the legend or the impact data change (tests/browser/embed-sizes.test.ts fails until then).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, it } from 'vitest';
import { EMBED_WIDTHS, type EmbedParts } from '../../geo/embed-heights.ts';
import type { View } from '../../geo/views.ts';
import { measure } from './embed-measure.ts';
import { useAtlas } from './harness.ts';

const atlas = useAtlas();
let views: View[];

beforeAll(async () => {
  views = ((await (await fetch(`${atlas.url()}/api/views`)).json()) as { views: View[] }).views;
});

it('measures each view’s parts at each width (geo/embed-heights.ts)', async () => {
  const table: Record<string, Record<number, EmbedParts>> = {};
  const page = await atlas.page({ width: 320, height: 100 });
  const targets = [...views.map((v) => ({ id: v.id, path: `embed/${v.id}`, view: v })), { id: 'view', path: 'embed?year=2027&from=wanzhou', view: { matrix: false, impact: false } as View }];
  for (const t of targets) {
    table[t.id] = {};
    for (const width of EMBED_WIDTHS) {
      // A short viewport, so that the document is as tall as its content; a fresh page, as a chart is drawn to its width.
      await page.setViewportSize({ width, height: 100 });
      await page.goto(`${atlas.url()}/${t.path}`);
      await measure(page.mainFrame(), t.view);
      table[t.id][width] = await page.evaluate(() => {
        const h = (id: string) => document.getElementById(id)?.offsetHeight ?? 0;
        const [legend, matrix] = [h('legend'), h('matrix')];
        return { fixed: Math.ceil(document.body.getBoundingClientRect().height) - h('map') - legend - matrix, legend, matrix };
      });
    }
  }
  const file = 'geo/embed-heights.ts';
  const head = readFileSync(file, 'utf8').split('/** By view, then width. */')[0];
  const rows = Object.entries(table).map(([id, byWidth]) => `  '${id}': {\n${Object.entries(byWidth).map(([w, p]) => `    ${w}: { fixed: ${p.fixed}, legend: ${p.legend}, matrix: ${p.matrix} },`).join('\n')}\n  },`);
  writeFileSync(file, `${head}/** By view, then width. */\nexport const EMBED_HEIGHTS: Record<string, Record<number, EmbedParts>> = {\n${rows.join('\n')}\n};\n`);
}, 600_000);

