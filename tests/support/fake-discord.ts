/**
 * A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end bot tests.
 *
 * Why: mocking discord.js internals would test our assumptions about discord.js,
 * not the bot. Instead the REAL discord.js Client talks the real protocol to this
 * server, so serialisation, REST retries, interaction bookkeeping and permission
 * parsing are all exercised. The fake only has to be faithful where discord.js
 * (v14, @discordjs/rest 2, @discordjs/ws 1) actually looks.
 *
 * Usage: `new Client({ intents, rest: { api: fake.apiBase } })` and log in with a
 * dummy token. discord.js fetches GET /gateway/bot first, which points it at our
 * WebSocket, so no other configuration is needed.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

/** One REST call as the bot made it. Tests assert on these rather than on bot internals. */
export interface RecordedRequest {
  method: string;
  /** Decoded path without the `/api/v10` prefix or query, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The URL exactly as received (still percent-encoded, with prefix and query) for debugging. */
  rawPath: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the parsed `payload_json` of a multipart upload, or undefined. */
  body: any;
  /** Uploaded files of a multipart request (attachments), so tests can assert on them; `data` holds their bytes. */
  files: Array<{ field: string; name: string; size: number; contentType: string; data: Buffer }>;
  at: number;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  /** Defaults to applicationId: for modern Discord apps the bot user id equals the app id. */
  botUserId?: string;
  guildId?: string;
  channels?: Array<{ id: string; name: string; type?: number }>;
  /** The server's language in Discord (`preferred_locale`, and `guild_locale` of interactions); default en-US. */
  guildLocale?: string;
}

/** The languages an interaction carries: the member's Discord client (`locale`) and the server's (`guild_locale`). */
type FakeLocales = { locale?: string; guildLocale?: string };

type FakeUser = { id: string; username: string };

