/**
 * Multiple-choice questions from the concept bank.
 *
 * Three kinds, all with four options and exactly one correct:
 *   - definition-to-term: the defining passage, term blanked → which term?
 *   - term-to-definition: the term → which description? (each description with
 *     its own term blanked, so none gives itself away)
 *   - cloze: another real sentence of the notes with the term blanked → which term fits?
 * Invariants (checked again on every question before it is returned):
 *   - the answer's names never appear in the stem, in any spelling;
 *   - distractors are not the answer under another name, do not appear in the
 *     stem, and are of the answer's kind whenever the bank has three others of it;
 *   - options are pairwise distinct; the order comes from a seeded RNG.
 * A question that cannot meet them is not generated (null), never weakened.
 */
import { createHash } from 'node:crypto';
import { conceptNames, parseTermName, type ConceptContext, type QuizConceptBank } from '../concepts/bank.js';
import { BLANK, blankOut, hasCjk, mentions, namePattern, normalizeName } from '../concepts/text.js';
import type { Concept } from '../concepts/types.js';
import { splitSentences } from '../text/sentences.js';
import { createRng, seedFrom, shuffle, type Rng } from '../random.js';

export type QuestionType = 'definition-to-term' | 'term-to-definition' | 'cloze';
export const QUESTION_TYPES: readonly QuestionType[] = ['definition-to-term', 'term-to-definition', 'cloze'];

/** Discord's limit for a button label. */
export const BUTTON_LABEL_MAX = 80;

export interface QuestionSource {
  file: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
}

export interface Question {
  /** Stable for the same concept, type, seed and bank. */
  id: string;
  conceptId: string;
  type: QuestionType;
  /** The prompt (Discord Markdown: a quoted passage, formulas as `code`), without the options. */
  stem: string;
  /** Exactly four, full text. */
  options: string[];
  correctIndex: number;
  /** Four button labels (≤ 80 chars): the options themselves, or A–D when any option is longer. */
  buttonLabels: string[];
  /** True when the buttons say A–D, so the options must be shown with the stem (see renderQuestion). */
  optionsInStem: boolean;
  /** The concept behind each option (the answer's id at correctIndex). */
  optionConceptIds: string[];
  source: QuestionSource;
}

export interface GenerateOptions {
  seed?: number | string;
}

/** The letters of the four options, for buttons and lettered lists. */
export const LETTERS = ['A', 'B', 'C', 'D'] as const;

/** The message text for a question: the stem, plus the lettered options when the buttons only say A–D. */
export function renderQuestion(q: Question): string {
  if (!q.optionsInStem) return q.stem;
  return `${q.stem}\n\n${q.options.map((o, i) => `${LETTERS[i]}. ${o}`).join('\n')}`;
}

// ---------------------------------------------------------------------------
// Per-bank preparation (cached)

interface Prepared {
  concept: Concept;
  /** The parts of the display term (中文, English): the names the notes themselves use for it. */
  termParts: string[];
  names: string[];
  norms: string[];
  /** The description used as an option of term-to-definition questions; null when there is none. */
  gloss: string | null;
  /** Names of other concepts that contain one of this concept's names (池化 ⊂ 金字塔池化模块). */
  longerNames: string[];
}

interface BankInfo {
  prepared: Map<string, Prepared>;
  byKind: Map<string, Prepared[]>;
  /** topic → topic → how strongly related (names of one used in the other). */
  affinity: Map<string, Map<string, number>>;
  contexts: Map<string, ConceptContext[]>;
}

const cache = new WeakMap<QuizConceptBank, BankInfo>();

