import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesDir, repoRoot } from './support/paths.js';
import { pngStats } from './support/png-stats.js';
import { tempDir } from './support/temp-dir.js';

// `studybot preview` as a user runs it: the built CLI on the bundled notes, keyword search only.
const CLI = path.join(repoRoot, 'dist/cli/main.js');

function preview(args: string[], data: string) {
  const result = spawnSync(process.execPath, [CLI, 'preview', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, EMBEDDING_MODEL: 'none', NOTES_DIR: notesDir, DATA_DIR: data },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The `src` of every <img> on a page, and the page's text with tags and attribute values removed. */
const images = (html: string) => [...html.matchAll(/<img class="([\w-]+)" src="([^"]+)"/g)].map((m) => ({ kind: m[1]!, src: m[2]! }));
const visibleText = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');

describe('studybot preview', () => {
  it('writes the /ask answer, a quiz question, a daily post and a flashcard as pages, with the formula PNGs they show', () => {
    const data = tempDir('studybot-preview-');
    const out = path.join(data, 'out');
    const { code, stdout, stderr } = preview(['--out', out, 'what is focal loss'], data);
    expect(stderr).not.toMatch(/failed|Error/);
    expect(code).toBe(0);
    expect(stdout).toContain(path.join(out, 'index.html'));

    const page = (name: string) => readFileSync(path.join(out, name), 'utf8');
    const ask = page('ask.html');
    expect(ask).toContain('/ask question:what is focal loss');
    expect(ask).toContain('RetinaNet 与 Focal Loss');
    expect(ask).toMatch(/retinanet-focal-loss\.md:\d+-\d+ · result 1 of 5/);
    expect(ask).toContain('Next result (2/5)');
    // Inline math as Unicode, the display formula by its number: no raw TeX in what a reader sees.
    expect(visibleText(ask)).toContain('pₜ');
    expect(visibleText(ask)).not.toMatch(/\$|\\gamma|\\mathrm/);

    const askImages = images(ask);
    expect(askImages).toEqual([{ kind: 'embed-image', src: expect.stringMatching(/^files\/ask-formulas-[0-9a-f]{12}\.png$/) }]);
    const dailyImages = images(page('daily.html'));
    expect(dailyImages).toEqual([{ kind: 'embed-image', src: expect.stringMatching(/^files\/daily-formulas-[0-9a-f]{12}\.png$/) }]);
    for (const { src } of [...askImages, ...dailyImages]) {
      const file = path.join(out, src);
      expect(existsSync(file)).toBe(true);
      const png = pngStats(readFileSync(file));
      expect(png.width).toBeGreaterThan(100);
      expect(png.lumaVariance).toBeGreaterThan(100);
    }

    const quiz = page('quiz.html');
    expect(quiz).toContain('/quiz topic:retinanet-focal-loss.md');
    expect(quiz.match(/class="button primary"/g)).toHaveLength(4);
    expect(quiz).toContain('Next question');

    // The answer's note has flashcards of its own: the student's card is shown as /quiz posts it.
    const card = page('card.html');
    expect(card).toContain('/quiz topic:retinanet-focal-loss.md');
    expect(card).toContain('Show answer');
    expect(card).toMatch(/retinanet-focal-loss\.md:\d+/);
    expect(visibleText(card)).not.toMatch(/::|==/);

    const index = page('index.html');
    for (const trigger of ['/ask question:what is focal loss', '/quiz topic:', '/daily now']) expect(index).toContain(trigger);
  });

  it('refuses an empty question with a clear message and exit code 2, writing nothing', () => {
    const data = tempDir('studybot-preview-');
    const { code, stderr } = preview(['--out', path.join(data, 'out'), '   '], data);
    expect(code).toBe(2);
    expect(stderr.trim().length).toBeGreaterThan(0);
    expect(existsSync(path.join(data, 'out'))).toBe(false);
  });
});
