/**
 * Spelling correction (search/spelling.ts): words neither the notes nor
 * everyday language know are corrected to the notes' own words; a real
 * word the notes lack is left alone, and a correction weighs less than a
 * typed word.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import type { Corpus } from '../src/search/corpus.js';
import { glossaryChinese, spellingVocabulary } from '../src/index/vocabulary.js';
import { asTheNotesWriteIt, correctSpelling } from '../src/search/spelling.js';
import { memoryCorpus } from './support/memory-corpus.js';

const corpus = memoryCorpus(
  [
    { id: 'seg', text: 'segmentation assigns a class to every pixel' },
    { id: 'pool', text: '池化 层 缩小 特征图' },
    { id: 'attn', text: '注意力 机制 加权 求和' },
    { id: 'temp', text: 'temperature softens the softmax' },
  ],
  { everyday: { tea: 0.009, green: 0.012, water: 0.03, temperature: 0.002, pixel: 0.0001 }, glossaryWords: ['normalization'] },
);

/** The slips corrected in a question, each as the word typed and the word of the notes put in its place. */
const slipsIn = (question: string, notes: Corpus) => correctSpelling(question, notes).corrections.map(({ from, to }) => ({ from, to }));

describe('correctSpelling', () => {
  it('corrects an English word one or two edits from a word of the notes', () => {
    expect(correctSpelling('segmantation of an image', corpus)).toEqual({
      text: 'segmentation of an image',
      corrections: [{ from: 'segmantation', to: 'segmentation', at: 0 }],
    });
  });

  it('corrects towards a glossary word the notes do not use', () => {
    expect(slipsIn('batch normilization', corpus)).toEqual([{ from: 'normilization', to: 'normalization' }]);
  });

  it('leaves alone an everyday word the notes lack: it is what marks an off-topic question', () => {
    expect(slipsIn('green tea temperature', corpus)).toEqual([]);
  });

  it('prefers, between equally near glossary words, the one about as long as the word typed', () => {
    // Both one edit from "normilization" (the stem "normil" is one from "normal"); "normal" is in more sections.
    const base = memoryCorpus(
      [
        { id: 'a', text: 'normal distribution' },
        { id: 'b', text: 'normal noise' },
        { id: 'c', text: 'batch normalization' },
      ],
      { glossaryWords: ['normal', 'normalization'] },
    );
    const stemmed: Corpus = { ...base, tokenize: (text) => base.tokenize(text).map((t) => (t === 'normilization' ? 'normil' : t)) };
    expect(slipsIn('batch normilization', stemmed)).toEqual([{ from: 'normilization', to: 'normalization' }]);
  });

  it('takes two neighbouring letters typed in the wrong order as one slip', () => {
    const notes = memoryCorpus([{ id: 'm', text: 'metric learning and hard example mining' }]);
    expect(slipsIn('evaluation metirc', notes)).toEqual([{ from: 'metirc', to: 'metric' }]);
    expect(slipsIn('hard example mniing', notes)).toEqual([{ from: 'mniing', to: 'mining' }]);
  });

  it('takes a swap inside the stem as one slip too ("imgaes" stems to "imga", one swap from the index\'s "imag")', () => {
    const base = memoryCorpus([{ id: 'i', text: 'imag size' }]);
    // Stemmed as the real analyzer does: the index holds "imag" for "images", and "imgaes" is "imga" to it.
    const stems: Record<string, string> = { imgaes: 'imga', images: 'imag' };
    const stemmed: Corpus = { ...base, tokenize: (text) => base.tokenize(text).map((t) => stems[t] ?? t) };
    expect(slipsIn('resize the input imgaes', stemmed)).toEqual([{ from: 'imgaes', to: 'images' }]);
  });

  it('never matches the stem of a typo against a shorter word ("inetance" stems to "inet", one edit from "net")', () => {
    const base = memoryCorpus([{ id: 'n', text: 'net instance' }]);
    // Stemmed as the real analyzer does: "inetance" is "inet" to the index.
    const stemmed: Corpus = { ...base, tokenize: (text) => base.tokenize(text).map((t) => (t === 'inetance' ? 'inet' : t)) };
    expect(slipsIn('inetance of a class', stemmed)).toEqual([{ from: 'inetance', to: 'instance' }]);
  });

  it('leaves alone a word more than the edit budget away', () => {
    expect(slipsIn('sgmntatn', corpus)).toEqual([]);
  });

  it('corrects a Chinese homophone typo to the word of the notes that sounds the same and shares a character', () => {
    expect(slipsIn('持化层有什么用', corpus)).toEqual([{ from: '持化', to: '池化' }]);
    expect(correctSpelling('注意利机制', corpus).text).toBe('注意力机制');
  });

  it('corrects a typo in a word whose pieces the notes use, though never the word itself', () => {
    // As the index cuts it, 迟化层 is the word plus its bigrams, and 化层 (of 池化层) is the notes' own.
    const base = memoryCorpus([{ id: 'pool', text: '池化层 化层 缩小 特征图' }]);
    const withBigrams: Corpus = {
      ...base,
      tokenize: (text) =>
        base.tokenize(text).flatMap((t) => (/^[\u4e00-\u9fff]{3,}$/.test(t) ? [t, ...[...t].slice(1).map((c, i) => t[i] + c)] : [t])),
    };
    expect(slipsIn('迟化层有什么用', withBigrams)).toEqual([{ from: '迟化层', to: '池化层' }]);
  });

  it('leaves alone an everyday Chinese word the notes lack, even when it sounds like one of theirs', () => {
    const notes = memoryCorpus([{ id: 't', text: '老师 模型 蒸馏' }], { everyday: { 老是: 0.02 } });
    expect(slipsIn('老是出错', notes)).toEqual([]);
  });

  it('never changes a character of a word the notes use, even beside a word they lack', () => {
    // 和 is a word of the notes; 实 belongs to 实木地板, which they lack. 和实 sounds like the notes' fragment 合实.
    const notes = memoryCorpus([{ id: 'f', text: '合实 和 模型' }]);
    expect(slipsIn('强化木地板和实木地板哪个好', notes)).toEqual([]);
    // The same sound inside a word the notes lack is still corrected.
    expect(slipsIn('河实是什么', notes)).toEqual([{ from: '河实', to: '合实' }]);
  });

  it('does not read two characters of an everyday word as a slip because they sound like a word of the notes', () => {
    // 环经 (of 循环经济) sounds like the notes' 环境; 经济 is in one everyday paragraph in five.
    const notes = memoryCorpus([{ id: 'e', text: '环境 线性 模型' }], { everyday: { 经济: 0.2, 循环经济: 0.0001 } });
    expect(slipsIn('循环经济有什么用', notes)).toEqual([]);
    // Three characters are evidence enough, even across an everyday word: 自主意力 is 自注意力 mistyped.
    const attention = memoryCorpus([{ id: 'a', text: '注意力 机制' }], { everyday: { 自主: 0.02 } });
    expect(correctSpelling('自主意力是什么', attention).text).toBe('自注意力是什么');
  });

  it('leaves alone a word capitalised inside a sentence, or after a small letter: a name, not a slip', () => {
    // "Turing" is one edit from "tuning", a word of the notes; at the start of a sentence the capital says nothing.
    const notes = memoryCorpus([{ id: 't', text: 'tuning the learning rate and the cloud storage' }]);
    expect(slipsIn('I know about the Turing test', notes)).toEqual([]);
    expect(slipsIn('my iCloud is full', notes)).toEqual([]);
    expect(slipsIn('Tunning tips? Tunning the rate', notes)).toEqual([
      { from: 'Tunning', to: 'tuning' },
      { from: 'Tunning', to: 'tuning' },
    ]);
    expect(slipsIn('how is turing done', notes)).toEqual([{ from: 'turing', to: 'tuning' }]);
  });

  it('leaves alone a name typed in capitals and a word of four letters or fewer, which have too many neighbours', () => {
    const notes = memoryCorpus([{ id: 'd', text: 'dtr retinanet bay' }]);
    expect(slipsIn('DETR and RefineNet', notes)).toEqual([]);
    expect(slipsIn('detr off ebay', notes)).toEqual([]);
  });

  it('shows a correction found through the stem as a word, with the ending typed', () => {
    // The index holds stems: "hierarch" for "hierarchical". A toy stemmer drops "ical".
    const notes = memoryCorpus([{ id: 'h', text: 'hierarch cluster merges the nearest groups' }]);
    const stemming = { ...notes, tokenize: (text: string) => notes.tokenize(text).map((t) => t.replace(/ical$/, '')) };
    expect(slipsIn('what is hierachical clustering', stemming)).toEqual([{ from: 'hierachical', to: 'hierarchical' }]);
  });

  it('shows a stem that is no word as the glossary word it stands for ("backprop" → "backpropagation", not "backpropag")', () => {
    // The index holds "backpropag" for "backpropagation"; "backprop" is two edits from the stem, seven from the word.
    const notes = memoryCorpus([{ id: 'bp', text: 'backpropag 反向 传播 chain rule' }], { glossaryWords: ['backpropagation'] });
    const stemming = { ...notes, tokenize: (text: string) => notes.tokenize(text).map((t) => t.replace(/ation$/, '')) };
    expect(correctSpelling('how does backprop work', stemming).text).toBe('how does backpropagation work');
    // A stem that is a word itself ("smooth" for "smoth", beside the glossary's "smoothing") is shown as it is.
    const smooth = memoryCorpus([{ id: 's', text: 'smooth l1 loss' }], { glossaryWords: ['smoothing'], everyday: { smooth: 0.01 } });
    const stemmingToo = { ...smooth, tokenize: (text: string) => smooth.tokenize(text).map((t) => t.replace(/ing$/, '')) };
    expect(correctSpelling('what is smoth l1', stemmingToo).text).toBe('what is smooth l1');
  });

  it('shows a glossary word found for a misspelt one as the word itself, without the typed ending again', () => {
    // "centerrness" stems to "centerr", one edit from nothing the index holds; the glossary's "centerness" is two away.
    const notes = memoryCorpus([{ id: 'c', text: '中心度 抑制 低质量框' }], { glossaryWords: ['centerness'] });
    const stemming = { ...notes, tokenize: (text: string) => notes.tokenize(text).map((t) => t.replace(/ness$/, '')) };
    expect(correctSpelling('centerrness or nms', stemming).text).toBe('centerness or nms');
  });

  it('corrects a word whose stem happens to be known towards the glossary word it is one slip from ("centrness" stems as "centre")', () => {
    // Stemmed as the real analyzer does: "centrness" and "centre" are both "centr", which the notes hold.
    const notes = memoryCorpus([{ id: 'c', text: '中心度 centr of the box' }], { glossaryWords: ['centerness'] });
    const stems: Record<string, string> = { centrness: 'centr', centre: 'centr', centerness: 'center' };
    const stemming: Corpus = { ...notes, tokenize: (text) => notes.tokenize(text).map((t) => stems[t] ?? t) };
    expect(slipsIn('why does centrness take a square root', stemming)).toEqual([{ from: 'centrness', to: 'centerness' }]);
    // A word everyday English spells so is what the student meant, however near a glossary word.
    const everyday: Corpus = { ...stemming, isEverydaySpelling: (w) => w === 'centrness' };
    expect(slipsIn('why does centrness take a square root', everyday)).toEqual([]);
  });

  it('leaves alone an inflection of a glossary word: it stems as the word does', () => {
    const notes = memoryCorpus([{ id: 'h', text: '超参数 学习率' }], { glossaryWords: ['hyperparameter'] });
    const stemming = { ...notes, tokenize: (text: string) => notes.tokenize(text).map((t) => t.replace(/(?:er|ers)$/, '')) };
    expect(slipsIn('which hyperparameters matter most', stemming)).toEqual([]);
  });

  it('leaves alone a word with digits in it: a name with its version, not a slip of the name alone', () => {
    const notes = memoryCorpus([{ id: 'y', text: 'yolo v3 predicts boxes at three scales' }]);
    expect(slipsIn('yolov3 structure', notes)).toEqual([]);
  });

  it('never corrects two characters inside a longer word the dictionary knows (忆力 of 记忆力 sounds like 意力)', () => {
    const notes = memoryCorpus([{ id: 'a', text: '意力 模型' }], { everyday: { 记忆力: 0.0005 } });
    expect(slipsIn('记忆力下降怎么办', notes)).toEqual([]);
  });

  it('never corrects two characters across a word boundary (酒是 of 白酒是 sounds like 就是)', () => {
    const notes = memoryCorpus([{ id: 'z', text: '就是 蒸馏' }], { everyday: { 白酒: 0.002 } });
    expect(slipsIn('白酒是怎么蒸馏出来的', notes)).toEqual([]);
  });

  it('never corrects the words that ask what a thing is, though jieba fuses them with the name (表是 of 虚函数表是什么 sounds like 表示)', () => {
    const notes = memoryCorpus([{ id: 'v', text: '虚函数 函数 表示 重写' }], { everyday: { 函数: 0.001, 什么: 0.2 } });
    expect(slipsIn('虚函数表是什么', notes)).toEqual([]);
    expect(slipsIn('什么是持化', memoryCorpus([{ id: 'p', text: '池化 层' }]))).toEqual([{ from: '持化', to: '池化' }]);
  });

  it('reads a character as typed when it makes a word of everyday text with its neighbour (越 of 越大越好 is 越好, not a slip for 大约)', () => {
    // jieba guesses 越大越 a word the notes never use, so its 大越 sounded like the notes' 大约.
    const notes = memoryCorpus([{ id: 'b', text: '大约 批大小 越大' }], { everyday: { 越好: 0.0007, 越大: 0.004 } });
    expect(slipsIn('batch size 越大越好吗', notes)).toEqual([]);
    // A word the dictionary lists but everyday text hardly uses is no such evidence.
    const rare = memoryCorpus([{ id: 'b', text: '大约 批大小 越大' }], { everyday: { 越好: 0.000007, 越大: 0.004 } });
    expect(slipsIn('batch size 越大越好吗', rare)).toEqual([{ from: '大越', to: '大约' }]);
  });

  it('reads four characters that sound exactly like a four-character term of the notes as that term, though they are real words', () => {
    // 梯度小时: 梯度 and 小时 ("hour") are words; the input method offered them for 梯度消失.
    // The notes use both words, so no character of the question is unknown to them.
    const notes = memoryCorpus([{ id: 'v', text: '梯度消失 梯度 消失 小时' }], { everyday: { 小时: 0.05, 梯度: 0.001 } });
    expect(slipsIn('梯度小时怎么办', notes)).toEqual([{ from: '梯度小时', to: '梯度消失' }]);
    // Two of four characters must stay: a four-character phrase that only sounds alike is not a slip.
    const other = memoryCorpus([{ id: 'w', text: '体读晓士' }], { everyday: { 小时: 0.05, 梯度: 0.001 } });
    expect(slipsIn('梯度小时怎么办', other)).toEqual([]);
  });

  it('reads three characters made of fragments of words as the term they sound like (后 + 选框 for 候选框)', () => {
    // The index holds 选框 as a piece of 候选框, and 后 is a word of its own: no character is unknown to the notes.
    const notes = memoryCorpus([{ id: 'c', text: '候选框 选框 生成 后' }]);
    expect(slipsIn('后选框是什么', notes)).toEqual([{ from: '后选框', to: '候选框' }]);
    // A real word among the three is typed on purpose: 几种尺度 is "how many scales", not 中尺度.
    const scales = memoryCorpus([{ id: 's', text: '中尺度 特征 尺度 几种' }], { everyday: { 尺度: 0.001, 几种: 0.002 } });
    expect(slipsIn('anchor 有几种尺度', scales)).toEqual([]);
  });

  it('changes nothing in a question whose words the notes know', () => {
    expect(correctSpelling('池化 segmentation', corpus)).toEqual({ text: '池化 segmentation', corrections: [] });
  });
});

