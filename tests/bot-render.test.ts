/**
 * Specification of src/render/discord.ts: whatever the notes contain, every
 * payload stays within Discord's limits and renders as readable Markdown.
 */
import { describe, expect, it } from 'vitest';
import type { APIStringSelectComponent } from 'discord.js';
import type { Answer, AnswerResult } from '../src/search/ask.js';
import type { SyncReport } from '../src/index/study-index.js';
import {
  answerView,
  discordMarkdown,
  embedLength,
  fitContent,
  fitEmbed,
  helpView,
  LIMITS,
  noteOutlines,
  notCoveredView,
  reindexView,
  sectionPages,
  select,
  sectionTitle,
  splitPages,
  topicsView,
  truncate,
  truncateMarkdown,
} from '../src/render/discord.js';
import { customIds, parseCustomId } from '../src/render/custom-ids.js';
import { buttons } from './support/buttons.js';

const fences = (text: string) => text.split('\n').filter((l) => /^\s*```/.test(l)).length;

function result(over: Partial<AnswerResult> = {}): AnswerResult {
  return {
    chunkId: 'abcdef0123-4567890abc',
    file: 'retinanet-focal-loss.md',
    title: 'RetinaNet 与 Focal Loss',
    headingPath: ['RetinaNet 与 Focal Loss', '从交叉熵到 Focal Loss', 'Focal Loss 的定义'],
    startLine: 50,
    endLine: 59,
    score: 12.34567,
    coverage: 1,
    quote: 'Focal Loss 是 $(1-p_t)^\\gamma$ 加权的交叉熵。',
    text: 'whole section',
    ...over,
  };
}
const answerOf = (results: AnswerResult[], question = 'what is focal loss', answered = true): Answer => ({
  question,
  answered,
  results,
  corrections: [],
  legs: { keyword: true, dense: false },
});

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('a'.repeat(300), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits an emoji (surrogate pair) in half', () => {
    const cut = truncate('😀'.repeat(10), 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('truncateMarkdown', () => {
  it('closes a code block it cuts through', () => {
    const text = `intro\n\`\`\`cpp\n${'int x = 1;\n'.repeat(500)}\`\`\`\nafter`;
    const cut = truncateMarkdown(text, 1000);
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(fences(cut) % 2).toBe(0);
  });

  it('drops a dangling inline-code tick', () => {
    const text = `${'word '.repeat(30)}\`p_t ${'x'.repeat(200)}\``;
    const cut = truncateMarkdown(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect((cut.match(/`/g) ?? []).length % 2).toBe(0);
  });

  it('prefers ending at a sentence in Chinese text', () => {
    const text = '第一句话。'.repeat(100);
    const cut = truncateMarkdown(text, 203);
    expect(cut.length).toBeLessThanOrEqual(203);
    expect(cut).toMatch(/。\n…$/);
  });
});

describe('fitEmbed', () => {
  it('enforces title 256, description 4096, author 256, 25 fields of 256/1024, and 6000 in total', () => {
    const embed = fitEmbed({
      title: 't'.repeat(1000),
      description: 'd'.repeat(10_000),
      author: { name: 'a'.repeat(1000) },
      footer: { text: 'f'.repeat(100) },
      fields: Array.from({ length: 40 }, () => ({ name: 'n'.repeat(500), value: 'v'.repeat(2000) })),
    });
    expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.author!.name.length).toBeLessThanOrEqual(LIMITS.embedAuthor);
    expect(embed.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of embed.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('leaves an embed within the limits unchanged', () => {
    const embed = { title: 'T', description: 'D', footer: { text: 'F' }, fields: [{ name: 'n', value: 'v' }] };
    expect(fitEmbed(embed)).toEqual(embed);
  });

  it('fitContent keeps plain messages within 2000 characters', () => {
    expect(fitContent('x'.repeat(5000)).length).toBeLessThanOrEqual(LIMITS.content);
  });
});

describe('splitPages', () => {
  it('splits at lines into pages within the limit, losing nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    const pages = splitPages(lines.join('\n'), 1000);
    expect(pages.length).toBeGreaterThan(5);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(1000);
    expect(pages.join('\n').split('\n')).toEqual(lines);
  });

  it('closes and reopens a code block that spans pages', () => {
    const text = `before\n\`\`\`python\n${Array.from({ length: 200 }, (_, i) => `print(${i})`).join('\n')}\n\`\`\`\nafter`;
    const pages = splitPages(text, 500);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect(fences(p) % 2).toBe(0);
    }
    expect(pages[1]!.startsWith('```python')).toBe(true);
  });

  it('hard-wraps a single line longer than a page', () => {
    const pages = splitPages('y'.repeat(2500), 1000);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(1000);
    expect(pages.join('')).toBe('y'.repeat(2500));
  });

  it('an unclosed code block at the end is closed', () => {
    const pages = splitPages('```\ncode', 100);
    expect(pages).toEqual(['```\ncode\n```']);
  });
});

describe('discordMarkdown', () => {
  it('turns inline formulas into inline code so underscores are not read as italics', () => {
    expect(discordMarkdown('当 $p_t$ 很小时，$\\alpha_t$ 起作用')).toBe('当 `p_t` 很小时，`\\alpha_t` 起作用');
    expect(discordMarkdown('约 $10^4$～$10^5$ 个')).toBe('约 `10^4`～`10^5` 个');
  });

  it('turns display formulas into code blocks', () => {
    expect(discordMarkdown('定义\n\n$$\nFL(p_t) = -(1-p_t)^\\gamma \\log(p_t)\n$$\n\n结束')).toBe(
      '定义\n\n```\nFL(p_t) = -(1-p_t)^\\gamma \\log(p_t)\n```\n\n结束',
    );
    expect(discordMarkdown('$$x_1 + x_2$$')).toBe('```\nx_1 + x_2\n```');
  });

  it('leaves code blocks, inline code and prices alone', () => {
    const code = '```cpp\nint $a_b$ = 1; // $x$\n```';
    expect(discordMarkdown(code)).toBe(code);
    expect(discordMarkdown('use `$HOME` here')).toBe('use `$HOME` here');
    expect(discordMarkdown('costs $5 and $10 today')).toBe('costs $5 and $10 today');
  });

  it('puts tables (which Discord does not render) in a code block', () => {
    expect(discordMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('```\n| a | b |\n|---|---|\n| 1 | 2 |\n```');
  });
});

describe('sectionTitle', () => {
  it('is the note title › heading path, without repeating the title', () => {
    expect(sectionTitle(result())).toBe('RetinaNet 与 Focal Loss › 从交叉熵到 Focal Loss › Focal Loss 的定义');
    expect(sectionTitle(result({ title: 'Notes', headingPath: ['Intro'] }))).toBe('Notes › Intro');
  });

  it('drops middle headings first when too long, keeping the most specific one', () => {
    const title = sectionTitle(result({ headingPath: ['RetinaNet 与 Focal Loss', 'm'.repeat(300), 'Focal Loss 的定义'] }));
    expect(title).toBe('RetinaNet 与 Focal Loss › … › Focal Loss 的定义');
    expect(sectionTitle(result({ headingPath: ['x'.repeat(400)] })).length).toBeLessThanOrEqual(256);
  });
});

describe('answerView', () => {
  const answer = answerOf([result(), result({ chunkId: 'second0000-0000000000', file: 'fpn.md', startLine: 7, endLine: 9, score: 3 })]);

  it('shows one result: question, section title, readable quote, footer file:lines · its place in the list', () => {
    const { embeds } = answerView(answer, 0);
    expect(embeds).toHaveLength(1);
    expect(embeds[0]!.author!.name).toBe('❓ what is focal loss');
    // Inline math reads as Unicode (issue #13): no raw TeX, no Markdown eating the underscores.
    expect(embeds[0]!.description).toBe('Focal Loss 是 (1−pₜ)ᵞ 加权的交叉熵。');
    expect(embeds[0]!.footer!.text).toBe('retinanet-focal-loss.md:50-59 · result 1 of 2');
  });

  it('has Next result / Full section / 👍 / 👎 in one row, with ids that lead back to the result', () => {
    const { components } = answerView(answer, 0);
    expect(components).toHaveLength(2); // the buttons, then the list of results
    const ids = components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual([
      customIds.askNext(1),
      customIds.askSection(result().chunkId),
      customIds.askVote(1, result().chunkId),
      customIds.askVote(-1, result().chunkId),
    ]);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
  });

  it('wraps around after the last result and disables Next when there is only one', () => {
    expect(answerView(answer, 1).embeds[0]!.footer!.text).toBe('fpn.md:7-9 · result 2 of 2');
    expect(answerView(answer, 1).components[0]!.components[0]).toMatchObject({ custom_id: 'ask:next:0', label: 'Next result (1/2)' });
    expect(answerView(answerOf([result()]), 0).components[0]!.components[0]).toMatchObject({ disabled: true });
  });

  it('lists every result in a drop-down under the buttons, numbered as the footers number them, the one shown chosen', () => {
    const third = result({
      chunkId: 'third00000-0000000000',
      file: 'fcn.md',
      title: 'FCN',
      headingPath: ['FCN'],
      startLine: 3,
      endLine: 4,
    });
    const three = answerOf([...answer.results, third]);
    for (const shown of [0, 2]) {
      const row = answerView(three, shown).components[1]!;
      // Each option opens on its own heading, which a closed list shows first; the headings above it describe it.
      expect(row.components).toEqual([
        {
          type: 3,
          custom_id: customIds.askJump(),
          placeholder: 'Jump to a result…',
          options: [
            { label: '1. Focal Loss 的定义', value: '0', description: 'RetinaNet 与 Focal Loss › 从交叉熵到 Focal Loss' },
            { label: '2. Focal Loss 的定义', value: '1', description: 'RetinaNet 与 Focal Loss › 从交叉熵到 Focal Loss' },
            { label: '3. FCN', value: '2', description: 'fcn.md:3-4' },
          ].map((option, i) => (i === shown ? { ...option, default: true } : option)),
        },
      ]);
    }
  });

  it("shortens the headings above a deep section from the middle, keeping the note and the nearest, within Discord's 100", () => {
    const deep = result({
      headingPath: [
        'RetinaNet 与 Focal Loss',
        ...Array.from({ length: 6 }, (_, i) => `很长的中间标题第 ${i} 层`),
        '类别不平衡',
        '$p_t$ 的含义',
      ],
    });
    const option = (
      answerView(answerOf([result(), deep]), 0).components[1]!.components[0] as { options: { label: string; description: string }[] }
    ).options[1]!;
    expect(option.label).toBe('2. pₜ 的含义');
    expect(option.description.length).toBeLessThanOrEqual(LIMITS.selectOptionDescription);
    expect(option.description).toMatch(/^RetinaNet 与 Focal Loss › … › .*类别不平衡$/);
  });

  it('has no list when the message already shows every result', () => {
    expect(answerView(answerOf([result()]), 0).components).toHaveLength(1);
    const sides = answerOf([result({ side: 'lstm' }), result({ chunkId: 'gru0000000-0000000000', side: 'gru' })]);
    expect(buttons(answerView(sides, 0)).map((c) => c.type)).not.toContain(3);
  });

  it('lists the other sections found under the first answer by their headings, numbered as Next result walks them', () => {
    const third = result({ chunkId: 'third00000-0000000000', file: 'fcn.md', headingPath: ['FCN', '上采样'], startLine: 3, endLine: 4 });
    const { embeds } = answerView(answerOf([...answer.results, third]), 0);
    expect(embeds[0]!.fields).toEqual([
      {
        name: 'Also relevant:',
        value: '2. RetinaNet 与 Focal Loss › 从交叉熵到 Focal Loss › Focal Loss 的定义\n3. FCN › 上采样',
      },
    ]);
  });

  it("escapes a listed heading's Markdown, so a stray ** or two headings' underscores format nothing", () => {
    const odd = result({ chunkId: 'odd0000000-0000000000', headingPath: ['3.5 Batch_Size', '9.10.3 DeepLab+image-level labels**'] });
    const { embeds } = answerView(answerOf([result(), odd]), 0);
    expect(embeds[0]!.fields![0]!.value).toBe('2. 3.5 Batch\\_Size › 9.10.3 DeepLab+image-level labels\\*\\*');
    const refused = notCoveredView(answerOf([odd], 'q', false)).embeds[0]!.description!;
    expect(refused).toContain('1. 3.5 Batch\\_Size › 9.10.3 DeepLab+image-level labels\\*\\* — `retinanet-focal-loss.md:50-59`');
  });

  it('lists them only under the first answer, and not at all when there is nothing else', () => {
    expect(answerView(answer, 1).embeds[0]!.fields).toBeUndefined();
    expect(answerView(answerOf([result()]), 0).embeds[0]!.fields).toBeUndefined();
  });

  it('lists as many whole lines as fit a short field, however many sections were found', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      result({ chunkId: `many${i}000000-0000000000`, headingPath: ['长'.repeat(200), `第 ${i} 节`] }),
    );
    const { embeds } = answerView(answerOf(many), 0);
    const lines = embeds[0]!.fields![0]!.value.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(4);
    expect(lines.map((l) => l.split(' › ').at(-1))).toEqual(['第 1 节', '第 2 节', '第 3 节'].slice(0, lines.length));
  });

  it('stays within the limits for a huge quote and a 300-character question', () => {
    const huge = answerOf([result({ quote: `${'长'.repeat(5000)}\n\`\`\`\n${'code\n'.repeat(1000)}\`\`\`` })], 'q'.repeat(300));
    const { embeds } = answerView(huge, 0);
    expect(embedLength(embeds[0]!)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embeds[0]!.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embeds[0]!.author!.name.length).toBeLessThanOrEqual(LIMITS.embedAuthor);
  });
});

