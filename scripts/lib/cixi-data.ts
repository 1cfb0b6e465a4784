/**
 * Cixi's demo data as the demo seeded it before a city became a bundle (issue 11): the literals the bundle
 * generators (make-cixi-bundle.ts, make-gazetteers.ts, make-basemap.ts) turn into server/cities/cixi/.
 * Deterministic: every figure is a literal here or comes from the seeded PRNG, so the generated files are
 * the same bytes on every run. Not read by the server.
 */
import type { Crew, Hospital, UnitKind } from '@dispatch/shared';
import { intIn, pick, seededRandom } from '../../server/src/demo/random.ts';

export const CITY = {
  name: '慈溪市',
  nameEn: 'Cixi',
  population: 1_850_000,
  center: { lon: 121.27, lat: 30.17 },
} as const;

// ---------------------------------------------------------------------------------------------
// Places (sub-districts, towns, areas): label points and where people live
// ---------------------------------------------------------------------------------------------

export interface DemoPlace {
  key: string;
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
  /** 1 = urban core, 2 = large town / sub-district, 3 = town, 4 = village / scenic area. */
  rank: 1 | 2 | 3 | 4;
  /** Residents, in tens of thousands (weights the random call locations). */
  pop: number;
  /** Spread of settlement around the point, degrees (~1 km = 0.01). */
  spread: number;
  /** Road names used for addresses. */
  roads: readonly string[];
  /** How addresses name the place when it is part of a larger town (e.g. 周巷镇天元). */
  addressName?: string;
}

