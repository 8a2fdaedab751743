/**
 * What the bundle adds to every feature when the data is checked or published, derived from what the
 * files say and never written in them:
 * - `name_py`, the Chinese name in pinyin without tones, spaces or punctuation (万州北站 →
 *   wanzhoubeizhan; ü as v), so that a reader can type a name in pinyin (geo/filter.ts `nameMatch`);
 * - `status_years`, a thematic feature's status in each year of the slider as letters
 *   (geo/lifecycle.ts `statusYears`), so that the map compares one letter instead of evaluating the rule.
 * Node only: the pinyin dictionary stays out of the worker and the page, which read the keys from the data.
 */
import { pinyin } from 'pinyin-pro';
import type { AtlasCollection, AtlasFeature } from '../bundle.ts';
import { statusYears, type LifeProps } from '../lifecycle.ts';

/**
 * A Chinese name in pinyin, as a search key.
 *
 * @param name - a name in Chinese (other characters are kept as they are, then folded)
 * @returns lower-case letters and digits only
 * @example
 * pinyinKey('重庆东站'); // 'chongqingdongzhan'
 */
export const pinyinKey = (name: string): string =>
  pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * A layer with each feature's derived keys set: `name_py`, and `status_years` where it has a status.
 *
 * @param layer - a validated layer
 * @returns the same features with their keys (copies; the input is not changed)
 * @example
 * withDerivedKeys(rail).features[0].properties.status_years; // 'uuuuuuuOOOOOOOOO'
 */
export function withDerivedKeys(layer: AtlasCollection): AtlasCollection {
  const derive = (f: AtlasFeature): AtlasFeature => {
    const p = f.properties as AtlasFeature['properties'] & LifeProps;
    return { ...f, properties: { ...p, name_py: pinyinKey(p.name_zh), ...(p.status ? { status_years: statusYears(p) } : {}) } };
  };
  return { ...layer, features: layer.features.map(derive) };
}
