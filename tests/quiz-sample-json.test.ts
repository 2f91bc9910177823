/**
 * Specification for `npm run quiz:sample -- --json` (dist/cli/quiz-sample.js, built
 * by `npm test`): one question per line on stdout, nothing else there, each
 * `{"id","type","stem","options","correct","source":{"file","startLine"}}` with
 * the stem and options exactly as the generator makes them for that seed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConceptBank } from '../src/concepts/bank.js';
import { generateAll, generateQuiz } from '../src/quiz/generate.js';
import { loadGlossaryPairs, loadNotes, notesDir, repoRoot } from './support/quiz-notes.js';

const SAMPLE = path.join(repoRoot, 'dist/cli/quiz-sample.js');

function sample(...args: string[]) {
  return spawnSync(process.execPath, [SAMPLE, ...args], { encoding: 'utf8', cwd: repoRoot });
}

describe('quiz:sample --json', () => {
  it('prints one JSON question per line, as generated for the seed, and only that on stdout', async () => {
    const run = sample('--json', '--notes', notesDir, '--n', '7', '--seed', '3');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(7);
    const parsed = lines.map((l) => JSON.parse(l));
    const bank = buildConceptBank(await loadNotes(notesDir), await loadGlossaryPairs(notesDir));
    const expected = generateQuiz(bank, { n: 7, seed: '3' });
    expect(parsed).toEqual(
      expected.map((q) => ({
        id: q.id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        correct: q.correctIndex,
        source: { file: q.source.file, startLine: q.source.startLine },
      })),
    );
    for (const q of parsed) {
      expect(Object.keys(q)).toEqual(['id', 'type', 'stem', 'options', 'correct', 'source']);
      expect(q.options).toHaveLength(4);
      expect([0, 1, 2, 3]).toContain(q.correct);
    }
    expect(run.stderr).toMatch(/Concept bank: \d+ concepts/);
  });

  it('--stats measures every question the bank can produce: its size, the longest option, the position', async () => {
    const run = sample('--stats', '--notes', notesDir);
    expect(run.status).toBe(0);
    const bank = buildConceptBank(await loadNotes(notesDir), await loadGlossaryPairs(notesDir));
    const all = generateAll(bank, { seed: 1 });
    const covered = new Set(all.map((q) => q.conceptId)).size;
    expect(run.stdout).toContain(`questions: ${all.length} on ${covered} of ${bank.concepts.length} concepts; asked first: `);
    expect(run.stdout).toMatch(/correct option strictly the longest: \d+ %; description questions: \d+ % of \d+/);
    const positions = /correct position over seeds 1–3: (\d+) \/ (\d+) \/ (\d+) \/ (\d+), chi-square [\d.]+/.exec(run.stdout);
    expect(positions?.slice(1).reduce((sum, n) => sum + Number(n), 0)).toBe(
      [1, 2, 3].reduce((sum, seed) => sum + generateAll(bank, { seed }).length, 0),
    );
  });

  it('bad arguments get a clear message and exit code 2', () => {
    const run = sample('--json', '--n', 'zero');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--n must be a positive whole number/);
  });
});
