/**
 * Writes the two gazetteers (docs/city-bundle.md, `places.csv`):
 *   server/cities/huairen/places.csv   around the towns of scripts/lib/huairen-data.ts, inside outline.geojson
 *   server/cities/cixi/places.csv      around the towns / sub-districts of scripts/lib/cixi-data.ts, inside
 *                                      scripts/lib/cixi-outline.json
 * Towns, real streets, landmarks and hospitals are the literals below (real names where known);
 * villages, communities and nursing homes are partly real, partly invented from the name parts below
 * (Shanxi: surname + 家庄 / 堡 / 寨 / 屯 ...; Cixi: 塘 / 浦 / 灶 / 埭 ... names of the reclaimed coast).
 * Points are scattered around their town's seat with a seeded PRNG (mulberry32), kept inside the
 * city's outline, 200 m off its border, and nearer their own town's seat than any other's.
 * Deterministic: re-running gives the same bytes. Run from the repo root:
 *   pnpm exec tsx scripts/make-gazetteers.ts
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_HOSPITALS, DEMO_PLACES } from './lib/cixi-data.ts';
import { edgeDistance, inArea, loadArea, loadRingsArea, seededRandom, writeCsv, type Area } from './lib/bundle-io.ts';
import { HUAIREN_HOSPITALS, HUAIREN_TOWNS } from './lib/huairen-data.ts';

type Kind = 'town' | 'subdistrict' | 'village' | 'community' | 'street' | 'landmark' | 'nursing_home' | 'hospital';
type Setting = 'urban' | 'rural';
interface Place { name: string; aliases: string[]; kind: Kind; town: string; setting: Setting; lon: number; lat: number }

interface Town {
  name: string;
  short: string;
  kind: 'town' | 'subdistrict';
  setting: Setting;
  lon: number;
  lat: number;
  spread: number;
  /** Villages to place in all (real ones first, then generated). */
  villages: number;
  realVillages: string[];
  communities: string[];
  streets: string[];
  hills?: boolean;
  extraAliases?: string[];
}

const root = resolve(import.meta.dirname, '..');
const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** Builds one city's gazetteer. */
class Gazetteer {
  readonly places: Place[] = [];
  private readonly names = new Set<string>();
  private readonly rand: () => number;

  constructor(
    private readonly city: string,
    private readonly area: Area,
    private readonly towns: Town[],
    seed: number,
    private readonly cosLat: number,
  ) {
    this.rand = seededRandom(seed);
  }

  town(name: string): Town {
    const t = this.towns.find((x) => x.name === name);
    if (!t) throw new Error(`${this.city}: unknown town ${name}`);
    return t;
  }

  private dist(t: Town, lon: number, lat: number) {
    return Math.hypot((t.lon - lon) * this.cosLat, t.lat - lat);
  }

  nearestTown(lon: number, lat: number): Town {
    let best = this.towns[0]!;
    for (const t of this.towns) if (this.dist(t, lon, lat) < this.dist(best, lon, lat)) best = t;
    return best;
  }

  private ok(lon: number, lat: number) {
    return inArea(this.area, lon, lat) && edgeDistance(this.area, lon, lat, this.cosLat) > 0.002;
  }

  /** A point in the ring [rMin, rMax] (degrees of latitude) around the town's seat, in the town's own area. */
  scatter(t: Town, rMin: number, rMax: number): [number, number] {
    for (let tries = 0; tries < 4000; tries++) {
      const relax = tries > 2000; // far from everything: accept any point of the own area
      const a = this.rand() * Math.PI * 2;
      const r = Math.sqrt(rMin * rMin + this.rand() * (rMax * rMax - rMin * rMin));
      const lon = r5(t.lon + (Math.cos(a) * r) / this.cosLat);
      const lat = r5(t.lat + Math.sin(a) * r);
      if (!this.ok(lon, lat) || this.nearestTown(lon, lat) !== t) continue;
      if (!relax && this.places.some((p) => Math.hypot((p.lon - lon) * this.cosLat, p.lat - lat) < rMin * 0.35)) continue;
      return [lon, lat];
    }
    throw new Error(`${this.city}: no room around ${t.name}`);
  }

