/**
 * End-to-end specification of StudyBot's languages: the REAL bot process
 * against the fake Discord, which sends each interaction's `locale` (the
 * member's Discord client) and `guild_locale` (the server's language).
 *
 * - Replies to a member follow their locale, then the server's, then English;
 *   the quoted note text stays as written.
 * - Public posts (quiz question, leaderboard, daily post) follow the server's
 *   language: `/settings language`, until then the server's Discord language.
 * - Registration carries zh-CN and zh-TW names and descriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord, RecordedRequest } from './support/fake-discord.js';
import {
  buttonsOnly,
  fakeBotToken,
  interactionRequests,
  choiceIn,
  selectMenu,
  setUpBotE2E,
  withBotDb,
  type BotE2E,
} from './support/bot-process.js';

const APPLICATION_ID = '100000000000000001';
const TOKEN = fakeBotToken(APPLICATION_ID, 'I18n-e2e-t0ken-never-in-logs_3c1d');
const EPHEMERAL = 64;
const MANAGE_GUILD = String(1n << 5n);

let e2e: BotE2E;
let fake: FakeDiscord;
let userSeq = 0n;
/** A fresh member per interaction: cooldowns are per user. */
const newUser = () => {
  userSeq++;
  return { id: String(200000000000000900n + userSeq), username: `reader${userSeq}` };
};

const { isCallback, isEditOriginal } = interactionRequests(APPLICATION_ID);

interface Languages {
  locale?: string;
  guildLocale?: string;
}
interface Seen {
  flags: number;
  content: string;
  embeds: any[];
  components: any[];
  messageId?: string;
  token: string;
}

/** Sends a slash command and returns what the member saw: the reply, or the deferred reply's edit. */
async function command(name: string, options: any[], opts: Languages & { permissions?: string; resolved?: any } = {}): Promise<Seen> {
  const sent = fake.sendCommand({ name, options, user: newUser(), ...opts });
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  const flags = callback.body.data?.flags ?? 0;
  const body = callback.body.type === 5 ? (await fake.waitForRequest(isEditOriginal(sent.token), 10_000)).body : callback.body.data;
  return {
    flags,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    messageId: fake.originalMessage(sent.token)?.id,
    token: sent.token,
  };
}

const ask = (question: string, languages: Languages) => command('ask', [{ type: 3, name: 'question', value: question }], languages);
const settingsLanguage = (to: string | null, opts: Languages & { permissions?: string } = {}) =>
  command('settings', [{ type: 1, name: 'language', options: to === null ? [] : [{ type: 3, name: 'to', value: to }] }], {
    permissions: MANAGE_GUILD,
    ...opts,
  });
const storedLanguage = () =>
  withBotDb(e2e.dataDir, (db) => db.prepare('SELECT language FROM guild_settings WHERE guild_id = ?').get(fake.guildId), {
    readonly: true,
  });
const labels = (seen: Pick<Seen, 'components'>) => buttonsOnly(seen).map((b) => b.label ?? b.emoji?.name);

/** Walks a registered command: itself, its subcommands and options, and their choices. */
function* localisable(node: any, path: string): Generator<{ path: string; node: any; isChoice: boolean }> {
  yield { path, node, isChoice: false };
  for (const option of node.options ?? []) yield* localisable(option, `${path} ${option.name}`);
  for (const choice of node.choices ?? []) yield { path: `${path} =${choice.value}`, node: choice, isChoice: true };
}

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-i18n-e2e-' });
  fake = e2e.fake;
  await e2e.startBot();
}, 40_000);

afterAll(async () => {
  await e2e?.close();
});

/** `/quiz topic:fpn`. */
const FPN = [{ type: 3, name: 'topic', value: 'fpn' }];