export interface FakeDiscord {
  /** Pass as `rest.api`; discord.js appends `/v10`. */
  apiBase: string;
  requests: RecordedRequest[];
  applicationId: string;
  guildId: string;
  botUserId: string;
  /** First text channel (type 0): where interactions happen unless told otherwise. */
  channelId: string;
  sendCommand(
    opts: {
      name: string;
      options?: any[];
      /** Discord's `data.resolved` (users/channels/roles referenced by options). */
      resolved?: any;
      user?: FakeUser;
      permissions?: string;
      /** The bot's own permissions in the channel (`app_permissions`); default: all of them. */
      appPermissions?: string;
      channelId?: string;
      guildId?: string;
    } & FakeLocales,
  ): { id: string; token: string };
  sendComponent(
    opts: {
      customId: string;
      /** A message the bot sent earlier through this fake; its stored state becomes `interaction.message`. */
      messageId?: string;
      message?: any;
      user?: FakeUser;
      /** 2 = button, 3 = string select (pass `values`). */
      componentType?: number;
      values?: string[];
      permissions?: string;
      /** The bot's own permissions in the channel (`app_permissions`); default: all of them. */
      appPermissions?: string;
      channelId?: string;
    } & FakeLocales,
  ): { id: string; token: string };
  sendAutocomplete(opts: { name: string; options: any[]; user?: FakeUser; channelId?: string } & FakeLocales): {
    id: string;
    token: string;
  };
  /** Raw escape hatch: dispatch any gateway event (op 0) to every identified connection. */
  dispatch(event: string, data: any): void;
  /**
   * As Discord tells the bot when an admin takes permissions away from it in the first text channel:
   * @everyone loses Administrator (which would override any overwrite) and the bot's member is denied `deny`.
   */
  denyBotInChannel(deny: bigint): void;
  /** Gives back what denyBotInChannel took. */
  restoreBotInChannel(): void;
  /** Resolves with the first matching request, including ones already recorded (avoids races). */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** The next matching request gets a 429; discord.js should wait Retry-After and retry. */
  rateLimitNext(method: string, pathPattern: RegExp, retryAfterSeconds: number): void;
  /** The next matching request fails with this status/body, e.g. 403 `{ code: 50013 }`. */
  failNext(method: string, pathPattern: RegExp, status: number, body: any): void;
  /** A message the bot created/edited through any endpoint, by id. */
  getMessage(id: string): any | undefined;
  /** The `@original` response message of an interaction (by its token), e.g. to click its buttons. */
  originalMessage(token: string): any | undefined;
  connectedGateways(): number;
  /** From now on, answer every IDENTIFY by closing the gateway with `code` (e.g. 4004 for a rejected token) instead of READY; null to accept again. */
  rejectIdentify(code: number | null): void;
  /** Closes every gateway connection with `code`, as Discord does to end a session (e.g. 4004 after the token was reset). */
  closeGateways(code: number, reason?: string): void;
  /** The `d` of every IDENTIFY received (intents, properties, shard…), e.g. to check which intents the bot asks for. */
  identifies: any[];
  /** Resolves once any client has identified and received READY + GUILD_CREATE. */
  waitForIdentify(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

// --- ids ------------------------------------------------------------------

// discord.js derives timestamps from ids and some code paths BigInt() them, so
// every id must be a real snowflake (ms since the Discord epoch << 22 | counter).
const DISCORD_EPOCH = 1420070400000n;
let snowflakeCounter = 0n;
export function snowflake(): string {
  snowflakeCounter = (snowflakeCounter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeCounter).toString();
}

/** Bits 2^0..2^52: a superset of every permission Discord defines, so "has permission X" checks pass by default. */
const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();
const DEFAULT_USER: FakeUser = { id: '200000000000000001', username: 'tester' };

// Discord opcodes/types used below, kept local so the fake reads on its own.
const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const CallbackType = { Message: 4, DeferredMessage: 5, DeferredUpdate: 6, Update: 7 } as const;
const MessageFlags = { Ephemeral: 64, Loading: 128 } as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}
const notFound = (code: number, message: string) => new HttpError(404, { message, code });

/**
 * Discord's checks on a message's components (as of API v10), so a view the real Discord would refuse fails here too:
 * at most five rows; a row holds one to five buttons or one drop-down list alone; ids unique and at most 100 characters;
 * a list has 1–25 options with unique values, labels and values of 1–100 characters, at most one default when one value is chosen.
 */
function componentErrors(components: unknown): string[] {
  if (components === undefined || components === null) return [];
  if (!Array.isArray(components)) return ['components: must be an array'];
  const errors: string[] = [];
  const ids = new Set<string>();
  const text = (where: string, value: unknown, min: number, max: number) => {
    if (typeof value !== 'string' || value.length < min || value.length > max) errors.push(`${where}: ${min}–${max} characters`);
  };
  const customId = (where: string, id: unknown) => {
    text(where, id, 1, 100);
    if (typeof id === 'string' && ids.has(id)) errors.push(`${where}: custom id ${id} used twice`);
    if (typeof id === 'string') ids.add(id);
  };
  if (components.length > 5) errors.push('components: at most 5 rows');
  components.forEach((row: any, r: number) => {
    const inner: any[] = Array.isArray(row?.components) ? row.components : [];
    if (row?.type !== 1 || inner.length < 1 || inner.length > 5) errors.push(`components[${r}]: a row of 1–5 components`);
    for (const [c, component] of inner.entries()) {
      const where = `components[${r}].components[${c}]`;
      if (component?.type === 2) {
        if (component.style !== 5) customId(`${where}.custom_id`, component.custom_id);
        if (component.label !== undefined) text(`${where}.label`, component.label, 0, 80);
      } else if (component?.type === 3) {
        if (inner.length !== 1) errors.push(`${where}: a drop-down list fills its row alone`);
        customId(`${where}.custom_id`, component.custom_id);
        if (component.placeholder !== undefined) text(`${where}.placeholder`, component.placeholder, 0, 150);
        const options: any[] = Array.isArray(component.options) ? component.options : [];
        if (options.length < 1 || options.length > 25) errors.push(`${where}.options: 1–25 options`);
        const values = new Set<string>();
        for (const [o, option] of options.entries()) {
          text(`${where}.options[${o}].label`, option?.label, 1, 100);
          text(`${where}.options[${o}].value`, option?.value, 1, 100);
          if (option?.description !== undefined) text(`${where}.options[${o}].description`, option.description, 0, 100);
          if (values.has(option?.value)) errors.push(`${where}.options[${o}].value: used twice`);
          values.add(option?.value);
        }
        if ((component.max_values ?? 1) === 1 && options.filter((o) => o?.default).length > 1)
          errors.push(`${where}.options: more than one default`);
      } else {
        errors.push(`${where}: type ${component?.type} is not one StudyBot's fake knows`);
      }
    }
  });
  return errors;
}

/** Refuses a message body whose components Discord would refuse, with Discord's "Invalid Form Body". */
function checkComponents(body: any): void {
  const errors = componentErrors(body?.components);
  if (errors.length) throw new HttpError(400, { message: `Invalid Form Body: ${errors.join('; ')}`, code: 50035 });
}

interface Rule {
  method: string;
  pattern: RegExp;
  status: number;
  body: any;
  retryAfter?: number;
}
interface Interaction {
  id: string;
  type: number;
  token: string;
  channelId: string;
  responded: boolean;
  originalId?: string;
  componentMessageId?: string;
}
interface Conn {
  ws: WebSocket;
  sessionId?: string;
  identified: boolean;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = opts.applicationId ?? '100000000000000001';
  const botUserId = opts.botUserId ?? applicationId;
  const guildId = opts.guildId ?? '300000000000000001';
  const guildLocale = opts.guildLocale ?? 'en-US';
  const channels = (opts.channels ?? [{ id: '400000000000000001', name: 'general', type: 0 }]).map((c, i) => ({
    id: c.id,
    type: c.type ?? 0,
    guild_id: guildId,
    name: c.name,
    position: i,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  }));
  const channelId = channels.find((c) => c.type === 0)?.id;
  if (!channelId) throw new Error('fake-discord: need at least one text channel (type 0)');

