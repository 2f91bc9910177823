import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline, env } from '@huggingface/transformers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'tiny-embedder');
const SCRIPT = path.join(ROOT, 'scripts', 'make-fixture-model.mjs');
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'README.md'];

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe('tiny-embedder test fixture', () => {
  it('is reproduced byte-for-byte by scripts/make-fixture-model.mjs', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tiny-embedder-'));
    try {
      execFileSync(process.execPath, [SCRIPT, out], { stdio: 'pipe' });
      for (const f of FILES) {
        expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(FIXTURE, f))), f).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('loads offline in transformers.js and yields unit-norm mean-pooled vectors', async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const extractor = await pipeline('feature-extraction', FIXTURE, { dtype: 'fp32' });
    const texts = ['query: what is focal loss', 'passage: 焦点损失（Focal Loss）是一种损失'];
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    expect(out.dims).toEqual([2, 32]);
    const rows = out.tolist() as number[][];
    for (const r of rows) expect(Math.sqrt(dot(r, r))).toBeCloseTo(1, 5);
    expect(dot(rows[0]!, rows[1]!)).toBeLessThan(0.999);

    const again = (await extractor([texts[1]!], { pooling: 'mean', normalize: true })).tolist() as number[][];
    again[0]!.forEach((v, i) => {
      expect(v).toBeCloseTo(rows[1]![i]!, 6);
    });

    // Chinese is split per character, English goes through WordPiece; no [UNK] here.
    const ids = extractor.tokenizer.encode(texts[1]!);
    const tokens = extractor.tokenizer.model.convert_ids_to_tokens(ids);
    expect(tokens).toEqual([
      '[CLS]',
      'passage',
      ':',
      '焦',
      '点',
      '损',
      '失',
      '（',
      'focal',
      'loss',
      '）',
      '是',
      '一',
      '种',
      '损',
      '失',
      '[SEP]',
    ]);
  }, 60_000);
});
