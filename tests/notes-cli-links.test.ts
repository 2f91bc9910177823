/**
 * The CLI with NOTES_URL, as a user runs it (built CLI): the answer ends with
 * the link to the quoted lines at the commit that was indexed, `--json` gives
 * each result its url, `studybot index` says which notes were skipped and why,
 * and without NOTES_URL nothing changes.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';
import { committedVault } from './support/git-vault.js';
import { tempDir } from './support/temp-dir.js';

const CLI = path.join(repoRoot, 'dist/cli/main.js');

function studybot(notes: string, data: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, EMBEDDING_MODEL: 'none', NOTES_DIR: notes, DATA_DIR: data, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function gitVault(): { notes: string; head: string } {
  const notes = tempDir('studybot-vault-');
  return { notes, head: committedVault(notes) };
}

const GITHUB = 'https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}';

describe('studybot with NOTES_URL', () => {
  it('index: reports the draft it skipped and why', () => {
    const { notes } = gitVault();
    const { code, stderr } = studybot(notes, tempDir('studybot-data-'), ['index']);
    expect(code).toBe(0);
    expect(stderr).toContain('skipped Draft idea.md: a draft (front matter draft: true)');
  });

  it('ask: prints the link to the quoted lines at the indexed commit, path percent-encoded; --json gives every result its url', () => {
    const { notes, head } = gitVault();
    const data = tempDir('studybot-data-');
    const text = studybot(notes, data, ['ask', 'gradient descent learning rate'], { NOTES_URL: GITHUB });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Gradient Descent.md:13-18');
    expect(text.stdout.trim().split('\n').at(-1)).toBe(`link: https://github.com/you/notes/blob/${head}/Gradient%20Descent.md#L13-L18`);

    const json = JSON.parse(studybot(notes, data, ['ask', '--json', 'gradient descent learning rate'], { NOTES_URL: GITHUB }).stdout);
    expect(json.results[0].url).toBe(`https://github.com/you/notes/blob/${head}/Gradient%20Descent.md#L13-L18`);
    for (const r of json.results) expect(r.url).toMatch(new RegExp(`^https://github.com/you/notes/blob/${head}/`));
  });

  it('ask: a note edited since the last commit gets no link, and says why', () => {
    const { notes } = gitVault();
    writeFileSync(
      path.join(notes, 'Loss Function.md'),
      '# Loss Function\n\n## Cross entropy\n\nCross entropy is the usual loss for classification, edited.\n',
    );
    const { stdout } = studybot(notes, tempDir('studybot-data-'), ['ask', 'what is the usual loss for classification'], {
      NOTES_URL: GITHUB,
    });
    expect(stdout).toContain('Loss Function.md:');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^no link: Loss Function\.md differed from the git HEAD/);
  });

  it('ask: NOTES_URL=obsidian prints an obsidian:// link; no NOTES_URL prints no link; a bad NOTES_URL is refused with exit 2', () => {
    const { notes } = gitVault();
    const data = tempDir('studybot-data-');
    const vaultName = encodeURIComponent(path.basename(notes));
    const obsidian = studybot(notes, data, ['ask', '反向传播的链式法则'], { NOTES_URL: 'obsidian' });
    expect(obsidian.stdout.trim().split('\n').at(-1)).toBe(
      `link: obsidian://open?vault=${vaultName}&file=${encodeURIComponent('深度学习/反向传播')}`,
    );

    const plain = studybot(notes, data, ['ask', '反向传播的链式法则']);
    expect(plain.stdout).not.toMatch(/link:/);
    const json = JSON.parse(studybot(notes, data, ['ask', '--json', '反向传播的链式法则']).stdout);
    expect(Object.keys(json.results[0])).toEqual(['file', 'headingPath', 'startLine', 'endLine', 'score', 'coverage', 'quote']);

    const bad = studybot(notes, data, ['ask', 'anything'], { NOTES_URL: 'github.com/{path}' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NOTES_URL must be');
  });
});
