import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI contract other tools depend on, exercised on the built CLI as a user runs it.
const CLI = path.resolve('dist/cli/main.js');
const NOTES = path.resolve('notes');
let data: string;

function studybot(args: string[], opts: { input?: string; env?: Record<string, string>; uid?: number } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, EMBEDDING_MODEL: 'none', NOTES_DIR: NOTES, DATA_DIR: data, ...opts.env },
    timeout: 60_000,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  data = mkdtempSync(path.join(tmpdir(), 'studybot-cli-'));
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('studybot index', () => {
  it('builds the index and reports what it indexed', () => {
    const { code, stdout, stderr } = studybot(['index']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^10 notes, \d+ chunks, dense search off\./);
    expect(stderr).toMatch(/Indexed 10 notes, \d+ chunks, built from scratch/);
  });
});

describe('studybot ask', () => {
  it('prints the focal-loss section of retinanet-focal-loss.md with its heading path and lines', () => {
    const { code, stdout } = studybot(['ask', 'what is focal loss']);
    expect(code).toBe(0);
    const [trail, cite] = stdout.split('\n');
    expect(trail).toMatch(/^RetinaNet 与 Focal Loss › .*Focal Loss/);
    expect(cite).toMatch(/^retinanet-focal-loss\.md:\d+-\d+ {2}\(coverage/);
    expect(stdout).toContain('Also relevant:');
  });

  it('answers --json with the stable shape, best first, k results', () => {
    const { code, stdout } = studybot(['ask', '--json', '--k', '3', 'FPN 的侧向连接是什么']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['question', 'answered', 'results']);
    expect(answer).toMatchObject({ question: 'FPN 的侧向连接是什么', answered: true });
    expect(answer.results).toHaveLength(3);
    for (const r of answer.results) {
      expect(r).toEqual({
        file: expect.stringMatching(/\.md$/),
        headingPath: expect.any(Array),
        startLine: expect.any(Number),
        endLine: expect.any(Number),
        score: expect.any(Number),
        coverage: expect.any(Number),
        quote: expect.any(String),
      });
      expect(r.startLine).toBeLessThanOrEqual(r.endLine);
      expect(r.quote.length).toBeLessThanOrEqual(620);
    }
    expect(answer.results[0].file).toBe('fpn.md');
    expect(answer.results.map((r: { score: number }) => r.score)).toEqual(
      [...answer.results.map((r: { score: number }) => r.score)].sort((a, b) => b - a),
    );
  });

  it('answers a side of a comparison with a section that speaks of it, not one a glossary slip ties to a common word', () => {
    // fcn.md's "结构（U-Net、SegNet）" lists two structures; read as a translation, U-Net was 结构 and PolarMask's 网络结构 its section.
    const answer = JSON.parse(studybot(['ask', '--json', 'FCN 和 U-Net 有什么区别']).stdout);
    const side = answer.results.find((r: { side?: string }) => r.side === 'U-Net');
    expect(side).toMatchObject({ file: 'fcn.md' });
    expect(side.quote).toContain('U-Net');
  });

  it('says so when the notes do not cover the question, still listing the nearest headings', () => {
    const json = JSON.parse(studybot(['ask', '--json', 'how do I bake sourdough bread']).stdout);
    expect(json.answered).toBe(false);
    const text = studybot(['ask', '如何办理护照']).stdout;
    expect(text).toMatch(/do not seem to cover|Nothing in the notes matches/);
  });

  it('reads one question per stdin line with "-", printing one JSON object per line', () => {
    const { code, stdout } = studybot(['ask', '--json', '-'], {
      input: 'what is focal loss\n\n什么是知识蒸馏\n   \nwhat is RoI pooling\n',
    });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['what is focal loss', '什么是知识蒸馏', 'what is RoI pooling']);
    expect(lines.map((l) => l.results[0].file)).toEqual(['retinanet-focal-loss.md', 'knowledge-distillation.md', 'faster-rcnn.md']);
  });

  it('reports a bad line in a stdin batch and goes on', () => {
    const { code, stdout } = studybot(['ask', '--json', '-'], { input: `${'x'.repeat(5000)}\nwhat is FCN\n` });
    expect(code).toBe(1);
    const [bad, good] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(bad.error).toMatch(/limit is 1000/);
    expect(good.results[0].file).toBe('fcn.md');
  });

  it.each([
    ['an empty question', '', /empty/],
    ['a 5,000-character question', 'a'.repeat(5000), /5000 characters long; the limit is 1000/],
    ['binary junk', '\u0001\u0002\ufffd\ufffd', /empty/],
    ['punctuation only', '?? ### !!', /no words/],
  ])('refuses %s with a clear message and exit code 2', (_label, question, message) => {
    const { code, stderr, stdout } = studybot(['ask', question]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('refuses a notes folder that does not exist', () => {
    const { code, stderr } = studybot(['ask', '--notes', '/no/such/dir', 'what is fpn']);
    expect(code).toBe(2);
    expect(stderr).toContain('Notes folder not found: /no/such/dir');
  });

  it('skips a note that is not UTF-8 with a warning and answers from the rest', () => {
    const notes = mkdtempSync(path.join(tmpdir(), 'studybot-notes-'));
    mkdirSync(path.join(notes, 'sub'));
    writeFileSync(path.join(notes, 'sub', 'good.md'), '# Good\n\n## Dropout\n\nDropout 随机丢弃神经元，是一种正则化方法。\n');
    writeFileSync(path.join(notes, 'bad.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const { code, stdout, stderr } = studybot([
      'ask',
      '--json',
      '--notes',
      notes,
      '--data',
      path.join(notes, '.data'),
      'what does dropout do',
    ]);
    rmSync(notes, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(/Skipping bad\.md/);
    expect(JSON.parse(stdout).results[0]).toMatchObject({ file: 'sub/good.md', headingPath: ['Good', 'Dropout'] });
  });

  it('validates --k', () => {
    const { code, stderr } = studybot(['ask', '--k', 'zero', 'what is fpn']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--k must be a whole number/);
  });

  it('works offline with the default model: the dense leg is off and one line says why', () => {
    const env = { EMBEDDING_MODEL: '' };
    const { code, stdout, stderr } = studybot(['ask', '--json', 'what is focal loss'], { env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results[0].file).toBe('retinanet-focal-loss.md');
    expect(stderr.match(/Dense \(semantic\) search is off/g)).toHaveLength(1);
  });
});

/** Every file of a folder with its content hash and inode: equal means nothing was written, replaced or removed. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      return `${f} ${statSync(file).ino} ${statSync(file).isFile() ? createHash('sha1').update(readFileSync(file)).digest('hex') : 'dir'}`;
    });
}

function tempFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

describe('a run pointed at the wrong folder destroys nothing', () => {
  it('checks --notes before touching the index: a mistyped folder leaves the index as it was', () => {
    const own = tempFolder('studybot-cli-own-');
    expect(studybot(['index', '--data', own]).code).toBe(0);
    const before = snapshot(own);
    const { code, stderr } = studybot(['ask', '--notes', '/no/such/dir', '--data', own, 'what is fpn']);
    expect(code).toBe(2);
    expect(stderr).toContain('Notes folder not found: /no/such/dir');
    expect(stderr).not.toMatch(/Rebuilding/);
    expect(snapshot(own)).toEqual(before);
    rmSync(own, { recursive: true, force: true });
  });

  it('refuses to replace the index of one notes folder for a run on another, unless --rebuild', () => {
    const own = tempFolder('studybot-cli-own-');
    const other = tempFolder('studybot-cli-other-');
    writeFileSync(path.join(other, 'one.md'), '# One\n\n## Dropout\n\nDropout 随机丢弃神经元。\n');
    expect(studybot(['index', '--data', own]).code).toBe(0);
    const before = snapshot(own);
    const refused = studybot(['ask', '--notes', other, '--data', own, 'what is dropout']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: ${own} holds the index of the notes in ${NOTES}, not ${other}. ` +
        'Use another data folder for these notes (--data DIR or DATA_DIR), or replace that index with --rebuild.\n',
    );
    expect(snapshot(own)).toEqual(before);

    const replaced = studybot(['index', '--notes', other, '--data', own, '--rebuild']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/^1 notes, 1 chunks/);
    expect(replaced.stderr).toContain(`it was built from ${NOTES} (--rebuild)`);
    rmSync(own, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });

  it('refuses a DATA_DIR holding files it did not create, deleting nothing', () => {
    const foreign = tempFolder('studybot-cli-foreign-');
    writeFileSync(path.join(foreign, 'manifest.json'), '{"name": "someone else"}');
    const { code, stderr } = studybot(['ask', '--data', foreign, 'what is fpn']);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: ${foreign} holds manifest\\.json, but it is not a StudyBot index file`));
    expect(readdirSync(foreign)).toEqual(['manifest.json']);
    rmSync(foreign, { recursive: true, force: true });
  });
});

describe('studybot and pathological notes', () => {
  it('lists the notes it skipped with the reason, honouring --max-note-mb, and refuses a bad limit', () => {
    const notes = tempFolder('studybot-cli-big-');
    writeFileSync(path.join(notes, 'small.md'), '# Small\n\n## Dropout\n\nDropout 随机丢弃神经元。\n');
    writeFileSync(
      path.join(notes, 'big.md'),
      `# Big\n\n${Array.from({ length: 12000 }, (_, i) => `第 ${i} 段：卷积层提取局部特征。`).join('\n\n')}\n`,
    );
    writeFileSync(
      path.join(notes, 'deep.md'),
      `# Deep\n\n${Array.from({ length: 300 }, (_, d) => `${' '.repeat(2 * d)}- item ${d}`).join('\n')}\n`,
    );
    const data = path.join(notes, '.data');
    const { code, stdout, stderr } = studybot(['index', '--notes', notes, '--data', data, '--max-note-mb', '0.5']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1 notes, /);
    expect(stderr).toContain('skipped big.md: is 0.54 MB; the limit is 0.5 MB (MAX_NOTE_MB)');
    expect(stderr).toContain('skipped deep.md: nests lists or quotes about 300 levels deep; the limit is 64');

    const bad = studybot(['index', '--notes', notes, '--data', data, '--max-note-mb', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: MAX_NOTE_MB (--max-note-mb) must be a number of megabytes, e.g. 2\n');
    rmSync(notes, { recursive: true, force: true });
  });
});

describe('studybot on a failing disk', () => {
  // A real read-only folder needs a user the permissions apply to: root writes anywhere.
  const canDropRoot = process.getuid?.() === 0;
  const NOBODY = 65534;

  it.skipIf(!canDropRoot)(
    'answers from a current index in a read-only DATA_DIR, and says in one line why it cannot update a stale one',
    () => {
      const notes = tempFolder('studybot-cli-ro-notes-');
      cpSync(NOTES, notes, { recursive: true });
      const readOnly = tempFolder('studybot-cli-ro-');
      expect(studybot(['index', '--notes', notes, '--data', readOnly]).code).toBe(0);
      for (const f of readdirSync(readOnly)) chmodSync(path.join(readOnly, f), 0o444);
      chmodSync(readOnly, 0o555);
      chmodSync(notes, 0o755);
      const before = snapshot(readOnly);

      const current = studybot(['ask', '--json', '--notes', notes, '--data', readOnly, 'what is focal loss'], { uid: NOBODY });
      expect(current.stderr).toMatch(/DATA_DIR is read-only/);
      expect(current.code).toBe(0);
      expect(JSON.parse(current.stdout).results[0].file).toBe('retinanet-focal-loss.md');

      writeFileSync(path.join(notes, 'new.md'), '# New\n\nnew note\n');
      const stale = studybot(['ask', '--notes', notes, '--data', readOnly, 'what is focal loss'], { uid: NOBODY });
      expect(stale.code).toBe(1);
      expect(stale.stdout).toBe('');
      expect(stale.stderr).toMatch(
        /^error: DATA_DIR is read-only: could not update the index to the changed notes in .*; make the folder writable or set DATA_DIR to another folder\.\n$/m,
      );
      expect(stale.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(readOnly)).toEqual(before);
      chmodSync(readOnly, 0o755);
      rmSync(readOnly, { recursive: true, force: true });
      rmSync(notes, { recursive: true, force: true });
    },
  );

  it('says once that the model cannot load, and does not try again on the next ask; `studybot index` does', () => {
    const own = tempFolder('studybot-cli-model-');
    const env = { EMBEDDING_MODEL: '/no/such/model-folder' };
    const first = studybot(['ask', '--data', own, 'what is focal loss'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr.match(/Dense \(semantic\) search is off/g)).toHaveLength(1);
    expect(first.stderr).toContain('EMBEDDING_MODEL=none');
    const second = studybot(['ask', '--data', own, 'what is focal loss'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/Dense/);
    const index = studybot(['index', '--data', own], { env });
    expect(index.stderr.match(/Dense \(semantic\) search is off/g)).toHaveLength(1);
    rmSync(own, { recursive: true, force: true });
  });
});