  add(p: Omit<Place, 'aliases'> & { aliases?: string[] }) {
    const key = `${p.name}\u0000${p.town}`;
    if (this.names.has(key)) throw new Error(`${this.city}: duplicate ${p.name} in ${p.town}`);
    if (!this.ok(p.lon, p.lat)) throw new Error(`${this.city}: ${p.name} (${p.lon}, ${p.lat}) is outside the outline or on its border`);
    this.names.add(key);
    this.names.add(p.name);
    this.places.push({ aliases: [], ...p, lon: r5(p.lon), lat: r5(p.lat) });
  }

  has(name: string) {
    return this.names.has(name);
  }

  /** A fixed place; its town is the nearest seat unless named. */
  fixed(name: string, kind: Kind, lon: number, lat: number, aliases: string[] = [], town?: string, setting?: Setting) {
    const t = town ? this.town(town) : this.nearestTown(lon, lat);
    // Urban: in an urban town / sub-district and within its built-up spread of the seat.
    const s = setting ?? (t.setting === 'urban' && this.dist(t, lon, lat) < Math.max(0.015, t.spread * 1.2) ? 'urban' : 'rural');
    this.add({ name, aliases, kind, town: t.name, setting: s, lon, lat });
  }

  /** Every town's own row, its villages, communities and streets. */
  build(villageName: (t: Town) => string) {
    for (const t of this.towns) {
      this.add({ name: t.name, aliases: [t.short, ...(t.extraAliases ?? [])].filter((a) => a !== t.name), kind: t.kind, town: t.name, setting: t.setting, lon: t.lon, lat: t.lat });
    }
    for (const t of this.towns) {
      const villages = [...t.realVillages];
      let guard = 0;
      while (villages.length < t.villages) {
        const v = villageName(t);
        if (!villages.includes(v) && !this.has(v) && !this.has(`${v}村`)) villages.push(v);
        if (++guard > 10_000) throw new Error(`${this.city}: out of village names for ${t.name}`);
      }
      for (const v of villages) {
        const [lon, lat] = this.scatter(t, t.spread * 0.5, t.spread * 2.6);
        const name = v.endsWith('村') ? v : `${v}村`;
        this.add({ name, aliases: [name.slice(0, -1)], kind: 'village', town: t.name, setting: 'rural', lon, lat });
      }
      for (const c of t.communities) {
        const [lon, lat] = this.scatter(t, t.spread * 0.15, t.spread * 0.9);
        const short = c.replace(/社区$/, '');
        this.add({ name: c, aliases: short && short !== c ? [short] : [], kind: 'community', town: t.name, setting: 'urban', lon, lat });
      }
      for (const s of t.streets) {
        const [lon, lat] = this.scatter(t, t.spread * 0.1, t.spread * 1.0);
        this.add({ name: s, kind: 'street', town: t.name, setting: t.setting === 'urban' ? 'urban' : 'rural', lon, lat });
      }
    }
  }

  /** One nursing home near each listed town's seat. */
  nursingHomes(list: [string, string, string[]?][]) {
    for (const [name, town, aliases] of list) {
      const t = this.town(town);
      const [lon, lat] = this.scatter(t, t.spread * 0.15, t.spread * 0.7);
      this.add({ name, aliases: aliases ?? [], kind: 'nursing_home', town: t.name, setting: t.setting === 'urban' ? 'urban' : 'rural', lon, lat });
    }
  }

