// Runs one sync of the REAL index (dist/, built by `npm run build`) in a child
// process that kills itself with SIGKILL at the Nth file rename of the sync,
// just before or just after it: a crash as the operating system delivers it,
// with no cleanup, no database close, temp files left where they are.
//
//   node crash-sync.mjs NOTES DATA MODEL CRASH_AT before|after
//
// CRASH_AT -1 crashes nowhere and prints how many renames the sync made.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { StudyIndex } = await import(path.join(root, 'dist/index/study-index.js'));

const [notesDir, dataDir, model, crashAt, when] = process.argv.slice(2);
let renames = 0;
const rename = (from, to) => {
  const n = renames++;
  if (n === Number(crashAt) && when === 'before') process.kill(process.pid, 'SIGKILL');
  renameSync(from, to);
  if (n === Number(crashAt) && when === 'after') process.kill(process.pid, 'SIGKILL');
};
const index = await StudyIndex.open({ notesDir, dataDir, embeddingModel: model, disk: { rename } });
await index.sync();
index.close();
process.stdout.write(`${JSON.stringify({ renames })}\n`);