function info(bank: QuizConceptBank): BankInfo {
  let found = cache.get(bank);
  if (found) return found;
  const prepared = new Map<string, Prepared>();
  for (const concept of bank.concepts) {
    const names = conceptNames(concept);
    const termParts = parseTermName(concept.term)?.names ?? [concept.term];
    prepared.set(concept.id, { concept, termParts, names, norms: names.map(normalizeName), gloss: null, longerNames: [] });
  }
  const all = [...prepared.values()];
  for (const p of all) {
    p.gloss = makeGloss(p);
    for (const other of all) {
      if (other === p) continue;
      for (let k = 0; k < other.norms.length; k++) {
        const n = other.norms[k]!;
        if (p.norms.some((m) => n !== m && n.includes(m))) p.longerNames.push(other.names[k]!);
      }
    }
  }
  const byKind = new Map<string, Prepared[]>();
  for (const p of all) {
    const list = byKind.get(p.concept.kind) ?? [];
    list.push(p);
    byKind.set(p.concept.kind, list);
  }
  // Topic family: topics whose text uses each other's terms.
  const affinity = new Map<string, Map<string, number>>();
  const { contexts } = bank;
  const textByTopic = new Map<string, string>();
  for (const c of bank.concepts) {
    const extra = (contexts.get(c.id) ?? []).filter((x) => x.file === c.topic).map((x) => x.text).join('\n');
    textByTopic.set(c.topic, normalizeName(`${textByTopic.get(c.topic) ?? ''}\n${c.definition}\n${extra}`));
  }
  for (const p of all) {
    for (const [topic, text] of textByTopic) {
      if (topic === p.concept.topic) continue;
      if (!p.norms.some((n) => n.length >= 3 && text.includes(n))) continue;
      for (const [a, b] of [[p.concept.topic, topic], [topic, p.concept.topic]] as const) {
        const row = affinity.get(a) ?? new Map<string, number>();
        row.set(b, (row.get(b) ?? 0) + 1);
        affinity.set(a, row);
      }
    }
  }
  found = { prepared, byKind, affinity, contexts };
  cache.set(bank, found);
  return found;
}

const VERB_AFTER_NAME = /^\s*(?:[（(][^（）()]*[）)])?\s*(?:[A-Za-zα-ωΑ-Ω]\s*)?(?:是指|指的是|就是|即是|是|指|：|:)\s*/;

/** A concept's description without its name: the predicate of its defining sentence. */
function makeGloss(p: Prepared): string | null {
  const first = splitSentences(p.concept.definition)[0]?.text.trim() ?? '';
  let gloss: string | null = null;
  for (const name of [...p.names].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(`^(?:${namePattern(name)})`, 'iu').exec(first);
    if (!m) continue;
    const verb = VERB_AFTER_NAME.exec(first.slice(m[0].length));
    if (verb) gloss = first.slice(m[0].length + verb[0].length);
    break;
  }
  if (gloss === null) gloss = first;
  gloss = blankOut(gloss, p.names).text.replace(/[。；;.，,、：:]+$/, '').trim();
  // A description must not open on a gap (“＿＿＿如 SSD、YOLO……”); inside one, the term reads as “它”.
  if (gloss.startsWith(BLANK) || gloss.split(BLANK).length > 2) return null;
  // “它” cannot stand inside a formula or next to a label colon (“更多数据 / ＿＿＿：……”).
  if ([...gloss.matchAll(/`[^`]*`/g)].some((m) => m[0].includes(BLANK))) return null;
  if (new RegExp(`${BLANK}\\s*[：:]|[/／]\\s*${BLANK}`).test(gloss)) return null;
  gloss = gloss.split(BLANK).join('它');
  if (gloss.replace(/`/g, '').length < 8) return null;
  if (p.names.some((n) => mentions(gloss!, n))) return null;
  return gloss;
}

// ---------------------------------------------------------------------------
// Generation

/** One question of `type` about `concept`, or null when the bank cannot make a good one. */
export function generateQuestion(
  bank: QuizConceptBank, concept: Concept | string, type: QuestionType, options: GenerateOptions = {},
): Question | null {
  const bi = info(bank);
  const id = typeof concept === 'string' ? concept : concept.id;
  const answer = bi.prepared.get(id);
  if (!answer) return null;
  const rng = createRng(seedFrom(options.seed ?? 0, id, type));
  let draft: Draft | null;
  if (type === 'definition-to-term') draft = definitionToTerm(bi, answer, rng);
  else if (type === 'term-to-definition') draft = termToDefinition(bi, answer, rng);
  else draft = cloze(bi, answer, rng);
  if (!draft) return null;
  const question = finish(answer, type, draft, rng);
  return validateQuestion(bank, question).length === 0 ? question : null;
}

