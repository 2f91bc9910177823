import type { InteractionEditReplyOptions, PermissionsBitField } from 'discord.js';
import type { Answer } from '../search/ask.js';
import { sectionMedia, withSectionMedia } from '../render/answer-media.js';
import { answerQuote, answerView, notCoveredView } from '../render/answer.js';
import { canAttachFiles, withUploads } from './attachments.js';
import type { BotContext } from './context.js';

/**
 * The edit that shows result `n` of an answer: the embed, with the quoted
 * section's formulas drawn into one attached PNG and its images attached, or,
 * where the bot may not attach files, the formulas as code and one line saying
 * why. Called after the interaction was acknowledged: drawing may take a moment.
 * It replaces every earlier attachment, so paging never leaves the previous
 * result's formulas on the message.
 */
export async function answerReply(
  answer: Answer,
  n: number,
  appPermissions: Readonly<PermissionsBitField> | null | undefined,
  ctx: Pick<BotContext, 'formulas' | 'config' | 'logger' | 't'>,
): Promise<InteractionEditReplyOptions> {
  if (!answer.answered || answer.results.length === 0) return { ...notCoveredView(answer, ctx.t), attachments: [] };
  const total = answer.results.length;
  const index = ((n % total) + total) % total;
  const result = answer.results[index]!;
  const attach = canAttachFiles(appPermissions);
  const started = performance.now();
  const media = await sectionMedia(result.quote || result.text, result.file, { renderer: ctx.formulas, notesRoot: ctx.config.notesDir, attach });
  const view = withSectionMedia(answerView(answer, index, ctx.t), media, (text) => answerQuote(text, ctx.t));
  ctx.logger.debug(
    { chunkId: result.chunkId, files: view.files.map((f) => [f.name, f.data.length]), ms: Math.round(performance.now() - started), skipped: media.skipped },
    'answer media',
  );
  return { ...withUploads(view), ...(media.withheld ? { content: ctx.t('ask.noAttachFiles') } : {}) };
}
