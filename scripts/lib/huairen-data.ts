/**
 * Huairen (怀仁市, Shuozhou, Shanxi, adcode 140624) as the demo knows it: the towns and townships,
 * the hospitals of the first seed (怀卫字〔2022〕40号, /work/shared/seeds/000_2470419fd5fb6d93.txt),
 * ambulance stations and the fleet. Literals only: scripts/make-huairen-bundle.ts writes them to
 * server/cities/huairen/*.csv / city.json, scripts/make-gazetteers.ts builds places.csv around them.
 *
 * Towns: the 4 镇 and 6 乡 of the published division (市政府驻云中镇; no 街道: the urban area's
 * communities belong to 云中镇). Their points are approximate seats, chosen inside the decoded
 * outline (server/cities/huairen/outline.geojson) to match where each lies in the county (金沙滩
 * 最南端, 吴家窑 in the western hills, 新家园 / 何家堡 towards Datong in the north, 海北头 / 河头
 * towards the Sanggan river in the south-east). Not survey data: good for a demo map, no more.
 */

export interface HuairenTown {
  key: string;
  name: string;
  nameEn: string;
  /** Short form people say (云中, 吴家窑 ...). */
  short: string;
  lon: number;
  lat: number;
  setting: 'urban' | 'rural';
  /** Settlement spread around the seat, degrees (~1 km = 0.01). */
  spread: number;
  /** Administrative villages to place (the county has 162 in all). */
  villages: number;
  /** True for the hill towns in the west (village names with 沟 / 峪 / 坪 / 梁). */
  hills?: boolean;
}

export const HUAIREN_TOWNS: readonly HuairenTown[] = [
  { key: 'yunzhong', name: '云中镇', nameEn: 'Yunzhong', short: '云中', lon: 113.1, lat: 39.822, setting: 'urban', spread: 0.035, villages: 22 },
  { key: 'wujiayao', name: '吴家窑镇', nameEn: 'Wujiayao', short: '吴家窑', lon: 112.975, lat: 39.842, setting: 'rural', spread: 0.045, villages: 18, hills: true },
  { key: 'jinshatan', name: '金沙滩镇', nameEn: 'Jinshatan', short: '金沙滩', lon: 112.965, lat: 39.69, setting: 'rural', spread: 0.04, villages: 20 },
  { key: 'maojiazao', name: '毛家皂镇', nameEn: 'Maojiazao', short: '毛家皂', lon: 113.04, lat: 39.745, setting: 'rural', spread: 0.035, villages: 17 },
  { key: 'maxinzhuang', name: '马辛庄乡', nameEn: 'Maxinzhuang', short: '马辛庄', lon: 113.12, lat: 39.765, setting: 'rural', spread: 0.03, villages: 14 },
  { key: 'haibeitou', name: '海北头乡', nameEn: 'Haibeitou', short: '海北头', lon: 113.28, lat: 39.735, setting: 'rural', spread: 0.035, villages: 14 },
  { key: 'hetou', name: '河头乡', nameEn: 'Hetou', short: '河头', lon: 113.31, lat: 39.785, setting: 'rural', spread: 0.035, villages: 13 },
  { key: 'qinhe', name: '亲和乡', nameEn: 'Qinhe', short: '亲和', lon: 113.205, lat: 39.805, setting: 'rural', spread: 0.03, villages: 15 },
  { key: 'hejiabao', name: '何家堡乡', nameEn: 'Hejiabao', short: '何家堡', lon: 113.19, lat: 39.878, setting: 'rural', spread: 0.035, villages: 16 },
  { key: 'xinjiayuan', name: '新家园乡', nameEn: 'Xinjiayuan', short: '新家园', lon: 113.075, lat: 39.895, setting: 'rural', spread: 0.03, villages: 14 },
];

export interface HuairenStation { code: string; name: string; nameEn: string; lon: number; lat: number }
export interface HuairenHospital {
  code: string;
  name: string;
  nameEn: string;
  kind: 'designated' | 'second_level' | 'sub_designated' | 'township' | 'fangcang' | 'isolation';
  lon: number;
  lat: number;
  openBeds: number;
  /** For the designated hospital: its severe-care beds (Huairen's 10 % rule counts these). */
  icuBeds: number;
  icuConvertible: number;
  ventilators: number;
  stationCode?: string;
  /** Town the facility lies in (gazetteer). */
  town: string;
}

const PEOPLES = { lon: 113.1052, lat: 39.8268 };
const TCM = { lon: 113.0921, lat: 39.8174 };