  write(path: string) {
    const min = 300;
    if (this.places.length < min) throw new Error(`${this.city}: only ${this.places.length} places (< ${min})`);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeCsv(path, ['name', 'aliases', 'kind', 'town', 'setting', 'lon', 'lat'],
      this.places.map((p) => ({ ...p, aliases: p.aliases.join('|') })));
    const by = new Map<string, number>();
    for (const p of this.places) by.set(p.kind, (by.get(p.kind) ?? 0) + 1);
    console.log(`${this.city}: ${this.places.length} places`, Object.fromEntries(by));
  }
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// =============================================================================================
// Huairen
// =============================================================================================

/** Surnames common in northern Shanxi, used in village names. */
const SX_SURNAMES = ['王', '李', '张', '刘', '赵', '杨', '郭', '贾', '霍', '白', '任', '韩', '高', '乔', '薛', '段', '武', '梁', '冯', '孙', '牛', '田', '史', '曹', '范', '郝', '阎', '吕', '魏', '温', '侯', '常', '申', '苏', '许', '宋', '安', '石', '辛', '秦', '庞', '康', '尚', '杜', '崔', '闫', '吴', '黄'];
const SX_PLAIN_SUFFIX = ['家庄', '家堡', '家窑', '家寨', '家屯', '家营', '庄', '堡', '寨', '屯', '营', '家园', '家坊'];
const SX_HILL_SUFFIX = ['家沟', '家峪', '家坪', '家梁', '家洼', '沟', '峪', '坪'];
const SX_DIRECTIONS = ['东', '西', '南', '北', '大', '小', '前', '后', '上', '下', '新', '旧'];
const SX_DIR_SUFFIX = ['庄', '堡', '寨', '屯', '营', '村'];

function huairenVillage(rand: () => number, t: Town): string {
  const r = rand();
  if (t.hills && r < 0.45) return pick(rand, SX_SURNAMES) + pick(rand, SX_HILL_SUFFIX);
  if (r < 0.75) return pick(rand, SX_SURNAMES) + pick(rand, SX_PLAIN_SUFFIX);
  return pick(rand, SX_DIRECTIONS) + pick(rand, SX_SURNAMES) + pick(rand, SX_DIR_SUFFIX).replace('村', '家');
}

/** Real or well-attested village names per town (the rest are generated). */
const HR_REAL_VILLAGES: Record<string, string[]> = {
  // 金沙滩镇: 第三作 (镇中心), 南家堡, 刘晏庄, 兴旺庄, 孟庄, 胡寨, 盐丰营, 小东庄 (区划代码 140624102 listing).
  云中镇: ['城关', '三里屯', '北小寨'],
  吴家窑镇: ['吴家窑', '鹅毛口', '小峪', '王坪', '峪口'],
  金沙滩镇: ['第三作', '南家堡', '刘晏庄', '兴旺庄', '孟庄', '胡寨', '盐丰营', '小东庄'],
  毛家皂镇: ['毛家皂'],
  马辛庄乡: ['马辛庄'],
  海北头乡: ['海北头'],
  河头乡: ['河头', '日中城'],
  亲和乡: ['亲和'],
  何家堡乡: ['何家堡', '南小寨'],
  新家园乡: ['新家园'],
};

/** 云中镇's 22 urban communities: the first ten are the published 居委会, the rest plausible. */
const YUNZHONG_COMMUNITIES = [
  '二道坡南路社区', '二道坡北路社区', '北坛东街社区', '北坛西街社区', '花园社区', '气象街社区', '体育街社区', '迎宾街社区', '新建南路社区', '火车站区社区',
  '新建北路社区', '仁和社区', '云中社区', '东关社区', '西关社区', '南关社区', '北关社区', '文化街社区', '府前街社区', '锦绣社区', '西环社区', '兴仁社区',
];
const YUNZHONG_STREETS = [
  '迎宾街', '气象街', '体育街', '北坛东街', '北坛西街', '二道坡南路', '二道坡北路', '新建南路', '新建北路', '花园路', '站前街',
  '云中大街', '仁和路', '怀安街', '文化街', '府前街', '东关街', '西关街', '南关街', '北关街', '建设路', '友谊街', '兴仁街',
  '育才路', '西环路', '东环路', '南环路', '北环路', '工业路', '陶瓷大道', '金沙滩大道', '清凉山路', '鹅毛口街', '振华街',
  '永宁街', '团结路', '人民街', '解放街', '和平街', '开发路',
];

function huairen() {
  const towns: Town[] = HUAIREN_TOWNS.map((t) => ({
    name: t.name,
    short: t.short,
    kind: 'town',
    setting: t.setting,
    lon: t.lon,
    lat: t.lat,
    spread: t.spread,
    villages: t.villages,
    realVillages: HR_REAL_VILLAGES[t.name] ?? [],
    communities: t.key === 'yunzhong' ? YUNZHONG_COMMUNITIES : t.key === 'wujiayao' ? ['小峪矿生活区社区', '王坪矿生活区社区'] : [],
    streets: t.key === 'yunzhong' ? YUNZHONG_STREETS : [`${t.short}大街`, `${t.short}中街`],
    hills: t.hills,
    extraAliases: t.key === 'yunzhong' ? ['怀仁城区', '县城'] : [],
  }));
  const g = new Gazetteer('huairen', loadArea(resolve(root, 'server/cities/huairen/outline.geojson'), '140624'), towns, 0x140624, Math.cos((39.8 * Math.PI) / 180));
  const rand = seededRandom(0x5a17);
  g.build((t) => huairenVillage(rand, t));

  // Landmarks (approximate positions in the demo's outline).
  const L = (name: string, lon: number, lat: number, aliases: string[] = [], town?: string) => g.fixed(name, 'landmark', lon, lat, aliases, town);
  L('怀仁市人民政府', 113.1003, 39.8247, ['市政府', '怀仁县人民政府', '县政府']);
  L('怀仁站', 113.0866, 39.8128, ['怀仁火车站', '火车站']);
  L('怀仁东站', 113.1587, 39.8391, ['怀仁高铁站', '高铁站']);
  L('怀仁市汽车站', 113.1081, 39.8152, ['汽车站', '客运站']);
  L('怀仁市体育中心', 113.1275, 39.8365, ['体育中心', '体育馆']);
  L('怀仁市第一中学', 113.0962, 39.8291, ['怀仁一中', '一中']);
  L('怀仁市第二中学', 113.1124, 39.8198, ['怀仁二中', '二中']);
  L('怀仁市实验中学', 113.0898, 39.8236, ['实验中学']);
  L('怀仁市实验小学', 113.1047, 39.8183, ['实验小学']);
  L('怀仁市文化广场', 113.1028, 39.8209, ['文化广场']);
  L('仁和公园', 113.0949, 39.8321, ['人民公园']);
  L('怀仁市疾病预防控制中心', 113.0983, 39.8188, ['疾控中心', '怀仁县疾控中心']);
  L('怀仁市政务服务中心', 113.1146, 39.8287, ['政务大厅']);
  L('怀仁市公安局', 113.1068, 39.8232, ['公安局']);
  L('怀仁市图书馆', 113.1011, 39.8289, ['图书馆']);
  L('怀仁陶瓷工业园区', 113.0602, 39.8025, ['陶瓷园区', '北方瓷都']);
  L('怀仁经济技术开发区', 113.1452, 39.8058, ['开发区', '经开区']);
  L('二广高速怀仁收费站', 113.0705, 39.7892, ['怀仁收费站', 'G55怀仁']);
  L('怀仁东收费站', 113.1718, 39.8325, ['东收费站']);
  L('清凉山风景区', 112.9445, 39.8152, ['清凉山']);
  L('鹅毛口石器制造场遗址', 112.9851, 39.8553, ['鹅毛口遗址']);
  L('小峪煤矿', 112.9488, 39.8402, ['小峪矿']);
  L('王坪煤矿', 112.9187, 39.8061, ['王坪矿']);
  L('金沙滩古战场遗址', 112.9852, 39.7052, ['金沙滩古战场', '金沙滩']);
  L('金沙滩生态园', 112.9488, 39.6798, ['生态园']);
  L('永宁寺', 113.1747, 39.8602, ['南小寨永宁寺']);
  L('桑干河湿地', 113.3002, 39.7512, ['桑干河']);
  L('怀仁市第二水厂', 113.0552, 39.8552, ['二水厂']);
  L('大同—怀仁界碑', 113.1602, 39.9102, ['北界']);
  for (const t of towns) {
    const lon = r5(t.lon - 0.0011);
    const lat = r5(t.lat - 0.0007);
    L(`${t.name}人民政府`, lon, lat, [`${t.short}政府`], t.name);
  }

  g.nursingHomes([
    ['怀仁市社会福利院', '云中镇', ['福利院']],
    ['怀仁市中心敬老院', '云中镇', ['中心敬老院']],
    ['怀仁市老年养护院', '云中镇', ['养护院']],
    ['仁和老年公寓', '云中镇'],
    ['康乐老年公寓', '云中镇'],
    ['夕阳红养老院', '云中镇'],
    ...towns.filter((t) => t.name !== '云中镇').map((t): [string, string, string[]] => [`${t.name}敬老院`, t.name, [`${t.short}敬老院`]]),
  ]);

  // Hospitals: every facility of hospitals.csv (the fangcang once, it is one site), plus two the seed names.
  const alias: Record<string, string[]> = {
    'HR-H01': ['人民医院', '怀仁县人民医院', '县医院', '医疗集团'],
    'HR-H02': ['中医院', '怀仁县中医医院'],
    'HR-H03': ['仁德医院', '仁德综合医院'],
    'HR-H04': ['方舱医院', '亚定点医院', '方舱'],
    'HR-H06': ['弘文隔离点', '弘文'],
    'HR-H07': ['小峪医院', '小峪矿医院'],
    'HR-H08': ['王坪医院', '王坪矿医院'],
  };
  for (const h of HUAIREN_HOSPITALS) {
    if (h.code === 'HR-H05') continue; // second ward of the same fangcang
    const name = h.code === 'HR-H04' ? '怀仁市方舱医院（亚定点医院）' : h.name;
    g.fixed(name, 'hospital', h.lon, h.lat, alias[h.code] ?? [], h.town);
  }
  for (const t of towns) g.fixed(`${t.name}卫生院`, 'hospital', r5(t.lon + 0.0012), r5(t.lat + 0.0006), [`${t.short}卫生院`], t.name);
  g.fixed('怀仁市妇幼保健院', 'hospital', 113.1093, 39.8231, ['妇幼保健院', '妇幼']);
  g.fixed('怀仁光明眼科医院', 'hospital', 113.1112, 39.8262, ['光明眼科医院', '眼科医院']);
  g.write(resolve(root, 'server/cities/huairen/places.csv'));
}

// =============================================================================================
// Cixi
// =============================================================================================

const ZJ_PART_A = ['潮', '海', '新', '东', '西', '南', '北', '长', '胜', '三', '四', '五', '六', '七', '八', '永', '兴', '双', '福', '万', '联', '丰', '协', '建', '红', '光', '民', '前', '后', '高', '洋', '徐', '陈', '沈', '孙', '胡', '岑', '施', '叶', '周', '罗', '马', '俞', '童', '黄'];
const ZJ_PART_B = ['塘', '浦', '桥', '湾', '江', '灶', '丰', '星', '海', '兴', '河', '堰', '岙', '漕', '畈', '舍', '埭', '园', '安', '华'];
const ZJ_SURNAMES = ['胡', '陈', '孙', '岑', '沈', '王', '张', '徐', '俞', '周', '施', '叶', '马', '罗', '黄', '杨', '吴', '应', '陆', '童', '邹', '蒋', '钱', '鲁', '潘', '韩', '严', '余'];

function cixiVillage(rand: () => number): string {
  const r = rand();
  if (r < 0.7) return pick(rand, ZJ_PART_A) + pick(rand, ZJ_PART_B);
  if (r < 0.85) return pick(rand, ZJ_SURNAMES) + pick(rand, ['家埭', '家路', '家桥', '家弄', '家塘']);
  return pick(rand, ZJ_PART_A) + pick(rand, ZJ_PART_B) + pick(rand, ['新', '东', '西']);
}

/** Village names per town / sub-district that follow the town's own road and place names (plausible; many real). */
const CX_REAL_VILLAGES: Record<string, string[]> = {
  浒山街道: ['孙塘', '西门外'],
  白沙路街道: ['担山', '峙山'],
  古塘街道: ['界牌', '虞波', '华光'],
  宗汉街道: ['庙山', '新界', '怡园', '百两'],
  坎墩街道: ['坎中', '五塘', '沿河', '坎东'],
  周巷镇: ['三江', '城中', '古窑浦', '潭南', '万安庄'],
  观海卫镇: ['师桥', '卫山', '金山', '鸣鹤', '杜湖', '白洋'],
  龙山镇: ['伏龙', '达蓬', '范市', '东门外', '山下'],
  掌起镇: ['任佳溪', '长溪', '陈家', '厉家'],
  附海镇: ['东海', '海城', '花园'],
  桥头镇: ['吴山', '五姓点', '桥南', '上岙'],
  匡堰镇: ['高家', '岗墩', '倡隆'],
  逍林镇: ['林中', '樟新', '新园'],
  新浦镇: ['水云浦', '老浦', '六塘'],
  胜山镇: ['胜北', '四塘头'],
  横河镇: ['秦堰', '彭桥', '孙家境', '梅湖', '石堰'],
  崇寿镇: ['六灶', '傅家路'],
  长河镇: ['沧北', '垫桥', '宁丰'],
  庵东镇: ['元祥', '华兴', '兴隆'],
  杭州湾新区: ['滨海', '金源'],
};
const CX_VILLAGE_COUNT: Record<string, number> = {
  浒山街道: 2, 白沙路街道: 2, 古塘街道: 3, 宗汉街道: 6, 坎墩街道: 7, 周巷镇: 14, 观海卫镇: 14, 龙山镇: 10, 掌起镇: 8, 附海镇: 7,
  桥头镇: 8, 匡堰镇: 7, 逍林镇: 7, 新浦镇: 8, 胜山镇: 6, 横河镇: 10, 崇寿镇: 7, 长河镇: 8, 庵东镇: 8, 杭州湾新区: 2,
};
const CX_COMMUNITIES: Record<string, string[]> = {
  浒山街道: ['三北社区', '东门社区', '西门社区', '南门社区', '北门社区', '教育社区'],
  白沙路街道: ['白沙社区', '峙山社区', '担山社区', '明州社区', '开发社区', '新江社区'],
  古塘街道: ['古塘社区', '华光社区', '上林社区', '虞波社区', '西二环社区', '界牌社区'],
  宗汉街道: ['宗汉社区', '庙山社区', '怡园社区', '新界社区', '百两社区'],
  坎墩街道: ['坎墩社区', '兴业社区', '坎中社区', '五塘社区'],
  杭州湾新区: ['滨海社区', '世纪社区', '兴慈社区'],
};

function cixi() {
  const main = DEMO_PLACES.filter((p) => p.key !== 'tianyuan' && p.key !== 'minghe');
  const roadsOf = (key: string) => DEMO_PLACES.filter((p) => p.key === key || (p.addressName ?? '').startsWith(DEMO_PLACES.find((q) => q.key === key)!.name)).flatMap((p) => p.roads);
  const towns: Town[] = main.map((p) => {
    const sub = p.name.endsWith('街道') || p.key === 'hzwan';
    const short = p.name.replace(/(街道|镇)$/, '');
    return {
      name: p.name,
      short,
      kind: sub ? 'subdistrict' : 'town',
      setting: p.rank <= 2 ? 'urban' : 'rural',
      lon: p.lon,
      lat: p.lat,
      spread: p.spread,
      villages: CX_VILLAGE_COUNT[p.name] ?? 6,
      realVillages: CX_REAL_VILLAGES[p.name] ?? [],
      communities: CX_COMMUNITIES[p.name] ?? [`${short}社区`, `${short}新村社区`],
      streets: [...new Set(roadsOf(p.key))],
      extraAliases: p.key === 'hzwan' ? ['杭州湾', '前湾新区'] : p.key === 'hushan' ? ['浒山镇'] : [],
    };
  });
  // Streets that two towns share in the demo's road lists stay with the first town.
  const seen = new Set<string>();
  for (const t of towns) t.streets = t.streets.filter((s) => !seen.has(s) && seen.add(s));

  const g = new Gazetteer('cixi', loadRingsArea(resolve(root, 'scripts/lib/cixi-outline.json')), towns, 0x330282, Math.cos((30.2 * Math.PI) / 180));
  const rand = seededRandom(0xc1c1);
  g.build(() => cixiVillage(rand));

  // Former towns merged into larger ones (still how people name them).
  g.fixed('天元', 'community', 121.118, 30.21, ['天元镇'], '周巷镇', 'urban');
  g.fixed('鸣鹤古镇', 'landmark', 121.372, 30.131, ['鸣鹤', '鸣鹤镇'], '观海卫镇', 'rural');

  const L = (name: string, lon: number, lat: number, aliases: string[] = [], town?: string) => g.fixed(name, 'landmark', lon, lat, aliases, town);
  L('慈溪市人民政府', 121.2665, 30.1702, ['市政府']);
  L('慈溪市政务服务中心', 121.2712, 30.1752, ['市民中心', '行政服务中心']);
  L('慈溪中学', 121.2498, 30.1848, ['慈中']);
  L('慈溪市体育中心', 121.2842, 30.2062, ['体育中心', '体育馆']);
  L('慈溪博物馆', 121.2702, 30.1808, ['博物馆']);
  L('慈溪大剧院', 121.2748, 30.1768, ['大剧院']);
  L('慈溪市图书馆', 121.2688, 30.1788, ['图书馆']);
  L('慈溪客运中心', 121.2802, 30.1652, ['汽车站', '客运中心']);
  L('慈溪银泰城', 121.2622, 30.1812, ['银泰']);
  L('慈溪万达广场', 121.2858, 30.1872, ['万达']);
  L('上林湖', 121.348, 30.103, ['上林湖水库']);
  L('上林湖越窑遗址', 121.3528, 30.1082, ['越窑遗址', '上林湖遗址']);
  L('杜湖', 121.404, 30.108, ['杜湖水库']);
  L('白洋湖', 121.386, 30.126);
  L('四灶浦水库', 121.306, 30.274, ['四灶浦']);
  L('梅湖水库', 121.296, 30.118, ['梅湖']);
  L('达蓬山旅游度假区', 121.4902, 30.1352, ['达蓬山']);
  L('伏龙寺', 121.5522, 30.1852, ['伏龙山']);
  L('五磊寺', 121.4402, 30.1202, ['五磊山']);
  L('杭州湾国家湿地公园', 121.1302, 30.3102, ['湿地公园', '杭州湾湿地']);
  L('方特东方神画', 121.2402, 30.3152, ['方特']);
  L('宁波杭州湾新区管委会', 121.2252, 30.3222, ['新区管委会']);
  L('杭州湾跨海大桥南岸', 121.2002, 30.3752, ['跨海大桥', '大桥南岸']);
  L('慈溪植物大观园', 121.3052, 30.2302, ['植物园']);
  L('慈溪市实验中学', 121.2652, 30.1652, ['实验中学']);
  L('慈溪南收费站', 121.2482, 30.1552, ['G92慈溪南']);
  L('慈溪北收费站', 121.1952, 30.2552, ['G15慈溪北']);
  L('浒山老街', 121.2538, 30.1698, ['老街']);
  for (const t of towns) {
    const lon = r5(t.lon - 0.0013);
    const lat = r5(t.lat - 0.0009);
    L(t.kind === 'subdistrict' && t.name.endsWith('街道') ? `${t.name}办事处` : t.name === '杭州湾新区' ? '杭州湾新区行政服务中心' : `${t.name}人民政府`, lon, lat, [`${t.short}政府`], t.name);
  }

  g.nursingHomes([
    ['慈溪市社会福利中心', '浒山街道', ['福利中心']],
    ['慈溪市颐养院', '白沙路街道', ['颐养院']],
    ['慈溪市老年公寓', '古塘街道', ['老年公寓']],
    ['康乐养老院', '宗汉街道'],
    ...towns.filter((t) => t.kind === 'town').map((t): [string, string, string[]] => [`${t.name}敬老院`, t.name, [`${t.short}敬老院`]]),
    ...towns.filter((t) => t.name.endsWith('街道')).map((t): [string, string, string[]] => [`${t.name}居家养老服务中心`, t.name, [`${t.short}养老中心`]]),
  ]);

  const cxAlias = (name: string) => {
    const short = name.replace(/^慈溪市/, '').replace(/（.*）$/, '');
    const extra: Record<string, string[]> = {
      '慈溪市人民医院': ['人民医院', '市人医'], '慈溪市第二人民医院': ['二院', '第二人民医院'], '慈溪市第三人民医院': ['三院', '第三人民医院'],
      '慈溪市中医医院': ['中医院'], '慈溪市妇幼保健院': ['妇保院'],
    };
    const town = /^(.+?)(镇|街道)(.+)$/.exec(name); // 周巷镇卫生院 -> 周巷卫生院
    return [...new Set([short !== name ? short : '', town ? town[1]! + town[3]! : '', ...(extra[name] ?? [])].filter((a) => a && a !== name))];
  };
  for (const h of DEMO_HOSPITALS) g.fixed(h.name, 'hospital', h.lon, h.lat, cxAlias(h.name));
  g.write(resolve(root, 'server/cities/cixi/places.csv'));
}

huairen();
cixi();
