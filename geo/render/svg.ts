/**
 * A view as a static SVG picture: the same layers, colours and status dashes as
 * the map, in Web Mercator at the view's camera, with the title, a legend and the
 * attribution. The worker serves it (and turns it into PNG) for readers without
 * JavaScript, link previews and print. Every text is escaped.
 */
import { bboxIntersects, geometryBBox, type BBox } from '../bbox.ts';
import type { AtlasFeature } from '../bundle.ts';
import { creditsOf, LAYER_IDS } from '../catalog.ts';
import { escapeMarkup as escapeXml } from '../escape.ts';
import { statusIn } from '../lifecycle.ts';
import type { LayerId } from '../layers.ts';
import type { ThematicProps } from '../schema.ts';
import {
  BAND_STYLE,
  bandColour,
  bandSwatch,
  BASE_LINE_WIDTHS,
  layerColour,
  lineOpacity,
  lineWidth,
  pointRadii,
  POINT_STROKE_WIDTHS,
  ORIGIN_OUTLINE_WIDTH,
  ORIGIN_OUTLINES,
  POLYGON_FILL_OPACITY,
  SEAT_STYLE,
  STATUS_LEGEND,
  statusLook,
  THEMES,
  YANGTZE_ID,
  type Theme,
} from '../look.ts';
import type { View } from '../views.ts';
import type { Annotations } from '../annotations.ts';
import { ANNOTATION_STYLE, calloutMarkup, fitLine, highlightMarkup, markSymbol } from './annotations.ts';
import { labelMarkup, labelName } from './label-markup.ts';
import { creditLines } from './credit-lines.ts';
import { legendRows } from './legend-rows.ts';
import { placeLabels, textWidth, type Box, type LabelRequest } from './labels.ts';

/** What to draw and how big. */
export interface SvgOptions {
  width: number;
  height: number;
  lang: 'zh' | 'en';
  theme: Theme;
  /** Reach bands to draw (MultiPolygon coordinates with their minutes and, with several origins, the origin's seat id). */
  reach: { minutes: number; coordinates: number[][][][]; from?: string }[];
  /** Layer titles, for the legend. */
  titles: Record<LayerId, { zh: string; en: string }>;
  /** A newsroom's markers, highlight, callout and label choice (the view carries its own title and caption). */
  annotations?: Annotations;
}

/** The fixed words the pictures may show (the PNG font keeps exactly the glyphs they need). */
export const PICTURE_STRINGS = [
  '运营', '在建', '规划', '前期研究', 'operating', 'under construction', 'planned', 'proposed',
  '数据：万州区人民政府等（行动方案及报道）· 万达开云地图集 · 线路为示意走向',
  "Data: Wanzhou District People's Government and others · Wan-Da-Kai-Yun Atlas · lines are schematic",
  '万达开云地图集', 'Wan-Da-Kai-Yun Atlas', '年', '0123456789', '通行时间', 'Travel time', '分钟', 'min', '≤', '出发地', 'From',
];

/** The pictures' source line. */
export const ATTRIBUTION = {
  zh: '数据：万州区人民政府等（行动方案及报道）· 万达开云地图集 · 线路为示意走向',
  en: "Data: Wanzhou District People's Government and others · Wan-Da-Kai-Yun Atlas · lines are schematic",
} as const;

/** The band legend's words: its caption and a band's minutes. */
const BAND_WORDS = { zh: { caption: '通行时间', min: '分钟', from: '出发地' }, en: { caption: 'Travel time', min: 'min', from: 'From' } } as const;

/** The layers whose points the pictures name: the facilities (stations and road works are too many). */
const LABELLED_POINTS: readonly string[] = ['ports', 'airports', 'hospitals'];

const HEAD = 64;
const FOOT = 46;
/** The distance between the legend's rows, and between the credit's lines. */
const LEGEND_ROW = 18;
const CREDIT_ROW = 13;
const TILE = 512;
/** The legend's sample lines are as wide as a railway, so their dashes read as the map's. */
const LEGEND_LINE_WIDTH = lineWidth('rail');

