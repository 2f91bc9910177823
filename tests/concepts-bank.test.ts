/**
 * Specification for src/concepts/bank.ts: the concept bank built from the notes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConceptBank, type QuizConceptBank } from '../src/concepts/bank.js';
import { headingTerm, isTermLike, parseTermName } from '../src/concepts/names.js';
import type { GlossaryPair } from '../src/index/store.js';
import { StudyIndex } from '../src/index/study-index.js';
import { minedPairs } from '../src/index/vocabulary.js';
import { chunkNote } from '../src/notes/chunk.js';
import { cleanInline, latexToText } from '../src/concepts/text.js';
import type { ParsedNote } from '../src/notes/types.js';
import { loadGlossaryPairs, loadNotes, notesDir } from './support/quiz-notes.js';
import { tempDir } from './support/temp-dir.js';

let notes: ParsedNote[];
let pairs: GlossaryPair[];
let bank: QuizConceptBank;

beforeAll(async () => {
  notes = await loadNotes(notesDir);
  pairs = await loadGlossaryPairs(notesDir);
  bank = buildConceptBank(notes, pairs);
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('buildConceptBank on notes/', () => {
  it('finds concepts in every note', () => {
    expect(notes.length).toBeGreaterThanOrEqual(10);
    for (const note of notes) {
      const list = bank.byTopic.get(note.meta.file) ?? [];
      expect(list.length, `concepts in ${note.meta.file}`).toBeGreaterThanOrEqual(4);
    }
    expect(bank.concepts.length).toBe(bank.byId.size);
  });

  it('knows the key terms of the notes, with their names in both languages', () => {
    const byName = (name: string) => bank.concepts.find((c) => [c.term, ...c.aliases].some((n) => n.toLowerCase() === name.toLowerCase()));
    const focal = byName('Focal Loss');
    expect(focal?.aliases.map((a) => a.toLowerCase())).toEqual(expect.arrayContaining(['焦点损失', 'focal loss']));
    expect(focal?.kind).toBe('loss');
    expect(focal?.topic).toBe('retinanet-focal-loss.md');
    expect(byName('FPN')?.topic).toBe('fpn.md'); // defined in fpn.md, also used in retinanet-focal-loss.md
    expect(byName('FPN')?.kind).toBe('model');
    expect(byName('虚函数')?.kind).toBe('cpp');
    expect(byName('类别不平衡')?.definition).toContain('前景和背景样本数量极端悬殊');
    expect(byName('NMS')?.definition).toMatch(/^NMS 指按分数从高到低/);
  });

  it('gives stable ids: the same notes give the same ids, and an unrelated edit changes none', () => {
    const again = buildConceptBank(notes, pairs);
    expect(again.concepts.map((c) => c.id)).toEqual(bank.concepts.map((c) => c.id));
    // Edit one note (a new paragraph at the end): every other concept keeps its id.
    const edited = notes.map((n) =>
      n.meta.file !== 'fpn.md'
        ? n
        : {
            ...n,
            chunks: [...n.chunks, { ...n.chunks[n.chunks.length - 1]!, id: 'extra', text: '补充一句话，与任何术语无关。', part: 1 }],
          },
    );
    const rebuilt = buildConceptBank(edited, pairs);
    expect(new Set(rebuilt.concepts.map((c) => c.id))).toEqual(new Set(bank.concepts.map((c) => c.id)));
    expect(new Set(bank.concepts.map((c) => c.id)).size).toBe(bank.concepts.length);
  });

  it('takes definitions from real sentences of the note, whole, at the cited lines — never headings', () => {
    for (const c of bank.concepts) {
      const file = readFileSync(path.join(notesDir, c.source.file), 'utf8').split('\n');
      const cited = file.slice(c.source.startLine - 1, c.source.endLine).join('\n');
      const readable = squash(cleanInline(cited).text);
      const def = squash(c.definition).replace(/[。.]$/, '');
      expect(readable, `${c.term}: definition at ${c.source.file}:${c.source.startLine}`).toContain(def);
      expect(c.definition, c.term).toMatch(/[。！.!；;）)”」]$/);
      expect(c.definition.length).toBeGreaterThanOrEqual(12);
      expect(c.definition, 'no Markdown emphasis or raw LaTeX').not.toMatch(/\*\*|\$/);
      expect((c.definition.match(/`/g) ?? []).length % 2, 'code marks are paired').toBe(0);
      const headings = new Set(notes.flatMap((n) => n.chunks.flatMap((ch) => ch.headingPath)));
      expect(headings.has(c.definition.replace(/[。.]$/, '')), `${c.term}: a heading is not a definition`).toBe(false);
      expect(c.source.headingPath.length).toBeGreaterThan(0);
    }
  });

  it('keeps aliases as names, not sentences', () => {
    for (const c of bank.concepts) {
      for (const a of c.aliases) expect(a.length, `${c.term} alias ${a}`).toBeLessThanOrEqual(48);
      expect(c.aliases.map((a) => a.toLowerCase())).not.toContain(c.term.toLowerCase());
    }
  });

  it('has a bank with contexts (other sentences that use the term) for cloze questions', () => {
    const withContexts = bank.concepts.filter((c) => (bank.contexts.get(c.id) ?? []).length > 0);
    expect(withContexts.length).toBeGreaterThan(bank.concepts.length / 2);
    for (const c of withContexts) {
      for (const ctx of bank.contexts.get(c.id)!) {
        expect(ctx.text).not.toBe(c.definition);
        expect(ctx.startLine).toBeGreaterThan(0);
      }
    }
  });
});

describe('glossary pairs', () => {
  // 平均精度 is defined by a plain “X 是……” sentence, which counts only for a known term;
  // nothing but the pair in the last sentence makes it one.
  const note = chunkNote({
    file: 'metrics.md',
    text: '# 检测指标\n\n平均精度是衡量检测器在各个召回率下精度的常用指标，取值越高越好。\n\n论文里常写 Average Precision（平均精度）一词。\n',
  });
  const terms = (bank: QuizConceptBank) => bank.concepts.map((c) => c.term);

  it('are read from the caller (the index stores them), not mined again by the bank', () => {
    const mined = minedPairs(note.meta, '论文里常写 Average Precision（平均精度）一词。');
    expect(mined).toEqual([['average precision', '平均精度']]);
    expect(terms(buildConceptBank([note], mined))).toContain('平均精度');
    expect(terms(buildConceptBank([note], []))).not.toContain('平均精度');
  });

  it('stored by the index give the bank the bot builds the same concepts as mining the notes (quiz:sample)', async () => {
    const index = await StudyIndex.open({
      notesDir,
      dataDir: tempDir('concepts-index-'),
      embeddingModel: null,
      logger: { info() {}, warn() {}, error() {} },
    });
    try {
      await index.sync();
      expect(new Set(index.glossaryPairs().map((p) => p.join('\t')))).toEqual(new Set(pairs.map((p) => p.join('\t'))));
      const fromIndex = buildConceptBank(index.notes, index.glossaryPairs());
      expect(fromIndex.concepts).toEqual(bank.concepts);
    } finally {
      index.close();
    }
  }, 60_000);
});

describe('term names', () => {
  it('parses bilingual terms and rejects phrases', () => {
    expect(parseTermName('特征金字塔网络（Feature Pyramid Network, FPN）')?.names).toEqual([
      '特征金字塔网络',
      'Feature Pyramid Network',
      'FPN',
    ]);
    expect(parseTermName('温度（temperature）T')?.display).toBe('温度（temperature）');
    expect(parseTermName('更多数据 / 数据增强（data augmentation）')?.names).toEqual(['数据增强', 'data augmentation']);
    expect(parseTermName('α 只平衡了正负样本的数量，区分不了难易')).toBeNull();
    expect(parseTermName('不需要 NMS')).toBeNull();
    expect(parseTermName('优点')).toBeNull();
    expect(isTermLike('仅返回类型不同不能构成重载')).toBe(false);
    expect(isTermLike('RoI Pooling')).toBe(true);
  });

  it('reads a heading as a term, but not a label under a question, which is one point of its answer', () => {
    expect(headingTerm(['12.2 Pytorch', '12.2.3 Blob'], 'ch12')?.names).toEqual(['Blob']);
    expect(headingTerm(['12.2 Pytorch', '12.2.2 为什么选择 Pytorch？', '1.简洁：'], 'ch12')).toBeNull();
    // A label under a heading that asks nothing may name a term.
    expect(headingTerm(['正则化', '正则化（regularization）：'], 'ch3')?.names).toEqual(['正则化', 'regularization']);
  });

  it('makes inline formulas readable, and flags the ones it cannot', () => {
    expect(latexToText('(1-p_t)^\\gamma').text).toBe('(1-p_t)^γ');
    expect(latexToText('\\frac{1}{T}').text).toBe('1/T');
    expect(latexToText('\\begin{cases} a \\\\ b \\end{cases}').hard).toBe(true);
    expect(cleanInline('**Focal Loss 是**在 $(1-p_t)^\\gamma$ 上').text).toBe('Focal Loss 是在 `(1-p_t)^γ` 上');
  });
});
