/**
 * The timeline: the year slider and the play button. Dragging shows each year at once; the year lands
 * in the history when the slider is let go. Play steps through the plan's years.
 */
import { YEARS, type Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';
import { byId, lessMotion } from '../ui/dom.ts';
import type { Store } from './store.ts';

/** Options of {@link createTimeline}. */
export interface TimelineOptions {
  /** The view's store. */
  store: Store;
  /** Shows a year on the map at once, without a history entry (while the slider is dragged). */
  showYear(year: number): void;
  /** The slider; default `#year`. */
  slider?: HTMLInputElement;
  /** Where the year is written beside it; default `#year-out`. */
  output?: HTMLOutputElement;
  /** The play button; default `#play`. */
  play?: HTMLElement;
  /** How long each year is shown while playing, in ms; default 700, 1500 when the reader asks for less motion. */
  stepMs?: number;
}

/**
 * The play button's symbol and name: pause while playing (`aria-pressed`), else play.
 *
 * @param button - the play button
 * @param lang - the language of its name
 * @example
 * renderPlayButton(document.getElementById('play')!, 'en');
 */
export function renderPlayButton(button: HTMLElement, lang: Lang): void {
  const playing = button.getAttribute('aria-pressed') === 'true';
  button.textContent = playing ? '❚❚' : '▶';
  button.setAttribute('aria-label', t(lang, playing ? 'pause' : 'play'));
}

/**
 * Wires the slider and the play button; going back or forward in the history stops playing and moves
 * the slider to the state's year.
 *
 * @param options - the store, how the map shows a year, the controls
 * @example
 * createTimeline({ store, showYear: (year) => applyYear(map, ids, year) });
 */
export function createTimeline(options: TimelineOptions): void {
  const { store, showYear } = options;
  const slider = options.slider ?? byId<HTMLInputElement>('year');
  const out = options.output ?? byId<HTMLOutputElement>('year-out');
  const play = options.play ?? byId('play');
  const state = store.state;
  slider.min = String(YEARS.min);
  slider.max = String(YEARS.max);
  slider.value = String(state().year);
  out.value = String(state().year);
  slider.addEventListener('input', () => {
    out.value = slider.value;
    showYear(Number(slider.value));
  });
  slider.addEventListener('change', () => store.update({ year: Number(slider.value) }, true));
  let timer: number | null = null;
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.setAttribute('aria-pressed', 'false');
    renderPlayButton(play, state().lang);
  };
  play.addEventListener('click', () => {
    if (timer !== null) return stop();
    play.setAttribute('aria-pressed', 'true');
    renderPlayButton(play, state().lang);
    let year = state().year >= YEARS.max ? YEARS.min : state().year;
    timer = window.setInterval(
      () => {
        slider.value = String(year);
        out.value = String(year);
        store.update({ year }, false);
        if (++year > YEARS.max) stop();
      },
      options.stepMs ?? (lessMotion() ? 1500 : 700),
    );
  });
  store.follow(({ state, changed, fromHistory }) => {
    if (changed('year')) slider.setAttribute('aria-valuetext', String(state.year));
    if (!fromHistory) return;
    stop();
    slider.value = out.value = String(state.year);
  });
}
