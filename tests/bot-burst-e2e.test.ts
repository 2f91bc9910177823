/**
 * Under load the bot keeps acknowledging and answering (issue #16): the real bot
 * process, its retrieval threads and the fake Discord, on a vault made of copies
 * of the dl500 corpus. CI runs a small burst and checks that no question is left
 * unacknowledged or unanswered; `npm run bench` runs the full-size one
 * (BURST_FULL=1: ≥ 10k sections, 150 + 10 + 20 questions, /reindex adding ~4k
 * sections) and reads the timings this file writes to BURST_OUT.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeBotToken, logLines, setUpBotE2E, type BotE2E } from './support/bot-process.js';
import { copyInto, runBurst } from './support/burst.js';
import { dl500Dir, hasDl500 } from './support/quiz-notes.js';

const APPLICATION_ID = '100000000000000021';
const TOKEN = fakeBotToken(APPLICATION_ID, 'burst-T0ken-never-in-logs_77c1');
const FULL = process.env.BURST_FULL === '1';
/** dl500 holds ~1,000 sections; the full burst starts from eleven copies and /reindex adds four more. */
const SIZE = FULL
  ? { copies: 11, added: 4, wave: 150, trickle: 10, during: 20 }
  : { copies: 2, added: 1, wave: 40, trickle: 10, during: 10 };

let e2e: BotE2E | undefined;
const notes = mkdtempSync(path.join(tmpdir(), 'studybot-burst-notes-'));

afterAll(async () => {
  await e2e?.close();
  rmSync(notes, { recursive: true, force: true });
});

describe.runIf(hasDl500)('a burst of questions', () => {
  it('every /ask is acknowledged and answered, also while /reindex adds notes', async () => {
    for (let i = 0; i < SIZE.copies; i++) copyInto(dl500Dir, notes, `copy-${i}`);
    e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-burst-' });
    const bot = await e2e.startBot({
      env: {
        NOTES_DIR: notes,
        LOG_LEVEL: 'info',
        ...(process.env.BURST_ASK_WORKERS ? { ASK_WORKERS: process.env.BURST_ASK_WORKERS } : {}),
      },
      timeoutMs: 600_000,
    });
    const result = await runBurst(
      e2e.fake,
      bot,
      APPLICATION_ID,
      {
        wave: SIZE.wave,
        trickle: SIZE.trickle,
        trickleMs: 3000,
        duringReindex: SIZE.during,
        duringMs: 2000,
        addNotes: () => {
          for (let i = 0; i < SIZE.added; i++) copyInto(dl500Dir, notes, `added-${i}`);
        },
      },
      FULL ? 600_000 : 120_000,
    );

    const chunks = (msg: string) => logLines(bot).find((l) => l.msg === msg)?.chunks as number | undefined;
    const sections = { before: chunks('notes indexed') ?? null, after: chunks('notes re-indexed on request') ?? null };
    if (process.env.BURST_OUT) writeFileSync(process.env.BURST_OUT, JSON.stringify({ size: SIZE, sections, ...result }, null, 2));
    const total = SIZE.wave + SIZE.trickle + SIZE.during;
    expect(result.asks).toHaveLength(total);
    expect(result.asks.filter((a) => a.ackMs === null)).toEqual([]);
    expect(result.asks.filter((a) => !a.answered)).toEqual([]);
    expect(result.reindexMs).not.toBeNull();
  }, 900_000);
});
