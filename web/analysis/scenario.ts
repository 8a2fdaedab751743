/**
 * The banner of a scenario in the panel: which lines the analyses add to the year's network, said in
 * words above every section, with a button that clears it (the analyses go back to the year's own).
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
 * @param ids - the lines added
 * @param name - a line's name in the language
 * @param clear - what the button does
 * @returns the banner, to put first in the panel
 * @example
 * root.prepend(scenarioBanner('zh', ['kai-wan-liang-expressway'], (id) => id, () => update({ with: [] }, true)));
 */
export function scenarioBanner(lang: Lang, ids: readonly string[], name: (id: string) => string, clear: () => void): HTMLElement {
  const names = ids.slice(0, NAMED).map(name).join(lang === 'zh' ? '、' : ', ') + (ids.length > NAMED ? (lang === 'zh' ? ` 等${ids.length}项` : ` and ${ids.length - NAMED} more`) : '');
  const box = el('div', '', { class: 'scenario-banner', id: 'scenario', role: 'status' });
  const button = el('button', t(lang, 'scenarioClear'), { type: 'button', 'data-focus': 'scenario-clear' });
  button.addEventListener('click', clear);
  box.append(el('strong', t(lang, 'scenarioWith').replace('{names}', names)), el('span', ` ${t(lang, 'scenarioBefore')}`, { class: 'note' }), button);
  return box;
}
