/**
 * The analysis panel, loaded when first opened: the reach from a place or point
 * (bands on the map, what lies within listed), the four places' travel-time
 * matrix for the year as a table, the one-hour circle of two years side by
 * side, and the plan figures beside their targets.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { CircleResponse } from '../../geo/api/circle.ts';
import type { MatrixResponse } from '../../geo/api/matrix.ts';
import type { PlanResponse } from '../../geo/api/plan.ts';
import type { ReachResponse } from '../../geo/api/reach.ts';
import type { RouteResponse } from '../../geo/api/route.ts';
import { FOUR_PLACE_IDS } from '../../geo/four-places.ts';
import { parseLonLat } from '../../geo/geodesy.ts';
import type { Lang, ViewState } from '../../geo/state.ts';
import { fetchCircle, fetchMatrix, fetchPlan, fetchReach, fetchRoute } from '../api.ts';
import type { AtlasData } from '../data.ts';
import { nameOf, t } from '../i18n.ts';
import { keepFocus, lessMotion } from '../ui/dom.ts';
import { renderCircle } from './circle.ts';
import { matrixCsv } from './csv.ts';
import { matrixTable } from './matrix-table.ts';
import { drawReach, drawReachBefore } from './overlay.ts';
import { renderImpact } from './impact.ts';
import { scenarioBanner } from './scenario.ts';
import { pointName, seatsOf } from './place-name.ts';
import { renderPlan } from './plan.ts';
import { renderReach } from './reach.ts';
import { endPicker } from './end-picker.ts';
import { renderRoute } from './route.ts';
import { drawRoute, drawRouteBefore, showRoute } from './route-overlay.ts';
import { routeLegend } from './legend.ts';
import { pending, section, type Loaded } from './section.ts';

/** What the panel needs from the page. */
export interface AnalysisContext {
  root: HTMLElement;
  map: MapLibreMap;
  data: AtlasData;
  state(): ViewState;
  update(patch: Partial<ViewState>, push: boolean): void;
  select(id: string): void;
}

/** The answers the panel shows. */
interface Answers {
  reach: Loaded<ReachResponse>;
  route: Loaded<RouteResponse>;
  /** The route on the year's own network, when a scenario is set. */
  routeBefore?: RouteResponse | null;
  matrix: Loaded<MatrixResponse>;
  circle: Loaded<CircleResponse>;
  plan: Loaded<PlanResponse>;
}

const NOTHING_YET: Answers = { reach: null, route: null, matrix: null, circle: null, plan: null };

// An answer that failed is shown as its Error, so that one analysis failing leaves the others.
const settle = <T>(p: Promise<T>): Promise<T | Error> => p.catch((e: Error) => e);

/**
 * Mounts the panel.
 *
 * @param ctx - the page's map, data and state
 * @returns `refresh` (after any state change) and `redraw` (after the map's style was replaced)
 * @example
 * const panel = mountAnalysis({ root, map, data, state, update, select }); await panel.refresh();
 */
