/**
 * The four places the atlas is about: 万州, 达州, 开州 and 云阳. Each is its seat's id in the places
 * layer, the district it stands for (达州 is the whole prefecture) and its short name, for tables
 * and captions that do not wait for the data.
 */

/** The four places, in the plan's order. */
export const FOUR_PLACES = [
  { id: 'wanzhou', adcode: 500101, name: { zh: '万州', en: 'Wanzhou' } },
  { id: 'dazhou', adcode: 511700, name: { zh: '达州', en: 'Dazhou' } },
  { id: 'kaizhou', adcode: 500154, name: { zh: '开州', en: 'Kaizhou' } },
  { id: 'yunyang', adcode: 500235, name: { zh: '云阳', en: 'Yunyang' } },
] as const;

/** Their seats' ids, in the same order: the matrix's default places. */
export const FOUR_PLACE_IDS: readonly string[] = FOUR_PLACES.map((p) => p.id);
