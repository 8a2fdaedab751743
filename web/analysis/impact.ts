/**
 * The panel's project-impact section: the ranking of `/api/impact` as the chart the pictures draw
 * (geo/render/impact-chart.ts), fetched only when the section is opened (the ranking takes about a
 * second when the worker has not made it yet). A click or Enter on a project's bar asks for its
 * scenario: the map then draws the reach and the route with it, and the reach without it beside.
 */
import type { ImpactResponse } from '../../geo/api/impact.ts';
import { renderImpactChart } from '../../geo/render/impact-chart.ts';
import type { Lang } from '../../geo/state.ts';
import type { Theme } from '../../geo/look.ts';
import { fetchImpact } from '../api.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/** A scenario chosen on the chart: its lines, and the pair of seats it saves most on (null when it saves none). */
export interface ImpactChoice {
  with: string[];
  route: [string, string] | null;
}

/** What the section needs. */
export interface ImpactSection {
  lang: Lang;
  year: number;
  theme: Theme;
  /** Called with the scenario of a bar clicked. */
  choose(choice: ImpactChoice): void;
}

// The section is re-made on every render of the panel: whether it is open, and the answers had, outlive it.
let open = false;
const answers = new Map<number, Promise<ImpactResponse>>();

/** The pair of seats an effect saves most on. */
function bestPair(effect: ImpactResponse['projects'][number]['alone']): [string, string] | null {
  const best = effect.pairs.reduce<(typeof effect.pairs)[number] | null>((b, p) => ((p.saved ?? 0) > (b?.saved ?? 0) ? p : b), null);
  return best ? [best.from, best.to] : null;
}

/**
 * Draws the chart into a holder and makes each bar a button.
 *
 * @param holder - the element to draw into
 * @param answer - the ranking
 * @param s - the language, theme and what a click does
 * @example
 * drawChart(div, await fetchImpact({ year: 2027 }), { lang: 'zh', year: 2027, theme: 'light', choose });
 */
export function drawChart(holder: HTMLElement, answer: ImpactResponse, s: { lang: Lang; theme: Theme; choose?: ImpactSection['choose'] }): void {
  // A phone's panel gets the stacked layout; the chart's own markup is escaped (geo/render).
  const width = Math.max(320, Math.min(720, Math.round(holder.clientWidth || 360)));
  holder.innerHTML = renderImpactChart(answer, { width, lang: s.lang, theme: s.theme });
  const svg = holder.querySelector('svg')!;
  svg.removeAttribute('height');
  svg.setAttribute('width', '100%');
  if (!s.choose) return;
  for (const bar of holder.querySelectorAll<SVGGElement>('[data-with]')) {
    const ids = bar.dataset.with!.split(',');
    const effect = answer.projects.find((p) => p.id === ids[0] && ids.length === 1)?.alone ?? answer.complete;
    const go = () => s.choose!({ with: ids, route: bestPair(effect) });
    bar.addEventListener('click', go);
    bar.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    });
  }
}

/**
 * Appends the section: a disclosure whose opening fetches the year's ranking and draws it.
 *
 * @param root - the panel
 * @param s - the language, year, theme and what a click does
 * @example
 * renderImpact(root, { lang: 'zh', year: 2027, theme: 'light', choose: (c) => update({ with: c.with }, true) });
 */
export function renderImpact(root: HTMLElement, s: ImpactSection): void {
  const details = el('details', '', { class: 'analysis-section impact', id: 'impact' });
  const summary = el('summary');
  summary.append(el('h2', t(s.lang, 'impactTitle')));
  const holder = el('div', '', { class: 'impact-chart' });
  details.append(summary, el('p', t(s.lang, 'impactHint'), { class: 'note' }), holder);
  root.append(details);
  const show = () => {
    holder.replaceChildren(el('p', t(s.lang, 'loading'), { class: 'note' }));
    if (!answers.has(s.year)) answers.set(s.year, fetchImpact({ year: s.year }));
    answers.get(s.year)!.then(
      (answer) => holder.isConnected && drawChart(holder, answer, s),
      (e: Error) => {
        answers.delete(s.year);
        holder.replaceChildren(el('p', `${t(s.lang, 'failed')}: ${e.message}`, { class: 'error', role: 'alert' }));
      },
    );
  };
  details.addEventListener('toggle', () => {
    open = details.open;
    if (open) show();
  });
  details.open = open;
}
