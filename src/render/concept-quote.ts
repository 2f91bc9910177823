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
    const all = chunk.text.split('\n');
    const lines = all.slice(startLine - chunk.startLine, endLine - chunk.startLine + 1);
    let text = lines.join('\n').trim();
    // "X 是……的损失：" introduces its formula: the definition is the sentence and the formula together.
    const formula = /[:：]$/.test(text) ? formulaAfter(all, endLine - chunk.startLine + 1) : null;
    // A single list item or quoted line reads better without its marker inside our own quote.
    if (!text.includes('\n')) text = text.replace(/^(?:>\s*)+/, '').replace(/^(?:[-*+]|\d+[.)])\s+/, '');
    const plain = text.replace(/[*_`]/g, '');
    if (text && conceptNames(concept).some((name) => mentions(plain, name)))
      return { markdown: formula ? `${text}\n\n${formula}` : text, chunkId: chunk.id };
    return { markdown: concept.definition, chunkId: chunk.id };
  }
  return { markdown: concept.definition, chunkId: null };
}

/** Longest display formula a definition takes along; a longer block is a derivation, not part of the definition. */
const FORMULA_MAX_LINES = 12;

/** The display formula (`$$…$$`, or `$…$` alone on its line) starting at line `from` after blank lines, or null. */
function formulaAfter(lines: readonly string[], from: number): string | null {
  let i = from;
  while (i < lines.length && !lines[i]!.trim()) i++;
  const first = lines[i]?.trim() ?? '';
  if (/^\$[^$].*[^$]\$$/.test(first)) return first;
  if (!first.startsWith('$$')) return null;
  if (first.length >= 4 && first.endsWith('$$')) return first;
  for (let j = i + 1; j < Math.min(lines.length, i + FORMULA_MAX_LINES); j++) {
    if (lines[j]!.trim().endsWith('$$'))
      return lines
        .slice(i, j + 1)
        .join('\n')
        .trim();
  }
  return null;
}
