/**
 * The layer catalogue: what each layer is called and how the page groups it.
 * Titles are shown to readers; ids are the API's and never change.
 */
import type { LayerId } from './schema.ts';

/** A text in the atlas's two languages. */
export interface I18nText {
  zh: string;
  en: string;
}

/** How the page groups layers in its panel. */
export type LayerGroup = 'base' | 'transport' | 'parks' | 'hospitals' | 'ecology';

/** One layer's entry in the catalogue. */
export interface LayerInfo {
  id: LayerId;
  title: I18nText;
  group: LayerGroup;
}

/** Every layer, bottom of the map first. */
export const CATALOG: readonly LayerInfo[] = [
  { id: 'districts', title: { zh: '行政区', en: 'Districts' }, group: 'base' },
  { id: 'rivers', title: { zh: '河流', en: 'Rivers' }, group: 'base' },
  { id: 'corridors', title: { zh: '生态廊道', en: 'Ecological corridors' }, group: 'ecology' },
  { id: 'parks', title: { zh: '园区', en: 'Industrial and logistics parks' }, group: 'parks' },
  { id: 'roads', title: { zh: '公路', en: 'Expressways and roads' }, group: 'transport' },
  { id: 'rail', title: { zh: '铁路', en: 'Railways' }, group: 'transport' },
  { id: 'ports', title: { zh: '港口', en: 'Ports' }, group: 'transport' },
  { id: 'airports', title: { zh: '机场', en: 'Airports' }, group: 'transport' },
  { id: 'hospitals', title: { zh: '医院', en: 'Hospitals' }, group: 'hospitals' },
  { id: 'places', title: { zh: '城镇', en: 'Seats' }, group: 'base' },
];
