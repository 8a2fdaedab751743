/**
 * The panel's tabs (layers, analysis, features): the state's panel is shown, a tab or an arrow key
 * changes it (a step in the history), as the WAI-ARIA tabs pattern has it.
 */
import { PANELS, type Panel } from '../../geo/state.ts';
import { byId } from '../ui/dom.ts';
import type { Store } from './store.ts';

/**
 * Shows one panel and marks its tab as the selected one (the only one in the tab order).
 *
 * @param panel - the panel to show
 * @example
 * showPanel('analysis');
 */
export function showPanel(panel: Panel): void {
  for (const p of PANELS) {
    const tab = byId(`tab-${p}`);
    tab.setAttribute('aria-selected', String(p === panel));
    tab.tabIndex = p === panel ? 0 : -1;
    byId(`pane-${p}`).hidden = p !== panel;
  }
}

/**
 * Wires the tabs, and has the panel follow the state.
 *
 * @param store - the view's store
 * @example
 * followTabs(store);
 */
export function followTabs(store: Store): void {
  const tabs = PANELS.map((p) => byId(`tab-${p}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => store.update({ panel: tab.dataset.panel as Panel }, true));
    // Arrow keys move between tabs.
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      store.update({ panel: next.dataset.panel as Panel }, true);
    });
  });
  store.follow(({ state, changed }) => changed('panel') && showPanel(state.panel));
}
