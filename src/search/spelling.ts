import { distance } from 'fastest-levenshtein';
import { segmentChinese } from '../text/analyzer.js';
import { pinyinKey } from '../text/pinyin.js';
import { SPECIFIC_SHARE } from './hinges.js';
import { englishOfLengths, type SpellingEntry } from '../text/spelling.js';
import type { Corpus } from './corpus.js';
import { whatIsWordsAt } from './intent.js';

/** One word of the question replaced by a word of the notes. */
export interface Correction {
  from: string;
  to: string;
  /** Where `from` starts in the question as typed. */
  at: number;
}

export interface SpelledQuestion {
  /** The question with every correction applied (the question itself when there is none). */
  text: string;
  corrections: Correction[];
}

/** Shorter English words have too many neighbours one edit away to correct safely ("detr" is one from "dtr", "ebay" from "bay"). */
const MIN_ENGLISH_LENGTH = 5;
/** A word typed with two capitals or more is a name (DETR, KPCA, WGAN, TensorRT, RefineNet): one the notes lack is not a typo of one they have. */
const NAME = /[A-Z].*[A-Z]/;
/** Edits allowed: one for a word of up to seven letters, two beyond (the usual SymSpell-style budget). */
const maxEdits = (word: string) => (word.length >= 8 ? 2 : 1);
const CJK_RUN = /[\u3400-\u9fff]+/g;
/** A Latin word with its digits: one with a number in it (YOLOv3, VGG16) is a name, left to search/name-variants.ts. */
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*/g;

/**
 * Corrects the words of a question that neither the notes nor everyday
 * language know, to words the notes use:
 * - English by edit distance to the index's terms and the glossary's words
 *   (a real word the notes lack, such as "tea", is left alone: it is what
 *   tells an off-topic question apart);
 * - Chinese by sound: a run of two to four characters the notes never use,
 *   overlapping a word they never use, that sounds like a word they do use
 *   and shares a character with it (持化 → 池化, 注意利 → 注意力), the
 *   wrong pick of a pinyin input method.
 */
export function correctSpelling(question: string, corpus: Corpus): SpelledQuestion {
  const corrections: Correction[] = [];
  for (const { 0: word, index: at } of question.matchAll(LATIN_WORD)) {
    if (/\d/.test(word) || isName(word, question, at)) continue;
    const to = correctEnglish(word.toLowerCase(), corpus);
    if (to) corrections.push({ from: word, to, at });
  }
  // The words that ask what a thing is are never a slip, though jieba may fuse them with the name before them
  // (表是 of 虚函数表是什么, which sounds like 表示).
  const asking = whatIsWordsAt(question);
  for (const { 0: run, index: at } of question.matchAll(CJK_RUN)) {
    const asks = Array.from({ length: run.length }, (_, k) => asking !== null && at + k >= asking.start && at + k < asking.end);
    for (const made of correctChineseRun(run, corpus, asks)) corrections.push({ ...made, at: at + made.at });
  }
  corrections.sort((a, b) => a.at - b.at);
  return { text: respelled(question, corrections), corrections };
}

/** The question with each correction in place of the word it corrects. */
function respelled(question: string, corrections: readonly Correction[]): string {
  let text = '';
  let from = 0;
  for (const c of corrections) {
    text += question.slice(from, c.at) + c.to;
    from = c.at + c.from.length;
  }
  return text + question.slice(from);
}

/**
 * The corrections as the sections found write them, for "showing results
 * for …": the index holds stems, and a stem is not always a word ("incepton"
 * is corrected to "incept", which the notes write "Inception"). Of the words
 * in the sections' text that stem as the correction does, the one fewest
 * edits from the word typed ("overfitting" where the correction made was
 * its stem with the typed ending, "overfiting", which no note writes); a
 * name the notes write with capitals inside it keeps them
 * ("PolarMask"). A glossary word, and a correction no section writes, are
 * shown as they were made.
 * What was searched does not change: every word shown stems to the same token.
 */
