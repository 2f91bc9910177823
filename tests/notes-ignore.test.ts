/**
 * What is indexed: .studybotignore (gitignore syntax) over the defaults, and
 * notes their front matter marks as drafts or unpublished, which are skipped
 * with a reason the index reports.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudyIndex } from '../src/index/study-index.js';
import { ignoreRules } from '../src/notes/ignore-rules.js';
import { scanNotes } from '../src/notes/load.js';
import { noteOutlines, topicsView } from '../src/render/topics.js';
import { repoRoot } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

const vault = path.join(repoRoot, 'tests/fixtures/vault');
const blog = path.join(repoRoot, 'tests/fixtures/blog');

const open: StudyIndex[] = [];
afterEach(() => {
  for (const index of open.splice(0)) index.close();
});

async function synced(notesDir: string) {
  const index = await StudyIndex.open({ notesDir, dataDir: tempDir('studybot-data-'), embeddingModel: null });
  open.push(index);
  return { index, report: await index.sync() };
}

describe('ignore rules', () => {
  it('leave out .git, .obsidian, .trash, node_modules, _drafts and hidden folders by default', () => {
    const ignored = ignoreRules('');
    for (const p of ['.git/', '.obsidian/', '.trash/', 'node_modules/', 'sub/node_modules/', 'source/_drafts/', '.hidden/', '.hidden.md']) {
      expect(ignored(p), p).toBe(true);
    }
    for (const p of ['notes/', 'a.md', 'source/_posts/', '深度学习/反向传播.md']) expect(ignored(p), p).toBe(false);
  });

  it('give the same answers with and without an ignore file that only repeats the defaults', () => {
    const plain = ignoreRules('# nothing of our own\n\n');
    const viaMatcher = ignoreRules('.git/');
    const paths = [
      '.git/',
      'a/.obsidian/',
      'x/node_modules/',
      'node_modules.md',
      '_drafts/',
      'blog/_drafts/post.md',
      'a/b.md',
      '.hidden.md',
      'dir/',
      '深度学习/',
    ];
    for (const p of paths) expect(plain(p), p).toBe(viaMatcher(p));
  });

  it('add the patterns of .studybotignore, which can also bring a default back with "!"', () => {
    const ignored = ignoreRules('private/\n*.tmp.md\n!.trash/\n');
    expect(ignored('private/')).toBe(true);
    expect(ignored('week 1/x.tmp.md')).toBe(true);
    expect(ignored('.trash/')).toBe(false);
    expect(ignored('.git/')).toBe(true);
  });

  it('scanNotes of the fixture vault skips its .obsidian, .trash and the private/ folder its .studybotignore names', async () => {
    expect((await scanNotes(vault)).map((s) => s.file)).toEqual([
      'Draft idea.md',
      'Gradient Descent.md',
      'Loss Function.md',
      '深度学习/反向传播.md',
    ]);
  });

  it("skip the folders a vault's Templates and Templater settings name; '!' in .studybotignore brings one back", async () => {
    const notes = tempDir('studybot-vault-');
    for (const dir of ['.obsidian/plugins/templater-obsidian', 'Templates', 'Meta/Templater', 'CNN'])
      mkdirSync(path.join(notes, dir), { recursive: true });
    writeFileSync(path.join(notes, '.obsidian/templates.json'), '{"folder": "Templates"}');
    writeFileSync(path.join(notes, '.obsidian/plugins/templater-obsidian/data.json'), '{"templates_folder": "/Meta/Templater/"}');
    writeFileSync(path.join(notes, 'Templates/Concept.md'), '# {{title}}\n\n## 定义\n');
    writeFileSync(path.join(notes, 'Meta/Templater/Paper.md'), '# <% tp.file.title %>\n');
    writeFileSync(path.join(notes, 'CNN/残差连接.md'), '# 残差连接\n\n输出 y = F(x) + x。\n');
    expect((await scanNotes(notes)).map((s) => s.file)).toEqual(['CNN/残差连接.md']);
    writeFileSync(path.join(notes, '.studybotignore'), '!Templates/\n');
    expect((await scanNotes(notes)).map((s) => s.file)).toEqual(['CNN/残差连接.md', 'Templates/Concept.md']);
    // Settings that are not JSON name no folder.
    writeFileSync(path.join(notes, '.obsidian/templates.json'), '{folder: Templates');
    writeFileSync(path.join(notes, '.studybotignore'), '');
    expect((await scanNotes(notes)).map((s) => s.file)).toEqual(['CNN/残差连接.md', 'Templates/Concept.md']);
  });

  it('scanNotes of the fixture blog skips source/_drafts', async () => {
    expect((await scanNotes(blog)).map((s) => s.file)).toEqual([
      'content/posts/卷积网络.md',
      'source/_posts/hello-transformer.md',
      'source/_posts/unpublished.md',
    ]);
  });
});

describe('drafts and unpublished notes', () => {
  it('are skipped at sync with the reason, in both fixture folders; the other notes are indexed', async () => {
    const v = await synced(vault);
    expect(v.index.noteList().map((n) => n.file)).toEqual(['Gradient Descent.md', 'Loss Function.md', '深度学习/反向传播.md']);
    expect(v.report.skipped.map((s) => [s.file, s.reason])).toEqual([['Draft idea.md', 'a draft (front matter draft: true)']]);
    expect(v.index.notes.flatMap((n) => n.chunks).some((c) => c.text.includes('quantum'))).toBe(false);

    const b = await synced(blog);
    expect(b.index.noteList().map((n) => n.title)).toEqual(['卷积神经网络', 'Attention Is All You Need']);
    expect(b.report.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['source/_posts/unpublished.md', 'not published (front matter published: false)'],
    ]);
  });

  it('are indexed once the front matter publishes them, and dropped again when they become drafts', async () => {
    const notes = tempDir('studybot-notes-');
    cpSync(vault, notes, { recursive: true });
    const { index } = await synced(notes);
    writeFileSync(path.join(notes, 'Draft idea.md'), '---\ndraft: false\n---\n\n# Draft idea\n\nQuantum gradient descent, written up.\n');
    let report = await index.sync();
    expect(report.skipped).toEqual([]);
    expect(index.noteList().map((n) => n.file)).toContain('Draft idea.md');

    writeFileSync(path.join(notes, 'Loss Function.md'), '---\npublished: false\n---\n\n# Loss Function\n\nHidden again.\n');
    report = await index.sync();
    expect(report.skipped.map((s) => s.file)).toEqual(['Loss Function.md']);
    expect(index.notes.flatMap((n) => n.chunks).some((c) => c.file === 'Loss Function.md')).toBe(false);
  });

  it('an edited .studybotignore applies at the next sync: newly ignored notes leave the index', async () => {
    const notes = tempDir('studybot-notes-');
    cpSync(vault, notes, { recursive: true });
    mkdirSync(path.join(notes, 'scratch'));
    writeFileSync(path.join(notes, 'scratch/todo.md'), '# Todo\n\nBuy milk.\n');
    const { index } = await synced(notes);
    expect(index.noteList().map((n) => n.file)).toContain('scratch/todo.md');
    writeFileSync(path.join(notes, '.studybotignore'), 'private/\nscratch/\n');
    await index.sync();
    expect(index.noteList().map((n) => n.file)).not.toContain('scratch/todo.md');
  });
});

describe('/topics', () => {
  it('lists the notes left out of the index and why, after the notes', async () => {
    const { index } = await synced(vault);
    const embed = topicsView(noteOutlines(index.notes), 0, undefined, index.skipped).embeds[0]!;
    expect(embed.fields!.map((f) => f.name)).toEqual(['Gradient Descent', 'Loss Function', '反向传播', 'Not indexed (1)']);
    expect(embed.fields!.at(-1)!.value).toBe('`Draft idea.md`: a draft (front matter draft: true)');
  });

  it('says what was left out also when nothing could be indexed', () => {
    const embed = topicsView([], 0, undefined, [{ file: 'a.md', reason: 'is not valid UTF-8 (re-save it as UTF-8)' }]).embeds[0]!;
    expect(embed.description).toContain('No notes are indexed yet');
    expect(embed.fields).toEqual([{ name: 'Not indexed (1)', value: '`a.md`: is not valid UTF-8 (re-save it as UTF-8)' }]);
  });
});
