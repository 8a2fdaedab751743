/**
 * A trip end chosen by name, from the keyboard alone: a search field (an ARIA combobox) that lists
 * the places and point features whose names match, chosen with the arrows and Enter, or a point
 * picked on the map. The reach's origin and a route's two ends are chosen with it.
 */
import type { Lang } from '../../geo/state.ts';
import type { AtlasData, KnownFeature } from '../data.ts';
import { nameOf, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { rank } from '../ui/search.ts';
import { armPick } from './pick.ts';

/** At most this many matches are offered. */
const OFFERED = 8;

/** Options of {@link endPicker}. */
export interface EndPickerOptions {
  lang: Lang;
  data: AtlasData;
  /** The field's key, unique on the page: its id and the `data-end` that keeps its focus across renders. */
  key: string;
  /** What the field is for ("出发地", "目的地"). */
  label: string;
  /** Takes the chosen end: a feature id, or `lon,lat` picked on the map. */
  choose(end: string): void;
  /** Whether a point may be picked on the map (default true). */
  onMap?: boolean;
}

/**
 * The place and point features of the page whose names match a query, best first.
 *
 * @param data - the atlas data
 * @param query - what was typed
 * @returns at most OFFERED features
 * @example
 * endMatches(data, '万州')[0].feature.properties.id; // 'wanzhou'
 */
export function endMatches(data: AtlasData, query: string): KnownFeature[] {
  if (query.trim() === '') return [];
  return rank(
    [...data.byId.values()].filter((k) => k.feature.geometry.type === 'Point'),
    query,
  ).slice(0, OFFERED);
}

/**
 * A search field for a trip end, with its list of matches and a "pick on the map" button.
 *
 * @param options - the language, the data, the field's key and label, and what takes the choice
 * @returns the field's wrapper
 * @example
 * box.append(endPicker({ lang, data, key: 'route-from', label: t(lang, 'routeFrom'), choose: (id) => update({ route: [id, to] }, true) }));
 */
export function endPicker(options: EndPickerOptions): HTMLElement {
  const { lang, data, key } = options;
  const wrap = el('div', '', { class: 'end-picker' });
  const listId = `${key}-options`;
  const input = el('input', '', { type: 'search', id: key, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, autocomplete: 'off', 'data-end': key, placeholder: t(lang, 'endPlaceholder') });
  const label = el('label', options.label, { for: key });
  const list = el('ul', '', { role: 'listbox', id: listId, class: 'end-options', hidden: '' });
  const titles = new Map(data.layers.map((l) => [l.id, l.title[lang]]));
  let matches: KnownFeature[] = [];
  let active = -1;

  const show = () => {
    list.replaceChildren(
      ...matches.map((m, i) => {
        const li = el('li', '', { role: 'option', id: `${listId}-${i}`, 'aria-selected': String(i === active) });
        li.append(el('span', nameOf(lang, m.feature.properties)), el('span', ` ${titles.get(m.layer) ?? m.layer}`, { class: 'muted' }));
        // Chosen before the field loses focus to the click.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          options.choose(m.feature.properties.id);
        });
        return li;
      }),
    );
    list.hidden = matches.length === 0;
    input.setAttribute('aria-expanded', String(matches.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  input.addEventListener('input', () => {
    matches = endMatches(data, input.value);
    active = matches.length ? 0 : -1;
    show();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!matches.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      show();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      options.choose(matches[active].feature.properties.id);
    } else if (e.key === 'Escape' && matches.length) {
      e.preventDefault();
      matches = [];
      active = -1;
      show();
    }
  });
  input.addEventListener('blur', () => {
    matches = [];
    active = -1;
    show();
  });
  wrap.append(label, input);
  if (options.onMap ?? true) {
    const pick = el('button', t(lang, 'pickOnMap'), { type: 'button', class: 'pick', 'data-end': `${key}-pick` });
    pick.addEventListener('click', () => {
      pick.setAttribute('aria-pressed', 'true');
      pick.textContent = t(lang, 'pickOnMapNow');
      armPick(options.choose);
    });
    wrap.append(pick);
  }
  wrap.append(list);
  return wrap;
}
