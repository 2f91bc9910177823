/**
 * End-to-end specification of how the bot ends when Discord closes the
 * gateway for good (issue #16, item 9): the close codes after which discord.js
 * never reconnects must stop the process with a non-zero exit and a sentence
 * naming the cause, so a supervisor (systemd's Restart=on-failure) sees the
 * failure instead of a bot that idles disconnected forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBotToken, logLines, setUpBotE2E, type BotE2E } from './support/bot-process.js';

const APPLICATION_ID = '100000000000000004';
const TOKEN = fakeBotToken(APPLICATION_ID, 'GatewayCl0seSecret-never-in-logs_77aa');

let e2e: BotE2E;

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-gateway-e2e-' });
});

afterAll(async () => {
  await e2e?.close();
});

/** Resolves with the exit, or fails after `ms` (the bug being specified here is a process that never exits). */
async function exitWithin(bot: ReturnType<BotE2E['launchBot']>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the bot did not exit within ${ms} ms.\nstdout:\n${bot.out.stdout}\nstderr:\n${bot.out.stderr}`)),
      ms,
    );
  });
  try {
    return await Promise.race([bot.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a gateway closed for good', () => {
  it('4004 while running (the token was reset): a clean shutdown, the cause on stderr, exit 1', async () => {
    const bot = await e2e.startBot();
    e2e.fake.closeGateways(4004, 'Authentication failed.');

    expect(await exitWithin(bot, 20_000)).toEqual({ code: 1, signal: null });
    expect(bot.out.stderr).toMatch(/Discord rejected the token \(4004[^)]*\): check DISCORD_TOKEN/);
    const log = logLines(bot);
    expect(log).toContainEqual(expect.objectContaining({ msg: 'gateway closed for good', code: 4004 }));
    const msgs = log.map((l) => l.msg);
    expect(msgs.indexOf('stopped')).toBeGreaterThan(msgs.indexOf('gateway closed for good'));
    expect(bot.out.stdout + bot.out.stderr).not.toContain(TOKEN.split('.')[2]!);
  });

  const causes: Array<[number, RegExp]> = [
    [4004, /Discord rejected the token \(4004/],
    [4010, /\(4010 Invalid shard\)/],
    [4011, /\(4011 Sharding required\)/],
    [4012, /\(4012 Invalid API version\)/],
    [4013, /\(4013 Invalid intents\)/],
    [4014, /\(4014 Disallowed intents\).*Privileged Gateway Intents/],
  ];
  it.each(causes)('%i at log-in: exit 1 with the cause in one paragraph, not a stack trace', async (code, cause) => {
    e2e.fake.rejectIdentify(code);
    try {
      const bot = e2e.launchBot();
      expect(await exitWithin(bot, 30_000)).toEqual({ code: 1, signal: null });
      expect(bot.out.stderr).toMatch(/^StudyBot cannot start\. /);
      expect(bot.out.stderr).toMatch(cause);
      expect(bot.out.stderr).not.toMatch(/\n\s+at /);
      expect(logLines(bot)).toContainEqual(expect.objectContaining({ msg: 'cannot start' }));
    } finally {
      e2e.fake.rejectIdentify(null);
    }
  });
});
