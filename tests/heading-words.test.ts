/**
 * A heading's outline number (notes/section.ts, headingWords) places a
 * section, and a credit in brackets names who wrote it: neither is among the
 * words the index searches.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headingWords } from '../src/notes/section.js';
import { ask } from '../src/search/ask.js';
import { StudyIndex } from '../src/index/study-index.js';
import { tempDir } from './support/temp-dir.js';

describe('headingWords', () => {
  it('drops a number of several levels, or one ended by a full stop or 、', () => {
    expect(headingWords('3.4.12 为什么Tanh收敛速度比Sigmoid快？')).toBe('为什么Tanh收敛速度比Sigmoid快？');
    expect(headingWords('1.2. Pooling')).toBe('Pooling');
    expect(headingWords('2. variable')).toBe('variable');
    expect(headingWords('3、损失函数')).toBe('损失函数');
  });

  it('drops a bracketed credit: the section is about what the heading names, not its author', () => {
    expect(headingWords('8.2.7  DetNet（贡献者：北京理工大学--明奇）')).toBe('DetNet');
    expect(headingWords('5.22 NetVLAD池化    （贡献者：熊楚原-中国人民大学）')).toBe('NetVLAD池化');
    expect(headingWords('Data Augmentation (Contributors: Ming Qi)')).toBe('Data Augmentation');
    // A bracket that says what the heading names stays.
    expect(headingWords('9.5 空洞卷积(Dilated Convolutions)')).toBe('空洞卷积(Dilated Convolutions)');
  });

  it('keeps a number that is part of the name', () => {
    expect(headingWords('YOLOv3')).toBe('YOLOv3');
    expect(headingWords('3x3 卷积')).toBe('3x3 卷积');
    expect(headingWords('1×1 convolutions')).toBe('1×1 convolutions');
  });
});

describe('a question with a number in it', () => {
  const open: StudyIndex[] = [];
  afterEach(() => {
    for (const index of open.splice(0)) index.close();
  });

  it('is not drawn to a section by its outline number', async () => {
    const notes = tempDir('studybot-notes-');
    writeFileSync(
      path.join(notes, 'gan.md'),
      '# GAN\n\n## 7.1.5 Why the loss does not go down\n\nThe discriminator and generator loss oscillate.\n\n' +
        '## 7.1.6 What a GAN is\n\nA GAN trains a generator against a discriminator until it makes realistic samples.\n',
    );
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-data-'), embeddingModel: null });
    open.push(index);
    await index.sync();
    const answer = await ask(index, 'explain a GAN to me like I am five');
    expect(answer.results[0]?.headingPath.at(-1)).toBe('7.1.6 What a GAN is');
    expect(index.sectionTokens(index.chunk(answer.results[0]!.chunkId)!).has('6')).toBe(false);
  });
});
