import type { NoteMeta } from '../notes/types.js';
import { CURATED_GLOSSARY } from './glossary-curated.js';

/**
 * English ↔ Chinese term pairs used to expand a query into the other language.
 * English keys are kept in surface form; the analyzer stems them when it
 * matches a query, so the glossary stays readable.
 */
export interface Glossary {
  /** English phrase (lower case) → Chinese terms. */
  englishToChinese: Map<string, Set<string>>;
  /** Chinese term → English phrases (lower case). */
  chineseToEnglish: Map<string, Set<string>>;
}

export function emptyGlossary(): Glossary {
  return { englishToChinese: new Map(), chineseToEnglish: new Map() };
}

export function addPair(glossary: Glossary, english: string, chinese: string): void {
  const en = english.toLowerCase().replace(/\s+/g, ' ').trim();
  const zh = chinese.trim();
  if (!en || !zh || en.length > 60 || zh.length > 12) return;
  getOrCreate(glossary.englishToChinese, en).add(zh);
  getOrCreate(glossary.chineseToEnglish, zh).add(en);
}

/** The curated list, shared by every notes folder. */
export function curatedGlossary(): Glossary {
  const glossary = emptyGlossary();
  for (const [english, chinese] of CURATED_GLOSSARY) for (const zh of chinese) addPair(glossary, english, zh);
  return glossary;
}

// A CJK term immediately followed by a bracketed English term: 焦点损失（Focal Loss）.
const ZH_THEN_EN = /([\u3400-\u9fff]{2,16})\s*[（(]\s*([A-Za-z][A-Za-z0-9 .\-/+&']{0,58}(?:[,，、;；]\s*[A-Za-z][A-Za-z0-9 .\-/+&']{0,30})*)\s*[)）]/g;
// The reverse habit: Focal Loss（焦点损失）.
const EN_THEN_ZH = /([A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*){0,4})\s*[（(]\s*([\u3400-\u9fff]{2,12})\s*[)）]/g;
// Characters that end a preceding clause rather than belong to the term: "使用焦点损失" → "焦点损失".
const CLAUSE_CHARS = /[的了是用在和与及将把为即称叫做个种对从由被让使一这那其各该此每]/;

/**
 * Mines `中文（English）` and `English（中文）` pairs from note text, plus the
 * English and Chinese aliases of each note's front matter, into `glossary`.
 */
export function mineGlossary(glossary: Glossary, notes: Iterable<{ meta: NoteMeta; text: string }>): Glossary {
  for (const { meta, text } of notes) {
    for (const m of text.matchAll(ZH_THEN_EN)) {
      const zh = trimClause(m[1]!);
      for (const en of m[2]!.split(/[,，、;；]/)) addPair(glossary, en, zh);
    }
    for (const m of text.matchAll(EN_THEN_ZH)) addPair(glossary, m[1]!, m[2]!);
    const names = [meta.title, ...meta.aliases];
    const english = names.filter((n) => /^[\x20-\x7e]+$/.test(n));
    const chinese = names.filter((n) => /[\u3400-\u9fff]/.test(n) && !/[A-Za-z]/.test(n));
    for (const en of english) for (const zh of chinese) addPair(glossary, en, zh);
  }
  return glossary;
}

function trimClause(term: string): string {
  // Keep the longest tail that does not cross a clause character.
  let start = term.length - 1;
  while (start > 0 && !CLAUSE_CHARS.test(term[start - 1]!)) start--;
  const tail = term.slice(start);
  return tail.length >= 2 ? tail.slice(-8) : term.slice(-4);
}

function getOrCreate<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
