import { Worker } from 'node:worker_threads';
import type { Answer, AskOptions } from '../search/ask.js';
import type { BotLogger } from './logger.js';
import { RetrieverBusyError, type Retriever } from './retriever.js';

/** What a worker needs to open the index itself. */
export interface WorkerSetup {
  notesDir: string;
  dataDir: string;
  embeddingModel: string | null;
}

export type WorkerRequest = { type: 'ask'; id: number; question: string; options?: AskOptions } | { type: 'reload'; id: number };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'answer'; id: number; answer: Answer }
  | { type: 'reloaded'; id: number }
  | { type: 'failed'; id: number; message: string };

export interface AskPoolOptions {
  setup: WorkerSetup;
  /** Worker threads; each holds its own connection to the index (and model, when dense search is on). */
  size: number;
  /** Questions allowed to wait for a free worker; more are refused as busy. */
  maxWaiting: number;
  logger: BotLogger;
  /** The worker's compiled script; tests name it, the bot uses the one beside this file. */
  script?: URL | string;
}

interface Job {
  request: WorkerRequest;
  resolve: (reply: WorkerReply) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  /** A reload waits until the worker is idle, so no question is answered half from the old index. */
  reloads: Job[];
}

/**
 * A small pool of retrieval threads in front of one bounded queue. The main
 * thread only posts questions and receives answers, so it stays free to
 * acknowledge interactions within Discord's 3 s however many questions arrive
 * at once; beyond `maxWaiting` questions the caller gets RetrieverBusyError.
 */
export class AskPool implements Retriever {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly options: AskPoolOptions) {}

  /** Starts the workers and resolves once each has opened the index and answered a warm-up question. */
  static async start(options: AskPoolOptions): Promise<AskPool> {
    const pool = new AskPool(options);
    await Promise.all(Array.from({ length: Math.max(1, options.size) }, () => pool.spawn()));
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Questions waiting for a free worker (not counting those being answered). */
  get queued(): number {
    return this.waiting.length;
  }

  async ask(question: string, options?: AskOptions): Promise<Answer> {
    if (this.closed) throw new Error('the retrieval pool is closed');
    if (this.waiting.length >= this.options.maxWaiting) throw new RetrieverBusyError(this.waiting.length);
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.push({ request: { type: 'ask', id: this.nextId++, question, ...(options ? { options } : {}) }, resolve, reject });
      this.pump();
    });
    if (reply.type !== 'answer') throw new Error(`unexpected reply ${reply.type}`);
    return reply.answer;
  }

  /** Every worker reopens the index once it finishes the question in hand; resolves when all have. */
  async reload(): Promise<void> {
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<WorkerReply>((resolve, reject) => {
            slot.reloads.push({ request: { type: 'reload', id: this.nextId++ }, resolve, reject });
            this.pump();
          }),
      ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const gone = new Error('the retrieval pool closed');
    for (const job of this.waiting.splice(0)) job.reject(gone);
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Promise<void> {
    const script = this.options.script ?? new URL('./ask-worker.js', import.meta.url);
    const worker = new Worker(script, { workerData: this.options.setup });
    const slot: Slot = { worker, ready: false, job: null, reloads: [] };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          slot.ready = true;
          resolve();
        } else {
          const job = slot.job;
          slot.job = null;
          if (reply.type === 'failed') job?.reject(new Error(reply.message));
          else job?.resolve(reply);
        }
        this.pump();
      });
      worker.on('error', (err) => {
        this.options.logger.error({ err }, 'retrieval worker failed');
        if (!slot.ready) reject(err);
        slot.job?.reject(err);
        slot.job = null;
      });
      worker.on('exit', (code) => {
        const index = this.slots.indexOf(slot);
        if (index >= 0) this.slots.splice(index, 1);
        slot.job?.reject(new Error(`the retrieval thread stopped (exit code ${code})`));
        slot.job = null;
        for (const job of slot.reloads.splice(0)) job.resolve({ type: 'reloaded', id: job.request.id });
        if (this.closed || !slot.ready) return;
        // A crashed worker (out of memory, a native fault) is replaced; its question was already failed above.
        this.options.logger.warn({ code }, 'retrieval worker exited; starting another');
        this.spawn().then(
          () => this.pump(),
          (err: unknown) => this.options.logger.error({ err }, 'could not restart a retrieval worker'),
        );
      });
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = slot.reloads.shift() ?? this.waiting.shift();
      if (!job) continue;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
  }
}
