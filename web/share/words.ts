/**
 * The share dialog's words for a newsroom's own embed, in both languages (中文 first). Kept beside the
 * dialog rather than in web/i18n.ts, which holds the page's and is near its length limit.
 */
import type { Lang } from '../../geo/state.ts';

const WORDS = {
  own: { zh: '自定义嵌入', en: 'Your own embed' },
  title: { zh: '标题', en: 'Title' },
  caption: { zh: '说明', en: 'Caption' },
  note: { zh: '标注文字', en: 'Callout' },
  markLabel: { zh: '标记名称', en: 'Marker label' },
  placeMark: { zh: '放置标记', en: 'Place a marker' },
  placing: { zh: '请在预览地图上点击标记位置', en: 'Click the preview map where the marker goes' },
  removeMark: { zh: '删除标记 {label}', en: 'Remove marker {label}' },
  marks: { zh: '标记', en: 'Markers' },
  highlight: { zh: '突出显示', en: 'Highlight' },
  none: { zh: '无', en: 'None' },
  openFeature: { zh: '当前打开的要素', en: 'The feature whose details are open' },
  labels: { zh: '地图标注', en: 'Map labels' },
  labelsAll: { zh: '全部', en: 'All' },
  labelsPlaces: { zh: '仅城市', en: 'Places only' },
  labelsNone: { zh: '不显示', en: 'None' },
  theme: { zh: '配色', en: 'Theme' },
  light: { zh: '浅色', en: 'Light' },
  dark: { zh: '深色', en: 'Dark' },
  print: { zh: '印刷版图片（PNG，宽 3000 像素）', en: 'Picture for print (PNG, 3000 px wide)' },
  picture: { zh: '图片（SVG）', en: 'Picture (SVG)' },
} as const;

/** A word's key. */
export type WordKey = keyof typeof WORDS;

/**
 * A word of the dialog in a language.
 *
 * @param lang - the language
 * @param key - the word
 * @param vars - values for `{name}` placeholders
 * @returns the text
 * @example
 * word('en', 'placeMark'); // 'Place a marker'
 */
export function word(lang: Lang, key: WordKey, vars: Record<string, string> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}
