/**
 * What the simulated callers say: age, class, risk tier, flags and complaint in a respiratory surge.
 * Pure and seeded: the same `rand` gives the same calls.
 *
 * Mix from the seeds (Beijing 2022 figures): in a surge about 79% of 120 calls are for advice or are
 * repeat calls (where is my ambulance?); in normal times it is far fewer. Older callers are sicker.
 */
import type { ClinicalClass, CreateCallInput, LonLat, RiskTier } from '@dispatch/shared';
import { addressNear, randomPointIn, type SimCity } from './cityModel.ts';

type Rand = () => number;

export type CallKindDrawn = 'emergency' | 'advice' | 'repeat';

/** Share of advice-only and repeat calls, normal vs surge. */
export const CALL_KIND_SHARES: Readonly<Record<'normal' | 'surge', { advice: number; repeat: number }>> = {
  normal: { advice: 0.3, repeat: 0.05 },
  surge: { advice: 0.64, repeat: 0.15 },
};

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const intIn = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** Picks a key by weight. */
function weighted<K extends string>(rand: Rand, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rand() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    r -= w;
    if (r <= 0) return k;
  }
  return entries[entries.length - 1]?.[0] as K;
}

/** A surge skews old: half of those who call 120 for a respiratory illness are 65 or over. */
export function drawAge(rand: Rand): number {
  const band = rand();
  if (band < 0.12) return intIn(rand, 1, 17);
  if (band < 0.48) return intIn(rand, 18, 64);
  if (band < 0.8) return intIn(rand, 65, 79);
  return intIn(rand, 80, 95);
}

const CLASS_BY_AGE: readonly [number, Readonly<Record<ClinicalClass, number>>][] = [
  [80, { critical: 12, severe: 28, common: 35, mild: 20, asymptomatic: 5 }],
  [65, { critical: 6, severe: 18, common: 40, mild: 30, asymptomatic: 6 }],
  [18, { critical: 2, severe: 8, common: 35, mild: 45, asymptomatic: 10 }],
  [0, { critical: 1, severe: 4, common: 30, mild: 55, asymptomatic: 10 }],
];

/** Clinical class for an emergency call at this age: the older, the sicker. */
export function drawClass(rand: Rand, age: number): ClinicalClass {
  const row = CLASS_BY_AGE.find(([from]) => age >= from) ?? CLASS_BY_AGE[CLASS_BY_AGE.length - 1];
  return weighted(rand, (row as (typeof CLASS_BY_AGE)[number])[1]);
}

/** The community grid gives everyone 65+ a tier; the older, the likelier red. */
export function drawRiskTier(rand: Rand, age: number): RiskTier | null {
  if (age < 65) return null;
  const r = rand();
  const red = age >= 80 ? 0.4 : 0.2;
  return r < red ? 'red' : r < red + 0.45 ? 'yellow' : 'green';
}

const COMPLAINTS: Readonly<Record<ClinicalClass, readonly string[]>> = {
  critical: ['意识模糊，呼之不应', '血氧 82%，口唇发绀', '呼吸急促 35 次/分，血氧 85%', '胸痛大汗，血压 80/50', '抽搐后昏迷', '发热 40℃ 伴意识障碍'],
  severe: ['发热 39℃ 伴气促', '血氧 88%，活动后气喘', '胸闷气急，不能平卧', '高热三天不退，精神差', '咳嗽咳痰带血，气促', '慢阻肺急性加重，血氧 89%'],
  common: ['发热 38.5℃，咳嗽', '胸闷，乏力', '咳嗽三天伴发热', '发热伴腹泻、呕吐', '头晕乏力，进食少', '发热 39℃，老人独居'],
  mild: ['发热 38℃，咽痛', '咳嗽、鼻塞', '全身酸痛，低热', '抗原阳性，轻度咽痛', '头痛，低热'],
  asymptomatic: ['抗原阳性，无症状，询问去向', '核酸阳性，无不适', '家人阳性，本人无症状'],
};

const ADVICE_COMPLAINTS = ['咨询退烧药用法', '询问发热门诊地址', '抗原阳性，咨询居家隔离', '询问是否需要去医院', '咨询老人用药', '询问方舱医院收治条件', '咨询儿童高热处理'];
const REPEAT_NOTES = ['重复来电：催问救护车到达时间', '重复来电：病情同前，家属焦急', '重复来电：询问排队进度'];

/** A mobile number in the local style: 13x–19x plus eight digits. */
export function drawPhone(rand: Rand): string {
  return `1${intIn(rand, 3, 9)}${String(intIn(rand, 0, 999_999_999)).padStart(9, '0')}`;
}

