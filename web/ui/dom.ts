/** Small DOM helpers: text only, never HTML, so feature text can never run as markup. */

/**
 * An element with text and attributes.
 *
 * @param tag - the tag name
 * @param text - its text content (set with textContent)
 * @param attrs - attributes to set
 * @returns the element
 * @example
 * el('button', '关闭', { type: 'button', class: 'close' });
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/**
 * Re-renders part of the page without losing the keyboard's place: the control
 * that had focus (found again by its `data-*` key) has it again afterwards.
 *
 * @param root - the part that is re-rendered
 * @param render - replaces its content
 * @example
 * keepFocus(list, () => renderLayers(list, …));
 */
export function keepFocus(root: HTMLElement, render: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && root.contains(active) ? Object.entries(active.dataset)[0] : undefined;
  render();
  if (!key) return;
  const attr = `data-${key[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  root.querySelector<HTMLElement>(`[${attr}="${CSS.escape(key[1] ?? '')}"]`)?.focus();
}

/**
 * An element of the page by its id (the page's fixed elements are in index.html).
 *
 * @param id - the element's id
 * @returns the element
 * @example
 * byId<HTMLInputElement>('q').value;
 */
export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/**
 * Whether the reader asks for less motion (asked each time: the setting may change while the page is open).
 *
 * @returns true when `prefers-reduced-motion: reduce` matches
 * @example
 * const duration = lessMotion() ? 0 : 800;
 */
export const lessMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;
