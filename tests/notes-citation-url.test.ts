/**
 * NOTES_URL: citations as links. Pure templating over what the index knows of
 * the cited note (path, lines, commit, permalink), and the commit read from a
 * notes folder that is a git work tree.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudyIndex } from '../src/index/study-index.js';
import { citationLink, parseNotesUrl, type NotesUrl } from '../src/notes/citation-url.js';
import { commitHolding, gitBlobId, readGitState } from '../src/notes/git-state.js';
import { git } from './support/git-vault.js';
import { tempDir } from './support/temp-dir.js';

const template = (t: string): NotesUrl => {
  const parsed = parseNotesUrl(t);
  if (!parsed.ok || !parsed.notesUrl) throw new Error(`bad template ${t}`);
  return parsed.notesUrl;
};
const GITHUB = template('https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}');

describe('parseNotesUrl', () => {
  it('unset or empty means no links', () => {
    expect(parseNotesUrl(undefined)).toEqual({ ok: true, notesUrl: null });
    expect(parseNotesUrl('  ')).toEqual({ ok: true, notesUrl: null });
  });

  it('reads "obsidian", with or without a vault name', () => {
    expect(parseNotesUrl('obsidian')).toEqual({ ok: true, notesUrl: { kind: 'obsidian', vault: null } });
    expect(parseNotesUrl('obsidian:My Vault')).toEqual({ ok: true, notesUrl: { kind: 'obsidian', vault: 'My Vault' } });
  });

  it('refuses what is not a URL, unknown placeholders, and templates that cannot tell notes apart, saying how to write it', () => {
    for (const bad of ['github.com/{path}', 'https://x/{file}#L{start}', 'https://blog.example/']) {
      const parsed = parseNotesUrl(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('NOTES_URL must be');
    }
  });
});

describe('citationLink', () => {
  const cited = { file: 'week 1/卷积 网络.md', startLine: 12, endLine: 30, commit: '0123abcd' };

  it('fills path, lines and commit, percent-encoding spaces and Chinese characters per path segment', () => {
    expect(citationLink(GITHUB, cited, '/notes')).toEqual({
      ok: true,
      url: 'https://github.com/you/notes/blob/0123abcd/week%201/%E5%8D%B7%E7%A7%AF%20%E7%BD%91%E7%BB%9C.md#L12-L30',
    });
  });

  it('encodes "#" and "?" in a file name so they stay part of the path', () => {
    const link = citationLink(template('https://x.example/{path}'), { file: 'C# tips?.md', startLine: 1, endLine: 2 }, '/n');
    expect(link).toEqual({ ok: true, url: 'https://x.example/C%23%20tips%3F.md' });
  });

  it('gives no link, with the reason, when the template needs a commit the note does not have', () => {
    const link = citationLink(GITHUB, { ...cited, commit: undefined }, '/notes');
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.reason).toMatch(/differed from the git HEAD/);
    expect(citationLink(template('https://x.example/{path}#L{start}'), { ...cited, commit: undefined }, '/n').ok).toBe(true);
  });

  it('links a blog post by its front matter permalink, encoded once; without one there is no link', () => {
    const blog = template('https://blog.example/{permalink}');
    expect(citationLink(blog, { ...cited, permalink: '/cn/卷积 网络/' }, '/n')).toEqual({
      ok: true,
      url: 'https://blog.example/cn/%E5%8D%B7%E7%A7%AF%20%E7%BD%91%E7%BB%9C/',
    });
    expect(citationLink(blog, { ...cited, permalink: 'posts/a%20b/' }, '/n')).toEqual({
      ok: true,
      url: 'https://blog.example/posts/a%20b/',
    });
    const none = citationLink(blog, cited, '/n');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toContain('no permalink');
  });

  it('NOTES_URL=obsidian opens the note (path without .md) in the vault named after the notes folder', () => {
    expect(citationLink({ kind: 'obsidian', vault: null }, cited, '/home/me/Study Vault')).toEqual({
      ok: true,
      url: 'obsidian://open?vault=Study%20Vault&file=week%201%2F%E5%8D%B7%E7%A7%AF%20%E7%BD%91%E7%BB%9C',
    });
    expect(citationLink({ kind: 'obsidian', vault: '笔记' }, { file: 'a.md', startLine: 1, endLine: 1 }, '/x')).toEqual({
      ok: true,
      url: 'obsidian://open?vault=%E7%AC%94%E8%AE%B0&file=a',
    });
  });
});

const open: StudyIndex[] = [];
afterEach(() => {
  for (const index of open.splice(0)) index.close();
});

describe('the commit of a notes folder in git', () => {
  it("computes git's blob id", () => {
    const repo = tempDir('studybot-git-');
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, 'a.md'), '# 标题\n\ntext\n');
    expect(gitBlobId(Buffer.from('# 标题\n\ntext\n'))).toBe(git(repo, 'hash-object', 'a.md'));
  });

  it('is HEAD for a note unchanged since the commit, none for one with uncommitted edits, and null outside git', async () => {
    const repo = tempDir('studybot-git-');
    git(repo, 'init', '-q');
    mkdirSync(path.join(repo, 'notes/第 1 周'), { recursive: true });
    writeFileSync(path.join(repo, 'notes/第 1 周/a.md'), '# A\n\nalpha\n');
    writeFileSync(path.join(repo, 'notes/b.md'), '# B\n\nbeta\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'notes');
    const head = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(path.join(repo, 'notes/b.md'), '# B\n\nbeta, edited\n');

    // The notes folder may be a subfolder of the work tree: paths are relative to it.
    const state = await readGitState(path.join(repo, 'notes'));
    expect(state?.commit).toBe(head);
    expect(commitHolding(state, '第 1 周/a.md', '# A\n\nalpha\n')).toBe(head);
    expect(commitHolding(state, 'b.md', '# B\n\nbeta, edited\n')).toBeUndefined();
    expect(await readGitState(tempDir('studybot-nogit-'))).toBeNull();

    // Recorded at sync, in the note's metadata.
    const index = await StudyIndex.open({ notesDir: path.join(repo, 'notes'), dataDir: tempDir('studybot-data-'), embeddingModel: null });
    open.push(index);
    await index.sync();
    const commits = Object.fromEntries(index.notes.map((n) => [n.file, n.meta.commit]));
    expect(commits).toEqual({ 'b.md': undefined, '第 1 周/a.md': head });

    // Committing the edit and touching the file records the new commit; the earlier note keeps the one holding its text.
    git(repo, 'commit', '-qam', 'edit b');
    const second = git(repo, 'rev-parse', 'HEAD');
    const now = new Date();
    utimesSync(path.join(repo, 'notes/b.md'), now, new Date(now.getTime() + 5000));
    await index.sync();
    expect(Object.fromEntries(index.notes.map((n) => [n.file, n.meta.commit]))).toEqual({ 'b.md': second, '第 1 周/a.md': head });
  });
});
