/**
 * The three kinds of question, all with four options and exactly one correct:
 *   - definition-to-term: the defining passage, term blanked → which term?
 *   - term-to-definition: the term → which description? (each description with
 *     its own term blanked, so none gives itself away)
 *   - cloze: another real sentence of the notes with the term blanked → which term fits?
 * Each kind drafts its stem and correct option here; distractors.ts picks the other three.
 */
import type { ConceptContext } from '../concepts/contexts.js';
import { BLANK, blankOut, hasCjk, mentions, namePattern, normalizeName } from '../concepts/text.js';
import { shuffle, type Rng } from '../random.js';
import { pickDistractors, type Picked } from './distractors.js';
import type { Prepared, PreparedBank, QuestionSource, QuestionType } from './types.js';
import { partlyNamed, passageProblems, withoutComparisonToNothing, withoutProvenance, topicGivesAway } from './quality.js';
import { leaks } from './validate.js';

export { LETTERS, QUESTION_TYPES, type Question, type QuestionSource, type QuestionType } from './types.js';

/** A question before its options are shuffled: the stem, the correct option and three distractors. */
export interface Draft {
  stem: string;
  correct: string;
  distractors: Picked[];
  source: QuestionSource;
}

/** The draft of a `type` question about `answer`, or null when the bank cannot make a good one. */
export function draftQuestion(bank: PreparedBank, answer: Prepared, type: QuestionType, rng: Rng): Draft | null {
  if (type === 'definition-to-term') return definitionToTerm(bank, answer, rng);
  if (type === 'term-to-definition') return termToDefinition(bank, answer, rng);
  return cloze(bank, answer, rng);
}

function quote(text: string): string {
  return `> ${text}`;
}

function definitionToTerm(bank: PreparedBank, answer: Prepared, rng: Rng): Draft | null {
  // “方差是一种特殊的协方差”: blanking 方差 would cut 协方差 (or leave it to give the answer away).
  if (answer.longerNames.some((n) => mentions(answer.concept.definition, n))) return null;
  const masked = blankOut(answer.concept.definition, answer.names);
  if (leaks(masked.text, answer.names)) return null;
  const passage = cleanOpening(withoutProvenance(masked.text), answer);
  if (passage === null) return null;
  const stem = `以下哪个概念符合这段描述？\n${quote(passage)}`;
  // Options look alike: if the answer is written “中文（English）”, so are the others; if only
  // in English or only in Chinese, the others are too — the odd one out must not be the answer.
  const format = termFormat(answer.concept.term);
  const distractors = pickDistractors(bank, answer, rng, {
    // A model's own name is never set against a common noun written another way.
    optionOf: (p) => nameInFormat(p, format) ?? (format === 'proper' || format === 'acronym' ? null : p.concept.term),
    correct: answer.concept.term,
    passage: answer.concept.definition,
    formatOf: termFormat,
    stem: passage,
  });
  if (!distractors || givesAwayByTopic(bank, passage, answer, distractors)) return null;
  return { stem, correct: answer.concept.term, distractors, source: { ...answer.concept.source } };
}

function termToDefinition(bank: PreparedBank, answer: Prepared, rng: Rng): Draft | null {
  // A description that repeats part of the name (“双线性插值” for 双线性上采样) gives itself away.
  if (!answer.gloss || partlyNamed(answer.gloss, answer)) return null;
  const stem = `下列哪一项是对「${answer.concept.term}」的正确描述？`;
  const distractors = pickDistractors(bank, answer, rng, {
    optionOf: (p) => (p.gloss && !answer.names.some((n) => mentions(p.gloss!, n)) ? p.gloss : null),
    correct: answer.gloss,
    passage: null,
    formatOf: () => '',
    stem: answer.concept.term,
  });
  if (!distractors) return null;
  return { stem, correct: answer.gloss, distractors, source: { ...answer.concept.source } };
}