describe('ask() with a misspelt question', () => {
  it('finds the section of the corrected word and says which question it answered', async () => {
    const answer = await ask(corpus, 'segmantation pixel');
    expect(answer.correctedQuestion).toBe('segmentation pixel');
    expect(answer.results[0]?.chunkId).toBe('seg');
  });

  it('says which question it answered in the words of the sections found', async () => {
    const names = memoryCorpus([{ id: 'p', text: 'PolarMask predicts 36 rays' }]);
    const answer = await ask(names, 'polamask rays');
    expect(answer.correctedQuestion).toBe('PolarMask rays');
  });

  it('carries no corrected question when nothing was corrected', async () => {
    const answer = await ask(corpus, 'segmentation pixel');
    expect(answer.correctedQuestion).toBeUndefined();
    expect(answer.corrections).toEqual([]);
  });

  it('weighs a correction less than a typed word', async () => {
    const typed = await ask(corpus, 'segmentation');
    const corrected = await ask(corpus, 'segmantation');
    expect(corrected.results[0]?.chunkId).toBe('seg');
    expect(corrected.results[0]!.score).toBeLessThan(typed.results[0]!.score);
  });

  it('can be switched off for the ablation', async () => {
    const answer = await ask(corpus, 'segmantation', { features: { spelling: false } });
    expect(answer.corrections).toEqual([]);
    expect(answer.results).toEqual([]);
  });
});

