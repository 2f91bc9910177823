import { MessageFlags } from 'discord.js';
import { sectionPages, type Section } from '../../render/answer.js';
import type { StudyIndex } from '../../index/study-index.js';
import type { ButtonHandler } from '../context.js';
import { replyPrivately } from '../replies.js';

/** "Full section": the whole section the quote came from, privately, one page per message. */
export const execute: ButtonHandler<{ chunkId: string }> = async (interaction, { chunkId }, ctx) => {
  const section = wholeSection(ctx.index, chunkId);
  if (!section) {
    await replyPrivately(interaction, ctx.t('ask.sectionGone'));
    return;
  }
  const [first, ...rest] = sectionPages(section, undefined, ctx.t);
  await interaction.reply({ embeds: [first!], flags: MessageFlags.Ephemeral });
  for (const page of rest) {
    await interaction.followUp({ embeds: [page], flags: MessageFlags.Ephemeral });
  }
};

/** A long section is indexed in parts; the reader wants all of them, in order. */
export function wholeSection(index: StudyIndex, chunkId: string): Section | null {
  const found = index.chunk(chunkId);
  if (!found) return null;
  const { chunk, meta } = found;
  const sameHeading = (c: { headingPath: string[] }) => c.headingPath.join('\u0000') === chunk.headingPath.join('\u0000');
  const note = index.notes.find((f) => f.file === chunk.file);
  const parts = (note?.chunks.filter(sameHeading) ?? [chunk]).sort((a, b) => a.startLine - b.startLine);
  return {
    file: chunk.file,
    title: meta.title,
    headingPath: chunk.headingPath,
    startLine: parts[0]!.startLine,
    endLine: parts[parts.length - 1]!.endLine,
    text: parts.map((p) => p.text).join('\n\n'),
  };
}
