/**
 * End-to-end specification of `/daily` and the daily concept post: the REAL bot
 * process (`node dist/bot/main.js`) against the fake Discord in tests/support,
 * asserting on what went over the wire and into the database file.
 *
 * One data folder, three runs of the bot (restarts are part of the spec):
 *  1. set up, post with `/daily now`, "already posted today", status, refusals;
 *  2. restart after today's slot has passed: no second post for the day;
 *  3. restart after a slot missed while the bot was down: it is caught up at
 *     start-up, the channel answers 403, so the schedule is disabled and
 *     `/daily status` says why; `/daily set` + `/daily now` recover.
 * Between runs the test moves the schedule the way an admin's earlier `/daily set`
 * would have left it (time, zone, set "yesterday"), since waiting for a real
 * slot would take minutes. Two zones 25 hours apart (UTC+14, UTC−11) always
 * have different local dates, so runs 1 and 3 post for different days.
 */
import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord, RecordedRequest } from './support/fake-discord.js';
import {
  buttons as buttonsOf,
  fakeBotToken,
  interactionRequests,
  logLines,
  setUpBotE2E,
  stopBot,
  waitForLog,
  withBotDb,
  type BotE2E,
  type BotProcess,
  allowedMentionsOf,
  messageRequests,
} from './support/bot-process.js';

const APPLICATION_ID = '100000000000000002';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Da1lySecretT0ken-never-in-logs_77c1');
const EPHEMERAL = 64;
const MANAGE_GUILD = String(1n << 5n);
const ZONE_A = 'Pacific/Kiritimati'; // UTC+14, no DST
const ZONE_B = 'Pacific/Pago_Pago'; // UTC−11, no DST

/** Ready once the scheduler has started (logged after 'ready'): it ticks at start-up, which the restart specs rely on. */
const startBot = () => e2e.startBot({ readyMsg: 'daily scheduler started', timeoutMs: 20_000 });

/** Every run must end with a clean shutdown and no error logged. */
async function stopGracefully(bot: BotProcess) {
  const { code } = await stopBot(bot, 'SIGTERM');
  expect(code).toBe(0);
  const log = logLines(bot).map((l) => l.msg);
  expect(log.indexOf('stopped')).toBeGreaterThan(log.indexOf('shutting down'));
  expect(logLines(bot).filter((l) => l.level >= 50)).toEqual([]);
}

let e2e: BotE2E;
let fake: FakeDiscord;
let dataDir: string;
let bot: BotProcess;
/** Every run of the bot (restarts included), for the checks at the end. */
let bots: BotProcess[];
let userSeq = 0n;
const newUser = () => {
  userSeq++;
  return { id: String(200000000000000500n + userSeq), username: `admin${userSeq}` };
};

