import { describe, expect, it } from 'vitest';
import { buildPlaceIndex, queryParts } from './placeIndex.ts';
import { buildPlace, TEST_PLACES } from './testPlaces.ts';

const index = buildPlaceIndex(TEST_PLACES);
const names = (q: string, limit = 8) => index.search(q, limit).map((c) => c.place.name);
const first = (q: string) => names(q)[0];

describe('gazetteer search', () => {
  it('indexes the fixture', () => expect(index.size).toBe(50));

  it('finds a place by its Chinese name, with or without the suffix', () => {
    expect(first('崇寿镇')).toBe('崇寿镇');
    expect(first('崇寿')).toBe('崇寿镇');
    expect(first('浒山')).toBe('浒山街道');
    expect(first('潮塘村')).toBe('潮塘村');
    expect(first('潮塘')).toBe('潮塘村');
    expect(first('青少年宫')).toBe('青少年宫社区');
  });

  it('accepts the wrong suffix (镇 for 街道, 乡 for 镇)', () => {
    expect(first('浒山镇')).toBe('浒山街道');
    expect(first('龙山乡')).toBe('龙山镇');
  });

  it('finds a place by full pinyin, with or without spaces and suffix', () => {
    expect(first('chongshou')).toBe('崇寿镇');
    expect(first('chongshouzhen')).toBe('崇寿镇');
    expect(first('chong shou zhen')).toBe('崇寿镇');
    expect(first('Guan Hai Wei')).toBe('观海卫镇');
    expect(first('chaotangcun')).toBe('潮塘村');
    expect(first('hushan jiedao')).toBe('浒山街道');
  });

  it('finds a place by pinyin initials', () => {
    expect(first('gtjd')).toBe('古塘街道');
    expect(first('ghwz')).toBe('观海卫镇');
    expect(first('ctc')).toBe('潮塘村');
  });

  it('forgives small typos in pinyin and characters', () => {
    expect(first('chongshuo')).toBe('崇寿镇');
    expect(first('guanhiawei')).toBe('观海卫镇');
    expect(first('zhouxaing')).toBe('周巷镇');
    // One wrong character, and a homophone an IME would offer (到 for 道).
    expect(first('观海为镇')).toBe('观海卫镇');
    expect(first('古塘街到')).toBe('古塘街道');
  });

  it('ranks the exact name first, then prefixes, then fuzzy matches', () => {
    // 周巷镇 is the exact stem; 周家村 and 周塘村 only share the prefix 周.
    const zhou = names('周巷');
    expect(zhou[0]).toBe('周巷镇');
    const prefix = names('zhou');
    expect(prefix.slice(0, 3)).toEqual(expect.arrayContaining(['周巷镇', '周家村', '周塘村']));
    expect(prefix[0]).toBe('周巷镇');
    const scores = index.search('龙山').map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // 龙山镇 and 龙山村 are both exact for 龙山: the town comes first, the village right after.
    expect(names('龙山').slice(0, 2)).toEqual(['龙山镇', '龙山村']);
    expect(names('龙山')).toContain('龙山养老院');
  });

  it('reads a whole typed address: the village inside its town comes before the town', () => {
    expect(names('崇寿镇潮塘村3组27号').slice(0, 2)).toEqual(['潮塘村', '崇寿镇']);
    expect(first('浒山街道 三北大街 128号')).toBe('三北大街');
  });

  it('finds by alias and answers nothing for nonsense', () => {
    const idx = buildPlaceIndex([buildPlace({ name: '慈溪市人民医院', kind: 'hospital', aliases: ['人医', 'Cixi People’s Hospital'] })]);
    expect(idx.search('人医').map((c) => c.place.name)).toEqual(['慈溪市人民医院']);
    expect(idx.search('cixi peoples').map((c) => c.place.name)).toEqual(['慈溪市人民医院']);
    expect(index.search('qqqqqqqq')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(names('zhou', 3)).toHaveLength(3);
  });

  it('cuts a typed address after towns, villages, roads and numbers', () => {
    expect(queryParts('崇寿镇潮塘村3组').map((p) => p.han[0])).toEqual(['崇寿镇', '潮塘村', '组']);
    expect(queryParts('hu shan jie dao')).toEqual([{ han: [], latin: ['hushanjiedao', 'hushan'] }]);
  });
});