describe('notCoveredView', () => {
  it('says plainly the notes do not cover it and lists the nearest headings with citations', () => {
    const { embeds } = notCoveredView(answerOf([result()], 'how do I bake bread', false));
    expect(embeds[0]!.title).toBe('Not in the notes');
    expect(embeds[0]!.description).toContain('do not seem to cover');
    expect(embeds[0]!.description).toContain(
      '1. RetinaNet 与 Focal Loss › 从交叉熵到 Focal Loss › Focal Loss 的定义 — `retinanet-focal-loss.md:50-59`',
    );
  });

  it('lists the sections in a drop-down, numbered as the text is, each opening its section when chosen', () => {
    const second = result({ chunkId: 'second0000-0000000000', file: 'fpn.md', headingPath: ['FPN', '侧向连接'], startLine: 7, endLine: 9 });
    const { components } = notCoveredView(answerOf([result(), second], 'how do I bake bread', false));
    expect(components).toHaveLength(1);
    const [list] = components[0]!.components as APIStringSelectComponent[];
    expect(list).toEqual(expect.objectContaining({ custom_id: customIds.askOpen(), placeholder: 'Open one of these sections…' }));
    expect(list!.options.map((o) => [o.label, o.value])).toEqual([
      ['1. Focal Loss 的定义', result().chunkId],
      ['2. 侧向连接', second.chunkId],
    ]);
    expect(parseCustomId(customIds.askOpen(), [second.chunkId])).toEqual({ kind: 'ask-section', chunkId: second.chunkId });
  });

  it('lists a section once when two of its parts came close: a value is unique in a list', () => {
    const part = result({ chunkId: result().chunkId });
    const [list] = notCoveredView(answerOf([result(), part], 'how do I bake bread', false)).components[0]!
      .components as APIStringSelectComponent[];
    expect(list!.options).toHaveLength(1);
  });

  it('has no list when nothing comes close', () => {
    expect(notCoveredView(answerOf([], 'bread', false)).components).toEqual([]);
  });

  it('says what it searched for when it corrected the question, before saying the notes do not cover it', () => {
    const corrected = {
      ...answerOf([result()], 'what is hierachical clustering', false),
      correctedQuestion: 'what is hierarchical clustering',
    };
    const description = notCoveredView(corrected).embeds[0]!.description!;
    expect(description.startsWith('*Showing results for “what is hierarchical clustering”*')).toBe(true);
    expect(description).toContain('do not seem to cover');
  });

  it('points at /topics when nothing comes close', () => {
    expect(notCoveredView(answerOf([], 'bread', false)).embeds[0]!.description).toContain('/topics');
  });
});