const { isCallback, isEditOriginal } = interactionRequests(APPLICATION_ID);
const isChannelPost = (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`;
const channelPosts = () => fake.requests.filter(isChannelPost);

/** Sends `/daily <sub>` and returns what the user saw: the reply, or the deferred reply's edit. */
async function daily(sub: string, options: any[] = [], opts: { permissions?: string } = {}) {
  const withChannel = options.some((o) => o.type === 7);
  const sent = fake.sendCommand({
    name: 'daily',
    options: [{ type: 1, name: sub, options }],
    ...(withChannel ? { resolved: { channels: { [fake.channelId]: { id: fake.channelId, name: 'general', type: 0 } } } } : {}),
    user: newUser(),
    permissions: opts.permissions ?? MANAGE_GUILD,
  });
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  if (callback.body.type === 5) {
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await fake.waitForRequest(isEditOriginal(sent.token), 5000);
    return { type: 5, content: (edit.body.content ?? '') as string, embeds: (edit.body.embeds ?? []) as any[], body: edit.body };
  }
  expect(callback.body.type).toBe(4);
  expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return {
    type: 4,
    content: (callback.body.data.content ?? '') as string,
    embeds: (callback.body.data.embeds ?? []) as any[],
    body: callback.body.data,
  };
}

const setOptions = (time: string, timezone: string) => [
  { type: 7, name: 'channel', value: fake.channelId },
  { type: 3, name: 'time', value: time },
  { type: 3, name: 'timezone', value: timezone },
];
const statusText = (embeds: any[]) => embeds.flatMap((e) => (e.fields ?? []).map((f: any) => `${f.name}: ${f.value}`)).join('\n');

const withDb = <T>(fn: (db: Database.Database) => T): T => withBotDb(dataDir, fn);

/** As if `/daily set` had been run yesterday with this time and zone (the bot is stopped). */
function scheduleSetYesterday(time: string, timezone: string) {
  withDb((db) => {
    const changed = db
      .prepare(`UPDATE daily_schedules SET time = ?, timezone = ?, enabled = 1, disabled_reason = NULL, updated_at = ? WHERE guild_id = ?`)
      .run(time, timezone, new Date(Date.now() - 86_400_000).toISOString(), fake.guildId).changes;
    expect(changed).toBe(1);
  });
}

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-daily-e2e-' });
  ({ fake, dataDir, bots } = e2e);
  bot = await startBot();
}, 30_000);

afterAll(async () => {
  await e2e?.close();
});

describe('/daily on (fake) Discord', () => {
  let conceptTotal = 0;
  let postedDateA = '';

  it('registers /daily (set, off, status, now) for Manage Server, with timezone autocomplete', async () => {
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    );
    const cmd = put.body.find((c: any) => c.name === 'daily');
    expect(cmd.default_member_permissions).toBe(MANAGE_GUILD);
    expect(cmd.options.map((o: any) => [o.name, o.type])).toEqual([
      ['set', 1],
      ['off', 1],
      ['status', 1],
      ['now', 1],
    ]);
    const set = cmd.options[0];
    expect(set.options).toEqual([
      expect.objectContaining({ name: 'channel', type: 7, required: true, channel_types: [0, 5] }),
      expect.objectContaining({ name: 'time', type: 3, required: true }),
      expect.objectContaining({ name: 'timezone', type: 3, required: true, autocomplete: true }),
    ]);

    const { id } = fake.sendAutocomplete({
      name: 'daily',
      options: [{ type: 1, name: 'set', options: [{ type: 3, name: 'timezone', value: 'berl', focused: true }] }],
    });
    const cb = await fake.waitForRequest(isCallback(id));
    expect(cb.body.type).toBe(8);
    expect(cb.body.data.choices[0]).toEqual({
      name: expect.stringMatching(/^Europe\/Berlin \(UTC[+-]\d\d:\d\d\)$/),
      value: 'Europe/Berlin',
    });
  });

  it('a member without Manage Server is refused politely, whatever the subcommand', async () => {
    for (const [sub, options] of [
      ['status', []],
      ['now', []],
      ['set', setOptions('08:30', 'UTC')],
    ] as const) {
      const reply = await daily(sub, [...options], { permissions: '0' });
      expect(reply.type).toBe(4);
      expect(reply.content).toMatch(/needs the \*\*Manage Server\*\* permission/);
    }
    expect(withDb((db) => db.prepare('SELECT COUNT(*) AS n FROM daily_schedules').get())).toEqual({ n: 0 });
  });

  it('an invalid time or timezone gets the expected format, and nothing is saved', async () => {
    const badZone = await daily('set', setOptions('08:30', 'Mars/Olympus_Mons'));
    expect(badZone.content).toMatch(/Unknown timezone "Mars\/Olympus_Mons"\. Use an IANA name like Europe\/Berlin or Asia\/Shanghai\./);
    const badTime = await daily('set', setOptions('25:00', 'Europe/Berlin'));
    expect(badTime.content).toMatch(/"25:00" is not a valid time\. Time must be HH:MM in 24-hour form, e\.g\. 08:30/);
    const none = await daily('status');
    expect(statusText(none.embeds)).toMatch(/No daily concept is set up/);
    const rotation = /Rotation: Cycle 1: \*\*0\*\* of \*\*(\d+)\*\* concepts shown/.exec(statusText(none.embeds));
    expect(rotation).not.toBeNull();
    conceptTotal = Number(rotation![1]);
    expect(conceptTotal).toBeGreaterThan(20);
  });

  it('/daily set refuses a channel where the bot cannot post, naming the missing permissions', async () => {
    const SEND_MESSAGES = 1n << 11n;
    const EMBED_LINKS = 1n << 14n;
    // As Discord tells the bot when an admin denies its member Send Messages and Embed Links in the channel.
    fake.denyBotInChannel(SEND_MESSAGES | EMBED_LINKS);
    try {
      const reply = await daily('set', setOptions('08:30', 'Europe/Berlin'));
      expect(reply.content).toMatch(
        new RegExp(`I can't post in <#${fake.channelId}>: I'm missing \\*\\*Send Messages\\*\\*, \\*\\*Embed Links\\*\\* there\\.`),
      );
      expect(reply.content).toMatch(/Nothing was changed/);
      expect(withDb((db) => db.prepare('SELECT COUNT(*) AS n FROM daily_schedules').get())).toEqual({ n: 0 });
    } finally {
      fake.restoreBotInChannel();
    }
  });

  it('/daily set replies with the next post in local time and as a Discord timestamp', async () => {
    const nextLocal = DateTime.now().setZone(ZONE_A).plus({ hours: 12 });
    const reply = await daily('set', setOptions(nextLocal.toFormat('H:mm'), 'pacific/kiritimati'));
    expect(reply.type).toBe(5);
    expect(reply.content).toContain(`every day at **${nextLocal.toFormat('HH:mm')}** (Pacific/Kiritimati) in <#${fake.channelId}>`);
    expect(reply.content).toContain(`Next post: **${nextLocal.toFormat('yyyy-LL-dd HH:mm')}`);
    const stamp = /<t:(\d+):F> \(<t:(\d+):R>\)/.exec(reply.content);
    expect(stamp).not.toBeNull();
    expect(stamp![1]).toBe(stamp![2]);
    expect(Math.abs(Number(stamp![1]) - (Date.now() / 1000 + 12 * 3600))).toBeLessThan(120);
    expect(reply.content).toContain(`${conceptTotal} of ${conceptTotal} concepts`);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('/daily now posts an embed quoting the note with "Read next" and "Quiz me"; it counts as today\'s', async () => {
    const reply = await daily('now');
    expect(reply.content).toMatch(/Posted today's concept/);
    const messageId = new RegExp(`https://discord\\.com/channels/${fake.guildId}/${fake.channelId}/(\\d+)`).exec(reply.content)?.[1];
    expect(messageId).toBeTruthy();

    expect(channelPosts()).toHaveLength(1);
    const post = channelPosts()[0]!.body;
    expect(post.allowed_mentions).toEqual({ parse: [] });
    const embed = post.embeds[0];
    expect(embed.title.length).toBeGreaterThan(1);
    expect(embed.description).toMatch(/^>>> \S/);
    expect(embed.footer.text).toMatch(/^[\w-]+\.md:\d+-\d+ · \S/);
    expect(embed.fields).toEqual([
      expect.objectContaining({ name: 'Read next', value: expect.stringMatching(/^\*\*.+\*\* — [\s\S]+\n`[\w-]+\.md:\d+-\d+`$/) }),
    ]);
    const buttons = buttonsOf(post);
    expect(buttons.map((b: any) => b.label)).toEqual(['Quiz me', 'Full section']);
    expect(buttons[0].custom_id).toMatch(/^quiz:concept:[0-9a-f]{16}$/);

    const row = withDb((db) => db.prepare('SELECT * FROM daily_posts').all()) as any[];
    expect(row).toEqual([
      expect.objectContaining({
        status: 'posted',
        trigger: 'manual',
        message_id: messageId,
        channel_id: fake.channelId,
        concept_id: buttons[0].custom_id.split(':')[2],
      }),
    ]);
    postedDateA = row[0].local_date;
    expect(postedDateA).toBe(DateTime.fromISO(row[0].claimed_at).setZone(ZONE_A).toISODate());
    // The post is dated with that server-local day, written as the server's language writes dates.
    expect(embed.author.name).toBe(
      `📅 Concept of the day · ${DateTime.fromISO(postedDateA).setLocale('en-US').toLocaleString(DateTime.DATE_HUGE)}`,
    );

    // "Quiz me" is routed to the quiz (whatever it answers), never treated as an unknown button.
    const quiz = fake.sendComponent({ customId: buttons[0].custom_id, messageId: messageId!, user: newUser() });
    const quizReply = await fake.waitForRequest(isCallback(quiz.id));
    expect(JSON.stringify(quizReply.body)).not.toMatch(/older version of StudyBot/);
    // "Full section" opens the section the quote comes from.
    const section = fake.sendComponent({ customId: buttons[1].custom_id, messageId: messageId!, user: newUser() });
    const sectionReply = await fake.waitForRequest(isCallback(section.id));
    expect(sectionReply.body.data.embeds[0].footer.text.split(':')[0]).toBe(embed.footer.text.split(':')[0]);
  });

  it('/daily now again says it was already posted today, and posts nothing', async () => {
    const reply = await daily('now');
    expect(reply.content).toMatch(/already posted today/);
    expect(channelPosts()).toHaveLength(1);
  });

  it('/daily status shows the schedule, next post, rotation count and last post', async () => {
    const text = statusText((await daily('status')).embeds);
    expect(text).toMatch(/Schedule: On: every day at \*\*\d\d:\d\d\*\* \(Pacific\/Kiritimati\)/);
    expect(text).toMatch(/Next post: \*\*\d{4}-\d\d-\d\d \d\d:\d\d .*<t:\d+:F>/);
    expect(text).toContain(
      `Rotation: Cycle 1: **1** of **${conceptTotal}** concepts shown, **${conceptTotal - 1}** remaining before any repeats.`,
    );
    expect(text).toMatch(new RegExp(`Last post: ${postedDateA}: \\*\\*.+\\*\\* — https://discord\\.com/channels/`));

    const { id } = fake.sendCommand({ name: 'help', user: newUser() });
    const help = (await fake.waitForRequest(isCallback(id))).body.data.embeds[0].description as string;
    expect(help.split('\n').filter((l) => l.startsWith('`/daily set|off|status|now`'))).toHaveLength(1);
  });

  it("restarted after today's slot has passed, the bot does not post today's concept again", async () => {
    await stopGracefully(bot);
    // Today's slot (local date of the post above) has passed, and the schedule predates it: it would be due, but is taken.
    const claimedAt = withDb((db) => (db.prepare('SELECT claimed_at FROM daily_posts').get() as any).claimed_at as string);
    scheduleSetYesterday(DateTime.fromISO(claimedAt).setZone(ZONE_A).toFormat('HH:mm'), ZONE_A);
    bot = await startBot();
    const text = statusText((await daily('status')).embeds); // by now the start-up tick has run
    expect(text).not.toMatch(/Due now/);
    await new Promise((r) => setTimeout(r, 300)); // room for a (wrong) post to arrive
    expect(channelPosts()).toHaveLength(1);
    expect(withDb((db) => db.prepare('SELECT COUNT(*) AS n FROM daily_posts').get())).toEqual({ n: 1 });
  }, 25_000);

  it('a slot missed while down is caught up at start-up; a 403 there disables the schedule and /daily status says why', async () => {
    await stopGracefully(bot);
    // Set "yesterday" for a time that passed two minutes ago in a zone whose local date differs from the post above.
    const missed = DateTime.now().setZone(ZONE_B).minus({ minutes: 2 });
    scheduleSetYesterday(missed.toFormat('HH:mm'), ZONE_B);
    fake.failNext('POST', new RegExp(`^/channels/${fake.channelId}/messages$`), 403, { message: 'Missing Permissions', code: 50013 });
    bot = await startBot();

    await fake.waitForRequest(() => channelPosts().length === 2, 5000);
    await waitForLog(bot, (l) => typeof l.msg === 'string' && l.msg.includes('schedule disabled'), 5000);
    const rows = withDb((db) => db.prepare('SELECT * FROM daily_posts ORDER BY claimed_at').all()) as any[];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ status: 'failed', trigger: 'schedule', error: 'missing_permissions' });
    expect(rows[1].local_date).not.toBe(postedDateA);
    expect(withDb((db) => db.prepare('SELECT enabled FROM daily_schedules').get())).toEqual({ enabled: 0 });

    const text = statusText((await daily('status')).embeds);
    expect(text).toMatch(/Schedule: \*\*Off\*\*/);
    expect(text).toMatch(/The bot lost permission to post in the daily channel .* Give it View Channel and Send Messages there/);
    // The failed concept went back to the rotation.
    expect(text).toContain(`**1** of **${conceptTotal}** concepts shown`);

    const off = await daily('now');
    expect(off.content).toMatch(/Daily concept posts are off \(The bot lost permission/);
    expect(channelPosts()).toHaveLength(2);
  }, 25_000);

  it('after the fix, /daily set re-enables and /daily now posts the missed day at once', async () => {
    const again = await daily('set', setOptions(DateTime.now().setZone(ZONE_B).plus({ hours: 12 }).toFormat('HH:mm'), ZONE_B));
    expect(again.content).toMatch(/Daily concept set/);
    const reply = await daily('now');
    expect(reply.content).toMatch(/Posted today's concept/);
    expect(channelPosts()).toHaveLength(3);
    const today = DateTime.now().setZone(ZONE_B).toISODate();
    expect(withDb((db) => db.prepare('SELECT status FROM daily_posts WHERE local_date = ?').get(today))).toEqual({ status: 'posted' });
    expect(statusText((await daily('status')).embeds)).toContain(`**2** of **${conceptTotal}** concepts shown`);
  });

  it('/daily off stops the posts and says how to resume', async () => {
    const off = await daily('off');
    expect(off.content).toMatch(/Daily concept posts are off/);
    const text = statusText((await daily('status')).embeds);
    expect(text).toMatch(/Schedule: \*\*Off\*\*[\s\S]*Turned off with `\/daily off` by <@\d+>/);
    expect(withDb((db) => db.prepare('SELECT enabled FROM daily_schedules').get())).toEqual({ enabled: 0 });
  });

  it('every channel post and reply had allowed_mentions.parse = [], and the token never reached the logs', async () => {
    await stopGracefully(bot);
    const sent = messageRequests(fake.requests);
    expect(sent.length).toBeGreaterThan(15);
    for (const r of sent) {
      expect({ request: `${r.method} ${r.path}`, allowed: allowedMentionsOf(r) }).toEqual({
        request: `${r.method} ${r.path}`,
        allowed: { parse: [] },
      });
    }
    for (const b of bots) {
      expect(b.out.stdout).not.toContain(TOKEN.split('.')[2]!);
      expect(b.out.stderr).not.toContain(TOKEN.split('.')[2]!);
    }
  });
});