  const now = new Date().toISOString();
  const botUser = {
    id: botUserId,
    username: 'StudyBot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
    system: false,
    flags: 0,
    public_flags: 0,
    mfa_enabled: false,
    verified: true,
    email: null,
  };
  // The bot's member only has @everyone, so this role decides what discord.js computes for
  // `guild.members.me.permissions` / `permissionsFor(me)`: grant everything so pre-flight checks
  // pass; simulate missing permissions at the REST layer with failNext(..., 403, { code: 50013 }).
  const everyoneRole = {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: ALL_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0,
  };
  const guild = {
    id: guildId,
    name: 'Study Group',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: DEFAULT_USER.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [everyoneRole],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guildLocale,
    nsfw_level: 0,
    max_members: 500000,
    max_video_channel_users: 25,
    widget_enabled: false,
    widget_channel_id: null,
  };
  const memberOf = (user: object) => ({
    user,
    roles: [],
    nick: null,
    avatar: null,
    joined_at: now,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  });

  // --- state ------------------------------------------------------------
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const rules: Rule[] = [];
  const interactions = new Map<string, Interaction>(); // by token: webhook routes only carry the token
  const messages = new Map<string, any>();
  const commands = { global: [] as any[], guild: [] as any[] };
  const knownUsers = new Map<string, any>([[botUserId, botUser]]);
  const conns = new Set<Conn>();
  const sessions = new Map<string, { seq: number }>();
  let identified = false;
  let identifyCloseCode: number | null = null;
  const identifyWaiters = new Set<() => void>();
  let port = 0;

  const userObject = (u: FakeUser) => {
    const full = { id: u.id, username: u.username, discriminator: '0', global_name: null, avatar: null, public_flags: 0 };
    knownUsers.set(u.id, full);
    return full;
  };