interface Draft {
  stem: string;
  correct: string;
  distractors: Picked[];
  source: QuestionSource;
}

interface Picked {
  option: string;
  id: string;
}

function finish(answer: Prepared, type: QuestionType, draft: Draft, rng: Rng): Question {
  const order = shuffle([0, 1, 2, 3], rng);
  const texts = [draft.correct, ...draft.distractors.map((d) => d.option)];
  const ids = [answer.concept.id, ...draft.distractors.map((d) => d.id)];
  const options = order.map((k) => texts[k]!);
  const correctIndex = order.indexOf(0);
  const labels = options.map(buttonText);
  const fits = labels.every((l) => l.length <= BUTTON_LABEL_MAX);
  const id = createHash('sha1').update([answer.concept.id, type, draft.stem, ...options, String(correctIndex)].join('\u0000')).digest('hex').slice(0, 16);
  return {
    id,
    conceptId: answer.concept.id,
    type,
    stem: draft.stem,
    options,
    correctIndex,
    buttonLabels: fits ? labels : [...LETTERS],
    optionsInStem: !fits,
    optionConceptIds: order.map((k) => ids[k]!),
    source: draft.source,
  };
}

/** Buttons show plain text: no Markdown code marks. */
function buttonText(option: string): string {
  return option.replace(/`/g, '').trim();
}

function quote(text: string): string {
  return `> ${text}`;
}

function definitionToTerm(bi: BankInfo, answer: Prepared, rng: Rng): Draft | null {
  // “方差是一种特殊的协方差”: blanking 方差 would cut 协方差 (or leave it to give the answer away).
  if (answer.longerNames.some((n) => mentions(answer.concept.definition, n))) return null;
  const masked = blankOut(answer.concept.definition, answer.names);
  if (leaks(masked.text, answer.names)) return null;
  const stem = `以下哪个概念符合这段描述？\n${quote(endSentence(masked.text))}`;
  // Options look alike: if the answer is written “中文（English）”, so are the others; if only
  // in English or only in Chinese, the others are too — the odd one out must not be the answer.
  const format = termFormat(answer.concept.term);
  const distractors = pickDistractors(bi, answer, rng, {
    optionOf: (p) => nameInFormat(p, format) ?? p.concept.term,
    correct: answer.concept.term,
    passage: answer.concept.definition,
    formatOf: termFormat,
  });
  if (!distractors) return null;
  return { stem, correct: answer.concept.term, distractors, source: { ...answer.concept.source } };
}

function termToDefinition(bi: BankInfo, answer: Prepared, rng: Rng): Draft | null {
  if (!answer.gloss) return null;
  const stem = `下列哪一项是对「${answer.concept.term}」的正确描述？`;
  const distractors = pickDistractors(bi, answer, rng, {
    optionOf: (p) => (p.gloss && !answer.names.some((n) => mentions(p.gloss!, n)) ? p.gloss : null),
    correct: answer.gloss,
    passage: null,
    formatOf: () => '',
  });
  if (!distractors) return null;
  return { stem, correct: answer.gloss, distractors, source: { ...answer.concept.source } };
}

function cloze(bi: BankInfo, answer: Prepared, rng: Rng): Draft | null {
  const contexts = bi.contexts.get(answer.concept.id) ?? [];
  const usable: Array<{ ctx: ConceptContext; masked: string; surface: string }> = [];
  for (const ctx of contexts) {
    if (answer.longerNames.some((n) => mentions(ctx.text, n))) continue; // the blank would cut a longer term
    if ((ctx.text.match(/→/g) ?? []).length >= 2) continue; // a mnemonic chain, not a sentence
    const surface = surfaceOf(ctx.text, answer);
    if (!surface) continue;
    const masked = blankOut(ctx.text, answer.names);
    if (masked.count < 1 || masked.count > 2) continue;
    if (leaks(masked.text, answer.names)) continue;
    if (masked.text.split(BLANK).join('').replace(/`/g, '').length < 12) continue;
    usable.push({ ctx, masked: endSentence(masked.text), surface });
  }
  if (usable.length === 0) return null;
  // Prefer sentences from the concept's own note, then let the seed choose.
  const own = usable.filter((u) => u.ctx.file === answer.concept.topic);
  const pool = own.length > 0 ? own : usable;
  const pick = pool[Math.floor(rng() * pool.length)]!;
  const stem = `选择最合适的词填入空白处：\n${quote(pick.masked)}`;
  const format = termFormat(pick.surface);
  const distractors = pickDistractors(bi, answer, rng, {
    optionOf: (p) => {
      if (p.norms.some((n) => answer.norms.some((m) => n.includes(m) || m.includes(n)))) return null; // nested terms both fit
      return nameInFormat(p, format);
    },
    correct: pick.surface,
    passage: pick.ctx.text,
    formatOf: termFormat,
  });
  if (!distractors) return null;
  return {
    stem,
    correct: pick.surface,
    distractors,
    source: { file: pick.ctx.file, headingPath: pick.ctx.headingPath, startLine: pick.ctx.startLine, endLine: pick.ctx.endLine },
  };
}

