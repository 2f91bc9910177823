/**
 * The load burst of issue #16, run against the real bot process and the fake
 * Discord: a wave of simultaneous /ask, a trickle over the next 3 s, then more
 * questions while /reindex adds notes. Returns what each question met on the
 * wire (acknowledgement and answer times, as the fake received them).
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BotProcess } from './bot-process.js';
import type { FakeDiscord, RecordedRequest } from './fake-discord.js';

export interface BurstPlan {
  /** Questions sent at the same instant. */
  wave: number;
  /** Questions spread evenly over the next `trickleMs`. */
  trickle: number;
  trickleMs: number;
  /** Questions spread over `duringMs` once /reindex is sent. */
  duringReindex: number;
  duringMs: number;
  /** Copies a folder into the notes just before /reindex (the notes it adds). */
  addNotes: () => void;
}

export interface AskOutcome {
  phase: 'wave' | 'trickle' | 'reindex';
  sentAt: number;
  ackMs: number | null;
  answerMs: number | null;
  /** The answer edit carried a quoted section or the "not in the notes" embed, not an error or a busy notice. */
  answered: boolean;
}

export interface BurstResult {
  asks: AskOutcome[];
  reindexMs: number | null;
  /** The bot process's peak resident memory (VmHWM), bytes. */
  peakRss: number | null;
}

/** Questions a student might ask, cycled through the burst. */
const QUESTIONS = [
  'what is batch normalization',
  '什么是过拟合',
  'how does dropout work',
  'SVM 为什么引入对偶问题',
  'what is a GAN',
  'LSTM 和 RNN 有什么区别',
  'what is the softmax function',
  '卷积层的参数量怎么计算',
  'why use residual connections',
  '梯度消失怎么解决',
  'what does non maximum suppression do',
  '什么是迁移学习',
];

export async function runBurst(
  fake: FakeDiscord,
  bot: BotProcess,
  applicationId: string,
  plan: BurstPlan,
  timeoutMs = 120_000,
): Promise<BurstResult> {
  let user = 0n;
  const sent: Array<{ id: string; token: string; sentAt: number; phase: AskOutcome['phase'] }> = [];
  const ask = (phase: AskOutcome['phase']) => {
    user++;
    const question = QUESTIONS[sent.length % QUESTIONS.length]!;
    const member = { id: String(210000000000000000n + user), username: `burst${user}` };
    const sentAt = Date.now();
    sent.push({
      ...fake.sendCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: question }], user: member }),
      sentAt,
      phase,
    });
  };

  for (let i = 0; i < plan.wave; i++) ask('wave');
  for (let i = 0; i < plan.trickle; i++) {
    await sleep(plan.trickleMs / plan.trickle);
    ask('trickle');
  }
  plan.addNotes();
  const reindexSentAt = Date.now();
  const reindex = fake.sendCommand({ name: 'reindex', user: { id: '219999999999999999', username: 'admin' } });
  for (let i = 0; i < plan.duringReindex; i++) {
    await sleep(plan.duringMs / plan.duringReindex);
    ask('reindex');
  }

  const isCallback = (id: string) => (r: RecordedRequest) =>
    r.method === 'POST' && r.path === `/interactions/${id}/${tokenOf(id)}/callback`;
  const tokens = new Map([...sent, reindex].map((s) => [s.id, s.token]));
  const tokenOf = (id: string) => tokens.get(id)!;
  const isEdit = (token: string) => (r: RecordedRequest) =>
    r.method === 'PATCH' && r.path === `/webhooks/${applicationId}/${token}/messages/@original`;

  const deadline = Date.now() + timeoutMs;
  const reindexEdit = await fake.waitForRequest(isEdit(reindex.token), Math.max(1, deadline - Date.now())).catch(() => null);
  const asks = await Promise.all(
    sent.map(async (s): Promise<AskOutcome> => {
      const ack = await fake.waitForRequest(isCallback(s.id), Math.max(1, deadline - Date.now())).catch(() => null);
      const edit = await fake.waitForRequest(isEdit(s.token), Math.max(1, deadline - Date.now())).catch(() => null);
      const embed = edit?.body?.embeds?.[0];
      return {
        phase: s.phase,
        sentAt: s.sentAt,
        ackMs: ack ? ack.at - s.sentAt : null,
        answerMs: edit ? edit.at - s.sentAt : null,
        answered: Boolean(embed && typeof embed.title === 'string' && embed.title.length > 0),
      };
    }),
  );
  return { asks, reindexMs: reindexEdit ? reindexEdit.at - reindexSentAt : null, peakRss: peakRss(bot.child.pid) };
}

/** Copies `from` into `notes/<name>`: more sections for the index. */
export function copyInto(from: string, notes: string, name: string): void {
  cpSync(from, path.join(notes, name), { recursive: true });
}

function peakRss(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
