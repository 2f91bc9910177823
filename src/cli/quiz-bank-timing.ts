#!/usr/bin/env node
/**
 * How long the persisted question bank takes to (re)build, as the bot does it
 * after a sync: on a temporary copy of a notes folder, with a temporary index
 * and database, it times a first build (every question generated), a rebuild
 * with nothing changed, and a rebuild after one section was edited.
 *   node dist/cli/quiz-bank-timing.js [--notes DIR]
 * Prints one JSON line per step: the concept bank's time, then the bank's report.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildConceptBank } from '../concepts/bank.js';
import { openDatabase } from '../db/database.js';
import { StudyIndex } from '../index/study-index.js';
import { QuestionBankStore } from '../quiz/bank-store.js';
import { rebuildQuestionBank } from '../quiz/question-bank.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { notes: { type: 'string' } } });
  const source = path.resolve(values.notes ?? process.env.NOTES_DIR ?? 'notes');
  const work = mkdtempSync(path.join(tmpdir(), 'studybot-bank-timing-'));
  const notesDir = path.join(work, 'notes');
  cpSync(source, notesDir, { recursive: true });
  const index = await StudyIndex.open({ notesDir, dataDir: path.join(work, 'data'), embeddingModel: null });
  const db = openDatabase(path.join(work, 'data'));
  try {
    await index.sync();
    const store = new QuestionBankStore(db);
    const step = (name: string) => {
      const started = performance.now();
      const concepts = buildConceptBank(index.notes, index.glossaryPairs());
      const conceptBankMs = Math.round(performance.now() - started);
      const { report } = rebuildQuestionBank(store, concepts, index.notes);
      console.log(JSON.stringify({ step: name, notes: index.notes.length, concepts: concepts.concepts.length, conceptBankMs, ...report }));
    };
    step('first build');
    step('rebuild, nothing changed');
    // A paragraph added under the source of the first question in the bank: one section changes.
    const first = store.rows().find((r) => r.question)?.question;
    if (!first) throw new Error(`no question can be made from ${source}`);
    const file = path.join(notesDir, first.source.file);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(first.source.endLine, 0, '', '（复习时请对照原文再读一遍。）', '');
    writeFileSync(file, lines.join('\n'));
    await index.sync();
    step(`rebuild after editing one section of ${first.source.file}`);
    return 0;
  } finally {
    db.close();
    index.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
