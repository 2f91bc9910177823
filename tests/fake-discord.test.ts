/**
 * Specification for tests/support/fake-discord.ts: a REAL discord.js Client must
 * log in, receive interactions and respond through the fake exactly as it would
 * against Discord. If discord.js changes what it expects, these tests say so
 * before the bot's own end-to-end tests fail mysteriously.
 */
import { once } from 'node:events';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  StringSelectMenuBuilder,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import WebSocket from 'ws';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from './support/fake-discord.js';

let fake: FakeDiscord;
let client: Client;
/** Errors thrown inside the bot-side handler would otherwise vanish into an unhandled rejection. */
const handlerErrors: unknown[] = [];
/** What the handler's final API call resolved to, by interaction id, so tests can inspect discord.js' view. */
const results = new Map<string, Promise<unknown>>();
const resolvers = new Map<string, (v: unknown) => void>();
const resultOf = (id: string) => {
  if (!results.has(id)) results.set(id, new Promise((r) => resolvers.set(id, r)));
  return results.get(id)!;
};

// A minimal "bot": enough behaviours to exercise each response style.
async function onInteraction(i: Interaction): Promise<unknown> {
  if (i.isChatInputCommand() && i.commandName === 'ping') {
    await i.deferReply();
    return i.editReply({ content: 'pong', allowedMentions: { parse: [] } });
  }
  if (i.isChatInputCommand() && i.commandName === 'echo') {
    return { commandId: i.commandId, text: i.options.getString('text', true), perms: i.memberPermissions?.has('ManageGuild') };
  }
  if (i.isButton() && i.customId === 'reveal') {
    await i.deferUpdate();
    return i.editReply({ content: 'answer: 42', components: [] });
  }
  if (i.isButton() && i.customId === 'next') {
    await i.update({ content: 'question 2' });
    return i.message.content; // discord.js' view of the clicked message before the update
  }
  if (i.isStringSelectMenu() && i.customId === 'pick') {
    await i.deferUpdate();
    return i.values;
  }
  if (i.isAutocomplete()) {
    const focused = i.options.getFocused();
    await i.respond([{ name: `${focused}-note`, value: `${focused}-note` }]);
    return focused;
  }
  return undefined;
}

