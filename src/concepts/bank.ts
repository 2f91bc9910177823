/**
 * The concept bank: the terms the notes define, each with the sentence that
 * defines it, mined from the notes themselves (no model, no network):
 * candidates (candidates.ts) are merged into concepts (merge.ts), and each
 * concept gets real sentences for cloze questions (contexts.ts).
 */
import type { GlossaryPair } from '../index/store.js';
import { findCandidates, knownTerms } from './candidates.js';
import { collectContexts, type ConceptContext } from './contexts.js';
import { readDoc, type NoteInput } from './docs.js';
import { mergeCandidates } from './merge.js';
import { parseTermName } from './names.js';
import { normalizeName } from './text.js';
import type { Concept, ConceptBank } from './types.js';

/** A concept bank plus what the quiz generator needs beyond the shared interface. */
export interface QuizConceptBank extends ConceptBank {
  /** Concept id → sentences (other than its definition) that use its name. */
  contexts: Map<string, ConceptContext[]>;
}

/**
 * Builds the bank from parsed notes (e.g. `StudyIndex.notes`, or `chunkNote`
 * results) and the English–Chinese pairs mined from them (the index stores them
 * per note): a pair vouches for both its names as terms.
 */
export function buildConceptBank(notes: ReadonlyArray<NoteInput>, glossaryPairs: Iterable<GlossaryPair>): QuizConceptBank {
  const sorted = [...notes].sort((a, b) => (a.meta.file < b.meta.file ? -1 : a.meta.file > b.meta.file ? 1 : 0));
  const docs = sorted.map(readDoc);
  const concepts = mergeCandidates(findCandidates(docs, knownTerms(docs, glossaryPairs)), docs);
  const contexts = collectContexts(concepts, docs);
  const byId = new Map(concepts.map((c) => [c.concept.id, c.concept]));
  const byTopic = new Map<string, Concept[]>();
  for (const { concept } of concepts) {
    const list = byTopic.get(concept.topic) ?? [];
    list.push(concept);
    byTopic.set(concept.topic, list);
  }
  return { concepts: concepts.map((c) => c.concept), byId, byTopic, contexts };
}

/** The names of a concept: its term's parts and every alias, main name first. */
export function conceptNames(concept: Concept): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const parsed = parseTermName(concept.term);
  for (const n of [...(parsed?.names ?? []), concept.term, ...concept.aliases]) {
    const k = normalizeName(n);
    if (k.length < 2 || seen.has(k)) continue;
    seen.add(k);
    names.push(n);
  }
  return names;
}