export function mountAnalysis(ctx: AnalysisContext) {
  const { root, map, data } = ctx;
  let reach: ReachResponse | null = null;
  let route: RouteResponse | null = null;
  /** The reach without the state's scenario, drawn as outlines beside it. */
  let without: ReachResponse | null = null;
  /** The route without the state's scenario, drawn beside it. */
  let routeBefore: RouteResponse | null = null;
  /** The scenario the panel last showed, to bring a new one's banner into view once. */
  let shownWith = '';
  let generation = 0;

  const seats = seatsOf(data.features.get('places'));
  /** A place's name as the page knows it, or a position's by the nearest seat, or its id. */
  const placeName = (lang: Lang, id: string | null, coordinates?: [number, number]) => {
    const hit = id ? data.byId.get(id) : undefined;
    const at = coordinates ?? (id ? parseLonLat(id) : null);
    return hit ? nameOf(lang, hit.feature.properties) : at ? pointName(lang, seats, at) : (id ?? '');
  };

  const theme = () => (matchMedia('(prefers-color-scheme: dark)').matches ? ('dark' as const) : ('light' as const));

  /** The bands as map layers, under the thematic layers, and the route over them; re-created after the style is replaced. */
  function redraw(): void {
    drawReach(map, ctx.state().bands, reach ? [reach] : []);
    drawReachBefore(map, without);
    drawRoute(map, route, theme());
    drawRouteBefore(map, route && routeBefore, theme());
  }

  /** Renders the panel's sections for a state with the answers that have arrived. */
  function renderSections(s: ViewState, answers: Answers): void {
    const { lang } = s;
    const name = (id: string | null, coordinates?: [number, number]) => placeName(lang, id, coordinates);
    keepFocus(root, () => {
      root.replaceChildren();
      const scenario = `${s.with.join()}|${s.without.join()}`;
      if (s.with.length || s.without.length) {
        const banner = root.appendChild(scenarioBanner(lang, { with: s.with, without: s.without }, (id) => name(id), () => ctx.update({ with: [], without: [] }, true)));
        // A new scenario is brought into view: the bar clicked is far down the panel.
        if (scenario !== shownWith) requestAnimationFrame(() => banner.scrollIntoView({ block: 'nearest', behavior: lessMotion() ? 'auto' : 'smooth' }));
        // The route with the scenario and without it, timed, under the banner: what the map's two routes are.
        const after = answers.route;
        if (after && !(after instanceof Error) && answers.routeBefore) banner.querySelector('button')!.before(routeLegend(lang, { before: answers.routeBefore, after }, s, theme()));
      }
      shownWith = scenario;
      const reachBox = section(root, t(lang, 'reachTitle'));
      reachBox.append(endPicker({ lang, data, key: 'reach-from', label: t(lang, 'reachOrigin'), choose: (from) => ctx.update({ from }, true) }));
      renderReach(reachBox, {
        lang,
        state: s,
        reach: answers.reach,
        layers: data.layers,
        placeName: name,
        update: (patch, push) => ctx.update(patch, push),
        select: (id) => ctx.select(id),
      });
      renderRoute(section(root, t(lang, 'routeTitle')), { lang, state: s, data, route: answers.route, placeName: name, update: (patch, push) => ctx.update(patch, push) });
      const matrixBox = section(root, t(lang, 'matrixTitle'));
      const { matrix } = answers;
      if (!matrix || matrix instanceof Error) pending(matrixBox, lang, matrix);
      else {
        // A cell's route is asked by the places' ids, or their positions where the matrix has no id.
        const end = (k: number) => matrix.places[k].id ?? matrix.places[k].coordinates.join(',');
        matrixBox.append(matrixTable(matrix, { lang, name, origin: s.from, id: 'matrix', onCell: (i, j) => ctx.update({ route: [end(i), end(j)] }, true) }), matrixCsv(matrix, lang, placeName));
      }
      renderCircle(section(root, t(lang, 'circleTitle')), { lang, years: s.compare, circle: answers.circle, placeName: name, choose: (compare) => ctx.update({ compare }, true) });
      renderPlan(section(root, `${t(lang, 'planTitle')} · ${s.year}`), lang, answers.plan);
      // A bar's scenario: the reach from the state's origin (万州 if none) with it, and the trip it shortens most.
      renderImpact(root, { lang, year: s.year, theme: theme(), choose: (c) => ctx.update({ with: c.with, without: [], from: s.from ?? 'wanzhou', ...(c.route ? { route: c.route } : {}) }, true) });
    });
  }

  /** Fetches what the state asks for and re-renders; a later call supersedes an earlier one still in flight. */
  async function refresh(): Promise<void> {
    const mine = ++generation;
    const s = ctx.state();
    // The reach had stays listed, as on the map, until the new one arrives.
    renderSections(s, { ...NOTHING_YET, reach, route });
    // The scenario applies to every analysis; the circle's to its later year only (as the API does).
    const w = { ...(s.with.length ? { with: s.with } : {}), ...(s.without.length ? { without: s.without } : {}) };
    const scenario = s.with.length > 0 || s.without.length > 0;
    const [r, r0, trip, trip0, matrix, circle, plan] = await Promise.all([
      s.from ? settle(fetchReach({ from: s.from, minutes: s.bands, year: s.year, ...w })) : null,
      s.from && scenario ? settle(fetchReach({ from: s.from, minutes: s.bands, year: s.year })) : null,
      s.route ? settle(fetchRoute({ from: s.route[0], to: s.route[1], year: s.year, ...w })) : null,
      s.route && scenario ? settle(fetchRoute({ from: s.route[0], to: s.route[1], year: s.year })) : null,
      settle(fetchMatrix({ places: [...FOUR_PLACE_IDS], year: s.year, ...w })),
      // The second year asked, the first compared with it: the answer keys each figure by its year.
      settle(fetchCircle({ year: s.compare[1], compare: s.compare[0], ...w })),
      settle(fetchPlan({ year: s.year })),
    ]);
    if (mine !== generation) return;
    reach = r instanceof Error ? null : r;
    without = r0 instanceof Error ? null : r0;
    const before = route;
    route = trip instanceof Error ? null : trip;
    routeBefore = trip0 instanceof Error ? null : trip0;
    redraw();
    // A new route is brought into view; the same one, re-asked for another year or language, is not.
    if (route && (before?.from.id !== route.from.id || before?.to.id !== route.to.id || String(before?.to.coordinates) !== String(route.to.coordinates))) showRoute(map, route, !lessMotion());
    renderSections(s, { reach: r, route: trip, routeBefore, matrix, circle, plan });
    map.getCanvas().dispatchEvent(new CustomEvent('atlas:analysis', { detail: { reach: Boolean(reach), route: Boolean(route) } }));
  }

  return { refresh, redraw };
}