export const DEMO_PLACES: readonly DemoPlace[] = [
  { key: 'hushan', name: '浒山街道', nameEn: 'Hushan', lon: 121.255, lat: 30.172, rank: 1, pop: 25, spread: 0.011, roads: ['青少年宫路', '孙塘北路', '三北大街', '解放街', '南二环东路', '新城大道北路', '慈甬路', '教育路'] },
  { key: 'baishalu', name: '白沙路街道', nameEn: 'Baishalu', lon: 121.276, lat: 30.181, rank: 1, pop: 18, spread: 0.01, roads: ['白沙路', '北三环东路', '开发大道', '峙山路', '新城大道', '明州路', '担山北路'] },
  { key: 'gutang', name: '古塘街道', nameEn: 'Gutang', lon: 121.238, lat: 30.168, rank: 2, pop: 15, spread: 0.01, roads: ['古塘路', '西二环线', '华光路', '界牌路', '虞波路', '上林路'] },
  { key: 'zonghan', name: '宗汉街道', nameEn: 'Zonghan', lon: 121.222, lat: 30.195, rank: 2, pop: 12, spread: 0.011, roads: ['宗汉大街', '庙山路', '新界路', '怡园路', '百两路'] },
  { key: 'kandun', name: '坎墩街道', nameEn: 'Kandun', lon: 121.203, lat: 30.212, rank: 2, pop: 9, spread: 0.01, roads: ['坎墩大街', '坎中路', '沿河路', '五塘路', '兴业路'] },
  { key: 'zhouxiang', name: '周巷镇', nameEn: 'Zhouxiang', lon: 121.148, lat: 30.186, rank: 2, pop: 14, spread: 0.012, roads: ['周巷大街', '兴业北路', '环城南路', '三江路', '西大街', '城中路'] },
  { key: 'guanhaiwei', name: '观海卫镇', nameEn: 'Guanhaiwei', lon: 121.418, lat: 30.152, rank: 2, pop: 14, spread: 0.013, roads: ['卫山路', '观附公路', '海卫路', '工业西路', '金山路', '师桥路'] },
  { key: 'longshan', name: '龙山镇', nameEn: 'Longshan', lon: 121.533, lat: 30.174, rank: 2, pop: 9, spread: 0.012, roads: ['龙山大街', '伏龙路', '达蓬路', '范市路', '西门外路'] },
  { key: 'hzwan', name: '杭州湾新区', nameEn: 'Hangzhou Bay New Zone', lon: 121.225, lat: 30.322, rank: 2, pop: 8, spread: 0.02, roads: ['滨海二路', '兴慈一路', '金源大道', '中横线', '世纪大道'] },
  { key: 'zhangqi', name: '掌起镇', nameEn: 'Zhangqi', lon: 121.47, lat: 30.153, rank: 3, pop: 5, spread: 0.009, roads: ['掌起大街', '任佳路', '长溪路', '陈家路'] },
  { key: 'fuhai', name: '附海镇', nameEn: 'Fuhai', lon: 121.335, lat: 30.226, rank: 3, pop: 5, spread: 0.009, roads: ['附海大道', '东海路', '海城路', '花园路'] },
  { key: 'qiaotou', name: '桥头镇', nameEn: 'Qiaotou', lon: 121.305, lat: 30.18, rank: 3, pop: 6, spread: 0.008, roads: ['桥头大街', '吴山南路', '五姓点路', '桥南路'] },
  { key: 'kuangyan', name: '匡堰镇', nameEn: 'Kuangyan', lon: 121.322, lat: 30.14, rank: 3, pop: 4, spread: 0.008, roads: ['匡堰大街', '上林湖路', '高家路', '岗墩路'] },
  { key: 'xiaolin', name: '逍林镇', nameEn: 'Xiaolin', lon: 121.232, lat: 30.224, rank: 3, pop: 5, spread: 0.008, roads: ['逍林大街', '林中路', '樟新路', '新园路'] },
  { key: 'xinpu', name: '新浦镇', nameEn: 'Xinpu', lon: 121.296, lat: 30.246, rank: 3, pop: 6, spread: 0.009, roads: ['新浦大街', '水云浦路', '老浦路', '六塘路'] },
  { key: 'shengshan', name: '胜山镇', nameEn: 'Shengshan', lon: 121.256, lat: 30.246, rank: 3, pop: 4, spread: 0.008, roads: ['胜山大街', '胜北路', '四塘路', '振兴路'] },
  { key: 'henghe', name: '横河镇', nameEn: 'Henghe', lon: 121.236, lat: 30.147, rank: 3, pop: 7, spread: 0.009, roads: ['横河大街', '秦堰路', '彭桥路', '孙家境路', '横三路'] },
  { key: 'chongshou', name: '崇寿镇', nameEn: 'Chongshou', lon: 121.16, lat: 30.246, rank: 3, pop: 4, spread: 0.008, roads: ['崇寿大街', '六灶路', '傅家路', '崇兴路'] },
  { key: 'changhe', name: '长河镇', nameEn: 'Changhe', lon: 121.178, lat: 30.205, rank: 3, pop: 6, spread: 0.008, roads: ['长河大街', '沧北路', '垫桥路', '宁丰路'] },
  { key: 'andong', name: '庵东镇', nameEn: 'Andong', lon: 121.186, lat: 30.286, rank: 3, pop: 5, spread: 0.01, roads: ['庵东大街', '镇中路', '盐场路', '华兴路'] },
  { key: 'tianyuan', name: '天元', nameEn: 'Tianyuan', lon: 121.118, lat: 30.21, rank: 3, pop: 3, spread: 0.008, roads: ['天元大街', '古窑浦路', '潭南路'], addressName: '周巷镇天元' },
  { key: 'minghe', name: '鸣鹤', nameEn: 'Minghe', lon: 121.372, lat: 30.131, rank: 4, pop: 2, spread: 0.006, roads: ['鸣鹤老街', '白洋湖路', '杜湖路'], addressName: '观海卫镇鸣鹤' },
];

// ---------------------------------------------------------------------------------------------
// Stations
// ---------------------------------------------------------------------------------------------

export interface DemoStation {
  key: string;
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
}

