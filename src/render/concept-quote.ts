import type { Concept } from '../concepts/types.js';
import { conceptNames } from '../concepts/bank.js';
import { mentions } from '../concepts/text.js';
import type { Chunk } from '../notes/types.js';

/** The note's own words for a concept: its source lines, as indexed, and the section they belong to. */
export interface ConceptQuote {
  markdown: string;
  /** The indexed section holding the lines ("Full section" button), or null when only the definition is known. */
  chunkId: string | null;
}

/**
 * Quotes the lines `concept.source` points at, taken from the indexed section
 * that holds them (chunk text line i is file line `startLine + i`). Falls back
 * to the concept's definition when the index has moved on (the lines no longer
 * name the concept) or the section is gone.
 */
export function conceptQuote(notes: ReadonlyArray<{ file: string; chunks: ReadonlyArray<Chunk> }>, concept: Concept): ConceptQuote {
  const { file, startLine, endLine, headingPath } = concept.source;
  const chunk = notes
    .find((n) => n.file === file)
    ?.chunks.find((c) => c.startLine <= startLine && c.endLine >= endLine && c.headingPath.join('\u0000') === headingPath.join('\u0000'));
  if (chunk) {
    const lines = chunk.text.split('\n').slice(startLine - chunk.startLine, endLine - chunk.startLine + 1);
    let text = lines.join('\n').trim();
    // A single list item or quoted line reads better without its marker inside our own quote.
    if (!text.includes('\n')) text = text.replace(/^(?:>\s*)+/, '').replace(/^(?:[-*+]|\d+[.)])\s+/, '');
    const plain = text.replace(/[*_`]/g, '');
    if (text && conceptNames(concept).some((name) => mentions(plain, name))) return { markdown: text, chunkId: chunk.id };
    return { markdown: concept.definition, chunkId: chunk.id };
  }
  return { markdown: concept.definition, chunkId: null };
}
