/**
 * A feature's details for a popup: names in both languages, status and year,
 * the figures, the position's worth, and the source with its quoted sentence.
 * Built with DOM nodes and textContent only, so feature text can never run as HTML.
 */
import type { LayerId } from '../geo/schema.ts';

const STATUS_TEXT: Record<string, string> = {
  operating: '运营 Operating',
  under_construction: '在建 Under construction',
  planned: '规划 Planned',
  proposed: '前期研究 Proposed',
};
const ACCURACY_TEXT: Record<string, string> = {
  surveyed: '实测 surveyed',
  approximate: '近似 approximate',
  schematic: '示意走向 schematic route',
};

/** MapLibre hands nested properties back as JSON text. */
function unpack<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/**
 * The details of one feature as a DOM fragment.
 *
 * @param props - the feature's properties, as MapLibre returns them
 * @param layer - the atlas layer it belongs to
 * @returns an element to put in a popup
 * @example
 * popup.setDOMContent(featureDetails(hit.properties, 'ports'));
 */
export function featureDetails(props: Record<string, unknown>, layer: LayerId): HTMLElement {
  const root = document.createElement('div');
  root.className = 'details';
  const el = (tag: string, text: string, className?: string) => {
    const e = document.createElement(tag);
    e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  root.append(el('h3', String(props.name_zh ?? '')), el('p', String(props.name_en ?? ''), 'en'));

  const rows: [string, string][] = [['图层 Layer', layer]];
  if (props.status) rows.push(['状态 Status', STATUS_TEXT[String(props.status)] ?? String(props.status)]);
  if (props.opens !== undefined) rows.push(['建成 Opens', String(props.opens)]);
  if (props.start_year !== undefined) rows.push(['开工 Starts', String(props.start_year)]);
  if (props.length_km !== undefined) rows.push(['长度 Length', `${props.length_km} km`]);
  if (props.design_speed_kmh !== undefined) rows.push(['设计速度 Speed', `${props.design_speed_kmh} km/h`]);
  if (props.investment_yi !== undefined) rows.push(['投资 Investment', `${props.investment_yi} 亿元`]);
  if (props.beds !== undefined) rows.push(['床位 Beds', String(props.beds)]);
  if (props.capacity !== undefined) rows.push(['能力 Capacity', `${props.capacity} ${props.capacity_unit ?? ''}`]);
  rows.push(['位置 Position', `${ACCURACY_TEXT[String(props.accuracy)] ?? String(props.accuracy)}, ±${props.uncertainty_km} km`]);
  const source = unpack<{ title: string; date?: string; quote?: string; url?: string }>(props.source);
  if (source) rows.push(['来源 Source', source.date ? `${source.title} (${source.date})` : source.title]);

  const dl = document.createElement('dl');
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  root.append(dl);
  if (source?.quote) root.append(el('blockquote', `“${source.quote}”`));
  const note = typeof props.note === 'string' ? props.note : undefined;
  if (note) root.append(el('p', note, 'en'));
  return root;
}