/** 20 ambulance stations: the 120 centre at the People's Hospital, four at 2nd-level hospitals, 14 at township health centres, one in the new zone. */
export const DEMO_STATIONS: DemoStation[] = [
  { key: 'renmin', name: '慈溪市急救中心（人民医院站）', nameEn: "Cixi 120 Centre (People's Hospital)", lon: 121.2721, lat: 30.1868 },
  { key: 'zhongyi', name: '中医医院急救站', nameEn: 'TCM Hospital Station', lon: 121.2452, lat: 30.1722 },
  { key: 'zhouxiang', name: '周巷急救站（第三人民医院）', nameEn: 'Zhouxiang Station (No. 3 Hospital)', lon: 121.1512, lat: 30.1875 },
  { key: 'guanhaiwei', name: '观海卫急救站（第二人民医院）', nameEn: 'Guanhaiwei Station (No. 2 Hospital)', lon: 121.4148, lat: 30.1545 },
  { key: 'longshan', name: '龙山急救站（龙山医院）', nameEn: 'Longshan Station (Longshan Hospital)', lon: 121.5305, lat: 30.1762 },
  { key: 'hzwan', name: '杭州湾新区急救站', nameEn: 'Hangzhou Bay New Zone Station', lon: 121.2268, lat: 30.3195 },
  { key: 'kandun', name: '坎墩急救站', nameEn: 'Kandun Station', lon: 121.2048, lat: 30.2107 },
  { key: 'zonghan', name: '宗汉急救站', nameEn: 'Zonghan Station', lon: 121.2236, lat: 30.1964 },
  { key: 'tianyuan', name: '天元急救站', nameEn: 'Tianyuan Station', lon: 121.1196, lat: 30.2112 },
  { key: 'changhe', name: '长河急救站', nameEn: 'Changhe Station', lon: 121.1795, lat: 30.2062 },
  { key: 'andong', name: '庵东急救站', nameEn: 'Andong Station', lon: 121.1874, lat: 30.2848 },
  { key: 'chongshou', name: '崇寿急救站', nameEn: 'Chongshou Station', lon: 121.1612, lat: 30.2448 },
  { key: 'xiaolin', name: '逍林急救站', nameEn: 'Xiaolin Station', lon: 121.2334, lat: 30.2228 },
  { key: 'shengshan', name: '胜山急救站', nameEn: 'Shengshan Station', lon: 121.2571, lat: 30.2448 },
  { key: 'xinpu', name: '新浦急救站', nameEn: 'Xinpu Station', lon: 121.2948, lat: 30.2452 },
  { key: 'fuhai', name: '附海急救站', nameEn: 'Fuhai Station', lon: 121.3337, lat: 30.2248 },
  { key: 'qiaotou', name: '桥头急救站', nameEn: 'Qiaotou Station', lon: 121.3062, lat: 30.1813 },
  { key: 'kuangyan', name: '匡堰急救站', nameEn: 'Kuangyan Station', lon: 121.3208, lat: 30.1412 },
  { key: 'henghe', name: '横河急救站', nameEn: 'Henghe Station', lon: 121.2372, lat: 30.1483 },
  { key: 'zhangqi', name: '掌起急救站', nameEn: 'Zhangqi Station', lon: 121.4712, lat: 30.1541 },
];

// ---------------------------------------------------------------------------------------------
// Hospitals
// ---------------------------------------------------------------------------------------------

/** A seeded facility: the shared Hospital's identity and capacity, an open ED, and its ambulance station if any. */
export type DemoHospital = Pick<
  Hospital,
  'code' | 'name' | 'nameEn' | 'kind' | 'lon' | 'lat' | 'openBeds' | 'occupiedBeds' | 'icuOpen' | 'icuOccupied' | 'icuConvertible' | 'ventilatorsFree' | 'feverClinicWaitMin'
> & { edStatus: 'open'; stationKey?: string };

type HospitalSeed = Omit<DemoHospital, 'code' | 'edStatus'>;