describe('sectionPages', () => {
  it('pages a long section into embeds within the limits, numbered in the footer', () => {
    const pages = sectionPages({ ...result(), text: 'para\n'.repeat(3000) });
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(embedLength(p)).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect(p.footer!.text).toBe(`retinanet-focal-loss.md:50-59 · page ${i + 1}/${pages.length}`);
    });
  });

  it('caps the number of pages and says where to read the rest', () => {
    const pages = sectionPages({ ...result(), text: 'para\n'.repeat(30_000) }, 3);
    expect(pages).toHaveLength(3);
    expect(pages[2]!.description).toMatch(/more pages: open retinanet-focal-loss\.md/);
  });
});

describe('topics', () => {
  const note = (file: string, title: string, paths: string[][]) => ({
    file,
    meta: { file, title, tags: [], aliases: [] },
    chunks: paths.map((headingPath, i) => ({ id: `${file}${i}`, file, title, headingPath, startLine: i, endLine: i, text: '', part: 0 })),
  });

  it('outlines each note by the sections under its title', () => {
    expect(
      noteOutlines([note('b.md', 'B', [['B'], ['B', 'One'], ['B', 'One', 'Deep'], ['B', 'Two']]), note('a.md', 'A', [['X'], ['Y']])]),
    ).toEqual([
      { file: 'a.md', title: 'A', sections: ['X', 'Y'] },
      { file: 'b.md', title: 'B', sections: ['One', 'Two'] },
    ]);
  });

  it('paginates five notes per page with Previous/Next, disabled at the ends', () => {
    const outlines = Array.from({ length: 12 }, (_, i) => ({ file: `n${i}.md`, title: `Note ${i}`, sections: ['S'] }));
    const first = topicsView(outlines, 0);
    expect(first.embeds[0]!.fields).toHaveLength(5);
    expect(first.embeds[0]!.footer!.text).toBe('12 notes · page 1/3');
    expect(first.components[0]!.components).toEqual([
      expect.objectContaining({ label: 'Previous', disabled: true }),
      expect.objectContaining({ label: 'Next', custom_id: customIds.topicsPage(1, 'next') }),
    ]);
    const last = topicsView(outlines, 99);
    expect(last.embeds[0]!.footer!.text).toBe('12 notes · page 3/3');
    expect(last.embeds[0]!.fields).toHaveLength(2);
  });

  it('a note with hundreds of sections still fits its field', () => {
    const view = topicsView([{ file: 'big.md', title: 'Big', sections: Array.from({ length: 300 }, (_, i) => `Section ${i}`) }], 0);
    const value = view.embeds[0]!.fields![0]!.value;
    expect(value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(value).toMatch(/… and \d+ more$/);
  });

  it('no notes: says how to add some', () => {
    expect(topicsView([], 0).embeds[0]!.description).toContain('/reindex');
  });
});

describe('help and reindex', () => {
  it('help lists each command on its own line with its options', () => {
    const text = helpView([
      { name: 'ask', description: 'Ask.', options: [{ name: 'question', required: true }, { name: 'private' }] },
      { name: 'help', description: 'Help.' },
    ]).embeds[0]!.description!;
    expect(text.split('\n')).toContain('`/ask question [private]` — Ask.');
    expect(text.split('\n')).toContain('`/help` — Help.');
  });

  it('reindex reports counts, time and skipped files', () => {
    const report: SyncReport = {
      files: 10,
      chunks: 91,
      added: 2,
      removed: 1,
      embedded: 0,
      skipped: [{ file: 'bad.md', size: 1, mtimeMs: 1, reason: 'not UTF-8' }],
      rebuilt: false,
      ms: 1234,
    };
    const text = reindexView(report).embeds[0]!.description!;
    expect(text).toContain('**10** notes, **91** sections indexed in 1.23 s.');
    expect(text).toContain('2 sections added, 1 removed.');
    expect(text).toContain('`bad.md`: not UTF-8');
  });
});

describe('select', () => {
  it('shortens labels and descriptions to what Discord takes, and refuses what Discord would refuse', () => {
    const list = select('ask:jump', 'p', [{ label: '长'.repeat(300), value: '0', description: 'd'.repeat(300), current: true }]);
    const [option] = (list.components[0] as { options: { label: string; description: string; default?: boolean }[] }).options;
    expect(option!.label.length).toBe(LIMITS.selectOptionLabel);
    expect(option!.description.length).toBe(LIMITS.selectOptionDescription);
    expect(option!.default).toBe(true);
    const many = Array.from({ length: LIMITS.selectOptions + 1 }, (_, i) => ({ label: `${i}`, value: `${i}` }));
    expect(() => select('x', 'p', many)).toThrow(RangeError);
    expect(() => select('x', 'p', [])).toThrow(RangeError);
    expect(() => select('x'.repeat(101), 'p', many.slice(0, 1))).toThrow(RangeError);
  });
});

describe('custom ids', () => {
  it('round-trip, and anything else is null', () => {
    expect(parseCustomId(customIds.askNext(3))).toEqual({ kind: 'ask-next', result: 3 });
    expect(parseCustomId(customIds.askSection('abc-def'))).toEqual({ kind: 'ask-section', chunkId: 'abc-def' });
    expect(parseCustomId(customIds.askVote(-1, 'abc-def'))).toEqual({ kind: 'ask-vote', vote: -1, chunkId: 'abc-def' });
    expect(parseCustomId(customIds.topicsPage(2, 'prev'))).toEqual({ kind: 'topics-page', page: 2 });
    for (const junk of ['', 'ask', 'ask:next:x', 'ask:vote:sideways:abc', 'quiz:1', 'topics:next:-1'])
      expect(parseCustomId(junk)).toBeNull();
  });

  it('read the chosen result from the values of the drop-down list, which only it carries', () => {
    expect(parseCustomId(customIds.askJump(), ['3'])).toEqual({ kind: 'ask-next', result: 3 });
    for (const values of [[], ['x'], ['-1'], ['1', '2'], ['99999']]) expect(parseCustomId(customIds.askJump(), values)).toBeNull();
  });
});
