/**
 * The banner of a scenario in the panel: which lines the analyses add to the year's network or take out
 * of it, said in words above every section, with a button that clears it (the analyses go back to the
 * year's own).
 */
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/** At most this many lines are named; the rest are counted. */
const NAMED = 3;

/**
 * The banner.
 *
 * @param lang - the language
 * @param lines - the lines added (`with`) and taken out (`without`)
 * @param name - a line's name in the language
 * @param clear - what the button does
 * @returns the banner, to put first in the panel
 * @example
 * root.prepend(scenarioBanner('zh', { with: ['kai-wan-liang-expressway'], without: [] }, (id) => id, () => update({ with: [], without: [] }, true)));
 */
export function scenarioBanner(lang: Lang, lines: { with: readonly string[]; without: readonly string[] }, name: (id: string) => string, clear: () => void): HTMLElement {
  const named = (ids: readonly string[]) => ids.slice(0, NAMED).map(name).join(lang === 'zh' ? '、' : ', ') + (ids.length > NAMED ? (lang === 'zh' ? ` 等${ids.length}项` : ` and ${ids.length - NAMED} more`) : '');
  const parts = [...(lines.with.length ? [t(lang, 'scenarioWith', { names: named(lines.with) })] : []), ...(lines.without.length ? [t(lang, 'scenarioWithout', { names: named(lines.without) })] : [])];
  const box = el('div', '', { class: 'scenario-banner', id: 'scenario', role: 'status' });
  const button = el('button', t(lang, 'scenarioClear'), { type: 'button', 'data-focus': 'scenario-clear' });
  button.addEventListener('click', clear);
  // The dashed outline is the year's own network: without what was added, with what was taken out.
  box.append(el('strong', parts.join(lang === 'zh' ? '；' : '; ')), el('span', ` ${t(lang, lines.with.length ? 'scenarioBefore' : 'scenarioBeforeOwn')}`, { class: 'note' }), button);
  return box;
}
