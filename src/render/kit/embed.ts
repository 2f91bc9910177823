import type { APIEmbed } from 'discord.js';
import { LIMITS } from './limits.js';
import { truncate, truncateMarkdown } from './markdown.js';

/** Total characters Discord counts towards the 6,000 of an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Brings an embed within every per-field limit and the 6,000 total (the description gives way first, then trailing fields). */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.embedAuthor) };
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.embedFooter) };
  if (out.description !== undefined) out.description = truncateMarkdown(out.description, LIMITS.embedDescription);
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '\u200b',
      value: truncateMarkdown(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  let excess = embedLength(out) - LIMITS.embedTotal;
  if (excess > 0 && out.description) {
    out.description = truncateMarkdown(out.description, Math.max(0, out.description.length - excess));
    excess = embedLength(out) - LIMITS.embedTotal;
  }
  while (excess > 0 && out.fields?.length) {
    out.fields = out.fields.slice(0, -1);
    excess = embedLength(out) - LIMITS.embedTotal;
  }
  return out;
}
