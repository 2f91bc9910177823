/**
 * What StudyIndex tells about the notes themselves: the note list (read from
 * the file records, no chunk), the generation that changes with the notes,
 * and the glossary pairs mined from them.
 */
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexStore } from '../src/index/store.js';
import { StudyIndex } from '../src/index/study-index.js';
import { tempDir } from './support/temp-dir.js';

const open: StudyIndex[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const index of open.splice(0)) index.close();
});

async function openIndex(notesDir: string, dataDir: string): Promise<StudyIndex> {
  const index = await StudyIndex.open({ notesDir, dataDir, embeddingModel: null });
  open.push(index);
  return index;
}

function writeNotes(): string {
  const notes = tempDir('studybot-notes-');
  writeFileSync(path.join(notes, 'b.md'), '---\ntitle: 特征金字塔（Feature Pyramid）\n---\n\n## 结构\n\n自顶向下的路径。\n');
  writeFileSync(path.join(notes, 'a.md'), '# Anchors\n\n## Sizes\n\nAnchors come in three sizes.\n');
  return notes;
}

describe('StudyIndex notes', () => {
  it('lists every note by file and title, in path order, without reading a chunk', async () => {
    const notes = writeNotes();
    const data = tempDir('studybot-data-');
    await (await openIndex(notes, data)).sync();

    const allChunks = vi.spyOn(IndexStore.prototype, 'allChunks');
    const chunk = vi.spyOn(IndexStore.prototype, 'chunk');
    const reopened = await openIndex(notes, data);
    expect(reopened.noteList()).toEqual([
      { file: 'a.md', title: 'Anchors' },
      { file: 'b.md', title: '特征金字塔（Feature Pyramid）' },
    ]);
    expect(allChunks).not.toHaveBeenCalled();
    expect(chunk).not.toHaveBeenCalled();
    expect(reopened.notes.map((n) => n.file)).toEqual(reopened.noteList().map((n) => n.file));
  });

  it('changes its generation after a sync that added, edited, skipped or removed a note, and only then', async () => {
    const notes = writeNotes();
    const index = await openIndex(notes, tempDir('studybot-data-'));
    expect(index.generation).toBe(0);
    await index.sync();
    expect(index.generation).toBe(1);
    await index.sync();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(notes, 'a.md'), later, later);
    await index.sync();
    expect(index.generation).toBe(1);

    writeFileSync(path.join(notes, 'a.md'), '# Anchors\n\n## Sizes\n\nAnchors come in five sizes.\n');
    await index.sync();
    expect(index.generation).toBe(2);
    writeFileSync(path.join(notes, 'c.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    await index.sync();
    expect(index.generation).toBe(3);
    rmSync(path.join(notes, 'b.md'));
    await index.sync();
    expect(index.generation).toBe(4);
    expect(index.noteList().map((n) => n.file)).toEqual(['a.md']);
  });

  it('gives the glossary pairs mined from the notes, and drops those of a removed note', async () => {
    const notes = writeNotes();
    const index = await openIndex(notes, tempDir('studybot-data-'));
    await index.sync();
    expect(index.glossaryPairs()).toContainEqual(['feature pyramid', '特征金字塔']);
    rmSync(path.join(notes, 'b.md'));
    await index.sync();
    expect(index.glossaryPairs()).toEqual([]);
  });
});
