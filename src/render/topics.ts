import { ButtonStyle, type APIEmbedField } from 'discord.js';
import type { FileRecord } from '../index/store.js';
import { customIds } from './custom-ids.js';
import { button, rows, type MessageView } from './kit/components.js';
import { fitEmbed } from './kit/embed.js';
import { LIMITS } from './kit/limits.js';
import { ELLIPSIS } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';

const COLOR_INFO = 0x57f287;

export interface NoteOutline {
  file: string;
  title: string;
  sections: string[];
}

/** Each note with its top-level sections (the headings right under the note's title, when it has one). */
export function noteOutlines(notes: ReadonlyArray<Pick<FileRecord, 'file' | 'meta' | 'chunks'>>): NoteOutline[] {
  return notes
    .map((note) => {
      const tops = new Set(note.chunks.map((c) => c.headingPath[0]).filter((h): h is string => h !== undefined));
      const level = tops.size === 1 ? 1 : 0; // a single top heading is the note's title: list what is under it
      const sections = [...new Set(note.chunks.map((c) => c.headingPath[level]).filter((h): h is string => h !== undefined))];
      return { file: note.file, title: note.meta.title, sections };
    })
    .sort((a, b) => a.title.localeCompare(b.title) || a.file.localeCompare(b.file));
}

export const NOTES_PER_PAGE = 5;

export function topicsPageCount(outlines: NoteOutline[]): number {
  return Math.max(1, Math.ceil(outlines.length / NOTES_PER_PAGE));
}

/** A note file the index left out, and why (a draft, not UTF-8, …). */
export interface LeftOutNote {
  file: string;
  reason: string;
}

/** One page of /topics: a field per note listing its sections, with Previous/Next; then the files left out and why. */
export function topicsView(
  outlines: NoteOutline[],
  page: number,
  t: Translate = translate,
  leftOut: readonly LeftOutNote[] = [],
): MessageView {
  const pages = topicsPageCount(outlines);
  const p = Math.min(Math.max(0, page), pages - 1);
  const leftOutFields: APIEmbedField[] = leftOut.length
    ? [
        {
          name: t('topics.leftOut', { count: leftOut.length }),
          value: fieldList(
            leftOut.map((s) => `\`${s.file}\`: ${s.reason}`),
            t,
          ),
        },
      ]
    : [];
  if (outlines.length === 0) {
    return {
      embeds: [
        fitEmbed({
          title: t('topics.emptyTitle'),
          description: t('topics.empty'),
          ...(leftOutFields.length ? { fields: leftOutFields } : {}),
          color: COLOR_INFO,
        }),
      ],
      components: [],
    };
  }
  const fields: APIEmbedField[] = outlines.slice(p * NOTES_PER_PAGE, (p + 1) * NOTES_PER_PAGE).map((o) => ({
    name: o.title,
    value: fieldList([`\`${o.file}\``, ...o.sections.map((s) => `• ${s}`)], t),
  }));
  fields.push(...leftOutFields);
  const embed = fitEmbed({
    title: t('topics.title'),
    fields,
    footer: { text: t('topics.footer', { count: outlines.length, page: p + 1, pages }) },
    color: COLOR_INFO,
  });
  const components =
    pages > 1
      ? rows([
          button(customIds.topicsPage(Math.max(0, p - 1), 'prev'), t('topics.previous'), ButtonStyle.Secondary, { disabled: p === 0 }),
          button(customIds.topicsPage(Math.min(pages - 1, p + 1), 'next'), t('topics.next'), ButtonStyle.Secondary, {
            disabled: p === pages - 1,
          }),
        ])
      : [];
  return { embeds: [embed], components };
}

/** Lines for a field value, ending with "… and N more" rather than a cut line. */
function fieldList(lines: string[], t: Translate): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const more = `\n${t('list.andMore', { ellipsis: ELLIPSIS, count: lines.length - i })}`;
    const next = out ? `${out}\n${lines[i]}` : lines[i]!;
    if (next.length + (i < lines.length - 1 ? more.length : 0) > LIMITS.fieldValue) return `${out}${more}`;
    out = next;
  }
  return out;
}