describe('registration', () => {
  it('every command, subcommand, option and choice carries zh-CN and zh-TW names (and descriptions)', async () => {
    const put: RecordedRequest = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    );
    const ask = put.body.find((c: any) => c.name === 'ask');
    expect(ask.name_localizations).toEqual({ 'zh-CN': '提问', 'zh-TW': '提問' });
    expect(ask.description_localizations['zh-CN']).toBe('引用你的笔记回答问题，并注明出处。');
    const settings = put.body.find((c: any) => c.name === 'settings');
    expect(settings.default_member_permissions).toBe(MANAGE_GUILD);
    let checked = 0;
    for (const c of put.body) {
      for (const { path, node, isChoice } of localisable(c, c.name)) {
        for (const locale of ['zh-CN', 'zh-TW']) {
          expect(node.name_localizations?.[locale], `${path} name in ${locale}`).toBeTruthy();
          if (!isChoice) expect(node.description_localizations?.[locale], `${path} description in ${locale}`).toBeTruthy();
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('replies follow the member', () => {
  it('a zh-CN member gets the /ask answer in Chinese: footer, buttons and list of results; the quote stays as the note has it', async () => {
    const zh = await ask('what is focal loss', { locale: 'zh-CN' });
    const en = await ask('what is focal loss', { locale: 'en-US' });
    const [embed] = zh.embeds;
    expect(embed.footer.text).toMatch(/^retinanet-focal-loss\.md:\d+-\d+ · 第 1 条，共 (\d) 条$/);
    const total = /共 (\d) 条/.exec(embed.footer.text)![1];
    expect(labels(zh)).toEqual([`下一条（2/${total}）`, '查看整节', '👍', '👎']);
    expect(selectMenu(zh).placeholder).toBe('跳到某一条…');
    expect(selectMenu(en).placeholder).toBe('Jump to a result…');
    expect(embed.description).toBe(en.embeds[0].description);
    expect(embed.title).toBe(en.embeds[0].title);
    expect(en.embeds[0].footer.text).toMatch(/ · result 1 of \d$/);
  });

  it('a zh-CN member gets a Chinese "not in the notes" with a Chinese list that opens the nearest sections', async () => {
    const seen = await ask('how do I bake sourdough bread', { locale: 'zh-CN' });
    const [embed] = seen.embeds;
    expect(embed.title).toBe('笔记里没有');
    expect(embed.description).toMatch(/^笔记里似乎没有讲到这个问题。\n\n最接近的几节：\n1\. /);
    const listed = embed.description.split('\n').filter((l: string) => /^\d+\. /.test(l)).length;
    expect(listed).toBeGreaterThan(0);
    const nearest = selectMenu(seen);
    expect(nearest.placeholder).toBe('打开其中一节…');
    expect(nearest.options).toHaveLength(listed);

    // The first section listed opens, privately.
    const open = fake.sendComponent({
      ...choiceIn(nearest, nearest.options[0].value),
      messageId: seen.messageId,
      user: newUser(),
      locale: 'zh-CN',
    });
    const callback = await fake.waitForRequest(isCallback(open.id), 5000);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const heading = /^1\. (.+) — `/.exec(embed.description.split('\n')[3])![1]!;
    expect(callback.body.data.embeds[0].title).toContain(heading.split(' › ').pop());
  });

  it("zh-TW reads Traditional Chinese; a language StudyBot does not speak falls back to the server's, then English", async () => {
    expect((await ask('how do I bake sourdough bread', { locale: 'zh-TW' })).embeds[0].title).toBe('筆記裡沒有');
    expect((await ask('how do I bake sourdough bread', { locale: 'fr', guildLocale: 'zh-TW' })).embeds[0].title).toBe('筆記裡沒有');
    expect((await ask('how do I bake sourdough bread', { locale: 'fr', guildLocale: 'de' })).embeds[0].title).toBe('Not in the notes');
    expect((await ask('how do I bake sourdough bread', { locale: 'en-GB', guildLocale: 'zh-CN' })).embeds[0].title).toBe(
      'Not in the notes',
    );
  });

  it('/help lists the commands by the names the reader sees', async () => {
    const zh = await command('help', [], { locale: 'zh-CN' });
    expect(zh.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = zh.embeds[0].description;
    expect(text).toContain('`/提问 问题 [仅自己可见]` — 引用你的笔记回答问题，并注明出处。');
    expect(text).toContain('`/每日概念 设置|关闭|状态|立即发布`');
    expect(text).toContain('`/服务器设置 语言`');
    const tw = await command('help', [], { locale: 'zh-TW' });
    expect(tw.embeds[0].description).toContain('`/提問 問題 [僅自己可見]`');
    const en = await command('help', [], { locale: 'en-US' });
    expect(en.embeds[0].description).toContain('`/ask question [private]`');
  });
});

describe('public posts follow the server', () => {
  it("/settings language needs Manage Server: refused in the member's language, nothing stored", async () => {
    const refused = await settingsLanguage('zh-CN', { permissions: '0', locale: 'zh-CN' });
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.content).toBe('修改服务器设置需要 **管理服务器** 权限。');
    expect(storedLanguage()).toBeUndefined();
  });

  it("until it is set, public posts use the server's Discord language", async () => {
    // A note without flashcards (on others a member's own cards come first): the post is a multiple-choice question.
    const quiz = await command('quiz', FPN, { locale: 'en-US', guildLocale: 'zh-TW' });
    expect(quiz.flags & EPHEMERAL).toBe(0);
    expect(quiz.embeds[0].author.name).toBe('🧠 測驗');
  });

  it('/settings language to:zh-CN makes the quiz question and the leaderboard Chinese; the admin is answered in theirs', async () => {
    const set = await settingsLanguage('zh-CN', { locale: 'en-US' });
    expect(set.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(set.content).toBe(
      '✅ Public posts (the daily concept, quiz questions, the leaderboard) are now in **Simplified Chinese (简体中文)**.',
    );
    expect(storedLanguage()).toEqual({ language: 'zh-CN' });

    const quiz = await command('quiz', FPN, { locale: 'en-US' });
    const [embed] = quiz.embeds;
    expect(embed.author.name).toBe('🧠 测验');
    expect(embed.fields.map((f: any) => f.name)).toEqual(['作答', '截止']);
    expect(embed.fields[0].value).toBe('还没有人作答');
    expect(labels(quiz).at(-1)).toBe('下一题');

    const board = await command('leaderboard', [], { locale: 'en-US' });
    expect(board.embeds[0].title).toBe('🏆 测验排行榜 · 本周');

    const asked = await command('settings', [{ type: 1, name: 'language', options: [] }], { permissions: MANAGE_GUILD, locale: 'zh-TW' });
    expect(asked.content).toBe(
      '公開訊息（每日概念、測驗題、排行榜）使用 **簡體中文（简体中文）**（由 `/伺服器設定 語言` 設定）。回覆成員的訊息則跟隨各自的 Discord 語言。',
    );
  });

  it("/daily now posts the concept in the server's language", async () => {
    await settingsLanguage('zh-TW');
    const resolved = { channels: { [fake.channelId]: { id: fake.channelId, name: 'general', type: 0 } } };
    const set = await command(
      'daily',
      [
        {
          type: 1,
          name: 'set',
          options: [
            { type: 7, name: 'channel', value: fake.channelId },
            { type: 3, name: 'time', value: '23:59' },
            { type: 3, name: 'timezone', value: 'Asia/Taipei' },
          ],
        },
      ],
      { permissions: MANAGE_GUILD, resolved },
    );
    expect(set.content).toMatch(/^✅ Daily concept set/);
    const now = await command('daily', [{ type: 1, name: 'now', options: [] }], { permissions: MANAGE_GUILD, locale: 'zh-CN' });
    // Posted now, or (when the scheduler's own slot came first) already posted today: either way in the admin's language.
    expect(now.content).toMatch(/^📅 已在 <#\d+> 发布今天的概念|^今天（.+）的概念已经发布过了/);
    const post = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`)!.body;
    expect(post.embeds[0].author.name).toMatch(/^📅 每日概念 · \d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日]$/);
    expect(labels(post)[0]).toBe('考考我');
  });

  it("to:auto goes back to the server's Discord language", async () => {
    const reset = await settingsLanguage('auto', { locale: 'en-US', guildLocale: 'en-US' });
    expect(reset.content).toMatch(/^✅ Public posts now follow the server's language in Discord .*\*\*English\*\*/);
    expect(storedLanguage()).toEqual({ language: null });
    const quiz = await command('quiz', FPN, { locale: 'zh-CN', guildLocale: 'en-US' });
    expect(quiz.embeds[0].author.name).toBe('🧠 Quiz');
  });
});

it('no reply or post was left with an untranslated {{placeholder}}', () => {
  const bodies = fake.requests.filter((r) => r.method !== 'PUT' && r.body).map((r) => JSON.stringify(r.body));
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toMatch(/\{\{\s*\w+/);
});