/** Web Mercator (MapLibre's 512-px tiles) from lon/lat to pixels in the map area. */
function projector(view: View, width: number, mapHeight: number) {
  const world = TILE * 2 ** view.camera.zoom;
  const mx = (lon: number) => ((lon + 180) / 360) * world;
  const my = (lat: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  const [cx, cy] = [mx(view.camera.center[0]), my(view.camera.center[1])];
  const lon = (x: number) => ((x - width / 2 + cx) / world) * 360 - 180;
  const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y - mapHeight / 2 + cy)) / world))) * 180) / Math.PI;
  const project = (p: number[]): [number, number] => [Math.round((mx(p[0]) - cx + width / 2) * 10) / 10, Math.round((my(p[1]) - cy + mapHeight / 2 + HEAD) * 10) / 10];
  /** The map area in lon/lat, for leaving out what lies outside it. */
  project.bounds = [lon(0), lat(mapHeight), lon(width), lat(0)] as BBox;
  return project;
}

/**
 * The key of the reach bands, in a box at the map's top right: each band's minutes beside a swatch
 * drawn as the band is (its fill stacked over those outside it, its edge in its colour), as the
 * panel's and the embed's legends (web/analysis/legend.ts) show them.
 *
 * With several origins, it also names each origin beside its outline (`ORIGIN_OUTLINES`).
 *
 * @param bands - the band limits drawn, nearest first
 * @param at - the box's top right corner, the language, the theme and the origins' names (with several)
 * @returns SVG markup and the box it takes (kept clear of labels)
 * @example
 * bandLegend([30, 60], { x: 1190, y: 74, lang: 'zh', theme: 'light' }).markup;
 */
export function bandLegend(bands: readonly number[], at: { x: number; y: number; lang: 'zh' | 'en'; theme: Theme; origins?: readonly string[] }): { markup: string; box: Box } {
  const words = BAND_WORDS[at.lang];
  const c = THEMES[at.theme];
  const origins = at.origins ?? [];
  const row = 18;
  const w = Math.max(104, 40 + Math.max(0, ...origins.map((o) => textWidth(o, 12))));
  const [left, top] = [at.x - w, at.y];
  const rows = bands.map((minutes, i) => {
    const y = top + 34 + i * row;
    return `<rect x="${left + 8}" y="${y - 9}" width="16" height="11" fill="${bandSwatch(i, bands.length, at.theme)}" stroke="${bandColour(i)}" stroke-width="1.5"/><text x="${left + 30}" y="${y}" class="legend">≤ ${minutes} ${words.min}</text>`;
  });
  const originTop = top + 26 + bands.length * row;
  const originRows = origins.map((name, i) => {
    const y = originTop + 34 + i * row;
    const o = ORIGIN_OUTLINES[i % ORIGIN_OUTLINES.length];
    const dash = o.dash ? ` stroke-dasharray="${o.dash.join(' ')}"` : '';
    return `<line x1="${left + 8}" y1="${y - 4}" x2="${left + 30}" y2="${y - 4}" stroke="${o.colour}" stroke-width="${ORIGIN_OUTLINE_WIDTH}"${dash}/><text x="${left + 36}" y="${y}" class="legend">${escapeXml(name)}</text>`;
  });
  const h = 26 + bands.length * row + (origins.length ? 26 + origins.length * row : 0);
  const markup = [
    `<g class="band-legend"><rect x="${left}" y="${top}" width="${w}" height="${h}" rx="3" fill="${c.halo}" fill-opacity="0.9" stroke="${c.county}"/>`,
    `<text x="${left + 8}" y="${top + 17}" class="legend">${words.caption}</text>`,
    ...rows,
    origins.length ? `<text x="${left + 8}" y="${originTop + 17}" class="legend">${words.from}</text>` : '',
    ...originRows,
    '</g>',
  ].join('');
  return { markup, box: { x: left, y: top, w, h } };
}

/**
 * Draws a view.
 *
 * @param view - the view (layers, year, camera, title)
 * @param features - each shown layer's features
 * @param options - size, language, theme, reach bands, layer titles
 * @returns the SVG document
 * @example
 * renderSvg(view, { rail: [...], roads: [...] }, { width: 1200, height: 630, lang: 'zh', theme: 'light', reach: [], titles });
 */