const MAJOR_HOSPITALS: HospitalSeed[] = [
  // Designated: 1,500 open beds, 40 funded ICU beds (2.7% < the 4% target: realistic), 60 convertible, ~85% full.
  { name: '慈溪市人民医院', nameEn: "Cixi People's Hospital", kind: 'designated', lon: 121.2726, lat: 30.1872, openBeds: 1500, occupiedBeds: 1278, icuOpen: 40, icuOccupied: 36, icuConvertible: 60, ventilatorsFree: 9, feverClinicWaitMin: 85, stationKey: 'renmin' },
  { name: '慈溪市第二人民医院', nameEn: 'Cixi No. 2 People\'s Hospital', kind: 'second_level', lon: 121.4153, lat: 30.1551, openBeds: 600, occupiedBeds: 486, icuOpen: 12, icuOccupied: 9, icuConvertible: 12, ventilatorsFree: 4, feverClinicWaitMin: 55, stationKey: 'guanhaiwei' },
  { name: '慈溪市第三人民医院', nameEn: 'Cixi No. 3 People\'s Hospital', kind: 'second_level', lon: 121.1518, lat: 30.1881, openBeds: 500, occupiedBeds: 409, icuOpen: 10, icuOccupied: 8, icuConvertible: 10, ventilatorsFree: 3, feverClinicWaitMin: 60, stationKey: 'zhouxiang' },
  { name: '慈溪市中医医院', nameEn: 'Cixi Hospital of Traditional Chinese Medicine', kind: 'second_level', lon: 121.2458, lat: 30.1727, openBeds: 450, occupiedBeds: 362, icuOpen: 9, icuOccupied: 6, icuConvertible: 8, ventilatorsFree: 3, feverClinicWaitMin: 45, stationKey: 'zhongyi' },
  { name: '慈溪市妇幼保健院', nameEn: 'Cixi Maternal and Child Health Hospital', kind: 'second_level', lon: 121.2637, lat: 30.1786, openBeds: 300, occupiedBeds: 214, icuOpen: 6, icuOccupied: 3, icuConvertible: 4, ventilatorsFree: 2, feverClinicWaitMin: 35 },
  { name: '慈溪市龙山医院', nameEn: 'Cixi Longshan Hospital', kind: 'second_level', lon: 121.5311, lat: 30.1768, openBeds: 350, occupiedBeds: 263, icuOpen: 7, icuOccupied: 5, icuConvertible: 6, ventilatorsFree: 2, feverClinicWaitMin: 40, stationKey: 'longshan' },
  // Sub-designated: two wards of ~100 beds, oxygen but no ICU; deteriorating patients go to the People's Hospital.
  { name: '慈溪市亚定点医院（宗汉院区）', nameEn: 'Cixi Sub-designated Hospital (Zonghan, 2 wards)', kind: 'sub_designated', lon: 121.2182, lat: 30.1918, openBeds: 200, occupiedBeds: 126, icuOpen: 0, icuOccupied: 0, icuConvertible: 0, ventilatorsFree: 2, feverClinicWaitMin: 30 },
  { name: '慈溪市方舱医院（体育中心）', nameEn: 'Cixi Fangcang Shelter Hospital (Sports Centre)', kind: 'fangcang', lon: 121.2842, lat: 30.2051, openBeds: 400, occupiedBeds: 148, icuOpen: 0, icuOccupied: 0, icuConvertible: 0, ventilatorsFree: 0, feverClinicWaitMin: 15 },
  { name: '慈溪市集中隔离点（杭州湾新区）', nameEn: 'Cixi Central Isolation Site (Hangzhou Bay New Zone)', kind: 'isolation', lon: 121.2135, lat: 30.3128, openBeds: 588, occupiedBeds: 231, icuOpen: 0, icuOccupied: 0, icuConvertible: 0, ventilatorsFree: 0, feverClinicWaitMin: 10 },
];

