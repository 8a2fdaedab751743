/**
 * The share dialog's part for a newsroom's own embed: a title and caption, labelled markers placed by
 * a click on the preview's map, a highlighted feature (the one whose details are open, or one from a
 * list), a callout, which labels to show and the theme. What it holds goes into the embed's URL
 * (geo/annotations.ts); the inputs' `maxlength` are the URL's limits, which the embed applies again.
 */
import type { FeatureCollection } from 'geojson';
import { ANNOTATION_LIMITS, LABEL_CHOICES, cleanText, noAnnotations, type Annotations, type Mark } from '../../geo/annotations.ts';
import { CATALOG } from '../../geo/catalog.ts';
import type { Lang } from '../../geo/state.ts';
import { getJson, layerUrl } from '../api.ts';
import { nameOf } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { word, type WordKey } from './words.ts';

/** The layers whose features the highlight list offers (small ones; any other feature by opening its details). */
const LISTED = ['places', 'ports', 'airports', 'hospitals'] as const;

/** What the preview's embed exposes of its map: enough to take one click. */
interface ClickableMap {
  once(type: 'click', listener: (e: { lngLat: { lng: number; lat: number } }) => void): unknown;
}

/** What {@link annotationForm} gives the dialog. */
export interface AnnotationForm {
  element: HTMLElement;
  /** The annotations and theme as the editor has set them. */
  value(): { annotations: Annotations; theme: 'light' | 'dark' };
}

/**
 * Builds the form.
 *
 * @param lang - the language
 * @param options - the feature whose details are open, the preview frame, and what to do on a change
 * @returns the form's element and its value
 * @example
 * const form = annotationForm('zh', { feature: state.feature, preview, onChange: update });
 */
export function annotationForm(lang: Lang, options: { feature: string | null; preview: HTMLIFrameElement; onChange: () => void }): AnnotationForm {
  const marks: Mark[] = [];
  const text = (id: string, max: number, tag: 'input' | 'textarea' = 'input') => {
    const input = tag === 'input' ? el('input', '', { id, type: 'text', maxlength: String(max) }) : el('textarea', '', { id, rows: '2', maxlength: String(max) });
    input.addEventListener('change', options.onChange);
    return input;
  };
  const select = (id: string, choices: readonly (readonly [string, string])[]) => {
    const s = el('select', '', { id });
    s.append(...choices.map(([value, label]) => el('option', label, { value })));
    s.addEventListener('change', options.onChange);
    return s;
  };
  const field = (key: WordKey, input: HTMLElement) => {
    const l = el('label', '', { class: 'share-field' });
    l.append(el('span', word(lang, key)), input);
    return l;
  };
  const title = text('share-title-text', ANNOTATION_LIMITS.title);
  const caption = text('share-caption', ANNOTATION_LIMITS.caption, 'textarea');
  const note = text('share-note', ANNOTATION_LIMITS.note, 'textarea');
  const labels = select('share-labels', LABEL_CHOICES.map((c) => [c, word(lang, c === 'all' ? 'labelsAll' : c === 'places' ? 'labelsPlaces' : 'labelsNone')] as const));
  const theme = select('share-theme', [['light', word(lang, 'light')], ['dark', word(lang, 'dark')]]);
  const highlight = select('share-highlight', [['', word(lang, 'none')], ...(options.feature ? [[options.feature, word(lang, 'openFeature')] as const] : [])]);
  if (options.feature) highlight.value = options.feature;
  void listFeatures(lang, highlight);

  const markLabel = el('input', '', { id: 'share-mark-label', type: 'text', maxlength: String(ANNOTATION_LIMITS.label), placeholder: word(lang, 'markLabel'), 'aria-label': word(lang, 'markLabel') });
  const place = el('button', word(lang, 'placeMark'), { type: 'button', id: 'share-place-mark', 'aria-pressed': 'false' });
  const status = el('span', '', { class: 'note', role: 'status', id: 'share-mark-status' });
  const list = el('ul', '', { id: 'share-marks', class: 'share-marks' });
  const renderMarks = () => {
    list.replaceChildren(
      ...marks.map((m, i) => {
        const li = el('li', `${m.label || '•'} (${m.at[0].toFixed(3)}, ${m.at[1].toFixed(3)})`);
        const remove = el('button', '×', { type: 'button', 'aria-label': word(lang, 'removeMark', { label: m.label }) });
        remove.addEventListener('click', () => {
          marks.splice(i, 1);
          renderMarks();
          options.onChange();
        });
        li.append(' ', remove);
        return li;
      }),
    );
    place.disabled = marks.length >= ANNOTATION_LIMITS.marks;
  };
  // Placing: the next click on the preview's map (armed again whenever the preview reloads).
  let placing = false;
  const arm = async () => {
    for (let i = 0; placing && i < 200; i++) {
      const map = (options.preview.contentWindow as { atlas?: { map?: ClickableMap } } | null)?.atlas?.map;
      if (map) {
        map.once('click', ({ lngLat }) => {
          if (!placing) return;
          placing = false;
          place.setAttribute('aria-pressed', 'false');
          status.textContent = '';
          marks.push({ at: [lngLat.lng, lngLat.lat], label: cleanText(markLabel.value, ANNOTATION_LIMITS.label) ?? '' });
          markLabel.value = '';
          renderMarks();
          options.onChange();
        });
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  options.preview.addEventListener('load', () => void arm());
  place.addEventListener('click', () => {
    placing = !placing;
    place.setAttribute('aria-pressed', String(placing));
    status.textContent = placing ? word(lang, 'placing') : '';
    if (placing) void arm();
  });
  const markRow = el('div', '', { class: 'share-field' });
  markRow.append(el('span', word(lang, 'marks')), markLabel, place);

  const element = el('fieldset', '', { class: 'share-own' });
  element.append(el('legend', word(lang, 'own')), field('title', title), field('caption', caption), markRow, status, list, field('highlight', highlight), field('note', note), field('labels', labels), field('theme', theme));
  return {
    element,
    value: () => ({
      annotations: {
        ...noAnnotations(),
        title: cleanText(title.value, ANNOTATION_LIMITS.title),
        caption: cleanText(caption.value, ANNOTATION_LIMITS.caption),
        marks: [...marks],
        highlight: highlight.value || null,
        note: cleanText(note.value, ANNOTATION_LIMITS.note),
        labels: labels.value as Annotations['labels'],
      },
      theme: theme.value === 'dark' ? 'dark' : 'light',
    }),
  };
}

/** Adds the listed layers' features to the highlight's choices, a group a layer; a layer that cannot be had is left out. */
async function listFeatures(lang: Lang, select: HTMLSelectElement): Promise<void> {
  const layers = await Promise.all(LISTED.map((id) => getJson<FeatureCollection>(layerUrl(id)).then((data) => ({ id, data })).catch(() => null)));
  for (const layer of layers) {
    if (!layer) continue;
    const group = el('optgroup', '', { label: CATALOG.find((l) => l.id === layer.id)?.title[lang] ?? layer.id });
    const seen = new Set<string>();
    for (const f of layer.data.features) {
      const id = String(f.properties?.id ?? '');
      if (!id || seen.has(id)) continue;
      seen.add(id);
      group.append(el('option', nameOf(lang, f.properties ?? {}), { value: id }));
    }
    select.append(group);
  }
}
