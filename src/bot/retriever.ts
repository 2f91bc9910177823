import { ask, type Answer, type AskOptions } from '../search/ask.js';
import type { StudyIndex } from '../index/study-index.js';

/**
 * Where the bot's questions are answered. The bot runs them in worker threads
 * (ask-pool.ts) so that retrieval never holds up the gateway and the 3-second
 * acknowledgements; tests and the CLI can answer in the calling thread.
 */
export interface Retriever {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The index changed on disk (a sync): answer from the new one from now on. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Too many questions are waiting: the caller should say "busy, try again" instead of queueing more. */
export class RetrieverBusyError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} questions are already waiting`);
    this.name = 'RetrieverBusyError';
  }
}

/** Answers in the calling thread, from an index the caller keeps in sync. */
export function inProcessRetriever(index: StudyIndex): Retriever {
  return {
    ask: (question, options) => ask(index, question, options),
    reload: async () => {},
    close: async () => {},
  };
}