function cloze(bank: PreparedBank, answer: Prepared, rng: Rng): Draft | null {
  const contexts = bank.contexts.get(answer.concept.id) ?? [];
  const usable: Array<{ ctx: ConceptContext; masked: string; surface: string }> = [];
  for (const ctx of contexts) {
    if (answer.longerNames.some((n) => mentions(ctx.text, n))) continue; // the blank would cut a longer term
    const surface = surfaceOf(ctx.text, answer);
    if (!surface) continue;
    const masked = blankOut(ctx.text, answer.names);
    if (masked.count !== 1) continue;
    if (leaks(masked.text, answer.names)) continue;
    if (masked.text.split(BLANK).join('').replace(/`/g, '').length < 12) continue;
    const passage = endSentence(masked.text);
    if (passageProblems(passage, 1).length > 0 || partlyNamed(passage, answer)) continue;
    usable.push({ ctx, masked: passage, surface });
  }
  // Sentences of the concept's own note first, each group in the seed's order; the first sentence
  // that makes a clean question wins (one whose wording gives the answer away may be followed by one that does not).
  const own = usable.filter((u) => u.ctx.file === answer.concept.topic);
  const others = usable.filter((u) => u.ctx.file !== answer.concept.topic);
  for (const pick of [...shuffle(own, rng), ...shuffle(others, rng)]) {
    const draft = clozeFrom(bank, answer, pick, rng);
    if (draft) return draft;
  }
  return null;
}

function clozeFrom(
  bank: PreparedBank,
  answer: Prepared,
  pick: { ctx: ConceptContext; masked: string; surface: string },
  rng: Rng,
): Draft | null {
  const stem = `选择最合适的词填入空白处：\n${quote(pick.masked)}`;
  const format = termFormat(pick.surface);
  const distractors = pickDistractors(bank, answer, rng, {
    optionOf: (p) => {
      if (p.norms.some((n) => answer.norms.some((m) => n.includes(m) || m.includes(n)))) return null; // nested terms both fit
      return nameInFormat(p, format);
    },
    correct: pick.surface,
    passage: pick.ctx.text,
    formatOf: termFormat,
    stem: pick.masked,
  });
  if (!distractors || givesAwayByTopic(bank, pick.masked, answer, distractors)) return null;
  return {
    stem,
    correct: pick.surface,
    distractors,
    source: { file: pick.ctx.file, headingPath: pick.ctx.headingPath, startLine: pick.ctx.startLine, endLine: pick.ctx.endLine },
  };
}

/** True when the passage names parts of the answer that the distractors' notes never speak of. */
function givesAwayByTopic(bank: PreparedBank, passage: string, answer: Prepared, distractors: readonly Picked[]): boolean {
  const ds = distractors.map((d) => bank.byId.get(d.id)).filter((d): d is Prepared => d !== undefined);
  return topicGivesAway(passage, answer, ds, bank).length > 0;
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

/**
 * The blanked definition as written when it reads clean, otherwise its longest
 * opening that does: the clauses before a second blank or a pointer outside the
 * passage (“＿＿＿是对局部区域做下采样的操作，常见最大＿＿＿……” keeps its first clause).
 * Null when no opening of a dozen characters or more is clean.
 */
const SUBORDINATE = /如果|若|当|虽然|因为|由于|根据|通过|对于|随着|只要|除非|一旦|为了|不仅|不是|与其/;
/** A clause ending on a word that needs more after it. */
const CUT_END = /(?:的|地|和|与|及|或|在|把|将|对|从|以|为|被|由|是|而|但|并|且)$/;

/** The fewest characters (blank, code marks and spaces aside) a quoted description needs to single out one concept. */
const MIN_DESCRIPTION = 12;

function cleanOpening(blanked: string, answer: Prepared): string | null {
  const clean = (p: string) => passageProblems(p, 1).length === 0 && !partlyNamed(p, answer);
  // “＿＿＿：结构相同但不共享参数，输出……”: the clause comparing with what the passage does not name goes.
  const lead = /^＿＿＿\s*(?:[：:]|是指|指的是|就是|是|指)?\s*/.exec(blanked)?.[0];
  const masked = lead === undefined ? blanked : lead + withoutComparisonToNothing(blanked.slice(lead.length));
  const full = endSentence(masked);
  // “＿＿＿是端到端目标检测器。”: a description this short fits too many things to single one out.
  const long = (p: string) =>
    p
      .split(BLANK)
      .join('')
      .replace(/[`\s。.]/g, '').length >= MIN_DESCRIPTION;
  if (!long(full)) return null;
  if (clean(full)) return full;
  const cuts = [...masked.matchAll(/[，；。,;]/g)].map((m) => m.index).reverse();
  for (const at of cuts) {
    const head = masked.slice(0, at).trim();
    if (!long(head)) break;
    // A last clause that opens a condition or a cause (“如果……”, “根据……”) needs what was cut.
    const lastClause = head.split(/[，；：:,;]/).pop() ?? head;
    if (SUBORDINATE.test(lastClause) || CUT_END.test(head)) continue;
    const passage = `${head}${hasCjk(head) ? '。' : '.'}`;
    if (clean(passage)) return passage;
  }
  return null;
}

/** A sentence cut at “；” reads as finished when it ends with “。”. */
function endSentence(text: string): string {
  return text.replace(/[；;]$/, hasCjk(text) ? '。' : '.');
}

type TermFormat = 'pair' | 'acronym' | 'proper' | 'latin' | 'cjk' | 'mixed';

const ACRONYM = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[a-z]?$/;
/** A model's own name (RetinaNet, Fast R-CNN, PolarMask), not a common noun (backbone, two-stage detector). */
const PROPER = /^(?:[A-Z0-9][A-Za-z0-9-]*)(?:\s+[A-Z0-9][A-Za-z0-9-]*)*$/;

function termFormat(term: string): TermFormat {
  if (/[（(][^）)]*[A-Za-z][^）)]*[）)]/.test(term) && hasCjk(term)) return 'pair';
  if (ACRONYM.test(term) && term.length <= 10) return 'acronym';
  if (!hasCjk(term) && PROPER.test(term) && /[A-Z].*[A-Z0-9]|[0-9]/.test(term)) return 'proper';
  if (!hasCjk(term)) return 'latin';
  if (/[A-Za-z]/.test(term)) return 'mixed';
  return 'cjk';
}

/** A distractor's name written like the answer: English for English, Chinese for Chinese. */
function nameInFormat(p: Prepared, format: TermFormat): string | null {
  if (format === 'pair') return termFormat(p.concept.term) === 'pair' ? p.concept.term : null;
  // A model's name among model names: “backbone” or “two-stage detector” next to “RetinaNet” is the odd one out.
  if (format === 'acronym' || format === 'proper') {
    return (
      p.names.find((n) => termFormat(n) === format) ??
      p.names.find((n) => termFormat(n) === 'acronym' || termFormat(n) === 'proper') ??
      null
    );
  }
  // Other formats use the names in the concept's own term (an alias from the glossary may be
  // a rendering the notes never use, like 变换器 for Transformer).
  if (format === 'latin') return p.termParts.find((n) => !hasCjk(n) && /[A-Za-z]/.test(n)) ?? null;
  if (format === 'cjk') return p.termParts.find((n) => hasCjk(n) && !/[A-Za-z]/.test(n)) ?? null;
  return p.termParts.find((n) => hasCjk(n)) ?? null;
}
