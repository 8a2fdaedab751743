/**
 * The view's state, held in the URL: each change makes a history entry or replaces the current one,
 * and the parts of the page that follow the state are told what changed, so each touches only that.
 */
import { readState, writeState, type ViewState } from '../../geo/state.ts';

/** What a follower is told of a change. */
export interface Change {
  /** The state now. */
  state: ViewState;
  /** The state before, or null when the whole page is brought in line (at the start, after a new map style). */
  before: ViewState | null;
  /** Whether the change came from going back or forward in the history. */
  fromHistory: boolean;
  /** Whether any of these parts of the state changed (always, when there is no state before). */
  changed(...keys: (keyof ViewState)[]): boolean;
}

/** Options of {@link createStore}. */
export interface StoreOptions {
  /** The query string the state is first read from; default `location.search`. */
  search?: string;
}

/** The view's state and the history of it. */
export interface Store {
  /** The state now. */
  state(): ViewState;
  /** Changes the state; `push` makes a history entry (a reader's step), else the entry is replaced (panning, playing). */
  update(patch: Partial<ViewState>, push: boolean): void;
  /** Tells every follower of the change from `before` (null: brings the whole page in line). */
  apply(before: ViewState | null): void;
  /** Adds a follower; followers are told in the order they were added. */
  follow(follower: (change: Change) => void): void;
  /** The catalogue's layer ids: the URL's hidden layers are read against them, now and on going back. */
  setLayers(ids: readonly string[]): void;
  /** Brings the whole page in line, then follows going back and forward in the history. */
  start(): void;
}

/**
 * Creates the store, its state read from the URL.
 *
 * @param options - where the state is first read from
 * @returns the store
 * @example
 * const store = createStore();
 * store.follow(({ state, changed }) => changed('year') && applyYear(map, ids, state.year));
 * store.start();
 * store.update({ year: 2030 }, true);
 */
export function createStore(options: StoreOptions = {}): Store {
  const search = options.search ?? location.search;
  let state = readState(search);
  let layers: readonly string[] | undefined;
  const followers: ((change: Change) => void)[] = [];

  const tell = (before: ViewState | null, fromHistory: boolean) => {
    const now = state;
    const differs = (k: keyof ViewState) => before === null || JSON.stringify(before[k]) !== JSON.stringify(now[k]);
    const change: Change = { state: now, before, fromHistory, changed: (...keys) => keys.some(differs) };
    for (const follower of followers) follower(change);
  };

  return {
    state: () => state,
    update(patch, push) {
      const before = state;
      state = { ...state, ...patch };
      const url = `${location.pathname}${writeState(state)}`;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      tell(before, false);
    },
    apply: (before) => tell(before, false),
    follow: (follower) => void followers.push(follower),
    setLayers(ids) {
      layers = ids;
      state = { ...state, hidden: readState(search, ids).hidden };
    },
    start() {
      tell(null, false);
      addEventListener('popstate', () => {
        const before = state;
        state = readState(location.search, layers);
        tell(before, true);
      });
    },
  };
}