/** The 18 township health centres; the urban sub-districts call theirs 社区卫生服务中心. */
const TOWNSHIPS: { name: string; nameEn: string; lon: number; lat: number; stationKey?: string }[] = [
  { name: '坎墩街道社区卫生服务中心', nameEn: 'Kandun Community Health Centre', lon: 121.2052, lat: 30.2112, stationKey: 'kandun' },
  { name: '宗汉街道社区卫生服务中心', nameEn: 'Zonghan Community Health Centre', lon: 121.2241, lat: 30.1969, stationKey: 'zonghan' },
  { name: '古塘街道社区卫生服务中心', nameEn: 'Gutang Community Health Centre', lon: 121.2371, lat: 30.1663 },
  { name: '周巷镇卫生院', nameEn: 'Zhouxiang Township Health Centre', lon: 121.1448, lat: 30.1842 },
  { name: '周巷镇天元卫生院', nameEn: 'Tianyuan Township Health Centre', lon: 121.1201, lat: 30.2116, stationKey: 'tianyuan' },
  { name: '长河镇卫生院', nameEn: 'Changhe Township Health Centre', lon: 121.1801, lat: 30.2066, stationKey: 'changhe' },
  { name: '庵东镇卫生院', nameEn: 'Andong Township Health Centre', lon: 121.1879, lat: 30.2853, stationKey: 'andong' },
  { name: '崇寿镇卫生院', nameEn: 'Chongshou Township Health Centre', lon: 121.1617, lat: 30.2452, stationKey: 'chongshou' },
  { name: '逍林镇卫生院', nameEn: 'Xiaolin Township Health Centre', lon: 121.2339, lat: 30.2232, stationKey: 'xiaolin' },
  { name: '胜山镇卫生院', nameEn: 'Shengshan Township Health Centre', lon: 121.2576, lat: 30.2453, stationKey: 'shengshan' },
  { name: '新浦镇卫生院', nameEn: 'Xinpu Township Health Centre', lon: 121.2953, lat: 30.2457, stationKey: 'xinpu' },
  { name: '附海镇卫生院', nameEn: 'Fuhai Township Health Centre', lon: 121.3342, lat: 30.2253, stationKey: 'fuhai' },
  { name: '桥头镇卫生院', nameEn: 'Qiaotou Township Health Centre', lon: 121.3067, lat: 30.1818, stationKey: 'qiaotou' },
  { name: '匡堰镇卫生院', nameEn: 'Kuangyan Township Health Centre', lon: 121.3213, lat: 30.1417, stationKey: 'kuangyan' },
  { name: '横河镇卫生院', nameEn: 'Henghe Township Health Centre', lon: 121.2377, lat: 30.1488, stationKey: 'henghe' },
  { name: '观海卫镇卫生院', nameEn: 'Guanhaiwei Township Health Centre', lon: 121.4211, lat: 30.1507 },
  { name: '掌起镇卫生院', nameEn: 'Zhangqi Township Health Centre', lon: 121.4717, lat: 30.1546, stationKey: 'zhangqi' },
  { name: '龙山镇卫生院', nameEn: 'Longshan Township Health Centre', lon: 121.5362, lat: 30.1728 },
];

function buildHospitals(): DemoHospital[] {
  const rand = seededRandom(0x0c1c5e);
  const townships: HospitalSeed[] = TOWNSHIPS.map((t) => {
    const openBeds = 20 + 5 * intIn(rand, 0, 8); // 20..60
    const occupiedBeds = Math.round(openBeds * (0.5 + rand() * 0.4));
    return {
      ...t,
      kind: 'township',
      openBeds,
      occupiedBeds,
      icuOpen: 0,
      icuOccupied: 0,
      icuConvertible: 0,
      ventilatorsFree: 0,
      feverClinicWaitMin: 10 + 5 * intIn(rand, 0, 16), // 10..90
    };
  });
  return [...MAJOR_HOSPITALS, ...townships].map((h, i) => ({
    code: `H${String(i + 1).padStart(2, '0')}`,
    ...h,
    edStatus: 'open' as const,
  }));
}

