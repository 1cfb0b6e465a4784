/** A small gazetteer for the search tests: towns, villages, communities, streets and landmarks of a made-up county. */
import type { Place, PlaceKind } from '@dispatch/shared';

/** A place with defaults; tests override what they look at. */
export function buildPlace(overrides: Partial<Place> & { name: string }): Place {
  return { aliases: [], kind: 'village', town: overrides.name, setting: 'rural', lon: 121.2, lat: 30.2, ...overrides };
}

const TOWNS: [string, string, PlaceKind][] = [
  ['浒山街道', 'Hushan', 'subdistrict'],
  ['白沙路街道', 'Baishalu', 'subdistrict'],
  ['古塘街道', 'Gutang', 'subdistrict'],
  ['宗汉街道', 'Zonghan', 'subdistrict'],
  ['坎墩街道', 'Kandun', 'subdistrict'],
  ['周巷镇', 'Zhouxiang', 'town'],
  ['观海卫镇', 'Guanhaiwei', 'town'],
  ['龙山镇', 'Longshan', 'town'],
  ['掌起镇', 'Zhangqi', 'town'],
  ['附海镇', 'Fuhai', 'town'],
  ['桥头镇', 'Qiaotou', 'town'],
  ['匡堰镇', 'Kuangyan', 'town'],
  ['逍林镇', 'Xiaolin', 'town'],
  ['新浦镇', 'Xinpu', 'town'],
  ['胜山镇', 'Shengshan', 'town'],
  ['横河镇', 'Henghe', 'town'],
  ['崇寿镇', 'Chongshou', 'town'],
  ['长河镇', 'Changhe', 'town'],
  ['庵东镇', 'Andong', 'town'],
  ['大桥乡', 'Daqiao', 'town'],
];

const INSIDE: [string, PlaceKind, string][] = [
  ['潮塘村', 'village', '崇寿镇'],
  ['六灶村', 'village', '崇寿镇'],
  ['傅家村', 'village', '崇寿镇'],
  ['周家村', 'village', '周巷镇'],
  ['周塘村', 'village', '周巷镇'],
  ['天元村', 'village', '周巷镇'],
  ['鸣鹤村', 'village', '观海卫镇'],
  ['师桥村', 'village', '观海卫镇'],
  ['卫山村', 'village', '观海卫镇'],
  ['龙山村', 'village', '龙山镇'],
  ['伏龙村', 'village', '龙山镇'],
  ['任佳溪村', 'village', '掌起镇'],
  ['长溪村', 'village', '掌起镇'],
  ['海城村', 'village', '附海镇'],
  ['吴山村', 'village', '桥头镇'],
  ['上林湖村', 'village', '匡堰镇'],
  ['樟新村', 'village', '逍林镇'],
  ['水云浦村', 'village', '新浦镇'],
  ['彭桥村', 'village', '横河镇'],
  ['宁丰村', 'village', '长河镇'],
  ['青少年宫社区', 'community', '浒山街道'],
  ['孙塘社区', 'community', '浒山街道'],
  ['峙山社区', 'community', '白沙路街道'],
  ['三北大街', 'street', '浒山街道'],
  ['解放街', 'street', '浒山街道'],
  ['新城大道北路', 'street', '白沙路街道'],
  ['慈溪市人民医院', 'hospital', '白沙路街道'],
  ['上林湖越窑遗址', 'landmark', '匡堰镇'],
  ['浒山老年公寓', 'nursing_home', '浒山街道'],
  ['龙山养老院', 'nursing_home', '龙山镇'],
];

/** 50 places: 20 towns and sub-districts, 30 places inside them. */
export const TEST_PLACES: Place[] = [
  ...TOWNS.map(([name, en, kind], i) => buildPlace({ name, aliases: [en], kind, town: name, setting: kind === 'subdistrict' ? 'urban' : 'rural', lon: 121.1 + i * 0.02, lat: 30.15 + (i % 5) * 0.02 })),
  ...INSIDE.map(([name, kind, town], i) =>
    buildPlace({ name, kind, town, setting: kind === 'village' ? 'rural' : 'urban', lon: 121.11 + i * 0.013, lat: 30.16 + (i % 7) * 0.015 }),
  ),
];