  /** Builds a message the way Discord echoes it back: a full object, always authored by the bot. */
  function makeMessage(chId: string, body: any, files: RecordedRequest['files'], extra: Record<string, unknown> = {}) {
    checkComponents(body);
    const msg = {
      id: snowflake(),
      channel_id: chId,
      guild_id: guildId,
      author: botUser,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments: [] as any[],
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
      ...extra,
    };
    msg.attachments = attachmentsFor(body, files);
    messages.set(msg.id, msg);
    return msg;
  }
  function attachmentsFor(body: any, files: RecordedRequest['files']) {
    return files.map((f, i) => {
      const id = snowflake();
      return {
        id,
        filename: body?.attachments?.[i]?.filename ?? f.name,
        size: f.size,
        content_type: f.contentType,
        url: `http://127.0.0.1:${port}/attachments/${id}/${f.name}`,
        proxy_url: `http://127.0.0.1:${port}/attachments/${id}/${f.name}`,
      };
    });
  }
  /** PATCH semantics: only fields present in the body change; editing drops the Loading flag of a deferral. */
  function editMessage(msg: any, body: any, files: RecordedRequest['files']) {
    checkComponents(body);
    for (const key of ['content', 'embeds', 'components'] as const)
      if (body && key in body) msg[key] = body[key] ?? (key === 'content' ? '' : []);
    if (body && 'flags' in body) msg.flags = body.flags;
    if (files.length > 0 || (body && 'attachments' in body)) msg.attachments = attachmentsFor(body, files);
    msg.flags &= ~MessageFlags.Loading;
    msg.edited_timestamp = new Date().toISOString();
    return msg;
  }

  function interactionByToken(app: string, token: string): Interaction {
    const it = interactions.get(token);
    if (app !== applicationId || !it) throw notFound(10015, 'Unknown Webhook');
    return it;
  }
  function original(it: Interaction) {
    const msg = it.originalId && messages.get(it.originalId);
    if (!msg) throw notFound(10008, 'Unknown Message');
    return msg;
  }
  function registerCommands(list: any[], scope: 'global' | 'guild', replace: boolean) {
    const prev = commands[scope];
    const out = list.map((c) => ({
      id: prev.find((p) => p.name === c.name)?.id ?? snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type: 1,
      description: '',
      options: [],
      default_member_permissions: null,
      nsfw: false,
      ...(scope === 'guild' ? { guild_id: guildId } : {}),
      ...c,
    }));
    commands[scope] = replace ? out : [...prev.filter((p) => !out.some((o) => o.name === p.name)), ...out];
    return out;
  }