/** Ambulance stations: the 120 post at the People's Hospital, one at the TCM hospital, five at township health centres. */
export const HUAIREN_STATIONS: readonly HuairenStation[] = [
  { code: 'HR-S-RMYY', name: '怀仁市120急救站（人民医院）', nameEn: "Huairen 120 Station (People's Hospital)", ...PEOPLES },
  { code: 'HR-S-ZYY', name: '怀仁市中医医院急救站', nameEn: 'Huairen TCM Hospital Station', ...TCM },
  { code: 'HR-S-WJY', name: '吴家窑镇急救站（卫生院）', nameEn: 'Wujiayao Station (Township Health Centre)', lon: 112.9762, lat: 39.8426 },
  { code: 'HR-S-JST', name: '金沙滩镇急救站（卫生院）', nameEn: 'Jinshatan Station (Township Health Centre)', lon: 112.9662, lat: 39.6906 },
  { code: 'HR-S-MJZ', name: '毛家皂镇急救站（卫生院）', nameEn: 'Maojiazao Station (Township Health Centre)', lon: 113.0412, lat: 39.7456 },
  { code: 'HR-S-HBT', name: '海北头乡急救站（卫生院）', nameEn: 'Haibeitou Station (Township Health Centre)', lon: 113.2812, lat: 39.7356 },
  { code: 'HR-S-HJB', name: '何家堡乡急救站（卫生院）', nameEn: 'Hejiabao Station (Township Health Centre)', lon: 113.1912, lat: 39.8786 },
];

/**
 * Hospitals. Bed figures are the demo's assumptions (the seed gives none except the 588 isolation
 * rooms and the 10 % rule): a county People's Hospital of 600 treatment beds with 60 severe-care beds
 * (exactly 10 %), ICU monitors and high-flow oxygen; 2nd-level hospitals at Cixi's 2 % ICU level.
 */
export const HUAIREN_HOSPITALS: readonly HuairenHospital[] = [
  { code: 'HR-H01', name: '怀仁市人民医院', nameEn: "Huairen People's Hospital (Medical Group, designated)", kind: 'designated', ...PEOPLES, openBeds: 600, icuBeds: 60, icuConvertible: 20, ventilators: 30, stationCode: 'HR-S-RMYY', town: '云中镇' },
  { code: 'HR-H02', name: '怀仁市中医医院', nameEn: 'Huairen Hospital of Traditional Chinese Medicine', kind: 'second_level', ...TCM, openBeds: 300, icuBeds: 6, icuConvertible: 6, ventilators: 8, stationCode: 'HR-S-ZYY', town: '云中镇' },
  { code: 'HR-H03', name: '怀仁仁德综合医院', nameEn: 'Huairen Rende General Hospital (private)', kind: 'second_level', lon: 113.1163, lat: 39.8151, openBeds: 150, icuBeds: 3, icuConvertible: 3, ventilators: 3, town: '云中镇' },
  { code: 'HR-H04', name: '怀仁市方舱医院（亚定点医院）一病区', nameEn: "Huairen Fangcang (sub-designated) Hospital, Ward 1 (People's Hospital team)", kind: 'fangcang', lon: 113.1286, lat: 39.8352, openBeds: 200, icuBeds: 0, icuConvertible: 0, ventilators: 2, town: '云中镇' },
  { code: 'HR-H05', name: '怀仁市方舱医院（亚定点医院）二病区', nameEn: 'Huairen Fangcang (sub-designated) Hospital, Ward 2 (TCM Hospital team)', kind: 'fangcang', lon: 113.1292, lat: 39.8346, openBeds: 200, icuBeds: 0, icuConvertible: 0, ventilators: 2, town: '云中镇' },
  { code: 'HR-H06', name: '弘文集中隔离医学观察点', nameEn: "Hongwen Central Isolation Site (588 rooms, People's Hospital)", kind: 'isolation', lon: 113.0788, lat: 39.8405, openBeds: 588, icuBeds: 0, icuConvertible: 0, ventilators: 0, town: '云中镇' },
  { code: 'HR-H07', name: '怀仁小峪医院', nameEn: 'Huairen Xiaoyu Hospital (private)', kind: 'second_level', lon: 112.9552, lat: 39.8347, openBeds: 120, icuBeds: 2, icuConvertible: 2, ventilators: 2, town: '吴家窑镇' },
  { code: 'HR-H08', name: '怀仁王坪医院', nameEn: 'Huairen Wangping Hospital (private)', kind: 'second_level', lon: 112.9256, lat: 39.8003, openBeds: 100, icuBeds: 2, icuConvertible: 2, ventilators: 2, town: '吴家窑镇' },
];

/** [station, standard, critical_care]: 15 units (1 per 23,200 residents), 5 critical-care. */
export const HUAIREN_FLEET: readonly [string, number, number][] = [
  ['HR-S-RMYY', 3, 3],
  ['HR-S-ZYY', 2, 1],
  ['HR-S-WJY', 1, 0],
  ['HR-S-JST', 1, 1],
  ['HR-S-MJZ', 1, 0],
  ['HR-S-HBT', 1, 0],
  ['HR-S-HJB', 1, 0],
];