export function asTheNotesWriteIt(question: string, spelled: SpelledQuestion, texts: readonly string[], corpus: Corpus): SpelledQuestion {
  if (spelled.corrections.length === 0) return spelled;
  // How often the sections found write each word, counted once for every correction.
  let counts: Map<string, number> | undefined;
  const wordsWritten = () => {
    if (!counts) {
      counts = new Map();
      for (const text of texts) for (const [word] of text.matchAll(/[A-Za-z]+/g)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  };
  const corrections = spelled.corrections.map((c) => {
    const written = LATIN_ONLY.test(c.to) ? writtenForm(c, wordsWritten, corpus) : null;
    return written ? { ...c, to: written } : c;
  });
  return { text: respelled(question, corrections), corrections };
}

const LATIN_ONLY = /^[A-Za-z]+$/;

function writtenForm(c: Correction, wordsWritten: () => ReadonlyMap<string, number>, corpus: Corpus): string | null {
  const token = corpus.tokenize(c.to)[0];
  // A glossary word is a word already ("centerness"), though the sections found may write only its stem's other forms.
  if (token === undefined || corpus.spellingVocabulary().glossaryWords.has(c.to)) return null;
  const typed = c.from.toLowerCase();
  let best: { word: string; edits: number; count: number } | null = null;
  for (const [word, count] of wordsWritten()) {
    if (!stemsTo(word.toLowerCase(), token, corpus)) continue;
    const edits = editsBetween(typed, word.toLowerCase());
    if (!best || edits < best.edits || (edits === best.edits && count > best.count)) best = { word, edits, count };
  }
  if (!best) return null;
  return /[a-z][A-Z]/.test(best.word) ? best.word : best.word.toLowerCase();
}

/** Whether a lower-case word is indexed as `token`; only a word beginning as the token does is tokenized to tell. */
function stemsTo(word: string, token: string, corpus: Corpus): boolean {
  return word.startsWith(token.slice(0, 3)) && corpus.tokenize(word)[0] === token;
}

/**
 * A word that names someone or something: one the notes lack is not a slip for a word they have. Typed with two
 * capitals or more (NAME), with a capital after a small letter (iCloud), or capitalised inside a sentence ("I
 * know about the Turing test" was read as "tuning", "which Monty Python movie" as Monte Carlo's "monte"); only
 * the first word of a sentence is capitalised for being first.
 */
function isName(word: string, text: string, at: number): boolean {
  if (NAME.test(word) || /[a-z][A-Z]/.test(word)) return true;
  return /^[A-Z]/.test(word) && !/(?:^|[.!?。！？:：\n])\s*$/.test(text.slice(0, at));
}

function correctEnglish(word: string, corpus: Corpus): string | null {
  if (word.length < MIN_ENGLISH_LENGTH) return null;
  const vocabulary = corpus.spellingVocabulary();
  if (vocabulary.glossaryWords.has(word)) return null;
  const tokens = corpus.tokenize(word);
  // A stop word, or a word cut in several tokens, is not a typo of one word.
  if (tokens.length !== 1) return null;
  const token = tokens[0]!;
  if (corpus.sectionsWith(token) > 0 || corpus.isEverydayWord(token)) return glossarySlip(word, token, corpus);
  const budget = maxEdits(word);
  let best: { entry: SpellingEntry; edits: number; glossary: boolean } | null = null;
  const shortest = Math.min(word.length, token.length) - budget;
  const longest = Math.max(word.length, token.length) + budget;
  for (const entry of englishOfLengths(vocabulary, shortest, longest)) {
    // The stem is compared too: the index holds "segment" for "segmentation"; but never with a word shorter
    // than the stem ("inetance" stems to "inet", one edit from "net").
    const stemEdits = entry.word.length >= token.length ? editsBetween(token, entry.word) : Number.POSITIVE_INFINITY;
    const edits = Math.min(editsBetween(word, entry.word), stemEdits);
    if (edits > budget) continue;
    const glossary = vocabulary.glossaryWords.has(entry.word);
    if (!best || edits < best.edits || (edits === best.edits && isBetter(entry, glossary, best, word))) best = { entry, edits, glossary };
  }
  // "hyperparameters" stems as the glossary's "hyperparameter" does: the same word, inflected, not a slip.
  if (!best || corpus.tokenize(best.entry.word)[0] === token) return null;
  // A glossary word is a whole word already: "centerrness" (stem "centerr") is "centerness", not "centernessness".
  if (best.glossary) return best.entry.word;
  const typedBack = asTyped(best.entry.word, word, token, corpus);
  if (typedBack !== best.entry.word || corpus.isEverydaySpelling(typedBack)) return typedBack;
  return glossaryWordOf(best.entry.word, word, corpus) ?? typedBack;
}

/**
 * A glossary word that stems to `stem`, nearest in length to the word typed: "backprop" is corrected to the
 * index's "backpropag", which is no word, and is shown as "backpropagation" (the same token). A stem that is a
 * word ("smooth" for "smoth") is shown as it is.
 */
function glossaryWordOf(stem: string, typed: string, corpus: Corpus): string | null {
  let best: string | null = null;
  for (const word of corpus.spellingVocabulary().glossaryWords) {
    if (!stemsTo(word, stem, corpus)) continue;
    if (!best || Math.abs(word.length - typed.length) < Math.abs(best.length - typed.length)) best = word;
  }
  return best;
}

/**
 * A word whose stem the notes or everyday language know may still be a slip for a glossary word: stemming
 * "centrness" drops "ness" and leaves "centr", as "centre" does, so the stem looks known though the word is
 * one letter short of "centerness". Only a word everyday English does not spell so ("multiply" is a word,
 * however near "multiple"), one edit from a glossary word as typed (not from its stem), that stems otherwise
 * ("layers" is "layer" inflected, not a slip).
 */
function glossarySlip(word: string, token: string, corpus: Corpus): string | null {
  if (corpus.isEverydaySpelling(word)) return null;
  const vocabulary = corpus.spellingVocabulary();
  let best: SpellingEntry | null = null;
  for (const entry of englishOfLengths(vocabulary, word.length - 1, word.length + 1)) {
    if (!vocabulary.glossaryWords.has(entry.word) || editsBetween(word, entry.word) !== 1) continue;
    if (corpus.tokenize(entry.word)[0] === token) continue;
    if (!best || entry.sections > best.sections) best = entry;
  }
  return best?.word ?? null;
}

/**
 * The index holds stems ("hierarch" for "hierarchical"); the student reads
 * "Showing results for …", so a stem corrected from the typed word's stem
 * gets the typed ending back: "hierachical" (stem "hierach") → "hierarchical",
 * when that stems to the same token. A word matched whole is shown as it is.
 */
function asTyped(corrected: string, typed: string, typedStem: string, corpus: Corpus): string {
  if (corrected.length >= typed.length || typedStem === typed || !typed.startsWith(typedStem)) return corrected;
  const ending = typed.slice(typedStem.length);
  if (corrected.endsWith(ending)) return corrected;
  const word = corrected + ending;
  return corpus.tokenize(word)[0] === corrected ? word : corrected;
}

/**
 * Levenshtein distance, except that two neighbouring letters typed in the
 * wrong order ("mniing", "contsant") are one slip, not two edits: the most
 * common typo (the optimal-string-alignment distance, for one swap).
 */
function editsBetween(a: string, b: string): number {
  const edits = distance(a, b);
  return edits === 2 && isOneSwap(a, b) ? 1 : edits;
}

function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

/** Between equally near words: a glossary word (it reads as a word, not a stem), then the one nearest in length, then the more widely used. */
function isBetter(entry: SpellingEntry, glossary: boolean, than: { entry: SpellingEntry; glossary: boolean }, typed: string): boolean {
  if (glossary !== than.glossary) return glossary;
  // The word meant is about as long as the word typed: "normilization" is "normalization", not "normal".
  const gap = (w: string) => Math.abs(w.length - typed.length);
  if (gap(entry.word) !== gap(than.entry.word)) return gap(entry.word) < gap(than.entry.word);
  return entry.sections > than.entry.sections;
}

/**
 * The slips of sound in a run of Chinese characters, each with where it starts in the run. `asks` marks the
 * characters of the words that ask (是什么): no slip takes one in.
 */
function correctChineseRun(run: string, corpus: Corpus, asks: readonly boolean[]): Correction[] {
  // Characters of jieba words the notes never use: only there may a typo hide.
  const unknown = new Array<boolean>(run.length).fill(false);
  // Characters of words everyday Chinese uses, in at least one paragraph in a hundred (the hinge rule's line
  // between specific and everyday words): 经济 of 循环经济.
  const everyday = new Array<boolean>(run.length).fill(false);
  // Which jieba word each character belongs to: two characters across a word boundary (酒是 of 白酒是) are no slip.
  const wordAt = new Array<number>(run.length).fill(0);
  // Characters of words everyday language knows (登记, 软件), however rare: a window holding one is no slip of sound.
  const realWord = new Array<boolean>(run.length).fill(false);
  let at = 0;
  let n = 0;
  for (const word of segmentChinese(run)) {
    wordAt.fill(n++, at, at + word.length);
    // A longer word in the dictionary is one a student types on purpose (记忆力, 有大有小), however rare.
    const common = word.length >= 3 ? corpus.isEverydayWord(word) : corpus.everydayShare(word) >= SPECIFIC_SHARE;
    if (word.length >= 2 && common) everyday.fill(true, at, at + word.length);
    if (word.length >= 2 && corpus.isEverydayWord(word)) realWord.fill(true, at, at + word.length);
    const tokens = corpus.tokenize(word);
    if (tokens.length > 0 && (tokens.every((t) => corpus.sectionsWith(t) === 0) || unknownWhole(word, corpus)))
      unknown.fill(true, at, at + word.length);
    at += word.length;
  }
  if (run.length < SOUNDS_LIKE_A_TERM && !unknown.includes(true)) return [];
  const vocabulary = corpus.spellingVocabulary();
  const inEverydayText = (pair: string) => corpus.everydayShare(pair) >= IN_EVERYDAY_TEXT;
  const made: Correction[] = [];
  const taken = new Array<boolean>(run.length).fill(false);
  // Longer windows first: 注意利 → 注意力 is safer evidence than a two-character match inside it.
  for (let length = 4; length >= 2; length--) {
    // Four characters sounding exactly like a four-character word of the notes are that word even when they are
    // real words themselves (梯度小时 for 梯度消失): the input method offered words with the right sound.
    for (let i = 0; i + length <= run.length; i++) {
      const hasUnknown = unknown.slice(i, i + length).includes(true);
      // Three characters made of fragments of words, none a word of its own (后 + 选框 for 候选框), sound like a term
      // too: the input method cut the term apart. A real word among them (登记软件 → 记软件) is typed on purpose.
      const soundsLikeATerm =
        length >= SOUNDS_LIKE_A_TERM || (length === 3 && !hasUnknown && !realWord.slice(i, i + length).includes(true));
      if (taken.slice(i, i + length).includes(true) || asks.slice(i, i + length).includes(true)) continue;
      if (!soundsLikeATerm && !hasUnknown) continue;
      if (length === 2 && wordAt[i] !== wordAt[i + 1]) continue;
      const window = run.slice(i, i + length);
      // A word of everyday Chinese (老是, 小时) is what the student meant, even where the notes lack it.
      if (corpus.sectionsWith(window) > 0 || corpus.isEverydayWord(window)) continue;
      // Only a character of a word the notes never use may be the typo: 和 of 和实木地板 is a word of its own, not a
      // slip for 合. In a word everyday Chinese uses, only a longer match vouches for a slip (主意力 → 注意力):
      // two characters sounding like a word of the notes are chance (环经 of 循环经济 sounds like 环境).
      const changesOnlyUnknown = (word: string) =>
        soundsLikeATerm
          ? [...word].filter((c, k) => c === window[k]).length * 2 >= length
          : [...word].every((c, k) => c === window[k] || (unknown[i + k] && (length >= 3 || !everyday[i + k])));
      // Of two characters, one the correction would change reads as typed when it makes a word of everyday text
      // with its neighbour outside them: 越 of 越大越好 is 越好, not a slip for 约 (大越 → 大约), though jieba guessed
      // 越大越 a word. A longer window is evidence enough (自主意力 is 自注意力 mistyped, though 自主 is a word), and a
      // dictionary word everyday text hardly uses is no evidence at all (两机 of 支持向两机).
      const readsAsTyped = (word: string) =>
        length === 2 &&
        [...word].some((c, k) => {
          if (c === window[k]) return false;
          const p = i + k;
          const before = k === 0 && p > 0 && inEverydayText(run.slice(p - 1, p + 1));
          const after = k === length - 1 && p + 1 < run.length && inEverydayText(run.slice(p, p + 2));
          return before || after;
        });
      const candidates = (vocabulary.chineseByPinyin.get(pinyinKey(window)) ?? []).filter(
        (c) =>
          c.word !== window &&
          c.word.length === window.length &&
          sharesCharacter(c.word, window) &&
          changesOnlyUnknown(c.word) &&
          !readsAsTyped(c.word),
      );
      if (candidates.length === 0) continue;
      const best = candidates.reduce((a, b) => (b.sections > a.sections ? b : a));
      made.push({ from: window, to: best.word, at: i });
      taken.fill(true, i, i + length);
    }
  }
  return made;
}

/**
 * A word of three or more characters the notes never use whole, nor everyday
 * language: its pieces may be the notes' own (化层 of 池化层 in 迟化层), but
 * the word is not, so a typo may hide in it.
 */
function unknownWhole(word: string, corpus: Corpus): boolean {
  return word.length >= 3 && corpus.sectionsWith(word) === 0 && !corpus.isEverydayWord(word);
}

/** A word everyday text uses in at least one paragraph in ten thousand (越好), not one its dictionary merely lists (两机). */
const IN_EVERYDAY_TEXT = 1e-4;

/** A window this long may be a slip even when its pieces are real words. */
const SOUNDS_LIKE_A_TERM = 4;

function sharesCharacter(a: string, b: string): boolean {
  return [...a].some((c) => b.includes(c));
}
