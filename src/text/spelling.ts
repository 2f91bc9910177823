/** A word a misspelt question word may be corrected to, with how many sections use it. */
export interface SpellingEntry {
  word: string;
  sections: number;
}

/**
 * What a spelling corrector may correct a question to: the notes' own words
 * (and, in English, the glossary's), built from the index when the notes
 * change (index/vocabulary.ts) and read through the Corpus port.
 */
export interface SpellingVocabulary {
  /** English index terms (stems) and glossary words, by length in characters. */
  englishByLength: ReadonlyMap<number, readonly SpellingEntry[]>;
  /** English glossary words as written: a correction to one of these reads better than to a stem. */
  glossaryWords: ReadonlySet<string>;
  /** Chinese index words of two to four characters, by toneless pinyin (text/pinyin.ts). */
  chineseByPinyin: ReadonlyMap<string, readonly SpellingEntry[]>;
}

/** The vocabulary's English entries from `shortest` to `longest` characters long: where a word's near spellings are. */
export function* englishOfLengths(vocabulary: SpellingVocabulary, shortest: number, longest: number): Generator<SpellingEntry> {
  for (let length = shortest; length <= longest; length++) yield* vocabulary.englishByLength.get(length) ?? [];
}
