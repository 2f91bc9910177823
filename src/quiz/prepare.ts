/**
 * Per-bank preparation for the question generator: each concept's names, its
 * description for term-to-definition options, the longer names that contain it,
 * and which topics use each other's terms. Computed once per bank.
 */
import { conceptNames, type QuizConceptBank } from '../concepts/bank.js';
import { parseTermName } from '../concepts/names.js';
import { BLANK, blankOut, mentions, namePattern, normalizeName } from '../concepts/text.js';
import { splitSentences } from '../notes/sentences.js';
import {
  firstClause,
  optionProblems,
  withoutCommentary,
  withoutComparisonToNothing,
  withoutProvenance,
  withoutUnnamedSuperlative,
} from './quality.js';
import type { Prepared, PreparedBank } from './types.js';

export type { Prepared, PreparedBank } from './types.js';

/**
 * The answer's own sentences: its definition and the sentences of its own note
 * that use its name. A distractor restating them would be right too.
 */
export function ownTexts(bank: PreparedBank, p: Prepared): string[] {
  const own = (bank.contexts.get(p.concept.id) ?? []).filter((c) => c.file === p.concept.topic).map((c) => c.text);
  return [p.concept.definition, ...own];
}

// Keyed weakly by the bank: a rebuilt bank (notes changed) is prepared afresh and the old entry goes with it.
const cache = new WeakMap<QuizConceptBank, PreparedBank>();

/** The bank prepared for question generation (computed once per bank object). */
export function preparedBank(bank: QuizConceptBank): PreparedBank {
  let found = cache.get(bank);
  if (found) return found;
  const prepared = new Map<string, Prepared>();
  for (const concept of bank.concepts) {
    const names = conceptNames(concept);
    const termParts = parseTermName(concept.term)?.names ?? [concept.term];
    prepared.set(concept.id, { concept, termParts, names, norms: names.map(normalizeName), gloss: null, longerNames: [], namedIs: [] });
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
  for (const p of all) {
    for (const other of all) {
      if (other === p || !other.gloss || !other.names.some((n) => mentions(p.concept.definition, n))) continue;
      p.namedIs.push(firstClause(other.gloss));
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
    const extra = (contexts.get(c.id) ?? [])
      .filter((x) => x.file === c.topic)
      .map((x) => x.text)
      .join('\n');
    textByTopic.set(c.topic, normalizeName(`${textByTopic.get(c.topic) ?? ''}\n${c.definition}\n${extra}`));
  }
  for (const p of all) {
    for (const [topic, text] of textByTopic) {
      if (topic === p.concept.topic) continue;
      if (!p.norms.some((n) => n.length >= 3 && text.includes(n))) continue;
      for (const [a, b] of [
        [p.concept.topic, topic],
        [topic, p.concept.topic],
      ] as const) {
        const row = affinity.get(a) ?? new Map<string, number>();
        row.set(b, (row.get(b) ?? 0) + 1);
        affinity.set(a, row);
      }
    }
  }
  found = { byId: prepared, byKind, affinity, neighbours: neighbourTopics(affinity), contexts, topicTexts: textByTopic };
  cache.set(bank, found);
  return found;
}

/** Two notes are neighbours when each uses at least this many of the other's terms. */
export const NEIGHBOUR_LINKS = 2;

/**
 * Neighbouring topics: strongly linked ones (they use each other's terms), and the
 * neighbours of those (RetinaNet and FPN are both close to Faster R-CNN). A single
 * shared term is chance (“softmax” in a C++ note), not a neighbourhood.
 */
function neighbourTopics(affinity: Map<string, Map<string, number>>): Map<string, Set<string>> {
  const strong = new Map<string, Set<string>>();
  for (const [a, row] of affinity) {
    strong.set(a, new Set([...row].filter(([, n]) => n >= NEIGHBOUR_LINKS).map(([b]) => b)));
  }
  const out = new Map<string, Set<string>>();
  for (const [a, near] of strong) {
    const all = new Set(near);
    for (const b of near) for (const c of strong.get(b) ?? []) if (c !== a) all.add(c);
    out.set(a, all);
  }
  return out;
}

/** The fewest characters (code marks and spaces aside) of a description offered as an option. */
const MIN_GLOSS = 10;

const VERB_AFTER_NAME = /^\s*(?:[（(][^（）()]*[）)])?\s*(?:[A-Za-zα-ωΑ-Ω]\s*)?(?:是指|指的是|就是|即是|是|指|：|:)\s*/;

/** A concept's description without its name: the predicate of its defining sentence. */
function makeGloss(p: Prepared): string | null {
  const first = withoutProvenance(splitSentences(p.concept.definition)[0]?.text.trim() ?? '');
  let gloss: string | null = null;
  for (const name of [...p.names].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(`^(?:${namePattern(name)})`, 'iu').exec(first);
    if (!m) continue;
    const verb = VERB_AFTER_NAME.exec(first.slice(m[0].length));
    if (verb) gloss = first.slice(m[0].length + verb[0].length);
    break;
  }
  if (gloss === null) gloss = first;
  gloss = blankOut(gloss, p.names)
    .text.replace(/[。；;.，,、：:]+$/, '')
    .trim();
  // A description that needs its own term inside it would read garbled with a pronoun in its
  // place (“在通道维它（……）”), so it is no description at all.
  if (gloss.includes(BLANK)) return null;
  gloss = withoutCommentary(withoutUnnamedSuperlative(withoutComparisonToNothing(gloss)));
  // “端到端目标检测器”: a description this short fits too many things to single one out.
  if (gloss === null || gloss.replace(/[`\s]/g, '').length < MIN_GLOSS) return null;
  if (p.names.some((n) => mentions(gloss!, n))) return null;
  if (optionProblems(gloss).length > 0) return null;
  return gloss;
}
