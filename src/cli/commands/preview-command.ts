import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildConceptBank } from '../../concepts/bank.js';
import { findCjkFont } from '../../render/math/cjk-font.js';
import { fileFormulaCache } from '../../render/math/file-cache.js';
import { createFormulaRenderer } from '../../render/math/render-formulas.js';
import { translate } from '../../render/messages.js';
import { checkQuestion } from '../../search/question.js';
import type { CliContext } from '../context.js';
import { openSyncedIndex } from '../open-index.js';
import { buildPreview } from '../preview/build-preview.js';
import { writePreview } from '../preview/write-preview.js';

export const usage =
  'studybot preview [--notes DIR] [--data DIR] [--out DIR] QUESTION   (HTML + PNGs of /ask, a quiz question, a daily post and a flashcard; --out defaults to DATA_DIR/preview)';

/**
 * Shows without Discord what the bot would post: the /ask answer to QUESTION,
 * a quiz question, a daily post and one of the notes' flashcards, built by the same functions the bot
 * sends, drawn as HTML pages in Discord's dark theme with the attachments next to them.
 */
export async function execute(ctx: CliContext): Promise<number> {
  const checked = checkQuestion(ctx.args.join(' '));
  if (!checked.ok) {
    ctx.logger.error(checked.error);
    return 2;
  }
  const outDir = resolve(ctx.flags.outDir ?? join(ctx.config.dataDir, 'preview'));
  const { index } = await openSyncedIndex(ctx.config, ctx.logger, { rebuild: ctx.flags.rebuild });
  try {
    const renderer = createFormulaRenderer({ cache: fileFormulaCache(join(ctx.config.dataDir, 'formulas')), logger: ctx.logger });
    const now = new Date();
    const messages = await buildPreview({
      index,
      bank: buildConceptBank(index.notes, index.glossaryPairs()),
      question: checked.question,
      media: { renderer, notesRoot: ctx.config.notesDir, attach: true },
      t: translate,
      now,
    });
    for (const skipped of [messages.ask, messages.daily].flatMap((m) => m?.media?.skipped ?? [])) ctx.logger.warn(skipped);
    const written = await writePreview(
      messages,
      {
        ask: `/ask question:${checked.question}`,
        quiz: `/quiz${messages.topic ? ` topic:${messages.topic}` : ''}`,
        daily: '/daily now',
        card: `/quiz topic:${messages.cardTopic ?? ''}`,
      },
      outDir,
      { now, cjkFontFiles: cjkFontFiles() },
    );
    ctx.out(
      translate('cli.previewWritten', {
        index: written.index,
        pages: Object.values(written.pages).join(', '),
        files: written.files.length,
      }),
    );
    return 0;
  } finally {
    index.close();
  }
}

/** The font package's regular and bold faces: the machine may have no CJK font for the browser. */
function cjkFontFiles(): { regular: string; bold?: string } | null {
  const regular = findCjkFont();
  if (!regular) return null;
  const bold = join(dirname(regular), 'NotoSansHans-Bold.otf');
  return existsSync(bold) ? { regular, bold } : { regular };
}