/**
 * The answer as the sentence writes it (a pair “中文（English）” counts whole).
 * Null when a blank would be ambiguous: the term written two different ways,
 * inside `code`, or as part of a longer English phrase (“teacher assistant”, “Mask R-CNN”).
 */
function surfaceOf(text: string, answer: Prepared): string | null {
  const names = [...answer.names].sort((a, b) => normalizeName(b).length - normalizeName(a).length);
  const re = new RegExp(names.map(namePattern).join('|'), 'giu');
  const codeSpans = [...text.matchAll(/`[^`]*`/g)].map((m) => [m.index, m.index + m[0].length] as const);
  let surface: string | null = null;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    let end = start + m[0].length;
    if (codeSpans.some(([a, b]) => start >= a && start < b)) return null;
    const latin = !hasCjk(m[0]);
    if (latin && (/[A-Za-z][\s-]$/.test(text.slice(0, start)) || /^[\s-][A-Za-z]/.test(text.slice(end)))) return null;
    const paren = /^\s*[（(]([^（）()]*)[）)]/.exec(text.slice(end));
    if (paren && answer.names.some((n) => mentions(paren[1]!, n))) end += paren[0].length;
    const found = text.slice(start, end).trim();
    if (surface !== null && normalizeName(surface) !== normalizeName(found)) return null;
    surface ??= found;
  }
  return surface;
}

/** A sentence cut at “；” reads as finished when it ends with “。”. */
function endSentence(text: string): string {
  return text.replace(/[；;]$/, hasCjk(text) ? '。' : '.');
}

type TermFormat = 'pair' | 'acronym' | 'latin' | 'cjk' | 'mixed';

const ACRONYM = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[a-z]?$/;

function termFormat(term: string): TermFormat {
  if (/[（(][^）)]*[A-Za-z][^）)]*[）)]/.test(term) && hasCjk(term)) return 'pair';
  if (ACRONYM.test(term) && term.length <= 10) return 'acronym';
  if (!hasCjk(term)) return 'latin';
  if (/[A-Za-z]/.test(term)) return 'mixed';
  return 'cjk';
}

/** A distractor's name written like the answer: English for English, Chinese for Chinese. */
function nameInFormat(p: Prepared, format: TermFormat): string | null {
  if (format === 'pair') return termFormat(p.concept.term) === 'pair' ? p.concept.term : null;
  if (format === 'acronym') {
    return p.names.find((n) => termFormat(n) === 'acronym') ?? p.names.find((n) => !hasCjk(n) && /[A-Za-z]/.test(n)) ?? null;
  }
  // Other formats use the names in the concept's own term (an alias from the glossary may be
  // a rendering the notes never use, like 变换器 for Transformer).
  if (format === 'latin') return p.termParts.find((n) => !hasCjk(n) && /[A-Za-z]/.test(n)) ?? null;
  if (format === 'cjk') return p.termParts.find((n) => hasCjk(n) && !/[A-Za-z]/.test(n)) ?? null;
  return p.termParts.find((n) => hasCjk(n)) ?? null;
}

interface DistractorSpec {
  optionOf: (p: Prepared) => string | null;
  correct: string;
  /**
   * The passage the stem quotes (before blanking). A distractor named in it is
   * out: it is part of the answer's description and could read as correct.
   */
  passage: string | null;
  formatOf: (option: string) => string;
}

/**
 * Three distractors: same kind whenever the bank has three others of that kind
 * (otherwise same kind first, then related topics), the most plausible first
 * (same note, related note, same look), chosen by the seed among the best.
 */
function pickDistractors(bi: BankInfo, answer: Prepared, rng: Rng, spec: DistractorSpec): Picked[] | null {
  const kind = answer.concept.kind;
  const sameKindOthers = (bi.byKind.get(kind) ?? []).filter((p) => p !== answer);
  const strictKind = sameKindOthers.length >= 3;
  const pool = strictKind ? sameKindOthers : [...bi.prepared.values()].filter((p) => p !== answer);
  const correctNorm = normalizeName(spec.correct);
  const answerFormat = spec.formatOf(spec.correct);
  const affinity = bi.affinity.get(answer.concept.topic);
  const scored: Array<{ option: string; norm: string; score: number; id: string }> = [];
  for (const p of pool) {
    if (p.norms.some((n) => answer.norms.includes(n))) continue; // the answer under another name
    if (spec.passage !== null && p.names.some((n) => mentions(spec.passage!, n))) continue;
    const option = spec.optionOf(p);
    if (!option) continue;
    const norm = normalizeName(option);
    if (!norm || norm === correctNorm) continue;
    if (answer.norms.includes(norm)) continue;
    let score = 0;
    if (p.concept.kind === kind) score += 4;
    if (p.concept.topic === answer.concept.topic) score += 3;
    score += Math.min(2, (affinity?.get(p.concept.topic) ?? 0) / 2);
    if (spec.formatOf(option) === answerFormat) score += 3;
    score -= Math.abs(option.length - spec.correct.length) / (spec.passage === null ? 30 : 12);
    scored.push({ option, norm, score, id: p.concept.id });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  // Choose among the best few, so repeated quizzes vary without getting silly.
  const chosen: typeof scored = [];
  const top = scored.slice(0, 6);
  const rest = scored.slice(top.length);
  for (const candidate of [...shuffle(top, rng), ...rest]) {
    if (chosen.length === 3) break;
    if (chosen.some((c) => c.norm === candidate.norm || c.norm.includes(candidate.norm) || candidate.norm.includes(c.norm))) continue;
    chosen.push(candidate);
  }
  if (chosen.length < 3) return null;
  return chosen.map((c) => ({ option: c.option, id: c.id }));
}

// ---------------------------------------------------------------------------
// Invariants

/** True when any of `names` appears in `text` (case, spaces and punctuation ignored). */
export function leaks(text: string, names: readonly string[]): boolean {
  return names.some((n) => mentions(text, n));
}

/** What is wrong with a question (empty when nothing is). The generator returns only questions that pass. */
export function validateQuestion(bank: QuizConceptBank, q: Question): string[] {
  const problems: string[] = [];
  const bi = info(bank);
  const answer = bi.prepared.get(q.conceptId);
  if (!answer) return ['unknown concept'];
  if (q.options.length !== 4) problems.push('not four options');
  if (!Number.isInteger(q.correctIndex) || q.correctIndex < 0 || q.correctIndex > 3) problems.push('bad correctIndex');
  const norms = q.options.map(normalizeName);
  if (new Set(norms).size !== norms.length || norms.some((n) => !n)) problems.push('options not distinct');
  if (q.buttonLabels.length !== 4 || q.buttonLabels.some((l) => !l || l.length > BUTTON_LABEL_MAX)) problems.push('button label too long');
  if (q.type !== 'term-to-definition') {
    if (leaks(q.stem, answer.names)) problems.push('answer leaks into the stem');
  } else {
    const correct = q.options[q.correctIndex] ?? '';
    if (normalizeName(q.stem).includes(normalizeName(correct))) problems.push('answer text in the stem');
    if (q.options.some((o) => leaks(o, answer.names))) problems.push('an option names the answer');
  }
  const ids = q.optionConceptIds ?? [];
  if (ids.length !== 4 || ids[q.correctIndex] !== q.conceptId || ids.filter((id) => id === q.conceptId).length !== 1) {
    problems.push('not exactly one option from the answer concept');
  }
  const sameKindOthers = (bi.byKind.get(answer.concept.kind) ?? []).length - 1;
  for (const id of ids) {
    if (id === q.conceptId) continue;
    const d = bi.prepared.get(id);
    if (!d) { problems.push('unknown distractor concept'); continue; }
    if (d.norms.some((n) => answer.norms.includes(n))) problems.push(`distractor ${d.concept.term} is another name of the answer`);
    if (sameKindOthers >= 3 && d.concept.kind !== answer.concept.kind) problems.push(`distractor ${d.concept.term} is not a ${answer.concept.kind}`);
    if (q.type !== 'term-to-definition' && leaks(q.stem, d.names)) problems.push(`distractor ${d.concept.term} appears in the stem`);
  }
  if (/\*\*|\$/.test(q.stem) || (q.stem.match(/`/g) ?? []).length % 2 !== 0) problems.push('dangling Markdown in the stem');
  for (const o of q.options) if (/\*\*|\$/.test(o) || (o.match(/`/g) ?? []).length % 2 !== 0) problems.push('dangling Markdown in an option');
  return problems;
}

// ---------------------------------------------------------------------------
// Batches

/** Every question the bank can produce: each concept × each type where possible. */
export function generateAll(bank: QuizConceptBank, options: GenerateOptions & { types?: readonly QuestionType[] } = {}): Question[] {
  const out: Question[] = [];
  for (const c of bank.concepts) {
    for (const type of options.types ?? QUESTION_TYPES) {
      const q = generateQuestion(bank, c, type, options);
      if (q) out.push(q);
    }
  }
  return out;
}

export interface QuizOptions extends GenerateOptions {
  n: number;
  /** Only concepts of this note: a file name, with or without `.md`, or a part of one ("fpn"). */
  topic?: string;
  types?: readonly QuestionType[];
}

/** Concepts of a topic, matched loosely (exact file, file without extension, then substring). */
export function conceptsForTopic(bank: QuizConceptBank, topic: string | undefined): Concept[] {
  if (!topic) return bank.concepts;
  const t = topic.toLowerCase();
  const strip = (f: string) => f.toLowerCase().replace(/\.(md|markdown)$/, '');
  const base = (f: string) => strip(f).replace(/^.*\//, '');
  const exact = bank.concepts.filter((c) => c.topic.toLowerCase() === t || strip(c.topic) === t || base(c.topic) === t);
  if (exact.length > 0) return exact;
  return bank.concepts.filter((c) => c.topic.toLowerCase().includes(t));
}

/** `n` questions over varied concepts and types, deterministic for a seed. */
export function generateQuiz(bank: QuizConceptBank, options: QuizOptions): Question[] {
  const types = options.types ?? QUESTION_TYPES;
  const rng = createRng(seedFrom(options.seed ?? 0, 'quiz', options.topic ?? ''));
  const concepts = shuffle(conceptsForTopic(bank, options.topic), rng);
  const out: Question[] = [];
  const used = new Set<string>();
  // Rounds over the concepts: each round tries one more type per concept.
  for (let round = 0; round < types.length && out.length < options.n; round++) {
    for (let i = 0; i < concepts.length && out.length < options.n; i++) {
      const c = concepts[i]!;
      for (let k = 0; k < types.length; k++) {
        const type = types[(i + round + k) % types.length]!;
        const key = `${c.id}\u0000${type}`;
        if (used.has(key)) continue;
        const q = generateQuestion(bank, c, type, options);
        used.add(key);
        if (!q) continue;
        out.push(q);
        break;
      }
    }
  }
  return out;
}

/**
 * The first question that can be made for these concepts, in order (e.g. the
 * member's due concepts from `QuizStore.dueConcepts`), with a type chosen by the seed.
 */
export function generateForConcepts(
  bank: QuizConceptBank, conceptIds: readonly string[], options: GenerateOptions & { types?: readonly QuestionType[] } = {},
): Question | null {
  for (const id of conceptIds) {
    const rng = createRng(seedFrom(options.seed ?? 0, 'pick', id));
    for (const type of shuffle(options.types ?? QUESTION_TYPES, rng)) {
      const q = generateQuestion(bank, id, type, options);
      if (q) return q;
    }
  }
  return null;
}