const isPatchOriginal = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`;
const isCallback = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.path.endsWith('/callback');

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client.on(Events.InteractionCreate, (i) => {
    resultOf(i.id);
    onInteraction(i).then(
      (v) => resolvers.get(i.id)!(v),
      (err) => {
        handlerErrors.push(err);
        resolvers.get(i.id)!(err);
      },
    );
  });
  // Token shape matters: discord.js may base64-decode the first segment as the bot's user id.
  const token = `${Buffer.from(fake.botUserId).toString('base64')}.fake.token`;
  await Promise.all([once(client, Events.ClientReady), client.login(token)]);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('fake Discord with a real discord.js client', () => {
  it('logs in over the gateway and sees the guild and its text channel', async () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(fake.connectedGateways()).toBe(1);
    await fake.waitForIdentify();

    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(guild?.channels.cache.get(fake.channelId)?.isTextBased()).toBe(true);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
  });

  it('deferReply + editReply: records the type-5 callback and the PATCH @original', async () => {
    const { id, token } = fake.sendCommand({ name: 'ping' });

    const callback = await fake.waitForRequest(isCallback(id));
    expect(callback.path).toBe(`/interactions/${id}/${token}/callback`);
    expect(callback.body.type).toBe(5);

    const patch = await fake.waitForRequest(isPatchOriginal(token));
    expect(patch.rawPath).toContain('%40original'); // discord.js percent-encodes; `path` is decoded
    expect(patch.body.content).toBe('pong');
    expect(patch.body.allowed_mentions.parse).toEqual([]);

    const reply = (await resultOf(id)) as Message;
    expect(reply.content).toBe('pong');
    expect(reply.author.id).toBe(fake.botUserId);
    expect(reply.channelId).toBe(fake.channelId);
  });

  it('passes options, permissions and the registered command id to the bot', async () => {
    const [registered] = (
      await client.application!.commands.set(
        [{ name: 'echo', description: 'echo text', options: [{ type: 3, name: 'text', description: 't', required: true }] }],
        fake.guildId,
      )
    ).values();
    expect(registered?.id).toMatch(/^\d{17,20}$/);
    expect(
      fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`),
    ).toBe(true);

    const { id } = fake.sendCommand({
      name: 'echo',
      options: [{ type: 3, name: 'text', value: 'hello' }],
      permissions: '0',
      user: { id: '200000000000000077', username: 'student' },
    });
    expect(await resultOf(id)).toEqual({ commandId: registered!.id, text: 'hello', perms: false });
  });

  it('component clicks: deferUpdate + editReply edits the clicked message; update() sends type 7', async () => {
    // The bot posts a message with a button; the click then carries that exact message.
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('reveal').setLabel('Reveal').setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: 'question 1', components: [row] });

    const click = fake.sendComponent({ customId: 'reveal', messageId: posted.id });
    expect((await fake.waitForRequest(isCallback(click.id))).body.type).toBe(6);
    const patch = await fake.waitForRequest(isPatchOriginal(click.token));
    expect(patch.body).toMatchObject({ content: 'answer: 42', components: [] });
    const edited = (await resultOf(click.id)) as Message;
    expect(edited.id).toBe(posted.id); // @original of a component interaction is the clicked message
    expect(fake.getMessage(posted.id).content).toBe('answer: 42');

    const next = fake.sendComponent({ customId: 'next', messageId: posted.id });
    const cb = await fake.waitForRequest(isCallback(next.id));
    expect(cb.body).toMatchObject({ type: 7, data: { content: 'question 2' } });
    expect(await resultOf(next.id)).toBe('answer: 42');
  });

  it('drop-down lists: a choice reaches discord.js with its values; a list beside a button is refused as Discord does', async () => {
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;
    const list = new StringSelectMenuBuilder().setCustomId('pick').setOptions({ label: 'FPN', value: '0' }, { label: 'FCN', value: '1' });
    const posted = await channel.send({
      content: 'which?',
      components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(list)],
    });

    const choice = fake.sendComponent({ customId: 'pick', componentType: 3, values: ['1'], messageId: posted.id });
    expect((await fake.waitForRequest(isCallback(choice.id))).body.type).toBe(6);
    expect(await resultOf(choice.id)).toEqual(['1']);
    // Discord only sends what the list offered; a test that asks otherwise is wrong.
    expect(() => fake.sendComponent({ customId: 'pick', componentType: 3, values: ['7'], messageId: posted.id })).toThrow(
      /not among the options/,
    );

    const crowded = { type: 1, components: [list.toJSON(), { type: 2, style: 1, label: 'Go', custom_id: 'go' }] };
    const err = await channel.send({ content: 'crowded', components: [crowded as never] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err).toMatchObject({ code: 50035, status: 400, message: expect.stringContaining('fills its row alone') });
    const tooMany = new StringSelectMenuBuilder()
      .setCustomId('many')
      .setOptions(Array.from({ length: 25 }, (_, i) => ({ label: `n${i}`, value: String(i) })))
      .toJSON();
    tooMany.options.push({ label: 'n25', value: '25' });
    const refused = await channel
      .send({ content: 'long', components: [{ type: 1, components: [tooMany] } as never] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 50035, message: expect.stringContaining('1–25 options') });
  });

  it('autocomplete: the focused option reaches the bot and choices come back as type 8', async () => {
    const { id } = fake.sendAutocomplete({ name: 'quote', options: [{ type: 3, name: 'note', value: 'graph' }] });
    const cb = await fake.waitForRequest(isCallback(id));
    expect(cb.body).toEqual({ type: 8, data: { choices: [{ name: 'graph-note', value: 'graph-note' }] } });
    expect(await resultOf(id)).toBe('graph');
  });

  it('a 429 on PATCH @original makes discord.js wait Retry-After and retry', async () => {
    fake.rateLimitNext('PATCH', /\/messages\/@original$/, 1);
    const { id, token } = fake.sendCommand({ name: 'ping' });

    const reply = (await resultOf(id)) as Message;
    expect(reply.content).toBe('pong');
    const patches = fake.requests.filter(isPatchOriginal(token));
    expect(patches).toHaveLength(2);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('failNext: channel.send rejects with DiscordAPIError 50013 (Missing Permissions)', async () => {
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, 403, { message: 'Missing Permissions', code: 50013 });
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;
    const err = await channel.send('hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err).toMatchObject({ code: 50013, status: 403 });
    // The rule is one-shot: the next send goes through.
    await expect(channel.send('hi again')).resolves.toMatchObject({ content: 'hi again' });
  });

  it('multipart uploads: payload_json is parsed and files are recorded', async () => {
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;
    const msg = await channel.send({ content: 'see file', files: [{ attachment: Buffer.from('# Notes\n'), name: 'notes.md' }] });
    const req = await fake.waitForRequest((r) => r.method === 'POST' && r.files.length > 0);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req.body.content).toBe('see file');
    expect(req.files[0]).toMatchObject({ name: 'notes.md', size: 8 });
    expect(msg.attachments.first()?.name).toBe('notes.md');
  });

  it('unknown channels and unknown routes are 404s, and still recorded', async () => {
    await expect(client.channels.fetch('999999999999999999')).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(client.rest.get('/nope/123' as `/${string}`)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('no route'),
    });
    expect(fake.requests.some((r) => r.path === '/nope/123')).toBe(true);
  });

  it('gateway RESUME (raw socket): RESUMED continues the session sequence', async () => {
    const url = `${fake.apiBase.replace(/^http/, 'ws').replace(/\/api$/, '')}?v=10&encoding=json`;
    const frames = (ws: WebSocket) => {
      const queue: any[] = [];
      const waiting: Array<(v: any) => void> = [];
      ws.on('message', (d) => {
        const p = JSON.parse(d.toString());
        const w = waiting.shift();
        w ? w(p) : queue.push(p);
      });
      return () => (queue.length ? Promise.resolve(queue.shift()) : new Promise<any>((r) => waiting.push(r)));
    };
    const a = new WebSocket(url);
    const nextA = frames(a);
    expect((await nextA()).op).toBe(10);
    a.send(JSON.stringify({ op: 2, d: { token: 'x', intents: 1, properties: {} } }));
    const ready = await nextA();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { v: 10, application: { id: fake.applicationId } } });
    expect(await nextA()).toMatchObject({ t: 'GUILD_CREATE', s: 2 });
    a.send(JSON.stringify({ op: 1, d: 2 }));
    expect((await nextA()).op).toBe(11);
    a.close();

    const b = new WebSocket(`${ready.d.resume_gateway_url}?v=10&encoding=json`);
    const nextB = frames(b);
    await nextB(); // HELLO
    b.send(JSON.stringify({ op: 6, d: { token: 'x', session_id: ready.d.session_id, seq: 2 } }));
    expect(await nextB()).toMatchObject({ op: 0, t: 'RESUMED', s: 3 });
    b.send(JSON.stringify({ op: 6, d: { token: 'x', session_id: 'bogus', seq: 0 } }));
    expect(await nextB()).toEqual({ op: 9, d: false });
    b.close();
  });

  it('closes the gateway with a given code: on IDENTIFY (rejectIdentify) or for every session (closeGateways)', async () => {
    const url = `ws://${new URL(fake.apiBase).host}/?v=10&encoding=json`;
    const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    fake.rejectIdentify(4004);
    try {
      const rejected = new WebSocket(url);
      const closed = closeCode(rejected);
      await once(rejected, 'open');
      rejected.send(JSON.stringify({ op: 2, d: { token: 'x', intents: 1, properties: {} } }));
      expect(await closed).toBe(4004);
    } finally {
      fake.rejectIdentify(null);
    }
    const accepted = new WebSocket(url);
    const closed = closeCode(accepted);
    await once(accepted, 'open');
    // This also ends the discord.js client's session, which is why this spec runs last.
    fake.closeGateways(4014, 'Disallowed intent(s).');
    expect(await closed).toBe(4014);
  });

  it('bot-side handlers raised no errors', () => {
    expect(handlerErrors).toEqual([]);
  });
});
