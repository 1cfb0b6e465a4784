/**
 * The gazetteer's search index: pure, no IO. Each place is indexed under its Chinese name, full pinyin
 * and pinyin initials, each with and without the administrative suffix (镇, 街道, 村 ...), and under its
 * aliases; MiniSearch does the prefix and fuzzy matching, pinyin-pro the romanisation. Results are then
 * put in tiers (exact name, prefix, fuzzy; more parts of a typed address answered first) so a dispatcher who types a name in
 * full sees that place first, whatever BM25 makes of the field lengths.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { pinyin } from 'pinyin-pro';
import type { GeocodeCandidate, Place, PlaceKind } from '@dispatch/shared';

/** Longest first, so 街道 is dropped before a lone 街 would be. */
const HAN_SUFFIXES = ['街道办事处', '街道', '社区', '镇', '乡', '村'] as const;
const LATIN_SUFFIXES = ['jiedao', 'shequ', 'zhen', 'xiang', 'cun'] as const;
/** Where a typed address is cut into parts: after a town, street, village, road, house number ... */
const ADDRESS_BREAK = /(街道|社区|镇|乡|村|路|号|组|幢|单元|室)/u;
const HAN = /\p{Script=Han}/u;
const SEPARATOR = '\u0001';

/** Administrative areas before the places inside them, when the match is as good. */
const KIND_RANK: Record<PlaceKind, number> = { town: 0, subdistrict: 0, hospital: 1, landmark: 1, nursing_home: 1, community: 2, village: 2, street: 2 };

const TIER = { exact: 3, prefix: 2, fuzzy: 1 } as const;

/** The name without its administrative suffix, when something is left. */
function stem(name: string): string {
  for (const suffix of HAN_SUFFIXES) if (name.endsWith(suffix) && name.length > suffix.length + 1) return name.slice(0, -suffix.length);
  return name;
}