/** 27 facilities: H01 designated, H02–H06 2nd-level, H07 sub-designated, H08 fangcang, H09 isolation (588 rooms), H10–H27 township. */
export const DEMO_HOSPITALS: DemoHospital[] = buildHospitals();

// ---------------------------------------------------------------------------------------------
// Units and crews
// ---------------------------------------------------------------------------------------------

export interface DemoUnit {
  callSign: string;
  kind: UnitKind;
  stationKey: string;
  crew: Crew;
  hasTerminal: boolean;
}

/** [station, standard units, critical-care units] — 64 units, 16 critical-care. */
const FLEET: [string, number, number][] = [
  ['renmin', 4, 6],
  ['zhongyi', 3, 1],
  ['zhouxiang', 2, 2],
  ['guanhaiwei', 2, 2],
  ['longshan', 2, 1],
  ['hzwan', 2, 1],
  ['kandun', 2, 1],
  ['zonghan', 3, 0],
  ['tianyuan', 2, 0],
  ['changhe', 3, 0],
  ['andong', 2, 1],
  ['chongshou', 2, 0],
  ['xiaolin', 3, 0],
  ['shengshan', 2, 0],
  ['xinpu', 2, 1],
  ['fuhai', 3, 0],
  ['qiaotou', 2, 0],
  ['kuangyan', 2, 0],
  ['henghe', 3, 0],
  ['zhangqi', 2, 0],
];

// Common surnames in Ningbo / Cixi (胡, 岑, 孙, 陈, 沈 are especially frequent locally).
const SURNAMES = ['胡', '陈', '孙', '岑', '沈', '王', '张', '徐', '俞', '周', '施', '叶', '马', '罗', '黄', '杨', '吴', '应', '陆', '童', '邹', '蒋', '钱', '鲁', '潘', '韩', '严', '余'];
const GIVEN_M = ['建国', '海军', '立新', '国强', '伟', '勇', '斌', '杰', '浩', '军', '鹏', '磊', '志刚', '晓东', '宇航', '俊杰', '家豪', '文斌', '振华', '少波', '一鸣', '永强', '小龙', '峰'];
const GIVEN_F = ['丽', '静', '芳', '敏', '婷', '燕', '霞', '晓燕', '佳琪', '雨萱', '海燕', '丹丹', '倩', '慧', '雅琴', '欣怡', '梦洁', '美玲', '春燕', '玲玲', '思琪', '晓红', '琳', '莹'];

function buildUnits(): DemoUnit[] {
  const rand = seededRandom(0x120);
  const used = new Set<string>();
  const person = (female: boolean): string => {
    for (;;) {
      const n = pick(rand, SURNAMES) + pick(rand, female ? GIVEN_F : GIVEN_M);
      if (!used.has(n)) { used.add(n); return n; }
    }
  };
  const units: DemoUnit[] = [];
  for (const [stationKey, standard, critical] of FLEET) {
    const kinds: UnitKind[] = [...Array<UnitKind>(critical).fill('critical_care'), ...Array<UnitKind>(standard).fill('standard')];
    for (const kind of kinds) {
      const n = units.length + 1;
      units.push({
        callSign: `CX-${String(n).padStart(2, '0')}`,
        kind,
        stationKey,
        crew: {
          driver: person(rand() < 0.05),
          doctor: person(rand() < 0.45),
          nurse: person(rand() < 0.85),
        },
        // ~10% of the fleet have no in-cab terminal (status by radio): CX-08, CX-18, ..., CX-58.
        hasTerminal: n % 10 !== 8,
      });
    }
  }
  return units;
}

export const DEMO_UNITS: DemoUnit[] = buildUnits();
