/** Cloze material: real sentences of the notes that use a concept's name. */
import { readableLength, sentenceKey, URL } from './candidates.js';
import type { Doc } from './docs.js';
import type { Built } from './merge.js';
import { cjkCount, hasCjk, mentions, normalizeName, type ProseParagraph, type ProseSentence } from './text.js';

/** A real sentence of the notes that uses a concept's name: material for cloze questions. */
export interface ConceptContext {
  file: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
  /** The readable sentence (Markdown emphasis removed, formulas as `code`). */
  text: string;
}

interface SentenceRef {
  sentence: ProseSentence;
  norm: string;
  paragraph: ProseParagraph;
  index: number;
  headingPath: string[];
  file: string;
}

/** Concept id → up to 12 readable sentences that use one of its names (own note first), its definition excluded. */
export function collectContexts(built: readonly Built[], docs: readonly Doc[]): Map<string, ConceptContext[]> {
  const out = new Map<string, ConceptContext[]>();
  const sentencesByFile = new Map<string, SentenceRef[]>();
  for (const doc of docs) {
    const refs: SentenceRef[] = [];
    for (const section of doc.sections) {
      for (const paragraph of section.paragraphs) {
        paragraph.sentences.forEach((sentence, index) => {
          refs.push({
            sentence,
            norm: normalizeName(sentence.text),
            paragraph,
            index,
            headingPath: section.headingPath,
            file: doc.meta.file,
          });
        });
      }
    }
    sentencesByFile.set(doc.meta.file, refs);
  }
  for (const b of built) {
    const list: ConceptContext[] = [];
    const normNames = b.names.map(normalizeName);
    for (const file of [b.concept.topic, ...[...b.files].filter((f) => f !== b.concept.topic)]) {
      for (const ref of sentencesByFile.get(file) ?? []) {
        const s = ref.sentence;
        if (b.sentenceKeys.has(sentenceKey(s))) continue;
        if (!normNames.some((n) => ref.norm.includes(n))) continue;
        if (s.hardMath || !s.complete || /[：:？?]$/.test(s.text) || URL.test(s.text)) continue;
        // A mnemonic chain (“共享卷积 → RPN → NMS → …”) is not a sentence: it names everything at once.
        if ((s.text.match(/→/g) ?? []).length >= 2) continue;
        const len = readableLength(s.text);
        if (len < 16 || len > 180) continue;
        if (cjkCount(s.text) < 4 && hasCjk(b.concept.term)) continue;
        if (!b.names.some((n) => mentions(s.text, n))) continue;
        list.push({ file, headingPath: ref.headingPath, startLine: s.startLine, endLine: s.endLine, text: s.text });
        if (list.length >= 12) break;
      }
      if (list.length >= 12) break;
    }
    out.set(b.concept.id, list);
  }
  return out;
}