export interface DrawnCall {
  kind: CallKindDrawn;
  input: CreateCallInput;
}

/**
 * One incoming call. `recentPhones` are callers of the last hour: a repeat call reuses one.
 * Advice and repeat calls are closed at intake (`closeAs: 'advice'`): no unit goes.
 */
export interface RecentCaller {
  phone: string;
  at: LonLat;
  address: string;
  patient: Pick<CreateCallInput, 'age' | 'riskTier' | 'flags' | 'clinicalClass'>;
}

export function drawCall(rand: Rand, opts: { city: SimCity; surge: boolean; recent: readonly RecentCaller[]; emergencyOnly?: boolean }): DrawnCall {
  const shares = CALL_KIND_SHARES[opts.surge ? 'surge' : 'normal'];
  const r = rand();
  const previous = opts.recent.length > 0 ? pick(rand, opts.recent) : null;
  let kind: CallKindDrawn = opts.emergencyOnly ? 'emergency' : r < shares.advice ? 'advice' : r < shares.advice + shares.repeat ? 'repeat' : 'emergency';
  if (kind === 'repeat' && !previous) kind = 'advice';

  const repeatOf = kind === 'repeat' ? previous : null;
  const age = repeatOf?.patient.age ?? drawAge(rand);
  const female = rand() < 0.5;
  const place = kind === 'repeat' && previous ? previous.at : randomPointIn(opts.city, rand);
  const address = kind === 'repeat' && previous ? previous.address : addressNear(opts.city, place, rand);
  const phone = kind === 'repeat' && previous ? previous.phone : drawPhone(rand);
  // A repeat call is about the same patient the first call was about.
  const riskTier = repeatOf ? repeatOf.patient.riskTier : drawRiskTier(rand, age);
  const nursingHome = repeatOf ? repeatOf.patient.flags.nursingHome : age >= 75 && rand() < 0.12;
  const pregnant = repeatOf ? repeatOf.patient.flags.pregnant : female && age >= 20 && age <= 40 && rand() < 0.08;

  const clinicalClass: ClinicalClass =
    kind === 'emergency' ? drawClass(rand, age) : (repeatOf?.patient.clinicalClass ?? (rand() < 0.7 ? 'mild' : 'asymptomatic'));
  // Drawn without the PRNG so the seeded days stay as they were: the very old asymptomatic caller is the one
  // the seed's fangcang admits "有住院需求" (a bed for a frail patient, not a room at the isolation site).
  const needsBed = repeatOf ? repeatOf.patient.flags.needsBed : clinicalClass === 'asymptomatic' && age >= 85;
  const complaint =
    kind === 'emergency' ? pick(rand, COMPLAINTS[clinicalClass]) : kind === 'advice' ? pick(rand, ADVICE_COMPLAINTS) : '再次来电';
  const notes = [
    kind === 'repeat' ? pick(rand, REPEAT_NOTES) : '',
    // The caller names the home, from the city's gazetteer.
    nursingHome && opts.city.nursingHomes.length > 0 ? pick(rand, opts.city.nursingHomes) : '',
    pregnant ? `孕 ${intIn(rand, 8, 38)} 周` : '',
  ]
    .filter(Boolean)
    .join('；');

  return {
    kind,
    input: {
      callerPhone: phone,
      address,
      lon: place.lon,
      lat: place.lat,
      complaint,
      clinicalClass,
      age,
      riskTier,
      flags: { nursingHome, pregnant, needsBed },
      notes,
      ...(kind === 'emergency' ? {} : { closeAs: 'advice' as const }),
    },
  };
}

const TRANSFER_COMPLAINTS = ['病情加重，血氧下降至 88%，需转定点医院', '高流量吸氧下仍气促，申请转上级医院', '意识改变，需 ICU 评估', '发热持续，肌酐升高，需转诊'];

/** An inter-facility transfer: a township or sub-designated ward sends a deteriorating patient up. */
export function drawTransfer(rand: Rand): { complaint: string; clinicalClass: ClinicalClass; age: number; riskTier: RiskTier | null; notes: string } {
  const age = intIn(rand, 60, 95);
  return {
    complaint: pick(rand, TRANSFER_COMPLAINTS),
    clinicalClass: rand() < 0.35 ? 'critical' : 'severe',
    age,
    riskTier: drawRiskTier(rand, age),
    notes: '院间转运（非急救转运专班）',
  };
}
