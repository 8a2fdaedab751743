/**
 * The words of a layer that downloads whole or not at all (the catalogue's `download`), in both languages
 * (中文 first). Kept beside the downloads rather than in web/i18n.ts, which is at its length limit.
 */
import type { I18nText } from '../../geo/catalog.ts';
import type { Lang } from '../../geo/state.ts';

/** Which of these words: the whole layer's menu, its note and its link's name; or why a layer has no menu. */
export type DownloadWordKey = 'wholeMenu' | 'wholeNote' | 'wholeAs' | 'noDownload';

const WORDS: Record<DownloadWordKey, I18nText> = {
  wholeMenu: { zh: '下载“{layer}”全部数据', en: 'Download all {layer} data' },
  wholeNote: { zh: '整个图层，{count} 个要素（非本年地图）', en: "The whole layer, {count} features (not the year's map)" },
  wholeAs: { zh: '下载“{layer}”整个图层：{format}', en: 'Download the whole {layer} layer: {format}' },
  noDownload: { zh: '图层过大，无法下载；可在“要素”中搜索', en: 'Too large to download; search it under Features' },
};

/**
 * One of these words in a language, its `{name}` placeholders filled (a number in the language's digits grouping).
 *
 * @param lang - the language
 * @param key - which words
 * @param vars - the placeholders' values
 * @returns the text
 * @example
 * downloadWord('en', 'wholeNote', { count: 1_100_000 }); // 'The whole layer, 1,100,000 features (not the year's map)'
 */
export const downloadWord = (lang: Lang, key: DownloadWordKey, vars: Record<string, string | number> = {}): string =>
  WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return typeof v === 'number' ? v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : (v ?? '');
  });
