/**
 * A newsroom's own embed: its title, caption, labelled markers, a highlighted feature, a callout,
 * which labels to show. All of it rides in the URL (no account, nothing stored on the server), so
 * anyone can write any of it: every text is read strictly (control and direction-override characters
 * dropped, white space collapsed, cut to a short length) and escaped wherever it is shown.
 */

/** Which of the map's labels are shown: all, the seats' only, or none (a marker's label always is). */
export const LABEL_CHOICES = ['all', 'places', 'none'] as const;
export type LabelChoice = (typeof LABEL_CHOICES)[number];

/** A labelled marker at a point. */
export interface Mark {
  at: [number, number];
  label: string;
}

/** What an editor adds to a view. */
export interface Annotations {
  title: string | null;
  caption: string | null;
  marks: Mark[];
  /** The highlighted feature's id. */
  highlight: string | null;
  /** The callout: a short text in a box over the map. */
  note: string | null;
  labels: LabelChoice;
}

/** The most characters (code points) each text may have, and the most markers. */
export const ANNOTATION_LIMITS = { title: 80, caption: 160, label: 30, note: 160, marks: 3 } as const;

/** No annotations. */
export const noAnnotations = (): Annotations => ({ title: null, caption: null, marks: [], highlight: null, note: null, labels: 'all' });

// C0/C1 controls, zero-width and direction overrides (which could reorder what a reader sees).
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A text from a URL as the atlas shows it: without control or direction-override characters, white
 * space collapsed, cut to `max` characters.
 *
 * @param s - the text, or null
 * @param max - the most characters (code points)
 * @returns the clean text, or null when nothing is left
 * @example
 * cleanText('  万州\u202e  新港 ', 60); // '万州 新港'
 */
export function cleanText(s: string | null, max: number): string | null {
  if (s === null) return null;
  const clean = Array.from(s.replace(/[\t\n\r]/g, ' ').replace(UNWANTED, '').replace(/\s+/g, ' ').trim()).slice(0, max).join('').trim();
  return clean || null;
}

const coordinate = /^-?\d{1,3}(\.\d{1,6})?$/;

/**
 * One marker of `mark=lon,lat,label;lon,lat,label`: the label is everything after the second comma.
 *
 * @param s - the parameter's value
 * @returns the marker, or null when its position is not a place on Earth
 * @example
 * readMark('108.38,30.81,新田港'); // { at: [108.38, 30.81], label: '新田港' }
 */
export function readMark(s: string): Mark | null {
  const [lon, lat, ...rest] = s.split(',');
  if (!lon || !lat || !coordinate.test(lon) || !coordinate.test(lat)) return null;
  const at: [number, number] = [Number(lon), Number(lat)];
  if (Math.abs(at[0]) > 180 || Math.abs(at[1]) > 85) return null;
  return { at, label: cleanText(rest.join(','), ANNOTATION_LIMITS.label) ?? '' };
}

/**
 * Reads the annotations of a query; anything malformed is left out.
 *
 * @param q - the query
 * @returns the annotations
 * @example
 * readAnnotations(new URLSearchParams('title=新港&mark=108.38,30.81,新田港;108.4,30.9,码头&labels=places')).marks; // [{ at: [108.38, 30.81], label: '新田港' }, …]
 */
export function readAnnotations(q: URLSearchParams): Annotations {
  const labels = q.get('labels');
  const hl = q.get('hl');
  return {
    title: cleanText(q.get('title'), ANNOTATION_LIMITS.title),
    caption: cleanText(q.get('caption'), ANNOTATION_LIMITS.caption),
    // One parameter for every marker (the worker refuses a repeated one), `;` between them.
    marks: (q.get('mark') ?? '').split(';').slice(0, 3 * ANNOTATION_LIMITS.marks).map(readMark).filter((m): m is Mark => m !== null).slice(0, ANNOTATION_LIMITS.marks),
    highlight: hl && /^[a-z0-9-]{1,64}$/.test(hl) ? hl : null,
    note: cleanText(q.get('note'), ANNOTATION_LIMITS.note),
    labels: (LABEL_CHOICES as readonly string[]).includes(labels ?? '') ? (labels as LabelChoice) : 'all',
  };
}

/**
 * Writes annotations into a query, leaving out what is empty (the markers in one `mark=`, `;` between
 * them: a semicolon in a label becomes a comma).
 *
 * @param a - the annotations
 * @param q - the query to add to
 * @returns the same query
 * @example
 * writeAnnotations({ ...noAnnotations(), title: '新港' }, new URLSearchParams()).toString(); // 'title=%E6%96%B0%E6%B8%AF'
 */
export function writeAnnotations(a: Annotations, q: URLSearchParams): URLSearchParams {
  if (a.title) q.set('title', a.title);
  if (a.caption) q.set('caption', a.caption);
  // Five decimals: about a metre, finer than a click can mean.
  const marks = a.marks.slice(0, ANNOTATION_LIMITS.marks).map((m) => `${+m.at[0].toFixed(5)},${+m.at[1].toFixed(5)},${m.label.replace(/;/g, ',')}`);
  if (marks.length) q.set('mark', marks.join(';'));
  if (a.highlight) q.set('hl', a.highlight);
  if (a.note) q.set('note', a.note);
  if (a.labels !== 'all') q.set('labels', a.labels);
  return q;
}

/**
 * Whether there is anything to add to the view.
 *
 * @param a - the annotations
 * @returns true when any is set
 * @example
 * hasAnnotations(noAnnotations()); // false
 */
export const hasAnnotations = (a: Annotations): boolean => Boolean(a.title || a.caption || a.marks.length || a.highlight || a.note || a.labels !== 'all');

/**
 * A view with the editor's own title and caption in place of its own (in both languages: an editor
 * writes in the language of the page).
 *
 * @param view - anything with a title and caption in both languages
 * @param a - the annotations
 * @returns the same with the custom title and caption, where set
 * @example
 * retitled(view, { ...noAnnotations(), title: '新港' }).title; // { zh: '新港', en: '新港' }
 */
export function retitled<V extends { title: { zh: string; en: string }; caption: { zh: string; en: string } }>(view: V, a: Annotations): V {
  return {
    ...view,
    ...(a.title ? { title: { zh: a.title, en: a.title } } : {}),
    ...(a.caption ? { caption: { zh: a.caption, en: a.caption } } : {}),
  };
}
