/**
 * One edit at a time per message, latest wins. Clicks on a quiz arrive
 * together; each would edit the public message with the tally it saw, and
 * Discord applies edits in the order they arrive, so an older tally could land
 * last. Here a message's edits run one after another, and an edit still waiting
 * is replaced by a newer one (each job reads the current state when it runs, so
 * the skipped one has nothing to add). Everyone waiting gets the outcome of the
 * job that ran for them.
 */
export class EditQueue {
  private readonly byKey = new Map<string, { running: Promise<void>; waiting: Waiting | null }>();

  /** Runs `job` once the edit in progress for `key` (if any) is done; resolves (or rejects) when the job that covers this request has run. */
  run(key: string, job: () => Promise<void>): Promise<void> {
    const slot = this.byKey.get(key);
    if (!slot) {
      const running = this.start(key, job);
      this.byKey.set(key, { running, waiting: null });
      return running;
    }
    if (slot.waiting) {
      slot.waiting.job = job;
      return slot.waiting.done;
    }
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    slot.waiting = { job, done, resolve, reject };
    return done;
  }

  /** Keys with an edit running or waiting. */
  get size(): number {
    return this.byKey.size;
  }

  private start(key: string, job: () => Promise<void>): Promise<void> {
    const running = Promise.resolve().then(job);
    const next = () => {
      const slot = this.byKey.get(key);
      if (!slot) return;
      const waiting = slot.waiting;
      if (!waiting) {
        this.byKey.delete(key);
        return;
      }
      slot.waiting = null;
      slot.running = this.start(key, waiting.job);
      slot.running.then(waiting.resolve, waiting.reject);
    };
    running.then(next, next);
    return running;
  }
}

interface Waiting {
  job: () => Promise<void>;
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}
