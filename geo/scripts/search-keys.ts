/**
 * Search keys added to every feature when the data is bundled or published: `name_py`, the Chinese
 * name in pinyin without tones, spaces or punctuation (万州北站 → wanzhoubeizhan), so that a reader
 * can type a name in pinyin (geo/filter.ts `nameMatch`). Node only: the dictionary stays out of the
 * worker and the page, which read the key from the data.
 */
import { pinyin } from 'pinyin-pro';
import type { AtlasCollection } from '../bundle.ts';

/**
 * A Chinese name in pinyin, as a search key.
 *
 * @param name - a name in Chinese (other characters are kept as they are, then folded)
 * @returns lower-case letters and digits only
 * @example
 * pinyinKey('重庆东站'); // 'chongqingdongzhan'
 */
export const pinyinKey = (name: string): string =>
  pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * A layer with each feature's `name_py` set from its `name_zh`.
 *
 * @param layer - a validated layer
 * @returns the same features, each with `name_py` (a copy; the input is not changed)
 * @example
 * withSearchKeys(rail).features[0].properties.name_py;
 */
export function withSearchKeys(layer: AtlasCollection): AtlasCollection {
  return { ...layer, features: layer.features.map((f) => ({ ...f, properties: { ...f.properties, name_py: pinyinKey(f.properties.name_zh) } })) };
}
