#!/usr/bin/env node
/**
 * Prints sample quiz questions from a notes folder, to read them as a student would:
 *   npm run quiz:sample -- --n 30 [--topic fpn] [--notes DIR] [--seed N] [--type cloze] [--json]
 * With --json, one question per line for a grader or a script; the summary goes to stderr.
 * With --stats, the measures of every question the bank can produce instead (bank size,
 * how many a quiz asks first, how often the correct option is the longest, where it sits).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildConceptBank } from '../concepts/bank.js';
import type { GlossaryPair } from '../index/store.js';
import { minedPairs } from '../index/vocabulary.js';
import { chunkNote } from '../notes/chunk.js';
import { NotesDirError, readNote, scanNotes, type NoteStat } from '../notes/load.js';
import type { ParsedNote } from '../notes/types.js';
// Shown as Discord shows them: whether the options go into the stem is a rendering decision.
import { optionsInStem } from '../render/quiz-question.js';
import { distractorsNearby } from '../quiz/distractors.js';
import { generateAll, generateQuiz } from '../quiz/generate.js';
import { preparedBank } from '../quiz/prepare.js';
import type { QuizConceptBank } from '../concepts/bank.js';
import { LETTERS, QUESTION_TYPES, type Question, type QuestionType } from '../quiz/question-types.js';
import { conceptsForTopic } from '../quiz/topic.js';

const TYPE_LABEL: Record<QuestionType, string> = {
  'definition-to-term': '定义→术语',
  'term-to-definition': '术语→定义',
  cloze: '填空',
};

const USAGE =
  'usage: quiz:sample [--n 30] [--topic NOTE] [--notes DIR] [--seed N] [--type definition-to-term|term-to-definition|cloze] [--json | --stats]';

const SAMPLE_OPTIONS = {
  n: { type: 'string', default: '10' },
  topic: { type: 'string' },
  notes: { type: 'string' },
  seed: { type: 'string', default: '1' },
  type: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  stats: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseSampleArgs() {
  return parseArgs({ options: SAMPLE_OPTIONS, allowPositionals: false });
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parseSampleArgs>['values'];
  try {
    ({ values } = parseSampleArgs());
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--n must be a positive whole number.\n${USAGE}`);
    return 2;
  }
  const types = (values.type ?? []) as QuestionType[];
  const unknown = types.filter((t) => !QUESTION_TYPES.includes(t));
  if (unknown.length > 0) {
    console.error(`unknown --type ${unknown.join(', ')}.\n${USAGE}`);
    return 2;
  }
  const notesDir = path.resolve(values.notes ?? process.env.NOTES_DIR ?? 'notes');

  let stats: NoteStat[];
  try {
    stats = await scanNotes(notesDir);
  } catch (err) {
    if (err instanceof NotesDirError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const notes: ParsedNote[] = [];
  // No index here: mine the glossary pairs the way an index sync does, note by note.
  const pairs: GlossaryPair[] = [];
  for (const s of stats) {
    const read = await readNote(notesDir, s.file);
    if (!read.ok) {
      console.error(`skipped ${read.file}: ${read.reason}`);
      continue;
    }
    const note = chunkNote(read.note);
    notes.push(note);
    pairs.push(...minedPairs(note.meta, read.note.text));
  }
  const bank = buildConceptBank(notes, pairs);
  // With --json, stdout carries only the questions.
  const log = values.json ? console.error : console.log;

  log(`Concept bank: ${bank.concepts.length} concepts from ${notes.length} notes in ${notesDir}`);
  for (const note of notes) {
    const count = bank.byTopic.get(note.meta.file)?.length ?? 0;
    log(`  ${String(count).padStart(4)}  ${note.meta.file}`);
  }
  if (values.topic && conceptsForTopic(bank, values.topic).length === 0) {
    console.error(`No concepts for topic "${values.topic}".`);
    return 1;
  }

  if (values.stats) {
    for (const line of bankStats(bank)) console.log(line);
    return 0;
  }

  const questions = generateQuiz(bank, {
    n,
    seed: values.seed,
    topic: values.topic,
    types: types.length > 0 ? types : undefined,
  });
  log(`\n${questions.length} question(s), seed ${values.seed}${values.topic ? `, topic ${values.topic}` : ''}\n`);
  if (values.json) for (const q of questions) console.log(JSON.stringify(jsonLine(q)));
  else
    questions.forEach((q, i) => {
      console.log(formatQuestion(q, i + 1, bank.byId.get(q.conceptId)?.term ?? q.conceptId));
    });
  if (questions.length < n) log(`(only ${questions.length} of ${n}: the bank has no more questions that pass the checks)`);
  return 0;
}

/**
 * The measures of every question the bank can produce (seed 1): how many, on how many
 * concepts, how many a quiz asks first; how often the correct option is strictly the
 * longest (chance is 25 %); and where it sits over seeds 1–3 (χ², 3 degrees of freedom).
 */
function bankStats(bank: QuizConceptBank): string[] {
  const all = generateAll(bank, { seed: 1 });
  const prepared = preparedBank(bank);
  const first = all.filter((q) => distractorsNearby(prepared, q.conceptId, q.optionConceptIds));
  const length = (o: string) => o.replace(/`/g, '').length;
  const longest = (qs: Question[]) =>
    qs.filter((q) => q.options.every((o, i) => i === q.correctIndex || length(o) < length(q.options[q.correctIndex]!))).length;
  const percent = (k: number, n: number) => `${n === 0 ? 0 : Math.round((100 * k) / n)} %`;
  const descriptions = all.filter((q) => q.type === 'term-to-definition');
  const positions = [0, 0, 0, 0];
  for (const seed of [1, 2, 3]) for (const q of generateAll(bank, { seed })) positions[q.correctIndex]!++;
  const expected = positions.reduce((a, b) => a + b, 0) / 4;
  const chi2 = positions.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
  return [
    `questions: ${all.length} on ${new Set(all.map((q) => q.conceptId)).size} of ${bank.concepts.length} concepts; asked first: ${first.length}`,
    `correct option strictly the longest: ${percent(longest(all), all.length)}; description questions: ${percent(longest(descriptions), descriptions.length)} of ${descriptions.length}`,
    `correct position over seeds 1–3: ${positions.join(' / ')}, chi-square ${chi2.toFixed(1)}`,
  ];
}

/** One question as a member sees it: the stem and the options as posted, which one is right, where it comes from. */
function jsonLine(q: Question) {
  return {
    id: q.id,
    type: q.type,
    stem: q.stem,
    options: q.options,
    correct: q.correctIndex,
    source: { file: q.source.file, startLine: q.source.startLine },
  };
}

function formatQuestion(q: Question, number: number, term: string): string {
  const where = `${q.source.file}:${q.source.startLine}${q.source.endLine !== q.source.startLine ? `-${q.source.endLine}` : ''}`;
  const lines = [
    `Q${number}. [${TYPE_LABEL[q.type]}] ${term}`,
    ...q.stem.split('\n').map((l) => `    ${l}`),
    ...q.options.map((o, i) => `  ${i === q.correctIndex ? '✓' : ' '} ${LETTERS[i]}. ${o}`),
  ];
  if (optionsInStem(q)) lines.push('    (options too long for buttons: buttons say A–D)');
  lines.push(`    source: ${where} › ${q.source.headingPath.join(' › ')}`, '');
  return lines.join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
