/**
 * A question's stable identity: what it is about (concept id), what kind it is
 * (type), and the text it was made from (the section of the notes its source
 * points at, as indexed, plus the generator's version). The persisted bank keeps
 * a question verbatim while its key is unchanged, and 👎 reports retire a key:
 * editing that section, or a new generator, gives the question a new key, so it
 * is made afresh and comes back into the rotation.
 */
import { createHash } from 'node:crypto';
import type { NoteInput } from '../concepts/docs.js';
import { type Section, sectionKey } from '../notes/section.js';
import type { QuestionType } from './types.js';

/**
 * Bump when the generator changes what it makes from the same notes (new rules,
 * new stems): every stored question then gets a new key and is generated again.
 */
export const GENERATOR_VERSION = 1;

/** The text of each section of the notes as indexed (the parts of a long section joined), and where it starts. */
export interface SectionTexts {
  /** Null when the notes no longer have that section. */
  get(section: Section): { text: string; startLine: number } | null;
}

export function sectionTextsOf(notes: ReadonlyArray<NoteInput>): SectionTexts {
  const byKey = new Map<string, { text: string; startLine: number }>();
  for (const note of notes) {
    for (const chunk of note.chunks) {
      const key = sectionKey({ file: note.meta.file, headingPath: chunk.headingPath });
      const found = byKey.get(key);
      // Two headings with the same path share an entry: an edit in either gives both new keys, which errs on the side of regenerating.
      if (found) found.text += `\u0000${chunk.text}`;
      else byKey.set(key, { text: chunk.text, startLine: chunk.startLine });
    }
  }
  return { get: (section) => byKey.get(sectionKey(section)) ?? null };
}

/**
 * A digest of these sections' current text (and the generator's version); null
 * when one of them is gone. Order does not matter.
 */
export function sectionFingerprint(texts: SectionTexts, sections: readonly Section[]): string | null {
  const unique = new Map(sections.map((s) => [sectionKey(s), s]));
  const parts: string[] = [];
  for (const key of [...unique.keys()].sort()) {
    const found = texts.get(unique.get(key)!);
    if (!found) return null;
    parts.push(key, found.text);
  }
  return createHash('sha256')
    .update([`generator ${GENERATOR_VERSION}`, ...parts].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** The stable key of a question: `conceptId:type:fingerprint`. */
export function questionKey(conceptId: string, type: QuestionType, fingerprint: string): string {
  return `${conceptId}:${type}:${fingerprint}`;
}