export function renderSvg(view: View, features: Partial<Record<LayerId, readonly AtlasFeature[]>>, options: SvgOptions): string {
  const { width, height, lang, theme } = options;
  const c = THEMES[theme];
  const shown = LAYER_IDS.filter((id) => view.layers.includes(id));
  // The attribution shrinks a little to fit a narrow picture, then breaks between its credits: never cut.
  const attribution = creditLines([...ATTRIBUTION[lang].split(' · '), ...creditsOf(view.layers)], width - 24, { size: 11, min: 9 });
  const creditRoom = (attribution.lines.length - 1) * CREDIT_ROW;
  // The legend (the layers shown, and the line styles of the statuses) wraps on a narrow picture, as
  // long as the map keeps two thirds of the room below the title; a thumbnail leaves out the rest.
  const statusNames = { zh: ['运营', '预计建成', '在建', '规划', '前期研究'], en: ['operating', 'expected', 'under construction', 'planned', 'proposed'] }[lang];
  const legend = legendRows(
    [
      ...shown.filter((l) => l !== 'districts').map((id) => ({
        width: 28 + textWidth(options.titles[id][lang], 12),
        draw: (x: number, y: number) => `<rect x="${x}" y="${y - 8}" width="14" height="9" rx="2" fill="${layerColour(id, theme)}"/><text x="${x + 19}" y="${y}" class="legend">${escapeXml(options.titles[id][lang])}</text>`,
      })),
      ...STATUS_LEGEND.map((s, i) => ({
        width: 36 + textWidth(statusNames[i], 12),
        draw: (x: number, y: number) => {
          const dash = s.dash ? ` stroke-dasharray="${s.dash.map((d) => d * LEGEND_LINE_WIDTH).join(' ')}"` : '';
          return `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${c.ink}" stroke-width="${LEGEND_LINE_WIDTH}" stroke-opacity="${s.opacity}"${dash}/><text x="${x + 27}" y="${y}" class="legend">${statusNames[i]}</text>`;
        },
      })),
    ],
    { left: 12, width: width - 24, rowHeight: LEGEND_ROW, maxRows: 1 + Math.floor(((height - HEAD - FOOT) / 3 - creditRoom) / LEGEND_ROW) },
  );
  const foot = FOOT + (legend.rows - 1) * LEGEND_ROW + creditRoom;
  const mapHeight = height - HEAD - foot;
  const project = projector(view, width, mapHeight);
  const ring = (r: number[][]) => `M${r.map((p) => project(p).join(',')).join('L')}Z`;
  const line = (l: number[][]) => `M${l.map((p) => project(p).join(',')).join('L')}`;
  const out: string[] = [];
  // Points go above every line and area, the thematic ones above the seats (a hospital in a city is
  // not hidden by its seat's marker); labels above all.
  const seats: string[] = [];
  const points: string[] = [];
  const seatLabels: LabelRequest[] = [];
  const pointLabels: LabelRequest[] = [];
  const otherPoints: { x: number; y: number; r: number }[] = [];

  const drawLayer = (id: LayerId) => {
    const colour = layerColour(id, theme);
    for (const f of features[id] ?? []) {
      const p = f.properties as ThematicProps;
      const inYear = statusIn(p, view.year);
      if (!inYear || !bboxIntersects(geometryBBox(f.geometry), project.bounds)) continue;
      const status = statusLook(inYear.status, inYear.expected);
      const g = f.geometry;
      if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
        const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        const d = polys.map((rings) => rings.map(ring).join('')).join('');
        if (id === 'districts') {
          const county = f.properties.kind === 'county';
          const focus = (f.properties as { focus?: boolean }).focus === true;
          out.push(`<path d="${d}" fill="${county ? (focus ? c.focus : c.land) : 'none'}" stroke="${county ? c.county : c.prefecture}" stroke-width="${county ? BASE_LINE_WIDTHS.county : BASE_LINE_WIDTHS.prefecture}" fill-rule="evenodd"/>`);
        } else out.push(`<path d="${d}" fill="${colour}" fill-opacity="${POLYGON_FILL_OPACITY}" stroke="${colour}" fill-rule="evenodd"/>`);
      } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
        const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
        const widthPx = id === 'rivers' ? (f.properties.id === YANGTZE_ID ? BASE_LINE_WIDTHS.yangtze : BASE_LINE_WIDTHS.river) : lineWidth(id);
        // MapLibre's dashes are in line widths; SVG's in pixels.
        const dash = status.dash ? ` stroke-dasharray="${status.dash.map((d) => d * widthPx).join(' ')}"` : '';
        out.push(`<path d="${parts.map(line).join('')}" fill="none" stroke="${colour}" stroke-width="${widthPx}" stroke-opacity="${lineOpacity(id, status.opacity)}"${dash} stroke-linecap="round" stroke-linejoin="round"/>`);
      } else if (g.type === 'Point') {
        // Fill and stroke opacity, not element opacity: resvg 2.6 panics ("unreachable") drawing an
        // element opacity layer in some pictures (the ports view at 1200 × 630 did).
        const [x, y] = project(g.coordinates);
        if (x < -10 || y < HEAD - 10 || x > width + 10 || y > HEAD + mapHeight + 10) continue;
        const focus = id === 'places' && (f.properties as { focus?: boolean }).focus === true;
        const r = id === 'places' ? (focus ? SEAT_STYLE.radius.focus : SEAT_STYLE.radius.other) : pointRadii(id).picture;
        const filled = p.status === undefined ? focus : inYear.status === 'operating';
        const strokeWidth = filled ? POINT_STROKE_WIDTHS.filled : POINT_STROKE_WIDTHS.ring;
        (id === 'places' ? seats : points).push(`<circle cx="${x}" cy="${y}" r="${r}" fill="${filled ? colour : c.halo}" stroke="${filled ? c.halo : colour}" stroke-width="${strokeWidth}" fill-opacity="${status.opacity}" stroke-opacity="${status.opacity}"/>`);
        const name = labelName(lang === 'zh' ? f.properties.name_zh : f.properties.name_en);
        if (focus) seatLabels.push({ text: name, x, y, r, required: true, prefer: 'below' });
        else if (LABELLED_POINTS.includes(id)) {
          // Co-located features with the same short name (a terminal and its upgrade) share a label.
          if (!pointLabels.some((l) => l.x === x && l.y === y && l.text === name)) pointLabels.push({ text: name, x, y, r });
        } else otherPoints.push({ x, y, r });
      }
    }
  };
  // In the catalogue's order, as on the map: the base, then the reach bands, then the thematic layers above them.
  const under: LayerId[] = shown.filter((id) => id === 'districts' || id === 'rivers');
  under.forEach(drawLayer);
  const bandPath = (coordinates: number[][][][]) => coordinates.map((rings) => rings.map(ring).join('')).join('');
  for (const band of options.reach) {
    const colour = bandColour(view.reach?.bands.indexOf(band.minutes) ?? 0);
    out.push(`<path d="${bandPath(band.coordinates)}" fill="${colour}" fill-opacity="${BAND_STYLE.fillOpacity}" stroke="${colour}" stroke-width="${BAND_STYLE.lineWidth}" stroke-opacity="${BAND_STYLE.lineOpacity}" fill-rule="evenodd"/>`);
  }
  // With several origins, each origin's outermost band is outlined in its own colour and dash.
  const origins = [...new Set(options.reach.flatMap((b) => (b.from ? [b.from] : [])))];
  if (origins.length > 1) {
    origins.forEach((from, i) => {
      const own = options.reach.filter((b) => b.from === from);
      const outer = own.reduce((a, b) => (b.minutes > a.minutes ? b : a));
      const o = ORIGIN_OUTLINES[i % ORIGIN_OUTLINES.length];
      const dash = o.dash ? ` stroke-dasharray="${o.dash.join(' ')}"` : '';
      out.push(`<path class="origin-outline" d="${bandPath(outer.coordinates)}" fill="none" stroke="${o.colour}" stroke-width="${ORIGIN_OUTLINE_WIDTH}"${dash} stroke-linejoin="round"/>`);
    });
  }
  shown.filter((id) => !under.includes(id)).forEach(drawLayer);
  const originName = (from: string) => {
    const seat = features.places?.find((f) => f.properties.id === from);
    return seat ? labelName(lang === 'zh' ? seat.properties.name_zh : seat.properties.name_en) : from;
  };
  const keyOfBands = options.reach.length && view.reach ? bandLegend(view.reach.bands, { x: width - 10, y: HEAD + 10, lang, theme, origins: origins.length > 1 ? origins.map(originName) : [] }) : null;
  // The editor's annotations: the highlighted feature over the map, the markers over it, their
  // labels placed first (required), the callout a box the other labels keep clear of.
  const a = options.annotations;
  const found = a?.highlight ? shown.flatMap((id) => (features[id] ?? []).filter((f) => f.properties.id === a.highlight).map((f) => ({ id, f }))) : [];
  const highlight = found.map(({ id, f }) => highlightMarkup(f.geometry, { colour: layerColour(id, theme), project, path: line })).join('');
  const marks = (a?.marks ?? []).map((m) => ({ ...m, xy: project(m.at) }));
  const markRadius = ANNOTATION_STYLE.mark.radius + ANNOTATION_STYLE.mark.stroke;
  const markLabels: LabelRequest[] = marks.filter((m) => m.label).map((m) => ({ text: m.label, x: m.xy[0], y: m.xy[1], r: markRadius, required: true, prefer: 'right' }));
  const callout = a?.note ? calloutMarkup(a.note, { x: 10, y: HEAD + 10, maxWidth: Math.min(ANNOTATION_STYLE.note.maxWidth, width * 0.45), theme }) : null;
  const choice = a?.labels ?? 'all';
  const labels = placeLabels([...markLabels, ...(choice === 'none' ? [] : seatLabels), ...(choice === 'all' ? pointLabels : [])], {
    bounds: { x: 2, y: HEAD + 2, w: width - 4, h: mapHeight - 4 },
    obstacles: [...(keyOfBands ? [keyOfBands.box] : []), ...(callout ? [callout.box] : [])],
    points: [...otherPoints, ...marks.filter((m) => !m.label).map((m) => ({ x: m.xy[0], y: m.xy[1], r: markRadius }))],
  });

  // A title or caption of the editor's own may be long: its font shrinks to fit, then it is cut.
  const title = fitLine(view.title[lang], width - 24, { size: 20, min: 13 });
  const caption = fitLine(view.caption[lang], width - 24, { size: 13, min: 10 });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(view.title[lang])}">`,
    `<title>${escapeXml(view.title[lang])}</title>`,
    `<desc>${escapeXml(view.caption[lang])}</desc>`,
    `<style>text{font-family:'Noto Sans SC','Noto Sans CJK SC',sans-serif;fill:${c.ink}}.title{font-size:20px;font-weight:700}.caption{font-size:13px;fill:${c.ink};fill-opacity:.75}.label{font-size:12px;paint-order:stroke;stroke:${c.halo};stroke-width:3px}.legend{font-size:12px}.note{fill:${c.ink}}.attr{font-size:11px;fill-opacity:.7}</style>`,
    `<rect width="${width}" height="${height}" fill="${c.halo}"/>`,
    `<defs><clipPath id="map"><rect x="0" y="${HEAD}" width="${width}" height="${mapHeight}"/></clipPath></defs>`,
    `<rect x="0" y="${HEAD}" width="${width}" height="${mapHeight}" fill="${c.background}"/>`,
    `<g clip-path="url(#map)">${out.join('')}${seats.join('')}${points.join('')}${highlight}${marks.map((m) => markSymbol(m.xy[0], m.xy[1], theme)).join('')}${labelMarkup(labels, c.ink, c.halo)}${callout?.markup ?? ''}</g>`,
    `<text x="12" y="27" class="title" style="font-size:${title.size}px">${escapeXml(title.text)}</text>`,
    `<text x="12" y="50" class="caption" style="font-size:${caption.size}px">${escapeXml(caption.text)}</text>`,
    legend.draw(height - foot + 16),
    keyOfBands?.markup ?? '',
    ...attribution.lines.map((text, i, all) => `<text x="12" y="${height - 8 - (all.length - 1 - i) * CREDIT_ROW}" class="attr"${attribution.size < 11 ? ` style="font-size:${attribution.size}px"` : ''}>${escapeXml(text)}</text>`),
    '</svg>',
  ].join('\n');
}
