/**
 * Versioned names (search/name-variants.ts): "yolo v3" finds the notes'
 * "YOLOv3", and "yolov3" finds a note that writes "YOLO v3".
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { withNameVariants } from '../src/search/name-variants.js';
import { memoryCorpus } from './support/memory-corpus.js';

const joinedNotes = memoryCorpus([
  { id: 'v3', headingPath: ['Detection', 'YOLOv3'], text: 'YOLOv3 predicts boxes at three scales with a deeper backbone.' },
  { id: '9000', headingPath: ['Detection', 'YOLO9000'], text: 'YOLO trains on detection and classification data together.' },
  { id: 'ssd', headingPath: ['Detection', 'SSD'], text: 'SSD predicts boxes from several feature maps.' },
  { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'Pooling shrinks feature maps.' },
]);
const apartNotes = memoryCorpus([
  { id: 'v3', headingPath: ['Detection', 'YOLO v3'], text: 'YOLO v3 predicts boxes at three scales.' },
  { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'Pooling shrinks feature maps.' },
  { id: 'ssd', headingPath: ['Detection', 'SSD'], text: 'SSD predicts boxes from several feature maps.' },
]);

const variantsOf = (corpus: typeof joinedNotes, question: string) =>
  Object.fromEntries(withNameVariants(corpus.analyzeQuery(question), question, corpus).map((g) => [g.surface, g.expansions]));

describe('withNameVariants', () => {
  it('gives a name typed apart from its version the joined form the notes use', () => {
    expect(variantsOf(joinedNotes, 'yolo v3 structure')).toEqual({ yolo: ['yolov3'], v3: ['yolov3'], structure: [] });
    expect(variantsOf(joinedNotes, 'yolo-v3 structure').yolo).toEqual(['yolov3']);
  });

  it('gives a name typed together the parts the notes write apart', () => {
    expect(variantsOf(apartNotes, 'yolov3 structure').yolov3).toEqual(['yolo', 'v3']);
  });

  it('adds nothing the notes do not use', () => {
    expect(variantsOf(joinedNotes, 'yolo v5 structure')).toEqual({ yolo: [], v5: [], structure: [] });
    expect(variantsOf(apartNotes, 'yolov5 structure').yolov5).toEqual([]);
    // A word that ends in digits is not split when the notes hold it as typed.
    expect(variantsOf(joinedNotes, 'yolov3 scales').yolov3).toEqual([]);
  });
});

describe('ask() on a versioned name typed apart', () => {
  it('ranks the section named by the joined form first', async () => {
    expect((await ask(joinedNotes, 'yolo v3 structure')).results[0]?.chunkId).toBe('v3');
  });

  it('leaves the section holding only the name first when switched off (the ablation)', async () => {
    expect((await ask(joinedNotes, 'yolo v3 structure', { features: { nameVariants: false } })).results[0]?.chunkId).toBe('9000');
  });

  it('finds a note that writes the name apart from a question that writes it together', async () => {
    const answer = await ask(apartNotes, 'yolov3 structure');
    expect(answer.results[0]?.chunkId).toBe('v3');
    expect((await ask(apartNotes, 'yolov3 structure', { features: { nameVariants: false } })).results[0]?.chunkId).not.toBe('v3');
  });
});
