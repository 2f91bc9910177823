/**
 * Specification of StudyBot's languages: the one catalogue (en-US, zh-CN,
 * zh-TW) is complete and consistent, every slash command's localisations obey
 * Discord's rules, the right language is picked for a reader, and a server's
 * chosen language is stored.
 */
import { Locale as DiscordLocale, PermissionsBitField, type RepliableInteraction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../src/bot/commands/index.js';
import { commandSummaries } from '../src/bot/commands/help.js';
import { Cooldowns } from '../src/bot/cooldowns.js';
import { refusal } from '../src/bot/guards.js';
import { interactionLanguage, serverLocale } from '../src/bot/language.js';
import { openDatabase, type StudyDatabase } from '../src/db/database.js';
import { guildSettingsRepository } from '../src/db/guild-settings.js';
import { MIGRATIONS } from '../src/db/migrations.js';
import { catalogues, LOCALES, resolveLocale, translatorFor } from '../src/render/messages.js';
import { tempDir } from './support/temp-dir.js';

const en = catalogues['en-US'];
const TRANSLATIONS = LOCALES.filter((l) => l !== 'en-US');
/** The placeholder names of a message, without their format (`{{date, localDate}}` → `date`). */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('the catalogue', () => {
  it('has every English key in every language (Chinese has no `_one` plural forms), and nothing else', () => {
    const expected = Object.keys(en)
      .filter((k) => !k.endsWith('_one'))
      .sort();
    for (const locale of TRANSLATIONS) expect(Object.keys(catalogues[locale]).sort(), locale).toEqual(expected);
  });

  it('keeps every placeholder of the English message, under the same name, and adds none', () => {
    for (const locale of TRANSLATIONS) {
      for (const [key, text] of Object.entries(catalogues[locale])) {
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key] ?? ''));
      }
    }
  });

  it('has no empty message, and braces only as whole placeholders', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(catalogues[locale])) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text.replace(/\{\{[^{}]+\}\}/g, ''), `${locale} ${key}`).not.toMatch(/[{}]{2}/);
      }
    }
  });

  it('is translated: Chinese messages are Chinese, not copies of the English', () => {
    // Messages that are only a name or placeholders and punctuation read the same in every language.
    const sameEverywhere = new Set(['help.title', 'daily.status.nextAt']);
    for (const locale of TRANSLATIONS) {
      for (const [key, text] of Object.entries(catalogues[locale])) {
        if (sameEverywhere.has(key)) continue;
        expect(text, `${locale} ${key}`).toMatch(/\p{Script=Han}|[，。：（）「」“”]/u);
      }
    }
  });

  it('writes zh-TW in Traditional characters with Taiwan usage, zh-CN in Simplified', () => {
    const all = (locale: 'zh-CN' | 'zh-TW') => Object.values(catalogues[locale]).join('\n');
    // Simplified forms (and mainland words) that must not appear in zh-TW, and the reverse.
    for (const simplified of ['笔记', '服务器', '设置', '频道', '消息', '这', '们', '题目', '默认'])
      expect(all('zh-TW'), simplified).not.toContain(simplified);
    for (const traditional of ['筆記', '伺服器', '設定', '頻道', '訊息', '這', '們', '預設'])
      expect(all('zh-CN'), traditional).not.toContain(traditional);
  });

  it("translates with i18next: plurals, the zero form, and dates in the reader's language", () => {
    const [enT, cn, tw] = [translatorFor('en-US'), translatorFor('zh-CN'), translatorFor('zh-TW')];
    expect(enT('stats.days', { count: 1 })).toBe('1 day');
    expect(enT('stats.days', { count: 3 })).toBe('3 days');
    expect(cn('stats.days', { count: 1 })).toBe('1 天');
    expect(cn('quiz.tally', { count: 0, total: 0, correct: 0 })).toBe('还没有人作答');
    expect(tw('quiz.tally', { count: 2, total: 2, correct: 1 })).toBe('2 人作答，1 人答對');
    expect(enT('daily.author', { date: '2026-03-08' })).toBe('📅 Concept of the day · Sunday, March 8, 2026');
    expect(cn('daily.author', { date: '2026-03-08' })).toBe('📅 每日概念 · 2026年3月8日星期日');
    expect(tw('daily.author', { date: '2026-03-08' })).toBe('📅 每日概念 · 2026年3月8日星期日');
    // Discord is not HTML: nothing is escaped.
    expect(enT('quiz.yourAnswer', { option: '**A.** <x> & "y"' })).toBe('Your answer: **A.** <x> & "y"');
  });
});