  // --- REST ---------------------------------------------------------------
  type Handler = (m: RegExpMatchArray, r: RecordedRequest) => any; // return value = JSON body; undefined = 204
  const routes: Array<[string, RegExp, Handler]> = [
    [
      'GET',
      /^\/gateway(\/bot)?$/,
      () => ({
        url: `ws://127.0.0.1:${port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    ],
    ['GET', /^\/users\/@me$/, () => botUser],
    [
      'GET',
      /^\/applications\/@me$/,
      () => ({
        id: applicationId,
        name: botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        team: null,
        bot: botUser,
        owner: userObject(DEFAULT_USER),
        approximate_guild_count: 1,
      }),
    ],
    ['GET', /^\/applications\/(\d+)\/commands$/, () => commands.global],
    ['GET', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, () => commands.guild],
    ['PUT', /^\/applications\/(\d+)\/commands$/, (_m, r) => registerCommands(r.body ?? [], 'global', true)],
    ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (_m, r) => registerCommands(r.body ?? [], 'guild', true)],
    ['POST', /^\/applications\/(\d+)\/commands$/, (_m, r) => registerCommands([r.body], 'global', false)[0]],
    ['POST', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (_m, r) => registerCommands([r.body], 'guild', false)[0]],

    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      ([, id, token], r) => {
        const it = interactions.get(token!);
        if (!it || it.id !== id) throw notFound(10062, 'Unknown interaction');
        // Discord refuses a second initial response; discord.js guards this too, but bot bugs can bypass it.
        if (it.responded) throw new HttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
        // A refused body leaves the interaction unanswered, as on Discord.
        checkComponents(r.body?.data);
        it.responded = true;
        const type = r.body?.type;
        const data = r.body?.data ?? {};
        if (type === CallbackType.Message || type === CallbackType.DeferredMessage) {
          const deferred = type === CallbackType.DeferredMessage;
          it.originalId = makeMessage(it.channelId, deferred ? {} : data, r.files, {
            type: 20,
            webhook_id: applicationId,
            application_id: applicationId,
            flags: (data.flags ?? 0) | (deferred ? MessageFlags.Loading : 0),
          }).id;
        } else if ((type === CallbackType.DeferredUpdate || type === CallbackType.Update) && it.componentMessageId) {
          // For components, "@original" IS the clicked message.
          it.originalId = it.componentMessageId;
          if (type === CallbackType.Update) editMessage(messages.get(it.originalId), data, r.files);
        }
        if (r.query.with_response !== 'true') return undefined;
        const msg = it.originalId ? messages.get(it.originalId) : undefined;
        return {
          interaction: {
            id: it.id,
            type: it.type,
            activity_instance_id: null,
            response_message_id: msg?.id ?? null,
            response_message_loading: type === CallbackType.DeferredMessage,
            response_message_ephemeral: Boolean((msg?.flags ?? 0) & MessageFlags.Ephemeral),
          },
          resource: msg ? { type, message: msg } : { type },
        };
      },
    ],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, ([, app, token]) => original(interactionByToken(app!, token!))],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      ([, app, token], r) => editMessage(original(interactionByToken(app!, token!)), r.body, r.files),
    ],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      ([, app, token]) => {
        messages.delete(original(interactionByToken(app!, token!)).id);
        return undefined;
      },
    ],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      ([, app, token], r) => {
        const it = interactionByToken(app!, token!);
        if (!it.responded) throw new HttpError(400, { message: 'Unknown Webhook', code: 10015 }); // follow-up before initial response
        const msg = makeMessage(it.channelId, r.body, r.files, { webhook_id: applicationId, application_id: applicationId });
        return r.query.wait === 'true' ? msg : undefined; // without ?wait=true Discord answers 204
      },
    ],
    [
      'GET',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/,
      ([, app, token, mid]) => {
        interactionByToken(app!, token!);
        return (
          messages.get(mid!) ??
          (() => {
            throw notFound(10008, 'Unknown Message');
          })()
        );
      },
    ],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/,
      ([, app, token, mid], r) => {
        interactionByToken(app!, token!);
        const msg = messages.get(mid!);
        if (!msg) throw notFound(10008, 'Unknown Message');
        return editMessage(msg, r.body, r.files);
      },
    ],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/,
      ([, app, token, mid]) => {
        interactionByToken(app!, token!);
        if (!messages.delete(mid!)) throw notFound(10008, 'Unknown Message');
        return undefined;
      },
    ],

    ['GET', /^\/channels\/(\d+)$/, ([, id]) => channel(id!)],
    ['POST', /^\/channels\/(\d+)\/messages$/, ([, id], r) => makeMessage(channel(id!).id, r.body, r.files)],
    ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, ([, id, mid]) => channelMessage(id!, mid!)],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, ([, id, mid], r) => editMessage(channelMessage(id!, mid!), r.body, r.files)],
    [
      'DELETE',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      ([, id, mid]) => {
        messages.delete(channelMessage(id!, mid!).id);
        return undefined;
      },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)$/,
      ([, id]) => {
        checkGuild(id!);
        return guild;
      },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)\/channels$/,
      ([, id]) => {
        checkGuild(id!);
        return channels;
      },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)\/members\/(\d+)$/,
      ([, id, uid]) => {
        checkGuild(id!);
        const user = knownUsers.get(uid!);
        if (!user) throw notFound(10007, 'Unknown Member');
        return memberOf(user);
      },
    ],
  ];
  function channel(id: string) {
    const c = channels.find((ch) => ch.id === id);
    if (!c) throw notFound(10003, 'Unknown Channel');
    return c;
  }
  function channelMessage(chId: string, mid: string) {
    channel(chId);
    const msg = messages.get(mid);
    if (!msg || msg.channel_id !== chId) throw notFound(10008, 'Unknown Message');
    return msg;
  }
  function checkGuild(id: string) {
    if (id !== guildId) throw notFound(10004, 'Unknown Guild');
  }

  /** Multipart (used whenever files are attached): the JSON lives in the `payload_json` part. */
  async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: any; files: RecordedRequest['files'] }> {
    const type = req.headers['content-type'] ?? '';
    if (raw.length === 0) return { body: undefined, files: [] };
    if (type.startsWith('multipart/form-data')) {
      // undici's Request parses multipart for us; no need for a hand-rolled parser.
      const form = await new Request('http://x/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: new Uint8Array(raw),
      }).formData();
      const files: RecordedRequest['files'] = [];
      let body: any;
      for (const [field, value] of form) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
          else {
            body ??= {};
            body[field] = value;
          }
        } else
          files.push({ field, name: value.name, size: value.size, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
      return { body, files };
    }
    const text = raw.toString('utf8');
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [] };
    }
  }

  function send(res: ServerResponse, status: number, body: any, headers: Record<string, string> = {}) {
    if (body === undefined) {
      // A 204 must not claim JSON: @discordjs/rest would try to parse the empty body.
      res.writeHead(status === 200 ? 204 : status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = Buffer.concat(chunks);
    // A body we cannot parse is still recorded (as text) rather than lost.
    const { body, files } = await parseBody(req, raw).catch(() => ({ body: raw.toString('utf8'), files: [] }));
    const path = url.pathname
      .replace(/^\/api(\/v\d+)?/, '')
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      rawPath: req.url ?? '',
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      files,
      at: Date.now(),
    };
    requests.push(rec);
    for (const w of [...waiters]) w();

    const ruleIdx = rules.findIndex((r) => r.method === rec.method && r.pattern.test(path));
    if (ruleIdx >= 0) {
      const [rule] = rules.splice(ruleIdx, 1);
      const headers: Record<string, string> =
        rule!.retryAfter !== undefined ? { 'retry-after': String(rule!.retryAfter), 'x-ratelimit-scope': 'user' } : {};
      return send(res, rule!.status, rule!.body, headers);
    }
    for (const [method, pattern, fn] of routes) {
      const m = rec.method === method ? path.match(pattern) : null;
      if (!m) continue;
      try {
        return send(res, 200, fn(m, rec));
      } catch (err) {
        if (err instanceof HttpError) return send(res, err.status, err.body);
        return send(res, 500, { message: `fake-discord handler crashed: ${String(err)}`, code: 0 });
      }
    }
    send(res, 404, { message: `fake-discord: no route for ${rec.method} ${path}`, code: 0 });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => send(res, 500, { message: `fake-discord: ${String(err)}`, code: 0 }));
  });

  // --- gateway ---------------------------------------------------------------
  const wss = new WebSocketServer({ server }); // discord.js connects to `${url}?v=10&encoding=json` (no path)

  function sendDispatch(conn: Conn, t: string, d: any) {
    const session = sessions.get(conn.sessionId!)!;
    conn.ws.send(JSON.stringify({ op: Op.Dispatch, t, s: ++session.seq, d }));
  }
  function dispatch(t: string, d: any) {
    const targets = [...conns].filter((c) => c.identified && c.ws.readyState === WebSocket.OPEN);
    if (targets.length === 0)
      throw new Error(`fake-discord: cannot dispatch ${t}, no identified gateway connection (did the client log in?)`);
    for (const c of targets) sendDispatch(c, t, d);
  }

  wss.on('connection', (ws) => {
    const conn: Conn = { ws, identified: false };
    conns.add(conn);
    ws.on('close', () => conns.delete(conn));
    // A long interval: discord.js heartbeats after interval*jitter, so tests never wait on it.
    ws.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: 41250, _trace: ['fake-discord'] }, s: null, t: null }));
    ws.on('message', (raw) => {
      let payload: any;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        return ws.close(4002, 'Error while decoding payload.');
      }
      switch (payload.op) {
        case Op.Heartbeat:
          ws.send(JSON.stringify({ op: Op.HeartbeatAck }));
          break;
        case Op.Identify: {
          fake.identifies.push(payload.d);
          if (identifyCloseCode !== null) {
            ws.close(identifyCloseCode, 'Rejected by the fake (rejectIdentify).');
            break;
          }
          conn.sessionId = randomBytes(16).toString('hex');
          sessions.set(conn.sessionId, { seq: 0 });
          conn.identified = true;
          sendDispatch(conn, 'READY', {
            v: 10,
            user: botUser,
            user_settings: {},
            guilds: [{ id: guildId, unavailable: true }],
            session_id: conn.sessionId,
            session_type: 'normal',
            resume_gateway_url: `ws://127.0.0.1:${port}`,
            private_channels: [],
            presences: [],
            relationships: [],
            geo_ordered_rtc_regions: [],
            guild_join_requests: [],
            application: { id: applicationId, flags: 0 },
            shard: payload.d?.shard ?? [0, 1],
            _trace: ['fake-discord'],
          });
          // discord.js holds back `clientReady` until every unavailable guild from READY arrives.
          sendDispatch(conn, 'GUILD_CREATE', {
            ...guild,
            joined_at: now,
            large: false,
            unavailable: false,
            member_count: 2,
            voice_states: [],
            members: [memberOf(botUser)], // so guild.members.me exists, as on real Discord
            channels,
            threads: [],
            presences: [],
            stage_instances: [],
            guild_scheduled_events: [],
            soundboard_sounds: [],
          });
          identified = true;
          for (const w of [...identifyWaiters]) w();
          break;
        }
        case Op.Resume: {
          const session = sessions.get(payload.d?.session_id);
          if (!session) {
            ws.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
            break;
          }
          conn.sessionId = payload.d.session_id;
          conn.identified = true;
          sendDispatch(conn, 'RESUMED', { _trace: ['fake-discord'] }); // missed events are not replayed
          break;
        }
        default:
          break; // presence/voice updates etc. are accepted and ignored
      }
    });
  });

  // --- interactions -----------------------------------------------------------
  function sendInteraction(
    type: number,
    o: { user?: FakeUser; permissions?: string; appPermissions?: string; channelId?: string; guildId?: string } & FakeLocales,
    extra: Record<string, unknown>,
    componentMessageId?: string,
  ) {
    const id = snowflake();
    const token = `fake-${randomBytes(24).toString('base64url')}`;
    const chId = o.channelId ?? channelId!;
    const ch = channels.find((c) => c.id === chId) ?? { id: chId, type: 0, guild_id: guildId, name: 'unknown' };
    interactions.set(token, { id, type, token, channelId: chId, responded: false, componentMessageId });
    dispatch('INTERACTION_CREATE', {
      id,
      application_id: applicationId,
      type,
      token,
      version: 1,
      guild_id: o.guildId ?? guildId,
      guild: { id: o.guildId ?? guildId, locale: o.guildLocale ?? guildLocale, features: [] },
      channel_id: chId,
      channel: ch,
      member: { ...memberOf(userObject(o.user ?? DEFAULT_USER)), permissions: o.permissions ?? ALL_PERMISSIONS },
      app_permissions: o.appPermissions ?? ALL_PERMISSIONS,
      locale: o.locale ?? 'en-US',
      guild_locale: o.guildLocale ?? guildLocale,
      entitlements: [],
      authorizing_integration_owners: { '0': o.guildId ?? guildId },
      context: 0,
      attachment_size_limit: 8 * 1024 * 1024,
      ...extra,
    });
    return { id, token };
  }
  const commandId = (name: string) => [...commands.guild, ...commands.global].find((c) => c.name === name)?.id ?? snowflake();

  // Gateway payloads for a permission change in the first text channel (denyBotInChannel).
  const ALL = (1n << 53n) - 1n;
  const ADMINISTRATOR = 1n << 3n;
  const firstChannel = (overwrites: unknown[]) => ({ ...channels.find((c) => c.id === channelId)!, permission_overwrites: overwrites });
  const roleUpdate = (permissions: bigint) => ({ guild_id: guildId, role: { ...everyoneRole, permissions: String(permissions) } });

  const fake: FakeDiscord = {
    apiBase: '',
    requests,
    applicationId,
    guildId,
    botUserId,
    channelId,
    identifies: [],
    sendCommand: (o) =>
      sendInteraction(2, o, {
        data: {
          id: commandId(o.name),
          name: o.name,
          type: 1,
          guild_id: o.guildId ?? guildId,
          options: o.options ?? [],
          ...(o.resolved ? { resolved: o.resolved } : {}),
        },
      }),
    sendComponent(o) {
      const chId = o.channelId ?? channelId!;
      // Default: a bot message with the clicked button, as if the bot had posted it earlier.
      const defaultComponents = [{ type: 1, components: [{ type: 2, style: 1, label: 'Click', custom_id: o.customId }] }];
      const message =
        (o.messageId && !o.message && messages.get(o.messageId)) ||
        // A caller-supplied (possibly partial) message is completed and stored so @original edits can find it.
        makeMessage(chId, { components: defaultComponents }, [], { ...(o.messageId ? { id: o.messageId } : {}), ...o.message });
      const componentType = o.componentType ?? 2;
      const list = (message.components as any[])
        .flatMap((row) => row.components)
        .find((c: any) => c.type === 3 && c.custom_id === o.customId);
      // Discord only sends values its list offered.
      const offered = new Set((list?.options ?? []).map((option: any) => option.value));
      if (list && (o.values ?? []).some((v) => !offered.has(v)))
        throw new Error(`values ${JSON.stringify(o.values)} are not among the options of ${o.customId}`);
      return sendInteraction(
        3,
        o,
        {
          message,
          data: { custom_id: o.customId, component_type: componentType, ...(componentType === 2 ? {} : { values: o.values ?? [] }) },
        },
        message.id,
      );
    },
    sendAutocomplete(o) {
      // discord.js' getFocused() needs exactly one focused option; default to the first.
      const options = o.options.some((opt) => opt.focused)
        ? o.options
        : o.options.map((opt, i) => (i === 0 ? { ...opt, focused: true } : opt));
      return sendInteraction(4, o, { data: { id: commandId(o.name), name: o.name, type: 1, guild_id: guildId, options } });
    },
    dispatch,
    denyBotInChannel(deny) {
      dispatch('GUILD_ROLE_UPDATE', roleUpdate(ALL & ~ADMINISTRATOR));
      dispatch('CHANNEL_UPDATE', firstChannel([{ id: botUserId, type: 1, allow: '0', deny: String(deny) }]));
    },
    restoreBotInChannel() {
      dispatch('CHANNEL_UPDATE', firstChannel([]));
      dispatch('GUILD_ROLE_UPDATE', roleUpdate(ALL));
    },
    waitForRequest(pred, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = requests.find(pred);
          if (!hit) return false;
          cleanup();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = requests.map((r) => `${r.method} ${r.path}`).join('\n  ');
          reject(new Error(`fake-discord: no matching request within ${timeoutMs} ms; recorded:\n  ${seen || '(none)'}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        if (!check()) waiters.add(check);
      });
    },
    rateLimitNext(method, pattern, retryAfterSeconds) {
      rules.push({
        method: method.toUpperCase(),
        pattern,
        status: 429,
        retryAfter: retryAfterSeconds,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      });
    },
    failNext(method, pattern, status, body) {
      rules.push({ method: method.toUpperCase(), pattern, status, body });
    },
    getMessage: (id) => messages.get(id),
    originalMessage(token) {
      const it = interactions.get(token);
      return it?.originalId ? messages.get(it.originalId) : undefined;
    },
    connectedGateways: () => [...conns].filter((c) => c.ws.readyState === WebSocket.OPEN).length,
    rejectIdentify(code) {
      identifyCloseCode = code;
    },
    closeGateways(code, reason = 'Closed by the fake.') {
      for (const c of conns) c.ws.close(code, reason);
    },
    waitForIdentify(timeoutMs = 5000) {
      if (identified) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          identifyWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          identifyWaiters.delete(done);
          reject(new Error(`fake-discord: no IDENTIFY within ${timeoutMs} ms`));
        }, timeoutMs);
        identifyWaiters.add(done);
      });
    },
    async close() {
      for (const c of conns) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections(); // undici keeps REST sockets alive; don't wait for them to idle out
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  fake.apiBase = `http://127.0.0.1:${port}/api`;
  return fake;
}
