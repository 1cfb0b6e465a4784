import { describe, expect, it } from 'vitest';
import { vitalPhrases } from './vitals.ts';

const texts = (c: string) => vitalPhrases(c).map((v) => `${v.kind}:${v.text}`);

describe('the vital part of a complaint', () => {
  it('finds blood oxygen, breathing rate and consciousness as typed, in order', () => {
    expect(texts('发热三天，呼吸急促 35 次/分，血氧 88%，意识模糊')).toEqual(['breathing:呼吸急促 35 次/分', 'spo2:血氧 88%', 'consciousness:意识模糊']);
    expect(texts('老人叫不醒，指氧只有82％')).toEqual(['consciousness:叫不醒', 'spo2:指氧只有82％']);
    expect(texts('fever 39.5, SpO2 91%, RR 28/min, confused')).toEqual(['spo2:SpO2 91%', 'breathing:RR 28/min', 'consciousness:confused']);
    expect(texts('氧饱和度：85%')).toEqual(['spo2:氧饱和度：85%']);
  });

  it('finds nothing in a complaint without vitals, and never throws on odd input', () => {
    expect(vitalPhrases('发热三天，咳嗽')).toEqual([]);
    expect(vitalPhrases('')).toEqual([]);
    expect(vitalPhrases(undefined as unknown as string)).toEqual([]);
    expect(vitalPhrases('体温 39%')).toEqual([]);
    expect(vitalPhrases('血氧'.repeat(5000) + ' 88%')).toEqual([]);
  });

  it('does not count a phrase twice', () => {
    expect(texts('呼吸急促 35 次/分')).toEqual(['breathing:呼吸急促 35 次/分']);
  });
});
