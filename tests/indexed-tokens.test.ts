/**
 * A section's tokens (what coverage and abstention read of a section the
 * keyword leg did not find, and what a comparison reads of a side's text)
 * are read back from the keyword index instead of cut again: the same sets,
 * without running jieba over the section.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headingPathWords } from '../src/notes/section.js';
import { StudyIndex } from '../src/index/study-index.js';
import { notesDir } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

describe('a section’s tokens', () => {
  const open: StudyIndex[] = [];
  afterEach(() => {
    for (const index of open.splice(0)) index.close();
  });
  const openIndex = async (notes: string) => {
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-data-'), embeddingModel: null });
    open.push(index);
    await index.sync();
    return index;
  };
  const cut = (index: StudyIndex, id: string) => {
    const { chunk, meta } = index.chunk(id)!;
    return new Set(index.tokenize(`${headingPathWords(chunk.headingPath)} ${meta.title} ${meta.aliases.join(' ')} ${chunk.text}`));
  };

  it('are what cutting its heading path, note title, aliases and text gives, for every section of the bundled notes', async () => {
    const index = await openIndex(notesDir);
    const ids = index.notes.flatMap((note) => note.chunks.map((c) => c.id));
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect([...index.sectionTokens(index.chunk(id)!)].sort(), id).toEqual([...cut(index, id)].sort());
  });

  it('of its own text alone are what cutting the text gives, code included, for every section of the bundled notes', async () => {
    const index = await openIndex(notesDir);
    for (const note of index.notes) {
      for (const { id } of note.chunks) {
        const found = index.chunk(id)!;
        expect([...index.textTokens(found)].sort(), id).toEqual([...new Set(index.tokenize(found.chunk.text))].sort());
      }
    }
  });

  it('are read back by the chunk’s id, not cut again (an id names one text: it hashes it)', async () => {
    const index = await openIndex(notesDir);
    const found = index.chunk(index.notes[0]!.chunks[0]!.id)!;
    const retold = { ...found, chunk: { ...found.chunk, text: '完全不同的文字' } };
    expect(index.sectionTokens(retold)).toEqual(index.sectionTokens(found));
    expect(index.textTokens(retold)).toEqual(index.textTokens(found));
    expect(index.sectionTokens(retold).has('文字')).toBe(false);
  });

  it('are cut from the section itself when the index does not hold it', async () => {
    const notes = tempDir('studybot-notes-');
    writeFileSync(path.join(notes, 'a.md'), '# Pooling\n\n## Max pooling\n\n最大池化取窗口内的最大值。\n');
    const index = await openIndex(notes);
    const found = index.chunk(index.notes[0]!.chunks[0]!.id)!;
    const elsewhere = { ...found, chunk: { ...found.chunk, id: 'not-indexed', text: '平均池化取平均值。' } };
    expect(index.sectionTokens(elsewhere)).toEqual(new Set(index.tokenize('Pooling Max pooling Pooling 平均池化取平均值。')));
    expect(index.textTokens(elsewhere)).toEqual(new Set(index.tokenize('平均池化取平均值。')));
  });
});
