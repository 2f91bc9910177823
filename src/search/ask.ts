import { splitSentences } from '../notes/sentences.js';
import type { QueryGroup } from '../text/analyzer.js';
import { coversQuestion, holdsGlossaryTerm, namesItsNote, topicalInSection, withOwnNames } from './abstain.js';
import type { Corpus } from './corpus.js';
import { coverage, flatGuessCredit, guessCreditBySenses } from './coverage.js';
import { comparisonSides, questionPlace } from './comparison.js';
import { withCompounds } from './compounds.js';
import { inQuestionOrder } from './word-order.js';
import { definitionScore, partNamed } from './definition.js';
import { type Aspect, aspectCueWords, aspectScore, aspectsAsked } from './aspects.js';
import { askedName, definitionFrameWords, questionIntent } from './intent.js';
import { reciprocalRankFusion } from './fuse.js';
import { accountsForQuestion, holdsTypedContent, isForeign, withGuessesConfirmed } from './hinges.js';
import { withHeadingAligned } from './heading-alignment.js';
import { overviewsDefer } from './overviews.js';
import { quoteOf } from './answer-quote.js';
import { sectionResults } from './section-results.js';
import { ASPECT_WEIGHT, DEFINITION_WEIGHT, HEADING_WEIGHT, ORDER_WEIGHT, rerankByCoverage } from './rerank.js';
import { ideasHeld, withCorrectionsDemoted, withEverydayWordsHalved, withoutStopTokens, withoutWords } from './query-groups.js';
import { type RankedId, sidesFirst } from './sides-first.js';
import { SectionLookup } from './section-lookup.js';
import { sideSearch } from './side-search.js';
import type { Answer, AskOptions, KeywordFeatures } from './answer.js';
import { asTheNotesWriteIt, correctSpelling } from './spelling.js';
import { withNameVariants } from './name-variants.js';
import { withNotesSlips } from './notes-slips.js';
import { specificity } from './specificity.js';

export type { Answer, AnswerResult, AskOptions, KeywordFeatures } from './answer.js';

/**
 * A floor under the topical-term rule (see abstain.ts): the best section must
 * also hold some of what the question asks (IDF-weighted share of its ideas).
 */
export const DEFAULT_MIN_COVERAGE = 0.05;
/** The most ideas a name holds ("金字塔池化模块": one; "set prediction loss": three); more is a description. */
const MAX_NAME_IDEAS = 3;
/** Candidates each leg contributes before fusion. */
const CANDIDATES = 50;

/**
 * Hybrid retrieval over indexed notes: BM25 with cross-language expansion,
 * dense search when the corpus has a dense leg, fused by reciprocal rank, then
 * an abstention decision and a quote for each result.
 */