describe('asTheNotesWriteIt', () => {
  // The index holds "incept" for "inception": a toy stemmer drops "ion".
  const notes = memoryCorpus([{ id: 'g', text: 'incept module widen' }], { glossaryWords: ['centerness'] });
  const stemming = { ...notes, tokenize: (text: string) => notes.tokenize(text).map((t) => t.replace(/ion$/, '').replace(/ness$/, '')) };

  it('shows a correction that is only a stem as the sections found write it, fewest edits from the word typed', () => {
    const question = 'what is incepton v2';
    const spelled = correctSpelling(question, stemming);
    expect(spelled.text).toBe('what is incept v2');
    const shown = asTheNotesWriteIt(
      question,
      spelled,
      ['Inception modules widen GoogLeNet; an inception module runs in parallel.'],
      stemming,
    );
    expect(shown.text).toBe('what is inception v2');
    expect(shown.corrections).toEqual([{ from: 'incepton', to: 'inception', at: 8 }]);
  });

  it('keeps the capitals a name is written with inside it', () => {
    const names = memoryCorpus([{ id: 'p', text: 'polarmask rays' }]);
    const question = 'how does polamask work';
    const shown = asTheNotesWriteIt(question, correctSpelling(question, names), ['PolarMask predicts 36 rays.'], names);
    expect(shown.text).toBe('how does PolarMask work');
  });

  it('shows a glossary word, and a correction no section writes, as they were made', () => {
    const glossary = asTheNotesWriteIt('centerrness', correctSpelling('centerrness', stemming), ['the center of the box'], stemming);
    expect(glossary.text).toBe('centerness');
    const unwritten = asTheNotesWriteIt('incepton', correctSpelling('incepton', stemming), ['nothing of the kind'], stemming);
    expect(unwritten.text).toBe('incept');
  });

  it('corrects Chinese and English slips of one question in place', () => {
    const mixed = memoryCorpus([{ id: 'm', text: 'segmentation 池化 层' }]);
    const question = '迟化 and segmantation';
    const spelled = correctSpelling(question, mixed);
    expect(spelled.text).toBe('池化 and segmentation');
    expect(spelled.corrections.map((c) => c.at)).toEqual([0, 7]);
  });
});

describe('the spelling vocabulary', () => {
  it('holds the glossary terms the notes use in pieces, by sound, with the fewest sections a piece is in', () => {
    const df = new Map([
      ['泛型', 3],
      ['编程', 5],
    ]);
    const pieces = (text: string) => (text === '泛型编程' ? ['泛型', '编程'] : [text]);
    const terms = glossaryChinese([['generic programming', '泛型编程']], pieces, (t) => df.get(t) ?? 0);
    expect(terms).toContainEqual({ term: '泛型编程', sections: 3 });
    const vocabulary = spellingVocabulary(df, [], terms);
    const entries = [...vocabulary.chineseByPinyin.values()].flat();
    expect(entries).toContainEqual({ word: '泛型编程', sections: 3 });
  });

  it('leaves out a glossary term one of whose pieces no section holds', () => {
    const vocabulary = spellingVocabulary(new Map(), [], [{ term: '梯度消失', sections: 0 }]);
    expect([...vocabulary.chineseByPinyin.values()].flat()).toEqual([]);
  });
});
