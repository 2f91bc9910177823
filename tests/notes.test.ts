import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../src/notes/chunk.js';

// The bundled notes are part of the product: each must be a full study note.
const NOTES = path.resolve('notes');
const files = readdirSync(NOTES)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe('bundled notes', () => {
  it('are the ten notes the project ships', () => {
    expect(files).toEqual([
      'cpp-review.md',
      'detr.md',
      'dl-interview-basics.md',
      'faster-rcnn.md',
      'fcn.md',
      'fpn.md',
      'knowledge-distillation.md',
      'polarmask.md',
      'pspnet.md',
      'retinanet-focal-loss.md',
    ]);
  });

  it.each(files)('%s has front matter, five or more sections and 3,000–8,000 characters', (file) => {
    const text = readFileSync(path.join(NOTES, file), 'utf8');
    const { meta, chunks } = chunkNote({ file, text });
    expect(meta.title.length).toBeGreaterThan(0);
    expect(meta.tags.length).toBeGreaterThan(0);
    expect(meta.aliases.some((a) => /[A-Za-z]/.test(a))).toBe(true);
    expect(meta.aliases.some((a) => /[\u4e00-\u9fff]/.test(a))).toBe(true);
    expect(text.match(/^#{2,3} /gm)!.length).toBeGreaterThanOrEqual(5);
    expect([...text].length).toBeGreaterThanOrEqual(3000);
    expect([...text].length).toBeLessThanOrEqual(8000);
    expect(chunks.length).toBeGreaterThanOrEqual(5);
  });
});
