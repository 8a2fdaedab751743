/**
 * The page in a language: its fixed strings (marked `data-i18n` and `data-i18n-label` in index.html),
 * its title, the status legend, and the switch to the other language.
 */
import type { ViewState } from '../../geo/state.ts';
import { t, type StringKey } from '../i18n.ts';
import { byId } from '../ui/dom.ts';
import { renderStatusLegend } from '../ui/layers.ts';
import type { Store } from './store.ts';
import { renderPlayButton } from './timeline.ts';

/**
 * Writes the page's strings in the state's language (the year is read aloud with the slider).
 *
 * @param state - the view's state: its language and year
 * @example
 * applyStrings(store.state());
 */
export function applyStrings(state: Pick<ViewState, 'lang' | 'year'>): void {
  const lang = state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t(lang, 'title')} · ${t(lang === 'zh' ? 'en' : 'zh', 'title')}`;
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n]')) e.textContent = t(lang, e.dataset.i18n as StringKey);
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) e.setAttribute('aria-label', t(lang, e.dataset.i18nLabel as StringKey));
  const button = byId('lang');
  button.textContent = t(lang, 'switchLang');
  button.setAttribute('aria-label', t(lang, 'switchLangLabel'));
  button.lang = lang === 'zh' ? 'en' : 'zh-CN';
  byId('panel').setAttribute('aria-label', t(lang, 'panels'));
  byId('q').setAttribute('placeholder', t(lang, 'searchPlaceholder'));
  byId('year').setAttribute('aria-valuetext', `${state.year}`);
  renderPlayButton(byId('play'), lang);
  renderStatusLegend(byId('status-legend'), lang);
}

/** Options of {@link followLanguage}. */
export interface LanguageOptions {
  /** The language switch; default `#lang`. */
  button?: HTMLElement;
}

/**
 * Makes the page follow the state's language, and its switch change it (a step in the history).
 *
 * @param store - the view's store
 * @param options - the switch
 * @example
 * followLanguage(store);
 */
export function followLanguage(store: Store, options: LanguageOptions = {}): void {
  store.follow(({ state, changed }) => changed('lang') && applyStrings(state));
  (options.button ?? byId('lang')).addEventListener('click', () => store.update({ lang: store.state().lang === 'zh' ? 'en' : 'zh' }, true));
}
