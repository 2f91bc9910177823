/**
 * End-to-end specification of formulas in Discord (issue #13): the REAL bot
 * process against the fake Discord, asserting on the multipart uploads that
 * went over the wire.
 *
 *  1. `/ask what is focal loss` on the bundled notes: the answer embed's image
 *     is `attachment://formulas-….png`, the PNG is in the upload, the TeX is its
 *     description; without Attach Files the answer is text, with one line saying why.
 *  2. A daily post (on a small notes folder whose every concept holds a
 *     formula) carries its formula image; `/daily set` names Attach Files when
 *     the channel denies it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord, RecordedRequest } from './support/fake-discord.js';
import { buttons, fakeBotToken, interactionRequests, logLines, setUpBotE2E, stopBot, type BotE2E } from './support/bot-process.js';
import { pngStats } from './support/png-stats.js';

const APPLICATION_ID = '100000000000000013';
const TOKEN = fakeBotToken(APPLICATION_ID, 'MathW1reSecretT0ken-never-in-logs_13');
const ALL = (1n << 53n) - 1n;
const ATTACH_FILES = 1n << 15n;
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = String(1n << 5n);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let e2e: BotE2E;
let fake: FakeDiscord;
let userSeq = 0n;
const newUser = () => {
  userSeq++;
  return { id: String(200000000000001300n + userSeq), username: `learner${userSeq}` };
};
const { isCallback, isEditOriginal } = interactionRequests(APPLICATION_ID);

async function ask(question: string, opts: { appPermissions?: string } = {}) {
  const sent = fake.sendCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: question }], user: newUser(), ...opts });
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  // Drawing waits for MathJax on the first formula: allow for a cold start on a busy machine.
  const edit = await fake.waitForRequest(isEditOriginal(sent.token), 20_000);
  return { ...sent, callback, edit, embed: edit.body.embeds[0], message: fake.originalMessage(sent.token) };
}

const isMultipart = (r: RecordedRequest) => String(r.headers['content-type'] ?? '').startsWith('multipart/form-data');

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-media-e2e-' });
  fake = e2e.fake;
}, 30_000);

afterAll(async () => {
  await e2e?.close();
});

describe('/ask with formulas on (fake) Discord', () => {
  beforeAll(async () => {
    await e2e.startBot();
  }, 40_000);

  it('acknowledges first, then edits in the answer as a multipart upload: the embed image is the attached formula PNG, its TeX the alt text', async () => {
    const { callback, edit, embed, message } = await ask('what is focal loss');
    expect(callback.body.type).toBe(5);
    expect(callback.at).toBeLessThan(edit.at);

    expect(isMultipart(edit)).toBe(true);
    expect(edit.files).toHaveLength(1);
    const [file] = edit.files;
    expect(file!.name).toMatch(/^formulas-[0-9a-f]{12}\.png$/);
    expect(file!.data.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(file!.size).toBe(file!.data.length);
    const png = pngStats(file!.data);
    expect(png.width).toBeGreaterThan(100);
    expect(png.height).toBeGreaterThan(30);
    expect(png.lumaVariance).toBeGreaterThan(100); // not a blank card
    expect(png.inkPixels).toBeGreaterThan(200);
    expect(embed.image).toEqual({ url: `attachment://${file!.name}` });
    // discord.js numbers the uploads; the description travels in payload_json under that id.
    expect(edit.body.attachments).toEqual([expect.objectContaining({ id: '0' })]);
    const alt = edit.body.attachments[0].description;
    expect(alt).toContain('\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)');

    // The text cites the drawn formula by its number; no raw TeX is left for Discord to mangle.
    expect(embed.description).toMatch(/\*\*\(1\)\*\*/);
    expect(embed.description).not.toMatch(/\$|\\gamma|\\mathrm|p_t/);
    expect(embed.description).toContain('pₜ');
    expect(edit.body.content ?? '').toBe('');
    // What the channel shows: the message holds the attachment the embed points at.
    expect(message.attachments.map((a: any) => a.filename)).toEqual([file!.name]);
    expect(logLines(e2e.bots[0]!).filter((l) => l.level >= 50)).toEqual([]);
  });

  it('without Attach Files in the channel the answer still arrives, as text with the formulas as code, and says once why', async () => {
    // Administrator would grant Attach Files whatever the channel says, so it goes too.
    const { edit, embed } = await ask('what is focal loss', { appPermissions: String(ALL & ~ATTACH_FILES & ~ADMINISTRATOR) });
    expect(isMultipart(edit)).toBe(false);
    expect(edit.files).toEqual([]);
    expect(embed.image).toBeUndefined();
    expect(embed.description).toContain('```\n\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)\n```');
    expect(edit.body.content).toBe(
      'ℹ️ Formulas are shown as code: I lack the **Attach Files** permission in this channel, so I cannot attach them as images.',
    );
    expect(edit.body.content.match(/Attach Files/g)).toHaveLength(1);
  });

  it('"Next result" replaces the attachments: the previous result\'s formula card does not stay on the message', async () => {
    const asker = newUser();
    const sent = fake.sendCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: 'what is focal loss' }], user: asker });
    await fake.waitForRequest(isEditOriginal(sent.token), 20_000);
    const first = fake.originalMessage(sent.token);
    expect(first.attachments).toHaveLength(1);
    const next = buttons(first).find((b) => b.label?.startsWith('Next result'));
    const click = fake.sendComponent({ customId: next.custom_id, messageId: first.id, user: asker });
    const edit = await fake.waitForRequest(isEditOriginal(click.token), 20_000);
    // Only this result's uploads: none of the first result's attachments is kept.
    expect(edit.body.attachments).toEqual(edit.files.map((_, i) => expect.objectContaining({ id: String(i) })));
    const shown = fake.getMessage(first.id);
    expect(shown.embeds[0].footer.text).toMatch(/ · result 2 of \d$/);
    expect(shown.attachments.map((a: any) => a.filename)).toEqual(edit.files.map((f) => f.name));
    const image = shown.embeds[0].image?.url;
    if (image) expect(shown.attachments.map((a: any) => `attachment://${a.filename}`)).toContain(image);
  });

  afterAll(async () => {
    const { code } = await stopBot(e2e.bots[0]!, 'SIGTERM');
    expect(code).toBe(0);
  });
});

