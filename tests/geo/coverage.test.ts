import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LayerId } from '../../geo/layers.ts';

// The facilities the foundation issue names as the minimum each layer must hold.
const REQUIRED: Partial<Record<LayerId, string[]>> = {
  ports: ['新田港一期', '新田港二期', '桐子园作业区', '红溪沟作业区', '沱口', '溪口作业区', '小周危化作业区', '开州港区', '秦巴'],
  rail: ['渝万高铁', '成达万高铁', '渝西高铁', '达万铁路', '宜万铁路', '万州至黔江', '长垫梁万铁路'],
  roads: ['万达直线', '沪蓉高速分水至高梁段扩能', '开万梁高速', '万云快速路'],
  airports: ['万州五桥机场', 'T2', '达州金垭机场'],
  parks: ['万州经济技术开发区', '新田临港经济区', '长岭化工园区', '万州综合保税区', '达州高新', '浦里新区', '云阳工业园区', '三峡综合物流产业园'],
  hospitals: ['三峡医院', '三峡医学中心', '上海医院', '南京鼓楼医院重庆医院', '三峡应急医院'],
  corridors: ['长江干流生态廊道', '两岸青山', '消落带', '浦里河', '苎溪河', '磨刀溪', '铁峰山'],
  districts: ['万州区', '开州区', '云阳县', '达州市', '通川区', '达川区', '宣汉县', '开江县', '大竹县', '渠县', '万源市'],
};

const names = (layer: LayerId): string[] =>
  JSON.parse(readFileSync(new URL(`../../geo/data/${layer}.geojson`, import.meta.url), 'utf8')).features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh);

describe('the layers hold every facility the foundation issue names', () => {
  it.each(Object.entries(REQUIRED))('%s', (layer, wanted) => {
    const have = names(layer as LayerId);
    const missing = wanted.filter((w) => !have.some((n) => n.includes(w)));
    expect(missing, `missing from ${layer}: ${missing.join(', ')}`).toEqual([]);
  });
});
