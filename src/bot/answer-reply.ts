import type { InteractionEditReplyOptions, PermissionsBitField } from 'discord.js';
import type { Answer } from '../search/ask.js';
import { answerMessage } from '../render/media-views.js';
import { canAttachFiles, withUploads } from './attachments.js';
import { embedLinkOf } from './citation-link.js';
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
  ctx: Pick<BotContext, 'formulas' | 'config' | 'logger' | 't' | 'index'>,
): Promise<InteractionEditReplyOptions> {
  const started = performance.now();
  const attach = canAttachFiles(appPermissions);
  const { view, media } = await answerMessage(
    answer,
    n,
    { renderer: ctx.formulas, notesRoot: ctx.config.notesDir, attach },
    ctx.t,
    embedLinkOf(ctx),
  );
  if (media) {
    const fields = {
      files: view.files.map((f) => [f.name, f.data.length]),
      ms: Math.round(performance.now() - started),
      attach,
      skipped: media.skipped,
    };
    // Something the note shows that the reader does not get (an image outside the notes folder…) is worth a look.
    if (media.skipped.length) ctx.logger.info(fields, 'answer media, some not attached');
    else ctx.logger.debug(fields, 'answer media');
  }
  return withUploads(view);
}