describe("slash command localisations (Discord's rules)", () => {
  const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
  const discordLocales = new Set<string>(Object.values(DiscordLocale));
  /** What this spec reads of a command, subcommand, option or choice as registered. */
  interface Localised {
    name: string;
    description?: string;
    name_localizations?: Partial<Record<string, string | null>> | null;
    description_localizations?: Partial<Record<string, string | null>> | null;
    options?: readonly Localised[];
    choices?: ReadonlyArray<Localised & { value: string | number }>;
  }
  type Node = { path: string; node: Localised; kind: 'command' | 'option' | 'choice'; siblings: readonly Localised[] };
  /** Every command, subcommand, option and choice, with its JSON and where it sits. */
  function* nodes(): Generator<Node> {
    const top: Localised[] = commands.map((c) => c.data.toJSON());
    function* walk(node: Localised, path: string, kind: 'command' | 'option', siblings: readonly Localised[]): Generator<Node> {
      yield { path, node, kind, siblings };
      for (const o of node.options ?? []) yield* walk(o, `${path} ${o.name}`, 'option', node.options ?? []);
      for (const c of node.choices ?? []) yield { path: `${path} =${c.value}`, node: c, kind: 'choice', siblings: node.choices ?? [] };
    }
    for (const c of top) yield* walk(c, `/${c.name}`, 'command', top);
  }

  it('names every command, subcommand, option and choice in zh-CN and zh-TW, describing all but choices', () => {
    let count = 0;
    for (const { path, node, kind } of nodes()) {
      count++;
      expect(Object.keys(node.name_localizations ?? {}).sort(), path).toEqual(['zh-CN', 'zh-TW']);
      if (kind !== 'choice') expect(Object.keys(node.description_localizations ?? {}).sort(), path).toEqual(['zh-CN', 'zh-TW']);
      for (const locale of Object.keys(node.name_localizations ?? {})) expect(discordLocales.has(locale), locale).toBe(true);
    }
    expect(count).toBeGreaterThan(25);
  });

  it('keeps names lowercase, 1–32 letters, numbers, - or _ (any script); choice names and descriptions 1–100 characters', () => {
    for (const { path, node, kind } of nodes()) {
      const names = [node.name, ...Object.values(node.name_localizations ?? {})].filter((n) => typeof n === 'string');
      for (const name of names) {
        if (kind === 'choice') {
          expect(name.length, `${path}: ${name}`).toBeGreaterThanOrEqual(1);
          expect(name.length, `${path}: ${name}`).toBeLessThanOrEqual(100);
        } else {
          expect(name, path).toMatch(NAME);
          expect(name, path).toBe(name.toLowerCase());
        }
      }
      if (kind === 'choice') continue;
      expect(node.description, path).toEqual(expect.any(String));
      for (const description of [node.description, ...Object.values(node.description_localizations ?? {})].filter(
        (d) => typeof d === 'string',
      )) {
        expect(description.length, `${path}: ${description}`).toBeGreaterThanOrEqual(1);
        expect(description.length, `${path}: ${description}`).toBeLessThanOrEqual(100);
      }
    }
  });

  it('gives siblings distinct names in every language, so Discord accepts the registration', () => {
    for (const { path, node, siblings } of nodes()) {
      for (const locale of ['zh-CN', 'zh-TW']) {
        const nameIn = (n: Localised) => n.name_localizations?.[locale] ?? n.name;
        expect(
          siblings.filter((s) => nameIn(s) === nameIn(node)),
          `${path} in ${locale}`,
        ).toHaveLength(1);
      }
    }
  });

  it('/help lists the names the reader sees', () => {
    const cn = commandSummaries(commands, 'zh-CN');
    expect(cn.find((c) => c.name === '提问')).toEqual({
      name: '提问',
      description: '引用你的笔记回答问题，并注明出处。',
      options: [
        { name: '问题', required: true },
        { name: '仅自己可见', required: false },
      ],
    });
    expect(cn.find((c) => c.name === '每日概念')!.options).toEqual([{ name: '设置|关闭|状态|立即发布', required: true }]);
    expect(commandSummaries(commands, 'zh-TW').map((c) => c.name)).toContain('說明');
    expect(commandSummaries(commands, 'en-US').map((c) => c.name)).toEqual([
      'ask',
      'topics',
      'reindex',
      'help',
      'daily',
      'quiz',
      'leaderboard',
      'mystats',
      'settings',
    ]);
  });
});

