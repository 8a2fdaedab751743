/**
 * The page's words in its two languages: 中文 first, English on a switch.
 * Feature names come from the data (name_zh, name_en); everything else is here.
 */
import type { Lang } from '../geo/state.ts';

const STRINGS = {
  title: { zh: '万达开云地图集', en: 'Wan-Da-Kai-Yun Atlas' },
  subtitle: { zh: '万州·达州·开州·云阳 交通枢纽与一小时经济圈', en: 'Wanzhou, Dazhou, Kaizhou and Yunyang: transport hub and one-hour circle' },
  switchLang: { zh: 'English', en: '中文' },
  share: { zh: '嵌入与分享', en: 'Embed and share' },
  shareView: { zh: '视图', en: 'View' },
  shareCurrent: { zh: '当前地图', en: 'The map as it is now' },
  shareWidth: { zh: '宽度（像素）', en: 'Width (px)' },
  shareHeight: { zh: '地图高度（像素）', en: 'Map height (px)' },
  shareIframe: { zh: '嵌入代码（iframe）', en: 'Embed code (iframe)' },
  shareScript: { zh: '自适应嵌入（脚本）', en: 'Responsive embed (script)' },
  shareLink: { zh: '链接（支持 oEmbed 的系统可直接粘贴）', en: 'Link (paste it where oEmbed is supported)' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  preview: { zh: '预览', en: 'Preview' },
  switchLangLabel: { zh: 'Switch to English', en: '切换到中文' },
  tabLayers: { zh: '图层', en: 'Layers' },
  tabAnalysis: { zh: '通达分析', en: 'Reach' },
  tabSearch: { zh: '要素', en: 'Features' },
  panels: { zh: '面板', en: 'Panels' },
  groupBase: { zh: '底图', en: 'Base' },
  groupTransport: { zh: '交通', en: 'Transport' },
  groupParks: { zh: '园区', en: 'Parks' },
  groupHospitals: { zh: '医疗', en: 'Hospitals' },
  groupEcology: { zh: '生态', en: 'Ecology' },
  status: { zh: '状态', en: 'Status' },
  operating: { zh: '运营', en: 'Operating' },
  expected: { zh: '预计建成（按规划）', en: 'Expected (as planned)' },
  under_construction: { zh: '在建', en: 'Under construction' },
  planned: { zh: '规划', en: 'Planned' },
  proposed: { zh: '前期研究', en: 'Proposed' },
  legendNote: {
    zh: '线路为示意走向；每个点位标注其精度。',
    en: 'Lines are schematic routes; every position says what it is worth.',
  },
  year: { zh: '年份', en: 'Year' },
  play: { zh: '播放规划进程', en: 'Play the plan' },
  pause: { zh: '暂停', en: 'Pause' },
  yearHint: { zh: '地图显示该年已建成的设施', en: 'The map shows what exists in that year' },
  search: { zh: '搜索要素', en: 'Search features' },
  searchPlaceholder: { zh: '名称，如 新田港、Wanzhou', en: 'Name, e.g. Xintian, 万州' },
  results: { zh: '个要素', en: 'features' },
  noResults: { zh: '没有符合的要素', en: 'No matching features' },
  details: { zh: '要素详情', en: 'Feature details' },
  close: { zh: '关闭', en: 'Close' },
  layer: { zh: '图层', en: 'Layer' },
  plan_year: { zh: '列入规划', en: 'planned' },
  start_year: { zh: '开工', en: 'works start' },
  opens: { zh: '建成', en: 'opens' },
  closed: { zh: '关闭', en: 'closed' },
  due: { zh: '（计划）', en: ' (due)' },
  life: { zh: '历程', en: 'Timeline' },
  statusInYear: { zh: '{year}年状态', en: 'Status in {year}' },
  expectedMark: { zh: '（按规划预计，尚无来源证实）', en: ' (as planned; no source confirms it yet)' },
  expectedShort: { zh: '（预计）', en: ' (expected)' },
  notOnMap: { zh: '不在该年地图上', en: 'Not on the map of that year' },
  reported: { zh: '最新资料', en: 'Latest report' },
  reportedAsOf: { zh: '{status}（{date}）', en: '{status} (as of {date})' },
  length: { zh: '长度', en: 'Length' },
  speed: { zh: '设计速度', en: 'Design speed' },
  investment: { zh: '总投资', en: 'Investment' },
  beds: { zh: '床位', en: 'Beds' },
  capacity: { zh: '能力', en: 'Capacity' },
  position: { zh: '位置精度', en: 'Position' },
  surveyed: { zh: '实测', en: 'surveyed' },
  approximate: { zh: '近似', en: 'approximate' },
  schematic: { zh: '示意走向', en: 'schematic route' },
  source: { zh: '来源', en: 'Source' },
  note: { zh: '说明', en: 'Note' },
  flyTo: { zh: '定位', en: 'Show on map' },
  reachFromHere: { zh: '从这里测算通达范围', en: 'Reach from here' },
  km: { zh: '公里', en: 'km' },
  kmh: { zh: '公里/小时', en: 'km/h' },
  yi: { zh: '亿元', en: '× 100 million yuan' },
  min: { zh: '分钟', en: 'min' },
  km2: { zh: '平方公里', en: 'km²' },
  reachTitle: { zh: '通达范围', en: 'Travel reach' },
  reachHint: { zh: '点击地图上的城镇或任意位置，测算可达范围。', en: 'Click a town or any point on the map to measure its reach.' },
  bands: { zh: '时间圈（分钟）', en: 'Bands (minutes)' },
  origin: { zh: '出发地', en: 'From' },
  within: { zh: '范围内', en: 'Within' },
  drawnAtSeat: { zh: '位置不详，画在{seat}', en: 'position unknown, drawn at {seat}' },
  uncertainKm: { zh: '位置 ±{km} km', en: 'position ±{km} km' },
  area: { zh: '面积', en: 'Area' },
  clearReach: { zh: '清除', en: 'Clear' },
  routeTitle: { zh: '路线', en: 'Route' },
  routeFrom: { zh: '从', en: 'From' },
  routeTo: { zh: '到', en: 'To' },
  routeHint: { zh: '输入两地名称，或在地图上选点，或点击下表中的时间，查看最快路线。', en: 'Type two places, pick points on the map, or click a time in the table below to see the fastest route.' },
  noRoute: { zh: '路网未连通这两地。', en: 'The network does not join these two.' },
  swapEnds: { zh: '互换', en: 'Swap' },
  endPlaceholder: { zh: '地名或设施名', en: 'Place or feature name' },
  pickOnMap: { zh: '在地图上选点', en: 'Pick on the map' },
  pickOnMapNow: { zh: '请点击地图…', en: 'Click the map…' },
  reachOrigin: { zh: '选择出发地', en: 'Choose an origin' },
  showRoute: { zh: '在地图上显示路线：{from} → {to}', en: 'Show the route on the map: {from} → {to}' },
  mode: { zh: '方式', en: 'Mode' },
  line: { zh: '线路', en: 'Line' },
  total: { zh: '合计', en: 'Total' },
  localRoads: { zh: '地方道路（按直线距离估算）', en: 'Local roads (timed by straight-line distance)' },
  modeHsr: { zh: '高铁', en: 'High-speed rail' },
  modeRail: { zh: '普速铁路', en: 'Railway' },
  modeExpressway: { zh: '高速公路', en: 'Expressway' },
  modeFastRoad: { zh: '快速路', en: 'Fast road' },
  modeTrunkRoad: { zh: '国省干线', en: 'Trunk road' },
  modeAccess: { zh: '接驳', en: 'Access' },
  bandLegend: { zh: '通行时间', en: 'Travel time' },
  bandsAtMost: { zh: '最多选 5 个时间圈：请先取消一个，再选 {n} 分钟。', en: 'At most five bands: untick one before choosing {n} min.' },
  bandsAtLeast: { zh: '至少保留 1 个时间圈：请先选另一个，再取消 {n} 分钟。', en: 'At least one band is needed: tick another before unticking {n} min.' },
  nearPlace: { zh: '{place} {dir} {km} km', en: '{km} km {dir} of {place}' },
  atPlace: { zh: '{place}附近', en: 'near {place}' },
  dir_N: { zh: '以北', en: 'N' },
  dir_NE: { zh: '东北', en: 'NE' },
  dir_E: { zh: '以东', en: 'E' },
  dir_SE: { zh: '东南', en: 'SE' },
  dir_S: { zh: '以南', en: 'S' },
  dir_SW: { zh: '西南', en: 'SW' },
  dir_W: { zh: '以西', en: 'W' },
  dir_NW: { zh: '西北', en: 'NW' },
  matrixTitle: { zh: '四地通行时间（分钟）', en: 'Travel time between the four places (minutes)' },
  matrixCaption: { zh: '年份 {year}；标记为一小时以内', en: 'Year {year}; marked within one hour' },
  fromTo: { zh: '出发 \\ 到达', en: 'From \\ to' },
  withinHour: { zh: '一小时内', en: 'within an hour' },
  circleTitle: { zh: '一小时经济圈：规划带来的变化', en: 'The one-hour circle: what the plan changes' },
  compareWith: { zh: '对比年份', en: 'Compare with' },
  pair: { zh: '两地', en: 'Pair' },
  change: { zh: '变化', en: 'Change' },
  faster: { zh: '快 {n} 分钟', en: '{n} min faster' },
  slower: { zh: '慢 {n} 分钟', en: '{n} min slower' },
  noChange: { zh: '不变', en: 'no change' },
  areaShare: { zh: '邻地一小时覆盖面积比例', en: 'Area within an hour of the other seats' },
  planTitle: { zh: '规划目标与本图集模型（公里）', en: 'Plan targets and what the atlas models (km)' },
  planNote: {
    zh: '模型只统计本图集绘出的线路；差额不代表规划未完成。',
    en: 'The model counts only the lines the atlas draws; a shortfall does not mean the plan is behind.',
  },
  rail_km: { zh: '铁路', en: 'Railway' },
  hsr_km: { zh: '高铁', en: 'High-speed rail' },
  expressway_km: { zh: '高速公路', en: 'Expressway' },
  modelled: { zh: '模型', en: 'Modelled' },
  target: { zh: '2027年目标', en: '2027 target' },
  shortfall: { zh: '差额', en: 'Short by' },
  downloadCsv: { zh: '下载 CSV', en: 'Download CSV' },
  downloadCsvOf: { zh: '下载 CSV：{table}', en: 'Download CSV: {table}' },
  downloadData: { zh: '下载“{layer}”数据（{year}年）', en: 'Download {layer} data ({year})' },
  downloadAs: { zh: '下载“{what}”：{format}', en: 'Download {what}: {format}' },
  downloadFailed: { zh: '下载失败，请重试', en: 'The download failed: try again' },
  dataOfYear: { zh: '{year}年数据', en: '{year} data' },
  downloadFeature: { zh: '下载数据', en: 'Download data' },
  csvBands: { zh: '时间圈面积与要素数', en: 'band areas and counts' },
  csvWithin: { zh: '范围内要素', en: 'what lies within reach' },
  csvUnit: { zh: '{label}（{unit}）', en: '{label} ({unit})' },
  csvZh: { zh: '{label}（中文）', en: '{label} (Chinese)' },
  csvEn: { zh: '{label}（英文）', en: '{label} (English)' },
  csvTo: { zh: '到{name}', en: 'To {name}' },
  csvDestination: { zh: '到达地', en: 'To' },
  csvName: { zh: '名称', en: 'Name' },
  csvArea: { zh: '地区', en: 'Area' },
  csvId: { zh: '编号', en: 'ID' },
  csvTime: { zh: '时间', en: 'Time' },
  csvBand: { zh: '时间圈', en: 'Band' },
  csvCount: { zh: '个', en: 'count' },
  csvUncertainty: { zh: '位置不确定度', en: 'Position uncertainty' },
  csvAtSeat: { zh: '位置不详，画在', en: 'Position unknown, drawn at' },
  csvMeasure: { zh: '指标', en: 'Measure' },
  csvChange: { zh: '变化（分钟，负数为更快）', en: 'Change (min; negative is faster)' },
  impactTitle: { zh: '项目贡献', en: 'Project impact' },
  impactHint: { zh: '点击某个项目的条形，在地图上比较有无该项目时的通达范围与路线。', en: "Click a project's bar to compare the reach and the route with and without it on the map." },
  scenarioWith: { zh: '场景：加上 {names}', en: 'Scenario: with {names}' },
  scenarioWithout: { zh: '场景：去掉 {names}', en: 'Scenario: without {names}' },
  scenarioBeforeOwn: { zh: '虚线为本年路网（有该线路时）的范围。', en: "The dashed outline is the reach on the year's own network." },
  scenarioClear: { zh: '取消场景', en: 'Clear scenario' },
  scenarioBefore: { zh: '虚线为没有该项目时的范围。', en: 'The dashed outline is the reach without it.' },
  loading: { zh: '加载中…', en: 'Loading…' },
  failed: { zh: '加载失败', en: 'Could not load' },
  mapLabel: { zh: '地图', en: 'Map' },
  featuresHere: { zh: '此处 {n} 个要素', en: '{n} features here' },
  basemapFailed: { zh: '在线底图加载失败，已使用本地底图。', en: "The online basemap failed to load; the atlas's own base is shown." },
  routeChange: { zh: '路线对比', en: 'The route compared' },
  routeWithout: { zh: '无此项目', en: 'without the project' },
  routeWith: { zh: '有此项目', en: 'with the project' },
  routeWithoutMany: { zh: '无这些项目', en: 'without the projects' },
  routeWithMany: { zh: '有这些项目', en: 'with the projects' },
  routeOwn: { zh: '本年路网', en: "the year's network" },
  routeScenario: { zh: '场景', en: 'the scenario' },
  routeSaved: { zh: '节省 {x} 分钟', en: '{x} min saved' },
  routeLost: { zh: '多用 {x} 分钟', en: '{x} min longer' },
} as const;

/** A key of the string table. */
export type StringKey = keyof typeof STRINGS;

/**
 * A string in a language, with `{name}` placeholders filled.
 *
 * @param lang - the language
 * @param key - the string's key
 * @param vars - values for its placeholders
 * @returns the text
 * @example
 * t('en', 'featuresHere', { n: 3 }); // '3 features here'
 */
export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/**
 * A feature's name in a language.
 *
 * @param lang - the language
 * @param p - the feature's properties
 * @returns `name_zh` or `name_en`
 * @example
 * nameOf('en', { name_zh: '万州区', name_en: 'Wanzhou District' }); // 'Wanzhou District'
 */
export function nameOf(lang: Lang, p: { name_zh?: unknown; name_en?: unknown }): string {
  return String((lang === 'zh' ? p.name_zh : p.name_en) ?? p.name_zh ?? '');
}

/** Capacity units as sources give them, and how an English reader reads them: a factor and a unit. */
const CAPACITY_UNITS: Record<string, { factor: number; en: string }> = {
  '万吨/年': { factor: 0.01, en: 'million t a year' },
  '万人次/年': { factor: 0.01, en: 'million passengers a year' },
  '万标箱/年': { factor: 0.01, en: 'million TEU a year' },
  危化品泊位: { factor: 1, en: 'hazardous-goods berths' },
  泊位: { factor: 1, en: 'berths' },
};

/**
 * A capacity with its unit, in a language: Chinese as the source gives it, English converted.
 *
 * @param lang - the language
 * @param value - the figure, in the source's unit
 * @param unit - the source's unit (`万吨/年` …)
 * @returns the text
 * @example
 * capacityText('en', 625, '万吨/年'); // '6.25 million t a year'
 */
export function capacityText(lang: Lang, value: number, unit: string): string {
  const known = CAPACITY_UNITS[unit];
  if (lang === 'zh' || !known) return `${value} ${unit}`.trim();
  return `${Number((value * known.factor).toFixed(4))} ${known.en}`;
}