export async function ask(corpus: Corpus, question: string, options: AskOptions = {}): Promise<Answer> {
  const k = Math.max(1, options.k ?? 5);
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const features: KeywordFeatures = {
    expansion: true,
    dictionary: true,
    rerank: true,
    spelling: true,
    hinges: true,
    cooccurrence: true,
    definitions: true,
    comparisons: true,
    aspects: true,
    overviews: true,
    headingVouches: true,
    termhood: true,
    ownNames: true,
    headingGuesses: true,
    specificity: true,
    nameVariants: true,
    askingSentence: true,
    heldIdeas: true,
    noteNames: true,
    compounds: true,
    wordOrder: true,
    headingLead: true,
    headingAlignment: true,
    placedSubject: true,
    notesSlips: true,
    sensesShared: true,
    originInText: true,
    ideasOnce: true,
    termsWhole: true,
    partAsked: true,
    ...options.features,
  };
  const spelled = features.spelling ? correctSpelling(question, corpus) : { text: question, corrections: [] };
  const withFeatures = (analyzed: QueryGroup[], text: string) => {
    const translated = analyzed.map((g) => ({
      ...g,
      expansions: features.expansion ? g.expansions : [],
      guesses: features.dictionary ? g.guesses : [],
    }));
    const compounded = features.compounds ? withCompounds(translated, corpus) : translated;
    const named = features.nameVariants ? withNameVariants(compounded, text, corpus) : compounded;
    return features.notesSlips ? withNotesSlips(named, corpus) : named;
  };
  const idf = (t: string) => corpus.idf(t);
  // Ranking weighs a word by what it says of the notes (IDF) and of the question's topic (its specificity in
  // everyday language); abstention, quotes and sides keep plain IDF.
  // Asked for every token of every candidate's coverage: weigh each once.
  const rankWeights = new Map<string, number>();
  const rankIdf = features.specificity
    ? (t: string) => {
        if (!rankWeights.has(t)) rankWeights.set(t, idf(t) * specificity(corpus.everydayShare(t)));
        return rankWeights.get(t)!;
      }
    : idf;
  // The question, or a sentence of it, as ideas: spelling corrections weigh as translations, stop tokens left out.
  const analyzed = (text: string) =>
    withoutStopTokens(withFeatures(withCorrectionsDemoted(corpus.analyzeQuery(text), spelled.corrections, corpus), text), idf);
  // For "what is X", the words that only frame the asking (指 of 指的是什么) are no idea of the question.
  const frame = features.definitions ? definitionFrameWords(spelled.text) : [];
  const frameWords = new Set(frame.length > 0 ? corpus.tokenize(frame.join(' ')) : []);
  const groups = withoutWords(analyzed(spelled.text), frameWords);
  // Chunks are rows in the index database: the rerank and the results read the same ones, so read each once.
  const lookup = new SectionLookup(corpus);
  const chunkOf = (id: string) => lookup.chunkOf(id);
  const headingTokensOf = (id: string) => lookup.headingTokensOf(id);
  const isTopical = (t: string) => corpus.isTopical(t);
  const searched = (g: QueryGroup[]) => (features.termhood ? withEverydayWordsHalved(g, isTopical) : g);
  const bm25 = corpus.keywordHits(searched(groups), CANDIDATES);
  // The rerank weighs the ideas some candidate holds: the rest (a chatty question's "first place", an English
  // word no translation reaches) shrink every candidate's coverage alike and leave BM25 to decide alone.
  // A question of several sentences is asked by its last one: the ranking counts that sentence's ideas twice,
  // so a story's words ("GPU time left", "my labmate") weigh less than what it asks ("which hyperparameters matter").
  const asking = features.askingSentence ? askingSentence(spelled.text) : null;
  const askingIdeas = asking ? analyzed(asking) : null;
  const withAskingTwice = askingIdeas ? [...groups, ...askingIdeas] : groups;
  const rankGroups = features.heldIdeas ? ideasHeld(withAskingTwice, bm25) : withAskingTwice;
  // Which query tokens a section holds: BM25 already knows for its hits; only a
  // section found by the dense leg alone has to be tokenised.
  const matched = new Map(bm25.map((h) => [h.id, h.matched]));
  const tokensOf = (id: string) => matched.get(id) ?? corpus.sectionTokens(chunkOf(id)!);
  // A dictionary guess a candidate's own heading holds is a translation there, as for abstention below: 相乘 of
  // "1.1.3 矩阵和向量相乘结果" translates "multiply", one sense among 乘以, 倍数 elsewhere.
  const confirmed = new Map<string, QueryGroup[]>();
  const rankGroupsFor = (id: string) => {
    if (!features.headingGuesses) return rankGroups;
    if (!confirmed.has(id)) confirmed.set(id, withGuessesConfirmed(rankGroups, headingTokensOf(id)));
    return confirmed.get(id)!;
  };
  const tokenize = (text: string) => corpus.tokenize(text);
  /** How plainly a section defines what `g` names (search/definition.ts): for the ranking, and for a comparison's sides. */
  const definesIn = (id: string, g: QueryGroup[], weigh: (t: string) => number, part?: QueryGroup[]) => {
    const found = chunkOf(id);
    return found ? definitionScore(found, g, tokenize, weigh, part) : 0;
  };
  // "问答系统里的语义匹配一般怎么做" asks about 语义匹配: the heading that names it answers, not one naming the system.
  const place = features.placedSubject ? questionPlace(spelled.text) : null;
  const asked = features.aspects ? aspectsAsked(spelled.text, place) : new Set<Aspect>();
  // What the question asks about its topic ("downsides", 怎么办) is not its topic: no heading names it.
  const cueWords = new Set(corpus.tokenize(aspectCueWords(spelled.text).join(' ')));
  // For "what is X", the section that defines X beats one whose heading merely names X among other things.
  const definition = features.definitions && questionIntent(question) === 'definition';
  // Of "PSPNet 的金字塔池化模块是什么", only a section defining the part defines X: when the part is a name (a
  // few ideas, not "a normal dilation rate during the first stage" of labor) and the notes know its owner (of "a
  // good anchor in a windy bay", no note is about the bay).
  const owned = definition && features.partAsked ? partNamed(askedName(spelled.text) ?? '') : null;
  const ownerGroups = owned ? analyzed(owned.owner) : [];
  // A part that is an aspect (焦点损失的公式, its 作用) asks that of the owner: the aspects rule has it, not this one.
  const ownedPart =
    owned && ownerGroups.length > 0 && !ownerGroups.some((g) => isForeign(g, corpus)) ? withoutWords(analyzed(owned.part), cueWords) : [];
  const partGroups = ownedPart.length > 0 && ownedPart.length <= MAX_NAME_IDEAS ? ownedPart : undefined;
  const subjectGroups = place ? analyzed(place.subject) : [];
  const headingBonusOf = definition
    ? (id: string) => DEFINITION_WEIGHT * definesIn(id, rankGroups, rankIdf, partGroups)
    : subjectGroups.length > 0
      ? (id: string) => HEADING_WEIGHT * coverage(subjectGroups, headingTokensOf(id), rankIdf)
      : (id: string) => HEADING_WEIGHT * coverage(rankGroupsFor(id), headingTokensOf(id), rankIdf);
  const topicGroups = withoutWords(rankGroups, cueWords);
  const aspectBonusOf = (id: string) => {
    const found = chunkOf(id);
    if (!found || asked.size === 0) return 0;
    const pathCoverage = (path: string) => coverage(topicGroups, new Set(corpus.tokenize(path)), rankIdf);
    return ASPECT_WEIGHT * aspectScore(found, asked, topicGroups, pathCoverage, tokenize, rankIdf, features.originInText);
  };
  const orderOf = features.wordOrder ? inQuestionOrder(rankGroups.flatMap((g) => g.tokens)) : null;
  // The own heading's tokens in order: a Set keeps them in the order they came.
  const orderBonusOf = orderOf ? (id: string) => ORDER_WEIGHT * orderOf([...headingTokensOf(id)]) : () => 0;
  const bonusOf = (id: string) => headingBonusOf(id) + aspectBonusOf(id) + orderBonusOf(id);
  const guessCredit = features.sensesShared ? guessCreditBySenses : flatGuessCredit;
  const reranked = features.rerank ? rerankByCoverage(rankGroupsFor, bm25, tokensOf, bonusOf, rankIdf, guessCredit) : bm25;
  const keywordHits = features.overviews
    ? overviewsDefer(reranked, (id) => {
        const found = chunkOf(id);
        if (!found) return null;
        const { chunk, meta } = found;
        // An intro that defines what a "what is X" question asks is its answer, not a table of contents.
        const intro = chunk.headingPath.length < 2 && !(definition && headingBonusOf(id) >= DEFINITION_WEIGHT);
        const named = () =>
          intro
            ? coverage(groups, new Set(corpus.tokenize(`${meta.title} ${chunk.headingPath[0] ?? ''}`)), idf)
            : coverage(groups, headingTokensOf(id), idf);
        return { file: chunk.file, intro, named };
      })
    : reranked;

  const denseIds = await corpus.denseHits(question, CANDIDATES);
  const fused: RankedId[] = denseIds
    ? reciprocalRankFusion([keywordHits.map((h) => h.id), denseIds])
    : keywordHits.map((h) => ({ id: h.id, score: h.score }));
  const sides = features.comparisons ? comparisonSides(spelled.text) : null;
  const sideGroups = new Map((sides ?? []).map((side) => [side, withFeatures(corpus.analyzeQuery(side), side)]));
  const ranking = sides
    ? sidesFirst(
        fused,
        sideGroups,
        sideSearch({
          corpus,
          lookup,
          sideGroups,
          groups,
          asked,
          idf,
          searched,
          guessCredit,
          analyzed: (text) => withFeatures(corpus.analyzeQuery(text), text),
          defines: (id, g) => definesIn(id, g, idf),
        }),
      )
    : fused;

  const { results, resultTokens } = sectionResults(ranking, k, groups, sideGroups, {
    chunkOf,
    sectionOf: (id) => lookup.sectionOf(id),
    mayShareSection: (a, b) => corpus.mayShareSection(a, b),
    tokensOf,
    quoteOf: (chunk, quoteGroups) => quoteOf(chunk, quoteGroups, asked, corpus, idf, features.headingLead, features.ideasOnce),
    coverage: (g, tokens) => coverage(g, tokens, idf),
  });
  // An acronym typed in capitals (MAE, OS, LRN) is a name, though everyday English has a word spelt so.
  const acronyms = new Set(corpus.tokenize((question.match(/(?<![A-Za-z])[A-Z][A-Z0-9]{1,5}(?![A-Za-z])/g) ?? []).join(' ')));
  const topicalHere = features.ownNames ? withOwnNames(isTopical, (t) => corpus.isEverydayWord(t) && !acronyms.has(t)) : isTopical;
  const topicalIn = (id: string) =>
    features.headingVouches
      ? topicalInSection(withoutWords(groups, cueWords), lookup.vouchingHeadingOf(id), topicalHere, idf)
      : topicalHere;
  // A comparison is covered when one of its sides' sections is: each holds only part of the question.
  const leading = results.slice(0, Math.max(1, results.filter((r) => r.side).length));
  // A dictionary guess the heading of a first section holds is a translation, for both rules below; a note's intro
  // is headed by the note's title ("第一章 数学基础" settles that "math" means 数学).
  const firstHeadings = new Set(results.slice(0, HINGE_SECTIONS).flatMap((r) => [...lookup.headingOrTitleTokensOf(r.chunkId)]));
  const guessesConfirmed = features.headingGuesses ? withGuessesConfirmed(groups, firstHeadings) : groups;
  const firstPath = results[0] ? (chunkOf(results[0].chunkId)?.chunk.headingPath ?? []) : [];
  const reachesNotes = (g: QueryGroup) => [...g.tokens, ...g.expansions, ...g.guesses].some((t) => corpus.sectionsWith(t) > 0);
  const confirmedGroups =
    features.headingAlignment && firstPath.length > 1
      ? withHeadingAligned(guessesConfirmed, [...headingTokensOf(results[0]!.chunkId)], reachesNotes)
      : guessesConfirmed;
  // What a section holds, for the rules below: the query tokens found in it, and its own heading's words, which
  // a word aligned with the first heading is translated by.
  const held = new Map<string, ReadonlySet<string>>();
  const heldIn = (id: string) => {
    if (!held.has(id)) held.set(id, new Set([...resultTokens.get(id)!, ...headingTokensOf(id)]));
    return held.get(id)!;
  };
  // A glossary term jieba cuts into everyday pieces is read whole in the section's text.
  const termsWholeIn = (id: string) => {
    const text = features.termsWhole ? chunkOf(id)?.chunk.text.normalize('NFKC') : undefined;
    return (g: QueryGroup) => text !== undefined && holdsGlossaryTerm(g, text, (t) => corpus.tokenize(t));
  };
  const hingeSections = results.slice(0, HINGE_SECTIONS).map((r) => heldIn(r.chunkId));
  // What the question asks about its topic ("downsides", 优点) is not what it hinges on.
  const accounts = (g: QueryGroup[], nothingForeign = false) =>
    accountsForQuestion(withoutWords(g, cueWords), hingeSections, corpus, features.cooccurrence, {
      comparison: sides !== null,
      nothingForeign,
    });
  // A long question's last sentence asks it; the sentences before tell a story (期末复习, 老师讲得快) whose words
  // the notes need not hold. When the asking sentence alone hinges on nothing the notes lack, they answer it.
  const askingGroups = askingIdeas ? withGuessesConfirmed(askingIdeas, firstHeadings) : null;
  const namesFirstNote = () => {
    // A section the index no longer holds has no title: it names no note.
    const first = results[0]?.chunkId;
    const typed = new Set(groups.flatMap((g) => g.tokens));
    return first !== undefined && namesItsNote([...lookup.titleTokensOf(first)], typed, (t) => corpus.isEverydayWord(t));
  };
  const answered =
    leading.some(
      (r) => r.coverage >= minCoverage && coversQuestion(confirmedGroups, heldIn(r.chunkId), topicalIn(r.chunkId), termsWholeIn(r.chunkId)),
    ) &&
    (!features.hinges ||
      accounts(confirmedGroups) ||
      (features.noteNames && namesFirstNote()) ||
      (askingGroups !== null && accounts(askingGroups, true) && holdsTypedContent(askingGroups, hingeSections, corpus)));
  // The student reads the corrections beside the sections found: in the words those sections write.
  const shown = asTheNotesWriteIt(
    question,
    spelled,
    results.map((r) => r.text),
    corpus,
  );
  const corrected = shown.corrections.length > 0 ? { correctedQuestion: shown.text } : {};
  return {
    question,
    ...corrected,
    corrections: shown.corrections,
    answered,
    results,
    legs: { keyword: true, dense: denseIds !== null },
    ...(sides ? { comparison: { sides } } : {}),
  };
}

/** The first results whose words may account for what a question hinges on: a student reads about this many. */
const HINGE_SECTIONS = 3;

/** The last sentence of a question of several (split as a note's prose is: "e.g." and "0.5" end none), or null. */
function askingSentence(question: string): string | null {
  const sentences = splitSentences(question)
    .map((s) => s.text.trim())
    .filter((s) => s.length > 1);
  return sentences.length >= 2 ? sentences[sentences.length - 1]! : null;
}