describe('which language', () => {
  const noSettings = { language: () => null };

  it("a member reads their Discord language, else the server's, else English; any English is en-US", () => {
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale('fr', 'zh-TW')).toBe('zh-TW');
    expect(resolveLocale('ja', 'de')).toBe('en-US');
    expect(resolveLocale('en-GB', 'zh-CN')).toBe('en-US');
    expect(resolveLocale(null, undefined)).toBe('en-US');
    const language = interactionLanguage(
      { locale: DiscordLocale.ChineseTW, guildLocale: DiscordLocale.EnglishUS, guildId: 'g1' },
      noSettings,
    );
    expect(language.locale).toBe('zh-TW');
    expect(language.t('ask.notCoveredTitle')).toBe('筆記裡沒有');
    expect(language.publicT('ask.notCoveredTitle')).toBe('Not in the notes');
  });

  it("public posts use the language set with /settings, else the server's Discord language", () => {
    const chosen = { language: (guildId: string) => (guildId === 'g1' ? 'zh-CN' : null) };
    expect(serverLocale(chosen, 'g1', 'en-US')).toBe('zh-CN');
    expect(serverLocale(chosen, 'g2', 'zh-TW')).toBe('zh-TW');
    expect(serverLocale(chosen, null, null)).toBe('en-US');
    // A value StudyBot does not know (an older or newer build wrote it) is ignored, not an error.
    expect(serverLocale({ language: () => 'xx-YY' }, 'g1', 'zh-TW')).toBe('zh-TW');
    const language = interactionLanguage({ locale: DiscordLocale.EnglishUS, guildLocale: DiscordLocale.EnglishUS, guildId: 'g1' }, chosen);
    expect(language.t('quiz.author')).toBe('🧠 Quiz');
    expect(language.publicT('quiz.author')).toBe('🧠 测验');
  });

  it("a cooldown names the command as the reader's Discord shows it", () => {
    const interaction = {
      inGuild: () => true,
      memberPermissions: new PermissionsBitField(0n),
      user: { id: 'u' },
    } as unknown as RepliableInteraction;
    const cooldowns = new Cooldowns();
    const guards = { cooldown: { bucket: 'quiz', ms: 5000 } };
    expect(refusal(interaction, guards, cooldowns, translatorFor('zh-CN'))).toBeNull();
    expect(refusal(interaction, guards, cooldowns, translatorFor('zh-CN'))).toBe('请稍等：5 秒后才能再次使用 `/测验`。');
    expect(refusal(interaction, guards, cooldowns, translatorFor('en-US'))).toMatch(
      /^One moment please: you can use `\/quiz` again in \d s\.$/,
    );
  });
});

describe('guild settings (SQLite)', () => {
  let db: StudyDatabase | undefined;
  afterEach(() => db?.close());

  it('are migration step 4, a table of their own', () => {
    expect(MIGRATIONS[3]).toMatchObject({ id: 4, name: expect.stringMatching(/^settings:/) });
    expect(MIGRATIONS[3]!.sql).toMatch(/CREATE TABLE guild_settings/);
  });

  it("store a server's language until it is reset, and survive reopening", () => {
    const dir = tempDir('studybot-settings-');
    db = openDatabase(dir);
    let settings = guildSettingsRepository(db);
    expect(settings.language('g1')).toBeNull();
    settings.setLanguage('g1', 'zh-TW');
    settings.setLanguage('g2', 'zh-CN');
    settings.setLanguage('g1', 'zh-CN');
    db.close();
    db = openDatabase(dir);
    settings = guildSettingsRepository(db);
    expect([settings.language('g1'), settings.language('g2')]).toEqual(['zh-CN', 'zh-CN']);
    settings.setLanguage('g1', null);
    expect(settings.language('g1')).toBeNull();
    expect(settings.language('g2')).toBe('zh-CN');
  });
});
