import { distance } from 'fastest-levenshtein';
import type { QueryGroup } from '../text/analyzer.js';
import { englishOfLengths } from '../text/spelling.js';
import type { Corpus } from './corpus.js';
import { withTranslations } from './coverage.js';

/** A word of eight letters or more: a shorter one has too many neighbours one letter away that are words of their own. */
const MIN_SLIP_LETTERS = 8;
/** A slip is rarer than the word it misspells: the notes use it in at most a third as many sections. */
const SLIP_RARITY = 3;

/**
 * Notes have typos too: dl500 titles its SqueezeNet section "SequeezeNet"
 * and writes "SqueenzeNet" in it, so a question typing "squeezenet" missed
 * the one section about it. A word of the notes one letter from a typed word
 * the notes also use, in a third as many sections or fewer, is taken for a
 * slip of it and added to the typed word's group as another spelling (it
 * weighs what a translation weighs). Not a slip: a word that only adds or
 * drops letters at the end (mobilenetv, the family of MobileNetV2; a plural),
 * a glossary word, or a word everyday language knows.
 */
export function withNotesSlips(groups: QueryGroup[], corpus: Corpus): QueryGroup[] {
  let vocabulary: ReturnType<Corpus['spellingVocabulary']> | null = null;
  return groups.map((g) => {
    const slips: string[] = [];
    for (const typed of g.tokens) {
      if (typed.length < MIN_SLIP_LETTERS || !/^[a-z]+$/.test(typed)) continue;
      const used = corpus.sectionsWith(typed);
      if (used === 0) continue;
      vocabulary ??= corpus.spellingVocabulary();
      for (const { word, sections } of englishOfLengths(vocabulary, typed.length - 1, typed.length + 1)) {
        if (word.startsWith(typed) || typed.startsWith(word) || distance(word, typed) !== 1) continue;
        if (sections === 0 || sections * SLIP_RARITY > used) continue;
        if (vocabulary.glossaryWords.has(word) || corpus.isEverydayWord(word)) continue;
        if (!g.tokens.includes(word) && !g.expansions.includes(word)) slips.push(word);
      }
    }
    // Each slip stands alone, as a translation of its own: a section holding it holds the typed word.
    return withTranslations(
      g,
      [...new Set(slips)].map((t) => [t]),
    );
  });
}
