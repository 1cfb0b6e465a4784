/**
 * Address search per keystroke, in process: the gazetteer index (server/src/geocode/placeIndex.ts) over a
 * generated 20,000-place gazetteer, while a dispatcher types place names letter by letter in pinyin and
 * character by character as an IME commits them, from the second character on as the console asks. Baseline in the same run: a naive scan with
 * `includes` over the names and their precomputed pinyin (no typos, no ranking).
 */
import { performance } from 'node:perf_hooks';
import type { Place, PlaceKind } from '../shared/src/model.ts';
import { buildPlaceIndex, romanize } from '../server/src/geocode/placeIndex.ts';
import { busyCores, cpuMark } from './lib/machine.ts';
import { printTable, round, summarize, writeResult } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const PLACES = QUICK ? 2000 : 20_000;
const ROUNDS = QUICK ? 2 : 10;
const TARGET_P99_MS = 20;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const random = rng(120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const TOWN_NAMES = ['浒山', '白沙路', '古塘', '宗汉', '坎墩', '周巷', '观海卫', '龙山', '掌起', '附海', '桥头', '匡堰', '逍林', '新浦', '胜山', '横河', '崇寿', '长河', '庵东', '天元', '鸣鹤', '云城', '梅林', '金川', '海黎', '仁和', '毛家', '河头', '何家', '吴堡'];
const A = ['五', '六', '七', '潮', '海', '新', '东', '西', '南', '北', '长', '胜', '周', '陈', '徐', '沈', '蒋', '孙', '王', '李', '张', '刘', '杨', '黄', '赵', '吴', '郑', '谢', '韩', '唐', '冯', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '彭'];
const B = ['塘', '浦', '桥', '湾', '江', '家', '灶', '丰', '星', '海', '兴', '河', '庄', '岙', '山', '林', '田', '埠', '堰', '墩', '港', '岭', '园', '岗'];
const C = ['', '新', '东', '西', '南', '北', '前', '后', '上', '下'];
const INSIDE: [PlaceKind, string][] = [['village', '村'], ['community', '社区'], ['street', '路'], ['landmark', '公园'], ['nursing_home', '敬老院'], ['hospital', '卫生院']];

const towns: Place[] = TOWN_NAMES.map((n, i) => {
  const name = n + (i < 5 ? '街道' : '镇');
  return { name, aliases: [], kind: i < 5 ? 'subdistrict' : 'town', town: name, setting: i < 5 ? 'urban' : 'rural', lon: 121 + i * 0.02, lat: 30 + i * 0.01 };
});
const seen = new Set(towns.map((t) => t.name));
const places: Place[] = [...towns];
while (places.length < PLACES) {
  const town = pick(towns);
  const [kind, suffix] = random() < 0.7 ? (['village', '村'] as [PlaceKind, string]) : pick(INSIDE);
  const name = pick(A) + pick(B) + pick(C) + suffix;
  const key = `${town.name}/${name}`;
  if (seen.has(key)) continue;
  seen.add(key);
  places.push({ name, aliases: [], kind, town: town.name, setting: kind === 'village' ? 'rural' : 'urban', lon: town.lon + (random() - 0.5) * 0.05, lat: town.lat + (random() - 0.5) * 0.05 });
}

/** What a dispatcher types, one string per keystroke: pinyin letter by letter, characters as the IME commits them. */
const WORDS_PINYIN = ['zhouxiangzhen', 'hushan jiedao', 'guanhaiwei', 'chongshou', 'chaotangcun', 'ghwz', 'zhouxaing', 'xutangcun', 'longshan zhen'];
const WORDS_HAN = ['周巷镇', '浒山街道', '观海卫镇', '崇寿镇潮塘村3组27号', '潮塘村', '浒山街道三北大街128号', '龙山养老院', '徐家村'];
// The console asks from the second character on (client/src/pages/dispatch/useGeocode.ts).
const keystrokes: string[] = [];
for (const w of WORDS_PINYIN) for (let i = 2; i <= w.length; i++) keystrokes.push(w.slice(0, i));
for (const w of WORDS_HAN) for (let i = 2; i <= [...w].length; i++) keystrokes.push([...w].slice(0, i).join(''));

const t0 = performance.now();
const index = buildPlaceIndex(places);
const buildMs = performance.now() - t0;
const t1 = performance.now();
const spelled = places.map((p) => ({ place: p, ...romanize(p.name) }));
const baselineBuildMs = performance.now() - t1;
const naive = (q: string) => {
  const needle = q.toLowerCase().replace(/\s+/g, '');
  return spelled.filter((s) => s.place.name.includes(needle) || s.full.includes(needle) || s.initials.includes(needle)).slice(0, 8);
};

function time(label: string, fn: (q: string) => unknown[], built: number) {
  for (const q of keystrokes) fn(q);
  const samples: number[] = [];
  let found = 0;
  const mark = cpuMark();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of keystrokes) {
      const t = performance.now();
      const out = fn(q);
      samples.push(performance.now() - t);
      found += out.length;
    }
  }
  const s = summarize(samples);
  const busy = busyCores(mark, cpuMark());
  return { label, 'machine busy cores': busy === null ? null : round(busy, 2), 'build ms': round(built, 0), keystrokes: s.count, p50Ms: round(s.p50, 3), p99Ms: round(s.p99, 3), maxMs: round(s.max, 3), meanMs: round(s.mean, 3), meetsTarget: s.p99 < TARGET_P99_MS, 'mean found': round(found / s.count, 1) };
}

const rows = [
  time(`gazetteer index (MiniSearch + pinyin-pro) over ${PLACES} places, top 8`, (q) => index.search(q, 8), buildMs),
  time(`baseline: naive includes() scan over ${PLACES} names + pinyin, first 8`, naive, baselineBuildMs),
];
printTable(`Address search per keystroke (pure, in process; target p99 < ${TARGET_P99_MS} ms)`, rows);
const file = await writeResult('geocode', { targets: { p99Ms: TARGET_P99_MS }, places: PLACES, keystrokes: keystrokes.length, results: rows });
console.log(`\nwrote ${file}`);
