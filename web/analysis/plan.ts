/**
 * The panel's plan section: the plan's network targets beside what the atlas models in the year.
 */
import type { PlanResponse } from '../../geo/api/plan.ts';
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { csvButtons, planRows } from './csv.ts';
import { dataTable, pending, type Loaded } from './section.ts';

/**
 * Fills the plan section: a row per area and measure the plan sets a target for.
 *
 * @param box - the section
 * @param lang - the language
 * @param plan - the answer
 * @example
 * renderPlan(section(root, `${t(lang, 'planTitle')} · 2027`), 'zh', plan);
 */
export function renderPlan(box: HTMLElement, lang: Lang, plan: Loaded<PlanResponse>): void {
  if (!plan || plan instanceof Error) return pending(box, lang, plan);
  const { table, body } = dataTable({ className: 'plan', id: 'plan', headers: ['', t(lang, 'modelled'), t(lang, 'target'), t(lang, 'shortfall')] });
  for (const area of plan.areas)
    for (const m of Object.keys(area.target) as (keyof typeof area.target)[]) {
      const tr = el('tr');
      const shortfall = area.shortfall[m];
      tr.append(
        el('th', `${lang === 'zh' ? area.name_zh : area.name_en} · ${t(lang, m)}`, { scope: 'row' }),
        el('td', String(area.modelled[m])),
        el('td', String(area.target[m])),
        el('td', shortfall ? String(shortfall) : '—'),
      );
      body.append(tr);
    }
  const csv = csvButtons({ lang, what: t(lang, 'planTitle'), kind: 'plan', parts: [plan.year], rows: () => planRows(plan, lang) });
  box.append(table, csv, el('p', t(lang, 'planNote'), { class: 'note' }));
}
