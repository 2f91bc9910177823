/**
 * Specification of the bot's start-up configuration: each mistake is named
 * with its fix, and the token's value is never repeated back.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/bot/config.js';
import { createLogger } from '../src/bot/logger.js';
import { explainStartupError } from '../src/bot/startup-errors.js';
import { FatalGatewayClose } from '../src/bot/gateway-close.js';
import { DatabaseError } from '../src/db/database.js';
import { NotesDirError } from '../src/notes/load.js';
import { DiscordAPIError } from 'discord.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GzK3xQ.secret-part-of-the-token';
const valid = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '100000000000000001' };

describe('parseBotConfig', () => {
  it('reads a complete configuration', () => {
    const result = parseBotConfig({
      ...valid,
      DISCORD_GUILD_ID: '300000000000000001',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      NOTES_DIR: 'my-notes',
      DATA_DIR: 'my-data',
      EMBEDDING_MODEL: 'none',
      LOG_LEVEL: 'debug',
      ASK_WORKERS: '2',
      ASK_QUEUE: '50',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        token: TOKEN,
        clientId: '100000000000000001',
        guildId: '300000000000000001',
        apiUrl: 'http://127.0.0.1:9999/api',
        notesDir: path.resolve('my-notes'),
        dataDir: path.resolve('my-data'),
        embeddingModel: null,
        logLevel: 'debug',
        dailyGraceHours: 6,
        quizTimeoutMinutes: 10,
        notesUrl: null,
        watchNotes: true,
        askWorkers: 2,
        askQueue: 50,
      },
    });
  });

  it('defaults: no guild (global commands), real Discord, info logs; empty values count as unset', () => {
    const result = parseBotConfig({ ...valid, DISCORD_GUILD_ID: '', DISCORD_API_URL: '  ', LOG_LEVEL: '' });
    expect(result).toMatchObject({ ok: true, config: { guildId: null, apiUrl: null, logLevel: 'info' } });
  });

  it('DAILY_GRACE_HOURS: 6 by default (also when empty), fractions allowed', () => {
    expect(parseBotConfig({ ...valid, DAILY_GRACE_HOURS: ' ' })).toMatchObject({ ok: true, config: { dailyGraceHours: 6 } });
    expect(parseBotConfig({ ...valid, DAILY_GRACE_HOURS: '1.5' })).toMatchObject({ ok: true, config: { dailyGraceHours: 1.5 } });
    expect(parseBotConfig({ ...valid, DAILY_GRACE_HOURS: '0' })).toMatchObject({ ok: true, config: { dailyGraceHours: 0 } });
  });

  it('QUIZ_TIMEOUT_MINUTES: 10 by default (also when empty), fractions allowed', () => {
    expect(parseBotConfig({ ...valid, QUIZ_TIMEOUT_MINUTES: '' })).toMatchObject({ ok: true, config: { quizTimeoutMinutes: 10 } });
    expect(parseBotConfig({ ...valid, QUIZ_TIMEOUT_MINUTES: '0.5' })).toMatchObject({ ok: true, config: { quizTimeoutMinutes: 0.5 } });
    expect(parseBotConfig({ ...valid, QUIZ_TIMEOUT_MINUTES: '1441' })).toMatchObject({ ok: false });
  });

  it('ASK_WORKERS: one retrieval thread per core beyond the first, at most 4, by default; 0 answers on the main thread', () => {
    const cores = availableParallelism();
    expect(parseBotConfig(valid)).toMatchObject({ ok: true, config: { askWorkers: Math.min(4, Math.max(1, cores - 1)), askQueue: 500 } });
    expect(parseBotConfig({ ...valid, ASK_WORKERS: '0' })).toMatchObject({ ok: true, config: { askWorkers: 0 } });
    for (const bad of ['-1', '1.5', 'many', '17']) {
      const result = parseBotConfig({ ...valid, ASK_WORKERS: bad });
      expect(result.ok ? '' : result.message).toMatch(/ASK_WORKERS must be a whole number from 0 to 16/);
    }
    const queue = parseBotConfig({ ...valid, ASK_QUEUE: '0' });
    expect(queue.ok ? '' : queue.message).toMatch(/ASK_QUEUE must be a whole number of at least 1/);
  });

  it('a missing token is one paragraph saying where to get one', () => {
    const result = parseBotConfig({ DISCORD_CLIENT_ID: valid.DISCORD_CLIENT_ID });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^StudyBot cannot start\. DISCORD_TOKEN is not set/);
    expect(result.message).toContain('Reset Token');
    expect(result.message).not.toContain('\n');
  });

  it('a malformed token is refused without echoing it', () => {
    const result = parseBotConfig({ ...valid, DISCORD_TOKEN: 'Bot secret-part-of-the-token' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('DISCORD_TOKEN does not look like a bot token') });
    expect(JSON.stringify(result)).not.toContain('secret-part');
  });

  it.each([
    [{ DISCORD_CLIENT_ID: undefined }, /DISCORD_CLIENT_ID is not set.*Application ID/],
    [{ DISCORD_CLIENT_ID: 'my-app' }, /DISCORD_CLIENT_ID must be a Discord id/],
    [{ DISCORD_GUILD_ID: '12' }, /DISCORD_GUILD_ID must be a Discord id.*Copy Server ID/],
    [{ DISCORD_API_URL: 'not a url' }, /DISCORD_API_URL must be an http\(s\) URL/],
    [{ DISCORD_API_URL: 'ftp://example.com' }, /DISCORD_API_URL must be an http\(s\) URL/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ DAILY_GRACE_HOURS: 'six' }, /DAILY_GRACE_HOURS must be a number of hours between 0 and 23/],
    [{ DAILY_GRACE_HOURS: '48' }, /DAILY_GRACE_HOURS must be a number of hours between 0 and 23/],
    [{ QUIZ_TIMEOUT_MINUTES: '0' }, /QUIZ_TIMEOUT_MINUTES must be a number of minutes above 0/],
    [{ QUIZ_TIMEOUT_MINUTES: 'ten' }, /QUIZ_TIMEOUT_MINUTES must be a number of minutes above 0/],
  ])('names the variable and the fix: %o', (change, message) => {
    const result = parseBotConfig({ ...valid, ...change });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});

describe('createLogger', () => {
  it('redacts token fields and scrubs the token from anything else it writes', () => {
    const lines: string[] = [];
    const logger = createLogger('info', [TOKEN], (l) => lines.push(l));
    logger.info({ token: TOKEN, config: { token: TOKEN } }, 'with fields');
    logger.info(`an error message that quotes ${TOKEN} by accident`);
    logger.error({ err: new Error(`failed with ${TOKEN}`) }, 'error');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('redacts interaction tokens in request URLs (callbacks and webhooks), which discord.js puts in its errors', () => {
    const lines: string[] = [];
    const logger = createLogger('info', [TOKEN], (l) => lines.push(l));
    const interactionToken = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';
    const callback = `https://discord.com/api/v10/interactions/1234567890123456789/${interactionToken}/callback`;
    const webhook = `https://discord.com/api/v10/webhooks/100000000000000001/${interactionToken}/messages/@original`;
    const err = Object.assign(new Error(`Unknown interaction ${callback}`), { url: webhook, method: 'PATCH' });
    logger.error({ err, request: { url: callback } }, `PATCH ${webhook} failed`);
    logger.warn(`followup at /webhooks/100000000000000001/${interactionToken}?wait=true`);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(interactionToken);
    // What is left still says which request failed.
    expect(lines[0]).toContain('/interactions/1234567890123456789/[redacted]/callback');
    expect(lines[0]).toContain('/webhooks/100000000000000001/[redacted]/messages/@original');
    expect(lines[1]).toContain('/webhooks/100000000000000001/[redacted]?wait=true');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', [], (l) => lines.push(l));
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});

describe('explainStartupError', () => {
  const config = { clientId: '100000000000000001', guildId: '300000000000000001', apiUrl: null, notesDir: '/notes' };
  const apiError = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'PUT', 'https://discord.com/api/v10/applications/1/guilds/3/commands', {
      body: undefined,
      files: undefined,
    });

  it('a rejected token, a guild the bot is not in, an unknown application, an unreachable API, the notes folder, the database', () => {
    expect(explainStartupError(apiError(401, 0), config)).toMatch(/rejected DISCORD_TOKEN.*Reset Token/);
    expect(explainStartupError(new FatalGatewayClose(4004), config)).toMatch(/^Discord rejected the token \(4004.*check DISCORD_TOKEN/);
    expect(explainStartupError(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }), config)).toMatch(
      /rejected DISCORD_TOKEN/,
    );
    expect(explainStartupError(apiError(403, 50001), config)).toMatch(/server 300000000000000001.*applications\.commands/);
    expect(explainStartupError(apiError(403, 50001), config)).toMatch(/npm run invite/);
    expect(explainStartupError(apiError(404, 10002), config)).toMatch(/DISCORD_CLIENT_ID/);
    expect(explainStartupError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), config)).toMatch(
      /Cannot reach Discord/,
    );
    expect(explainStartupError(new NotesDirError('Notes folder not found: /x. Pass --notes DIR or set NOTES_DIR.'), config)).toBe(
      'Notes folder not found: /x. Set NOTES_DIR (in .env) to the folder that holds your Markdown notes.',
    );
    expect(explainStartupError(new DatabaseError('locked', '/d/studybot.db', 'The database /d/studybot.db is locked'), config)).toMatch(
      /locked/,
    );
  });

  it('anything else is a bug: null, so the caller logs the stack', () => {
    expect(explainStartupError(new TypeError('undefined is not a function'), config)).toBeNull();
  });
});
