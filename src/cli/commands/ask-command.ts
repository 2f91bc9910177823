import { createInterface } from 'node:readline';
import { ask, type Answer } from '../../search/ask.js';
import { IndexDamagedError } from '../../index/faults.js';
import type { StudyIndex } from '../../index/study-index.js';
import { checkQuestion } from '../../search/question.js';
import { answerJson, renderAnswerText } from '../../render/text.js';
import type { CliContext } from '../context.js';
import { openSyncedIndex } from '../open-index.js';

export const usage = 'studybot ask [--notes DIR] [--data DIR] [--k N] [--json] [--rebuild] QUESTION   (QUESTION "-" reads one per line from stdin)';

/**
 * Answers one question, or with "-" one question per stdin line (JSON lines),
 * loading the index once. Bad questions get a message and exit code 2; in
 * batch mode they get an {"question","error"} line and the batch goes on.
 */
export async function execute(ctx: CliContext): Promise<number> {
  const { k, json } = ctx.flags;
  const question = ctx.args.join(' ');
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
      ctx.out(JSON.stringify(answerJson(await askHealing(index, checked.question, k))));
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
  try {
    answer = await askHealing(index, checked.question, k);
  } finally {
    index.close();
  }
  ctx.out(json ? JSON.stringify(answerJson(answer)) : renderAnswerText(answer));
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
