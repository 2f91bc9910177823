import { createInterface } from 'node:readline';
import { IndexDamagedError } from '../../index/faults.js';
import type { StudyIndex } from '../../index/study-index.js';
import { citationLink, type CitationLink, type NotesUrl } from '../../notes/citation-url.js';
import { ask, type Answer } from '../../search/ask.js';
import { checkQuestion } from '../../search/question.js';
import { answerJson, renderAnswerText } from '../../render/text.js';
import type { CliContext } from '../context.js';
import { openSyncedIndex } from '../open-index.js';

export const usage =
  'studybot ask [--notes DIR] [--data DIR] [--k N] [--json] [--rebuild] QUESTION   (QUESTION "-" reads one per line from stdin)';

/**
 * Answers one question, or with "-" one question per stdin line (JSON lines),
 * loading the index once. Bad questions get a message and exit code 2; in
 * batch mode they get an {"question","error"} line and the batch goes on.
 */
export async function execute(ctx: CliContext): Promise<number> {
  const { k, json } = ctx.flags;
  const question = ctx.args.join(' ');
  const { notesUrl } = ctx.config;
  if (question === '-') {
    if (!json) {
      ctx.logger.error('Reading questions from stdin needs --json (one JSON object per line).');
      return 2;
    }
    const { index } = await openSyncedIndex(ctx.config, ctx.logger, { rebuild: ctx.flags.rebuild });
    let failures = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const checked = checkQuestion(line);
      if (!checked.ok) {
        failures++;
        ctx.out(JSON.stringify({ question: line, error: checked.error }));
        continue;
      }
      ctx.out(JSON.stringify(batchAnswer(await askHealing(index, checked.question, k), index, notesUrl)));
    }
    index.close();
    return failures > 0 ? 1 : 0;
  }
  const checked = checkQuestion(question);
  if (!checked.ok) {
    ctx.logger.error(checked.error);
    return 2;
  }
  const { index } = await openSyncedIndex(ctx.config, ctx.logger, { rebuild: ctx.flags.rebuild });
  let answer: Answer;
  let links: CitationLink[];
  try {
    answer = await askHealing(index, checked.question, k);
    links = notesUrl ? linksOf(answer, index, notesUrl) : [];
  } finally {
    index.close();
  }
  ctx.out(json ? JSON.stringify(withUrls(answer, links)) : renderAnswerText(answer));
  // With NOTES_URL set, the quoted section's link (or why it has none) closes the answer.
  const best = links[0];
  if (!json && answer.answered && best) ctx.out(best.ok ? `\nlink: ${best.url}` : `\nno link: ${best.reason}`);
  return 0;
}

/** Asks; when the question runs into a damaged page of the index (already logged), rebuilds it and asks again once. */
async function askHealing(index: StudyIndex, question: string, k: number): Promise<Answer> {
  try {
    return await ask(index, question, { k });
  } catch (err) {
    if (!(err instanceof IndexDamagedError)) throw err;
    await index.sync();
    return await ask(index, question, { k });
  }
}

/** The citation link of each result, in order. */
function linksOf(answer: Answer, index: StudyIndex, notesUrl: NotesUrl): CitationLink[] {
  return answer.results.map((r) => {
    const meta = index.chunk(r.chunkId)?.meta;
    return citationLink(
      notesUrl,
      { file: r.file, startLine: r.startLine, endLine: r.endLine, commit: meta?.commit, permalink: meta?.permalink },
      index.notesDir,
    );
  });
}

/** `--json` output, each result with its `url` when NOTES_URL makes one. */
function withUrls(answer: Answer, links: CitationLink[]) {
  const json = answerJson(answer);
  return { ...json, results: json.results.map((result, i) => (links[i]?.ok ? { ...result, url: links[i].url } : result)) };
}

function batchAnswer(answer: Answer, index: StudyIndex, notesUrl: NotesUrl | null) {
  return withUrls(answer, notesUrl ? linksOf(answer, index, notesUrl) : []);
}