describe('the daily post on (fake) Discord', () => {
  let notesDir: string;
  let dataDir: string;

  beforeAll(async () => {
    notesDir = mkdtempSync(path.join(tmpdir(), 'studybot-media-notes-'));
    // Another notes folder needs a data folder of its own: the index refuses to be replaced by a run on other notes.
    dataDir = mkdtempSync(path.join(tmpdir(), 'studybot-media-data-'));
    // Every concept's defining lines hold a display formula, so whichever the rotation picks has one.
    writeFileSync(
      path.join(notesDir, 'focal.md'),
      [
        '# Focal Loss',
        '',
        '## 定义',
        '',
        '**焦点损失（Focal Loss）**是在交叉熵上乘以调制因子的损失：',
        '$\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)$',
        '',
        '**平衡交叉熵（Balanced Cross Entropy）**是给每个类别乘以权重的交叉熵：',
        '$\\mathrm{CE}(p_t) = -\\alpha_t \\log(p_t)$',
        '',
      ].join('\n'),
    );
    await e2e.startBot({ env: { NOTES_DIR: notesDir, DATA_DIR: dataDir }, readyMsg: 'daily scheduler started' });
  }, 40_000);

  afterAll(() => {
    rmSync(notesDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function daily(sub: string, options: any[] = []) {
    const sent = fake.sendCommand({
      name: 'daily',
      options: [{ type: 1, name: sub, options }],
      user: newUser(),
      permissions: MANAGE_GUILD,
      ...(options.length ? { resolved: { channels: { [fake.channelId]: { id: fake.channelId, name: 'general', type: 0 } } } } : {}),
    });
    await fake.waitForRequest(isCallback(sent.id), 5000);
    const edit = await fake.waitForRequest(isEditOriginal(sent.token), 20_000);
    return edit.body.content as string;
  }
  const setOptions = () => [
    { type: 7, name: 'channel', value: fake.channelId },
    { type: 3, name: 'time', value: '08:30' },
    { type: 3, name: 'timezone', value: 'Europe/Berlin' },
  ];

  it("/daily set checks the invite's permissions in the channel and names Attach Files when it is denied", async () => {
    fake.denyBotInChannel(ATTACH_FILES);
    try {
      const reply = await daily('set', setOptions());
      expect(reply).toMatch(new RegExp(`I can't post in <#${fake.channelId}>: I'm missing \\*\\*Attach Files\\*\\* there\\.`));
    } finally {
      fake.restoreBotInChannel();
    }
    expect(await daily('set', setOptions())).toMatch(/Daily concept set/);
  });

  it('carries its formula image: the embed shows attachment://formulas-….png, uploaded with the post', async () => {
    const reply = await daily('now');
    expect(reply).toMatch(/Posted/i);
    const post = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`, 20_000);
    expect(isMultipart(post)).toBe(true);
    expect(post.files).toHaveLength(1);
    const [file] = post.files;
    expect(file!.name).toMatch(/^formulas-[0-9a-f]{12}\.png$/);
    expect(file!.data.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(pngStats(file!.data).lumaVariance).toBeGreaterThan(100);
    const embed = post.body.embeds[0];
    expect(embed.image).toEqual({ url: `attachment://${file!.name}` });
    expect(embed.description).toMatch(/^>>> \*\*.+\*\*是.+\n\*\*\(1\)\*\*$/s);
    expect(post.body.attachments[0].description).toMatch(/^\(1\) \\mathrm\{(FL|CE)\}\(p_t\) = -\\alpha_t/);
  });
});
