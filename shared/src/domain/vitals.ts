/**
 * The vital part of a complaint: blood oxygen, breathing rate and consciousness, the signs the seeds tell
 * every level to watch (finger oximeters at every township; deciding fast at the ED door). Screens show
 * these in full wherever the complaint itself has to be shortened.
 */

/** What a vital phrase says; the screen may colour or order by it. */
export type VitalKind = 'spo2' | 'breathing' | 'consciousness';

export interface VitalPhrase {
  kind: VitalKind;
  /** Exactly as typed, so the dispatcher reads the caller's own words and numbers. */
  text: string;
  /** Offset in the complaint, for ordering and highlighting. */
  index: number;
}

// Chinese first (how calls are typed here), English for the English screens and the crews' notes.
const PATTERNS: readonly { kind: VitalKind; re: RegExp }[] = [
  { kind: 'spo2', re: /(?:SpO\s?2|SpO₂|SaO\s?2|血氧(?:饱和度)?|氧饱和度|指氧|血氧值|oxygen(?: saturation)?|sats?)\s*(?:只有|仅|约|为|是|[:：=])?\s*\d{2,3}(?:\.\d)?\s*[%％]/giu },
  { kind: 'breathing', re: /(?:呼吸(?:急促|频率|困难)?|气促|气喘|RR|resp(?:iratory)?(?: rate)?|breathing(?: rate)?)\s*(?:约|为|是|[:：=])?\s*\d{1,2}\s*(?:次\s*\/\s*分(?:钟)?|次每分(?:钟)?|次|\/\s*min|breaths?\s*\/\s*min|bpm)/giu },
  { kind: 'consciousness', re: /意识(?:模糊|不清|丧失|障碍|淡漠)|神志(?:不清|模糊|淡漠)|昏迷|嗜睡|叫不醒|呼之不应|unconscious(?:ness)?|unresponsive|confused|drowsy|GCS\s*\d{1,2}/giu },
];

/** Upper bound on what is scanned: a complaint is a sentence or two, never a document. */
const MAX_SCAN = 2_000;

/** The vital phrases of a complaint, in the order they appear, each once; [] when there are none. */
export function vitalPhrases(complaint: string): VitalPhrase[] {
  if (typeof complaint !== 'string' || complaint === '') return [];
  const text = complaint.slice(0, MAX_SCAN);
  const found: VitalPhrase[] = [];
  for (const { kind, re } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const index = m.index ?? 0;
      // A phrase inside one already found (呼吸急促 35 次/分 holds 呼吸 35 次) is not a second sign.
      if (found.some((f) => index >= f.index && index < f.index + f.text.length)) continue;
      found.push({ kind, text: m[0].trim(), index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
