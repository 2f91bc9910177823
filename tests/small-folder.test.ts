/**
 * A student's first try is often a folder of two or three notes. There, a
 * note's own name is in most sections, so BM25 reads it as a stop word:
 * questions about that note must still be answered, from the right section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { StudyIndex } from '../src/index/study-index.js';
import { tempDir } from './support/temp-dir.js';

describe('a folder of a few notes', () => {
  const open: StudyIndex[] = [];
  afterEach(() => {
    for (const index of open.splice(0)) index.close();
  });

  async function twoNotes(): Promise<StudyIndex> {
    const notes = tempDir('studybot-notes-');
    mkdirSync(path.join(notes, 'Concepts'));
    writeFileSync(
      path.join(notes, 'Concepts', 'Dropout.md'),
      '# Dropout\n\n**Dropout** 是训练时以概率 $p$ 随机把神经元输出置零的正则化方法。\n\n' +
        '## 为什么有效\n\n可以看作对指数多个子网络的集成，减少神经元之间的共适应。\n',
    );
    writeFileSync(path.join(notes, 'Overfitting.md'), '# Overfitting\n\n过拟合的对策见 [[Concepts/Dropout#为什么有效]]。\n');
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-data-'), embeddingModel: null });
    open.push(index);
    await index.sync();
    return index;
  }

  it('answers what the note in every section is, with its definition', async () => {
    const index = await twoNotes();
    for (const question of ['what is dropout', 'dropout 是什么']) {
      const answer = await ask(index, question);
      expect(answer.answered).toBe(true);
      expect(answer.results[0]?.headingPath).toEqual(['Dropout']);
    }
  });

  it('finds a section that holds only the common name and the asked word', async () => {
    const answer = await ask(await twoNotes(), '为什么 dropout 有效');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.headingPath).toEqual(['Dropout', '为什么有效']);
  });
});
