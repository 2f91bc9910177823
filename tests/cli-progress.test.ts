import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/cli/progress.js';

/** A stream that says it is a terminal, and keeps what was written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100 }) as unknown as NodeJS.WriteStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => stripVTControlCharacters(Buffer.concat(chunks).toString('utf8')) };
}

describe('the indexing progress bar', () => {
  it('on a terminal, draws the phase, the count, the share and a time estimate, with no placeholder left unfilled', () => {
    const { stream, text } = fakeTerminal();
    const progress = progressReporter(stream);
    progress.onProgress({ phase: 'reading', done: 0, total: 40 });
    progress.onProgress({ phase: 'reading', done: 20, total: 40 });
    progress.onProgress({ phase: 'reading', done: 40, total: 40 });
    const out = text();
    expect(out).toMatch(/Reading notes \[[^\]]+\] 40\/40 100% eta \S+/);
    expect(out).not.toMatch(/[{}]/);
  });

  it('without a terminal, prints one plain line per phase', () => {
    const chunks: string[] = [];
    const stream = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const progress = progressReporter(stream);
    progress.onProgress({ phase: 'reading', done: 0, total: 3 });
    progress.onProgress({ phase: 'reading', done: 3, total: 3 });
    progress.onProgress({ phase: 'embedding', done: 0, total: 12 });
    progress.stop();
    expect(chunks.join('')).toBe('Reading notes: 3 files…\nEmbedding: 12 chunks…\n');
  });
});
