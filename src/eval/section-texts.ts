import { chunkNote } from '../notes/chunk.js';
import { readNote } from '../notes/load.js';
import { normalizeHeading, type SectionRef } from './sections.js';

/**
 * The current text of every section the questions name, read from the notes
 * folder as it is now (not from the index), so an edited note shows up as a
 * stale annotation. A long section's parts are joined back together.
 */
export async function currentSectionTexts(notesDir: string, refs: SectionRef[]): Promise<(ref: SectionRef) => string | undefined> {
  const texts = new Map<string, string>();
  const key = (file: string, heading: string) => `${file}\u0000${normalizeHeading(heading)}`;
  for (const file of new Set(refs.map((r) => r.file))) {
    const read = await readNote(notesDir, file);
    if (!read.ok) continue; // a note that is gone or unreadable leaves its sections undefined: stale
    for (const chunk of chunkNote(read.note).chunks) {
      const k = key(chunk.file, chunk.headingPath[chunk.headingPath.length - 1] ?? '');
      texts.set(k, texts.has(k) ? `${texts.get(k)}\n\n${chunk.text}` : chunk.text);
    }
  }
  return (ref) => texts.get(key(ref.file, ref.heading));
}
