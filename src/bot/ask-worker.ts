/**
 * A retrieval worker thread (see ask-pool.ts): opens the index the bot's main
 * thread keeps in sync, and answers one question at a time. It never syncs or
 * repairs the index: that stays with the main thread, which tells it to reopen.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StudyIndex } from '../index/study-index.js';
import { ask } from '../search/ask.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './ask-pool.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (reply: WorkerReply) => port.postMessage(reply);

async function openIndex(): Promise<StudyIndex> {
  const index = await StudyIndex.open({ notesDir: setup.notesDir, dataDir: setup.dataDir, embeddingModel: setup.embeddingModel });
  // The first question otherwise pays for loading word frequencies and building the glossary.
  await ask(index, 'warm up');
  return index;
}

let index = await openIndex();
port.on('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      if (request.type === 'reload') {
        const fresh = await openIndex();
        index.close();
        index = fresh;
        send({ type: 'reloaded', id: request.id });
      } else {
        send({ type: 'answer', id: request.id, answer: await ask(index, request.question, request.options) });
      }
    } catch (err) {
      send({ type: 'failed', id: request.id, message: (err as Error).message });
    }
  })();
});
send({ type: 'ready' });
