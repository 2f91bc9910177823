/**
 * The bot's concept bank is built from the indexed notes once, and again only
 * after a sync changed them: the index's generation says so.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conceptBankOf } from '../src/bot/concept-bank.js';
import { createLogger } from '../src/bot/logger.js';
import { StudyIndex } from '../src/index/study-index.js';
import type { Chunk } from '../src/notes/types.js';
import { tempDir } from './support/temp-dir.js';

const FOCAL = '**焦点损失（Focal Loss）**是一种用于密集检测的损失函数，它压低易分样本的权重。';
const BATCH = '**批大小（batch size）指**一次前向与反向传播所用的样本数，常见取值是 32 或 64。';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', [], (l) => lines.push(l)) };
}

const built = (lines: string[]) => lines.filter((l) => l.includes('concept bank built')).length;

describe('conceptBankOf', () => {
  it('builds once, and again only when a sync changed the notes', () => {
    const chunk = (text: string): Chunk => ({
      id: 'aaaaaaaaaa-bbbbbbbbbb',
      file: 'n.md',
      title: 'N',
      headingPath: ['N'],
      startLine: 1,
      endLine: 1,
      part: 0,
      text,
    });
    const note = (text: string) => ({
      file: 'n.md',
      size: 1,
      mtimeMs: 1,
      sha1: 'x',
      meta: { file: 'n.md', title: 'N', tags: [], aliases: [] },
      chunks: [chunk(text)],
    });
    const index = { notes: [note(FOCAL)], generation: 1, glossaryPairs: () => [] };
    const { lines, logger } = recordingLogger();
    const bank = conceptBankOf(index, logger);
    const first = bank();
    expect(first.concepts.map((c) => c.term)).toEqual(['焦点损失（Focal Loss）']);
    index.notes = [...index.notes]; // a sync that changed nothing keeps the generation
    expect(bank()).toBe(first);
    index.notes = [note(BATCH)];
    index.generation++;
    expect(bank().concepts.map((c) => c.term)).toEqual(['批大小（batch size）']);
    expect(built(lines)).toBe(2);
  });

  it('reuses the bank of a real index across syncs that change nothing, and rebuilds after an edit', async () => {
    const notes = tempDir('studybot-bank-');
    const file = path.join(notes, 'n.md');
    writeFileSync(file, `# N\n\n${FOCAL}\n`);
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-bank-data-'), embeddingModel: null });
    try {
      await index.sync();
      const { lines, logger } = recordingLogger();
      const bank = conceptBankOf(index, logger);
      const first = bank();
      expect(first.concepts.map((c) => c.term)).toEqual(['焦点损失（Focal Loss）']);

      await index.sync();
      const later = new Date(Date.now() + 60_000);
      utimesSync(file, later, later);
      await index.sync(); // touched, not edited
      expect(bank()).toBe(first);
      expect(built(lines)).toBe(1);

      writeFileSync(file, `# N\n\n${BATCH}\n`);
      await index.sync();
      expect(bank().concepts.map((c) => c.term)).toEqual(['批大小（batch size）']);
      expect(built(lines)).toBe(2);
    } finally {
      index.close();
    }
  });
});
