/**
 * The share dialog, loaded when first opened: pick the current view or a named
 * one, set width and height, make it the newsroom's own (web/share/annotate.ts),
 * see a preview, and copy a plain iframe or the responsive script embed (which
 * sizes the iframe to its content), or take the picture for print.
 */
import { writeAnnotations } from '../../geo/annotations.ts';
import type { View } from '../../geo/views.ts';
import { embedMapHeight } from '../../geo/embed-size.ts';
import { annotationForm } from './annotate.ts';
import { embedCodes } from './codes.ts';
import { word } from './words.ts';
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { writeState, type ViewState } from '../../geo/state.ts';
import { el } from '../ui/dom.ts';


/**
 * Opens the dialog.
 *
 * @param lang - the language
 * @param state - the explorer's state (the "current" view)
 * @example
 * openShareDialog('zh', state);
 */
export async function openShareDialog(lang: Lang, state: ViewState): Promise<void> {
  document.getElementById('share-dialog')?.remove();
  const views = ((await fetch('/api/views').then((r) => r.json())) as { views: View[] }).views;
  const dialog = el('dialog', '', { id: 'share-dialog', class: 'share', 'aria-labelledby': 'share-title' });
  const head = el('div', '', { class: 'details-head' });
  const close = el('button', '×', { type: 'button', class: 'close', 'aria-label': t(lang, 'close') });
  close.addEventListener('click', () => dialog.close());
  head.append(el('h2', t(lang, 'share'), { id: 'share-title' }), close);

  const select = el('select', '', { id: 'share-view' });
  select.append(el('option', t(lang, 'shareCurrent'), { value: '' }), ...views.map((v) => el('option', v.title[lang], { value: v.id })));
  const width = el('input', '', { type: 'number', id: 'share-width', min: '240', max: '1600', value: '640' });
  const height = el('input', '', { type: 'number', id: 'share-height', min: '160', max: '1600', value: String(embedMapHeight(640)) });
  // The map's height follows the width (as the embed's own does) until the editor sets it.
  let heightSet = false;
  height.addEventListener('input', () => (heightSet = true));
  width.addEventListener('change', () => heightSet || (height.value = String(embedMapHeight(Number(width.value) || 640))));
  const field = (label: string, input: HTMLElement) => {
    const l = el('label', '', { class: 'share-field' });
    l.append(el('span', label), input);
    return l;
  };
  const codes = { iframe: el('textarea', '', { id: 'share-iframe', readonly: '', rows: '3' }), script: el('textarea', '', { id: 'share-script', readonly: '', rows: '3' }), link: el('input', '', { id: 'share-link', readonly: '', type: 'text' }) };
  const preview = el('iframe', '', { id: 'share-preview', title: t(lang, 'preview'), loading: 'lazy' });
  const own = annotationForm(lang, { feature: state.feature, preview, onChange: () => update() });
  const pictures = el('p', '', { class: 'share-pictures' });
  const [print, svg] = [el('a', word(lang, 'print'), { id: 'share-print', target: '_blank', rel: 'noopener' }), el('a', word(lang, 'picture'), { id: 'share-svg', target: '_blank', rel: 'noopener' })];
  pictures.append(print, ' · ', svg);

  const update = () => {
    const origin = location.origin;
    const clamp = (v: string, lo: number, hi: number, d: number) => Math.min(hi, Math.max(lo, Number(v) || d));
    width.value = String(clamp(width.value, 240, 1600, 640));
    height.value = String(clamp(height.value, 160, 1600, embedMapHeight(Number(width.value))));
    const { annotations, theme } = own.value();
    const look = `lang=${lang}${theme === 'dark' ? '&theme=dark' : ''}`;
    const options = `${look}&height=${height.value}`;
    const view = views.find((v) => v.id === select.value);
    // The view's state (a named view's is its own) with the editor's annotations, which replace the
    // explorer's; its language once, from `look` (the pictures refuse a repeated parameter).
    const stateQuery = view ? writeAnnotations(annotations, new URLSearchParams()).toString() : writeState({ ...state, lang: 'zh', annotations }).slice(1);
    const query = (more: string) => [stateQuery, more].filter(Boolean).join('&');
    const url = `${origin}/embed${view ? `/${view.id}` : ''}?${query(options)}`;
    print.href = `${origin}/static/${view?.id ?? 'view'}.png?${query(`${look}&print=1`)}`;
    svg.href = `${origin}/static/${view?.id ?? 'view'}.svg?${query(look)}`;
    const title = annotations.title ?? (view ? view.title[lang] : t(lang, 'title'));
    const w = Number(width.value) || 640;
    const code = embedCodes({ origin, url, title, view: view?.id ?? 'view', width: w, map: Number(height.value) || embedMapHeight(w), texts: annotations });
    const total = code.height;
    codes.iframe.value = code.iframe;
    codes.script.value = code.script;
    codes.link.value = view ? `${origin}/embed/${view.id}${stateQuery ? `?${stateQuery}` : ''}` : `${origin}/${writeState({ ...state, annotations })}`;
    preview.src = url;
    preview.style.width = `${Math.min(w, 560)}px`;
    preview.style.height = `${Math.min(total, 520)}px`;
  };
  for (const input of [select, width, height]) input.addEventListener('change', update);

  const block = (label: string, area: HTMLTextAreaElement | HTMLInputElement) => {
    const box = el('div', '', { class: 'share-code' });
    const copy = el('button', t(lang, 'copy'), { type: 'button' });
    copy.addEventListener('click', async () => {
      area.select();
      await navigator.clipboard?.writeText(area.value).catch(() => undefined);
      copy.textContent = t(lang, 'copied');
    });
    const l = el('label', label, { for: area.id });
    box.append(l, area, copy);
    return box;
  };
  dialog.append(head, field(t(lang, 'shareView'), select), field(t(lang, 'shareWidth'), width), field(t(lang, 'shareHeight'), height), own.element, block(t(lang, 'shareIframe'), codes.iframe), block(t(lang, 'shareScript'), codes.script), block(t(lang, 'shareLink'), codes.link), pictures, el('p', t(lang, 'preview'), { class: 'note' }), preview);
  document.body.append(dialog);
  update();
  dialog.showModal();
}
