import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudyIndex } from '../src/index/study-index.js';
import { ask } from '../src/search/ask.js';
import { dictionaryPairs } from '../src/text/dictionary.js';
import { tempDir as newTempDir } from './support/temp-dir.js';

// The real dictionary, watched: reading it costs ~0.4 s, so a sync should do it only for new words.
vi.mock('../src/text/dictionary.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/text/dictionary.js')>();
  return { ...actual, dictionaryPairs: vi.fn(actual.dictionaryPairs) };
});

const tempDir = () => newTempDir('studybot-dict-');
afterEach(() => {
  vi.mocked(dictionaryPairs).mockClear();
});

describe('StudyIndex dictionary pairs', () => {
  it('looks up only Chinese words it has not looked up before, and keeps the pairs across edits', async () => {
    const notes = tempDir();
    const data = tempDir();
    const note = path.join(notes, 'text.md');
    writeFileSync(note, '# 文本生成\n\n## 为什么难\n\n生成句子时，每个词都是离散的符号。\n');
    writeFileSync(path.join(notes, 'other.md'), '# 其他\n\n## 优化\n\n学习率决定每一步走多远。\n');
    const index = await StudyIndex.open({ notesDir: notes, dataDir: data, embeddingModel: null });
    await index.sync();
    expect(vi.mocked(dictionaryPairs)).toHaveBeenCalledTimes(1);
    expect(index.keywordIndex.dictionary()).toContainEqual(['sentence', '句子']);

    // An edit that brings no new Chinese word: the dictionary is not read again.
    appendFileSync(note, '\n生成句子时每个词都是符号。\n');
    await index.sync();
    expect(vi.mocked(dictionaryPairs)).toHaveBeenCalledTimes(1);

    // New words are looked up, and only they.
    appendFileSync(note, '\n这和翻译不同。\n');
    await index.sync();
    expect(vi.mocked(dictionaryPairs)).toHaveBeenCalledTimes(2);
    expect([...vi.mocked(dictionaryPairs).mock.calls[1]![0]].sort()).toEqual(['不同', '翻译']);
    expect(index.keywordIndex.dictionary()).toEqual(
      expect.arrayContaining([
        ['sentence', '句子'],
        ['translate', '翻译'],
      ]),
    );
    index.close();
  });

  it('translates a name the dictionary glosses another way: "os" finds the section on 操作系统', async () => {
    const notes = tempDir();
    writeFileSync(
      path.join(notes, 'setup.md'),
      '# 环境搭建\n\n## 操作系统的选择\n\n深度学习常用 Linux 操作系统，驱动和框架支持最好。\n\n## 显卡驱动\n\n先装驱动，再装 CUDA。\n',
    );
    writeFileSync(path.join(notes, 'other.md'), '# 优化\n\n## 学习率\n\n学习率决定每一步走多远。\n');
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir(), embeddingModel: null });
    await index.sync();
    expect(index.keywordIndex.dictionary()).toContainEqual(['os', '操作系统']);
    const answer = await ask(index, 'which os is best for deep learning');
    expect(answer.results[0]?.headingPath.at(-1)).toBe('操作系统的选择');
    index.close();
  });
});
