/**
 * The bench's burst row: runs the burst e2e spec (tests/bot-burst-e2e.test.ts)
 * at full size against the real bot process and the fake Discord, once with
 * the retrieval threads and once answering on the main thread, and summarises
 * what each question met on the wire.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { percentile } from './stats.js';

interface AskOutcome {
  phase: 'wave' | 'trickle' | 'reindex';
  ackMs: number | null;
  answerMs: number | null;
  answered: boolean;
}

export interface BurstSummary {
  askWorkers: string;
  questions: number;
  /** Sections indexed when the burst starts, and after /reindex added its notes. */
  sections: { before: number | null; after: number | null };
  ackedWithin3s: number;
  answered: number;
  ack: { median: number; p95: number; max: number };
  answer: { median: number; p95: number };
  reindexMs: number | null;
  peakRss: number | null;
}

/** ASK_WORKERS as the bot reads it: '' means its default (one per core beyond the first). */
export async function runBurst(root: string, outDir: string, askWorkers: string, dl500Dir: string): Promise<BurstSummary | null> {
  const out = path.join(outDir, `burst-${askWorkers || 'default'}.json`);
  rmSync(out, { force: true });
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/bot-burst-e2e.test.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        BURST_FULL: '1',
        BURST_OUT: out,
        DL500_DIR: dl500Dir,
        ...(askWorkers ? { BURST_ASK_WORKERS: askWorkers } : {}),
      },
    });
    child.on('exit', resolve);
  });
  let raw: { sections: BurstSummary['sections']; asks: AskOutcome[]; reindexMs: number | null; peakRss: number | null };
  try {
    raw = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    process.stderr.write(`burst (ASK_WORKERS=${askWorkers || 'default'}) wrote no results (vitest exit ${code})\n`);
    return null;
  }
  const sorted = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const acks = sorted(raw.asks.map((a) => a.ackMs));
  const answers = sorted(raw.asks.map((a) => a.answerMs));
  return {
    askWorkers: askWorkers || 'default',
    questions: raw.asks.length,
    sections: raw.sections,
    ackedWithin3s: raw.asks.filter((a) => a.ackMs !== null && a.ackMs <= 3000).length / raw.asks.length,
    answered: raw.asks.filter((a) => a.answered).length / raw.asks.length,
    ack: { median: percentile(acks, 50), p95: percentile(acks, 95), max: acks.at(-1) ?? Number.NaN },
    answer: { median: percentile(answers, 50), p95: percentile(answers, 95) },
    reindexMs: raw.reindexMs,
    peakRss: raw.peakRss,
  };
}