const normalizeLatin = (s: string) => s.toLowerCase().replace(/[\s'’·\-_.]+/g, '');
const syllables = (s: string) => pinyin(s, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
const fullPinyin = (s: string) => syllables(s).join('');
const initials = (s: string) => pinyin(s, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');

/** Full pinyin and initials of a name, as the index spells them (the bench's naive baseline uses it too). */
export const romanize = (s: string) => ({ full: fullPinyin(s), initials: initials(s) });

interface Doc {
  id: number;
  han: string[];
  latin: string[];
  initials: string[];
  town: string[];
}

function documentOf(place: Place, id: number): Doc {
  const names = [place.name, ...place.aliases].map((n) => n.trim()).filter(Boolean);
  const hanNames = names.filter((n) => HAN.test(n));
  const hanForms = [...new Set(hanNames.flatMap((n) => [n, stem(n)]))];
  const latin = new Set(names.filter((n) => !HAN.test(n)).map(normalizeLatin));
  const inits = new Set<string>();
  for (const form of hanForms) {
    latin.add(fullPinyin(form));
    inits.add(initials(form));
  }
  const townForms = place.town && place.town !== place.name ? [place.town, stem(place.town)] : [];
  const town = [...new Set([...townForms, ...townForms.map(fullPinyin)])];
  return { id, han: hanForms, latin: [...latin].filter(Boolean), initials: [...inits].filter((s) => s.length >= 2), town };
}

/** Edits allowed for a term: none for short ones, one for 4+ letters (3+ characters), two for 8+ letters. */
function typoBudget(term: string): number {
  if (HAN.test(term)) return term.length >= 3 ? 1 : 0;
  if (term.length >= 8) return 2;
  return term.length >= 4 ? 1 : 0;
}

/** One part of what was typed and the index terms that stand for it. */
interface Part {
  han: string[];
  latin: string[];
}

/** Cut a typed address into parts and spell each part the ways the index knows. */
export function queryParts(query: string): Part[] {
  const pieces = query
    .trim()
    .split(/\s+/)
    .flatMap((chunk) => (HAN.test(chunk) ? chunk.split(ADDRESS_BREAK).reduce<string[]>((acc, bit, i) => {
      // split() with a capture group alternates text and the break; glue each break to its text.
      if (i % 2 === 1) acc[acc.length - 1] = (acc[acc.length - 1] ?? '') + bit;
      else if (bit) acc.push(bit);
      return acc;
    }, []) : [chunk]));
  // Consecutive Latin chunks are one pinyin word typed with spaces ("hu shan jie dao").
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && !HAN.test(piece) && !HAN.test(last)) merged[merged.length - 1] = last + piece;
    else merged.push(piece);
  }
  return merged.flatMap((piece): Part[] => {
    if (HAN.test(piece)) {
      const han = piece.replace(/[^\p{Script=Han}]/gu, '');
      if (!han) return [];
      const forms = [...new Set([han, stem(han)])];
      // Homophones are the commonest typo of a pinyin IME: 人民炉 still reads renminlu.
      return [{ han: forms, latin: [...new Set(forms.map(fullPinyin))] }];
    }
    const latin = normalizeLatin(piece).replace(/[^a-zü]/g, '');
    if (!latin) return [];
    const forms = new Set([latin]);
    for (const suffix of LATIN_SUFFIXES) if (latin.endsWith(suffix) && latin.length - suffix.length >= 2) forms.add(latin.slice(0, -suffix.length));
    return [{ han: [], latin: [...forms] }];
  });
}

export interface PlaceIndex {
  readonly size: number;
  search(query: string, limit?: number): GeocodeCandidate[];
}

/** Build the index once per gazetteer; searching is synchronous and allocation-light. */
export function buildPlaceIndex(places: readonly Place[]): PlaceIndex {
  const index = new MiniSearch<Doc>({
    fields: ['han', 'latin', 'initials'],
    extractField: (doc, field) => {
      const value = doc[field as keyof Doc];
      return Array.isArray(value) ? value.join(SEPARATOR) : String(value);
    },
    tokenize: (text) => text.split(SEPARATOR),
    processTerm: (term) => term.toLowerCase() || null,
    searchOptions: { tokenize: (text) => [text] },
  });
  const docs = places.map(documentOf);
  index.addAll(docs);
  const townTerms = docs.map((d) => new Set(d.town.map((t) => t.toLowerCase())));

  return {
    size: places.length,
    search(query, limit = 8) {
      const parts = queryParts(query);
      if (parts.length === 0) return [];
      const partOf = new Map<string, number>();
      const queries: Query[] = [];
      const fuzzyQueries: Query[] = [];
      parts.forEach((part, i) => {
        for (const term of part.han) {
          partOf.set(term.toLowerCase(), i);
          // One character starts thousands of names: it must match whole (a town's stem) until the next is typed.
          queries.push({ queries: [term], fields: ['han'], prefix: term.length >= 2, boost: { han: 3 } });
          fuzzyQueries.push({ queries: [term], fields: ['han'], fuzzy: (t) => typoBudget(t), boost: { han: 3 } });
        }
        part.latin.forEach((term, j) => {
          partOf.set(term, i);
          const fromHan = part.han.length > 0;
          const typed = !fromHan && j === 0;
          // Pinyin prefixes from three letters on (two letters start a fifth of all names); typos only in what was typed.
          queries.push({ queries: [term], fields: ['latin'], prefix: !fromHan && term.length >= 3, boost: { latin: fromHan ? 1 : 2 } });
          if (typed) fuzzyQueries.push({ queries: [term], fields: ['latin'], fuzzy: (t) => typoBudget(t), boost: { latin: 2 } });
          if (!fromHan) queries.push({ queries: [term], fields: ['initials'], prefix: term.length >= 2, boost: { initials: 1.5 } });
        });
      });
      const queryTerms = [...partOf.keys()];
      let hits = index.search({ combineWith: 'OR', queries });
      // Typos are looked for only when the names found as typed do not fill the list: a fuzzy pass over
      // every spelling costs several times an exact one, and would rank below them anyway.
      if (hits.length < limit && fuzzyQueries.length > 0) {
        const seen = new Set(hits.map((h) => h.id as number));
        hits = [...hits, ...index.search({ combineWith: 'OR', queries: fuzzyQueries }).filter((h) => !seen.has(h.id as number))];
      }
      const ranked = hits.map((r) => {
        const id = r.id as number;
        const place = placeAt(id);
        const answered = new Set<number>();
        for (const q of r.queryTerms) {
          const part = partOf.get(q);
          if (part !== undefined) answered.add(part);
        }
        // The town a place lies in answers a part of the query too ("<town><village>": the village of that town), never alone.
        const towns = townTerms[id];
        if (parts.length > 1 && towns) for (const [term, part] of partOf) if (towns.has(term)) answered.add(part);
        // Parts answered, then tier, then kind (at most 0.6), then BM25 (under 0.3): one number that orders.
        const score = answered.size * 10 + nameTier(r, queryTerms) + (2 - KIND_RANK[place.kind]) * 0.3 + (Math.min(r.score, 99) / 99) * 0.29;
        return { place, score, id };
      });
      ranked.sort((a, b) => b.score - a.score || a.id - b.id);
      return ranked.slice(0, limit).map(({ place, score }) => ({ place, score: round(score) }));
    },
  };

  function placeAt(id: number): Place {
    const place = places[id];
    if (!place) throw new Error(`index result ${id} is not a place`);
    return place;
  }
}

/** How closely a name result matched: a term equal to what was typed, one it starts, or a fuzzy one. */
function nameTier(r: SearchResult, queryTerms: string[]): number {
  let tier: number = TIER.fuzzy;
  for (const docTerm of r.terms) {
    if (queryTerms.includes(docTerm)) return TIER.exact;
    if (queryTerms.some((q) => docTerm.startsWith(q))) tier = TIER.prefix;
  }
  return tier;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
