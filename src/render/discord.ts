import {
  ButtonStyle, ComponentType,
  type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField,
} from 'discord.js';
import type { Answer, AnswerResult } from '../search/ask.js';
import type { SyncReport } from '../index/study-index.js';
import type { FileRecord } from '../index/store.js';
import type { Chunk } from '../notes/types.js';
import { customIds } from '../bot/custom-ids.js';
import { citation, headingTrail } from './text.js';

/**
 * How the bot's answers look in Discord: pure functions from retrieval
 * results to message payloads, each kept inside Discord's limits so a long
 * note can never make a reply fail.
 */

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedAuthor: 256,
  embedFooter: 2048,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

const ELLIPSIS = '…';
const COLOR = { answer: 0x5865f2, notCovered: 0x99aab5, info: 0x57f287 } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface MessageView {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

// --- limits ------------------------------------------------------------------

/** Cuts `text` to at most `max` UTF-16 units (what Discord counts is never more), ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${sliceSafe(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}

/** Like `slice(0, n)` but never splits a surrogate pair (half an emoji or CJK extension character). */
function sliceSafe(text: string, n: number): string {
  if (n <= 0) return '';
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * Truncates Markdown to `max`, preferring a line or sentence end, and leaves it
 * well formed: an open code block is closed and a dangling inline-code tick dropped.
 */
export function truncateMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const closer = '\n```';
  const suffix = `\n${ELLIPSIS}`;
  let cut = sliceSafe(text, Math.max(0, max - closer.length - suffix.length));
  // A cut within the last quarter at a natural boundary reads better than one mid-word.
  const boundary = Math.max(cut.lastIndexOf('\n'), ...['。', '；', '！', '？', '. ', '; '].map((p) => cut.lastIndexOf(p) + p.trimEnd().length - 1));
  if (boundary > cut.length * 0.75) cut = cut.slice(0, boundary + 1);
  cut = cut.trimEnd();
  if (openFence(cut)) return `${cut}${closer}${suffix}`;
  const lastLine = cut.slice(cut.lastIndexOf('\n') + 1);
  if ((lastLine.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`')).trimEnd();
  return `${cut}${suffix}`;
}

/** The fence line (e.g. "```cpp") of a code block left open at the end of `text`, or null. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(```+|~~~+)(.*)$/.exec(line);
    if (!m) continue;
    if (open === null) open = line.trim();
    else if (line.trim().startsWith(open.slice(0, m[1]!.length)) && !m[2]!.trim()) open = null;
  }
  return open;
}

/** Total characters Discord counts towards the 6,000 of an embed. */
export function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
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
      ...f, name: truncate(f.name, LIMITS.fieldName) || '\u200b', value: truncateMarkdown(f.value, LIMITS.fieldValue) || '\u200b',
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

/** Plain message text within 2,000 characters. */
export function fitContent(text: string): string {
  return truncateMarkdown(text, LIMITS.content);
}

/**
 * Splits long Markdown into pages of at most `max` characters at line
 * boundaries. A code block spanning pages is closed and reopened, so each
 * page renders on its own.
 */
export function splitPages(text: string, max: number): string[] {
  const pages: string[] = [];
  let lines: string[] = [];
  let length = 0;
  let fence: string | null = null;
  const reserve = 24; // room for closing and reopening a fence
  const flush = () => {
    if (!lines.length) return;
    if (fence) lines.push('```');
    pages.push(lines.join('\n'));
    lines = fence ? [fence] : [];
    length = fence ? fence.length : 0;
  };
  for (const raw of text.split('\n')) {
    for (const line of hardWrap(raw, max - reserve)) {
      if (length + line.length + 1 > max - reserve && lines.length > (fence ? 1 : 0)) flush();
      lines.push(line);
      length += line.length + 1;
      const m = /^\s*(```+|~~~+)(.*)$/.exec(line);
      if (m) fence = fence === null ? line.trim() : m[2]!.trim() ? fence : null;
    }
  }
  if (lines.length > (fence ? 1 : 0) || pages.length === 0) {
    if (fence) lines.push('```');
    pages.push(lines.join('\n'));
  }
  return pages.map((p) => p.trim()).filter((p, _i, all) => p || all.length === 1);
}

function hardWrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const piece = sliceSafe(rest, width);
    out.push(piece);
    rest = rest.slice(piece.length);
  }
  out.push(rest);
  return out;
}

// --- Markdown of notes → Discord Markdown --------------------------------------

/**
 * Discord renders most Markdown but not LaTeX or tables, and reads `_` inside
 * formulas as italics (`$p_t$ … $\alpha_t$` would lose its underscores).
 * Formulas become code (monospace, verbatim), tables a code block; fenced
 * code passes through untouched.
 */
export function discordMarkdown(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (fence) {
      out.push(line);
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = null;
      continue;
    }
    const code = /^(```+|~~~+)/.exec(trimmed);
    if (code) {
      fence = code[1]!;
      out.push(line);
      continue;
    }
    if (trimmed.startsWith('$$')) {
      // Display math, one line ($$x$$) or several ($$ … $$).
      const body: string[] = [];
      let j = i;
      let rest = trimmed.slice(2);
      for (;;) {
        const end = rest.indexOf('$$');
        if (end >= 0) {
          body.push(rest.slice(0, end));
          break;
        }
        body.push(rest);
        if (++j >= lines.length) break;
        rest = lines[j]!.trim();
      }
      const formula = body.join('\n').trim();
      if (formula) out.push('```', formula, '```');
      i = j;
      continue;
    }
    if (trimmed.startsWith('|')) {
      const table: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) table.push(lines[i++]!.trim());
      i--;
      out.push('```', ...table, '```');
      continue;
    }
    out.push(inlineMath(line));
  }
  if (fence) out.push(fence);
  return out.join('\n');
}

/** `$x_i$` → `` `x_i` ``, leaving inline code spans and lone dollar signs alone. */
function inlineMath(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\\$\w])\$(?!\s)([^$\n`]+?)(?<![\s\\])\$(?![\w$])/g, '`$1`')))
    .join('');
}

// --- answers -------------------------------------------------------------------

/** The note title and heading path, shortened in the middle when too long: the last heading says the most. */
export function sectionTitle(r: Pick<AnswerResult, 'title' | 'headingPath'>): string {
  const max = LIMITS.embedTitle;
  const parts = r.headingPath[0] === r.title ? [...r.headingPath] : [r.title, ...r.headingPath];
  const join = (p: string[]) => p.join(' › ');
  if (join(parts).length <= max) return join(parts);
  for (let keep = parts.length - 2; keep >= 1; keep--) {
    const shortened = [parts[0]!, ELLIPSIS, ...parts.slice(parts.length - keep)];
    if (join(shortened).length <= max) return join(shortened);
  }
  return truncate(join(parts.length > 1 ? [ELLIPSIS, parts[parts.length - 1]!] : parts), max);
}

/** Ranking scores are BM25 or RRF; three significant digits say enough. */
export function formatScore(score: number): string {
  return String(Number(score.toPrecision(3)));
}

function questionAuthor(question: string): APIEmbed['author'] {
  return { name: truncate(`❓ ${question}`, LIMITS.embedAuthor) };
}

/** One result of an answer, with buttons to walk the others, open the whole section and vote. */
export function answerView(answer: Answer, resultIndex: number): MessageView {
  const total = answer.results.length;
  const n = ((resultIndex % total) + total) % total;
  const r = answer.results[n]!;
  const quote = discordMarkdown(r.quote || r.text).trim() || '(this section has no text)';
  const embed = fitEmbed({
    author: questionAuthor(answer.question),
    title: sectionTitle(r),
    description: quote,
    footer: { text: `${citation(r)} · score ${formatScore(r.score)} · result ${n + 1}/${total}` },
    color: COLOR.answer,
  });
  const next = (n + 1) % total;
  const buttons: APIButtonComponent[] = [
    button(customIds.askNext(next), `Next result (${next + 1}/${total})`, ButtonStyle.Primary, { disabled: total < 2 }),
    button(customIds.askSection(r.chunkId), 'Full section', ButtonStyle.Secondary),
    button(customIds.askVote(1, r.chunkId), '', ButtonStyle.Secondary, { emoji: '👍' }),
    button(customIds.askVote(-1, r.chunkId), '', ButtonStyle.Secondary, { emoji: '👎' }),
  ];
  return { embeds: [embed], components: rows(buttons) };
}

/** When the notes do not cover the question: say so, and point at the nearest sections. */
export function notCoveredView(answer: Answer): MessageView {
  const lines = ['The notes do not seem to cover this question.'];
  if (answer.results.length) {
    lines.push('', 'Nearest sections:');
    answer.results.forEach((r, i) => lines.push(`${i + 1}. ${headingTrail(r)} — \`${citation(r)}\``));
  } else {
    lines.push('', 'Nothing in them comes close. `/topics` lists what they cover.');
  }
  return {
    embeds: [fitEmbed({ author: questionAuthor(answer.question), title: 'Not in the notes', description: lines.join('\n'), color: COLOR.notCovered })],
    components: [],
  };
}

/** What "Full section" needs of a chunk. */
export type Section = Pick<Chunk, 'file' | 'title' | 'headingPath' | 'startLine' | 'endLine' | 'text'>;

/** A whole section as embeds of one page each (send one per message: 6,000 characters is the per-message total). */
export function sectionPages(section: Section, maxPages = 10): APIEmbed[] {
  const pages = splitPages(discordMarkdown(section.text).trim() || '(this section has no text)', 3900);
  const shown = pages.slice(0, maxPages);
  if (pages.length > maxPages) shown[shown.length - 1] += `\n\n${ELLIPSIS} (${pages.length - maxPages} more pages: open ${section.file})`;
  return shown.map((page, i) =>
    fitEmbed({
      title: sectionTitle(section),
      description: page,
      footer: { text: `${citation(section)}${pages.length > 1 ? ` · page ${i + 1}/${pages.length}` : ''}` },
      color: COLOR.answer,
    }),
  );
}

// --- topics --------------------------------------------------------------------------

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

/** One page of /topics: a field per note listing its sections, with Previous/Next. */
export function topicsView(outlines: NoteOutline[], page: number): MessageView {
  const pages = topicsPageCount(outlines);
  const p = Math.min(Math.max(0, page), pages - 1);
  if (outlines.length === 0) {
    return {
      embeds: [fitEmbed({ title: 'Topics', description: 'No notes are indexed yet. Add Markdown files to the notes folder, then run `/reindex`.', color: COLOR.info })],
      components: [],
    };
  }
  const fields: APIEmbedField[] = outlines.slice(p * NOTES_PER_PAGE, (p + 1) * NOTES_PER_PAGE).map((o) => ({
    name: o.title,
    value: fieldList([`\`${o.file}\``, ...o.sections.map((s) => `• ${s}`)]),
  }));
  const embed = fitEmbed({
    title: 'Topics in the notes',
    fields,
    footer: { text: `${outlines.length} notes · page ${p + 1}/${pages}` },
    color: COLOR.info,
  });
  const components = pages > 1 ? rows([
    button(customIds.topicsPage(Math.max(0, p - 1), 'prev'), 'Previous', ButtonStyle.Secondary, { disabled: p === 0 }),
    button(customIds.topicsPage(Math.min(pages - 1, p + 1), 'next'), 'Next', ButtonStyle.Secondary, { disabled: p === pages - 1 }),
  ]) : [];
  return { embeds: [embed], components };
}

/** Lines for a field value, ending with "… and N more" rather than a cut line. */
function fieldList(lines: string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const more = `\n${ELLIPSIS} and ${lines.length - i} more`;
    const next = out ? `${out}\n${lines[i]}` : lines[i]!;
    if (next.length + (i < lines.length - 1 ? more.length : 0) > LIMITS.fieldValue) return `${out}${more}`;
    out = next;
  }
  return out;
}

// --- help, reindex, short replies ---------------------------------------------------------

export interface CommandSummary {
  name: string;
  description: string;
  options?: Array<{ name: string; required?: boolean }>;
}

export function helpView(commands: CommandSummary[]): MessageView {
  const usage = (c: CommandSummary) =>
    [`/${c.name}`, ...(c.options ?? []).map((o) => (o.required ? o.name : `[${o.name}]`))].join(' ');
  const lines = [
    'StudyBot answers questions by quoting your study notes, citing the file and lines each answer comes from. ' +
      'It never makes things up: when the notes do not cover a question, it says so.',
    '',
    ...commands.map((c) => `\`${usage(c)}\` — ${c.description}`),
  ];
  return { embeds: [fitEmbed({ title: 'StudyBot', description: lines.join('\n'), color: COLOR.info })], components: [] };
}

export function reindexView(report: SyncReport): MessageView {
  const lines = [
    `**${report.files}** notes, **${report.chunks}** sections indexed in ${(report.ms / 1000).toFixed(2)} s.`,
    report.rebuilt ? 'Built from scratch.' : `${report.added} sections added, ${report.removed} removed.`,
  ];
  if (report.embedded) lines.push(`${report.embedded} sections embedded for semantic search.`);
  if (report.skipped.length) {
    lines.push('', `Skipped ${report.skipped.length} files:`);
    for (const s of report.skipped.slice(0, 20)) lines.push(`• \`${s.file}\`: ${s.reason}`);
    if (report.skipped.length > 20) lines.push(`${ELLIPSIS} and ${report.skipped.length - 20} more (see the bot's log)`);
  }
  return { embeds: [fitEmbed({ title: 'Notes re-indexed', description: lines.join('\n'), color: COLOR.info })], components: [] };
}

export function cooldownMessage(remainingMs: number, command: string): string {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return `One moment please: you can use \`/${command}\` again in ${seconds} s.`;
}

export const MESSAGES = {
  failed: 'Sorry, something went wrong while answering. It has been logged; please try again.',
  restarting: 'StudyBot is restarting; please try again in a minute.',
  answerExpired: 'I no longer have the question behind this answer. Ask again with `/ask`.',
  sectionGone: 'That section has changed or moved since this answer was posted. Ask again with `/ask`.',
  reindexNeedsPermission: 'Re-indexing the notes needs the **Manage Server** permission.',
  reindexOnlyInServer: '`/reindex` only works in a server.',
  unknownButton: 'This button belongs to an older version of StudyBot. Ask again with `/ask`.',
  unknownCommand: 'I do not know that command (the command list may be out of date; an admin can run `npm run register`).',
  vote: (vote: 1 | -1) => (vote > 0 ? 'Thanks! 👍 noted: glad the notes helped.' : 'Thanks! 👎 noted: this answer will be reviewed.'),
};

// --- components ---------------------------------------------------------------------------

function button(customId: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  opts: { disabled?: boolean; emoji?: string } = {}): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId.slice(0, LIMITS.customId),
    style,
    ...(label ? { label: truncate(label, LIMITS.buttonLabel) } : {}),
    ...(opts.emoji ? { emoji: { name: opts.emoji } } : {}),
    ...(opts.disabled ? { disabled: true } : {}),
  };
}

/** Buttons in rows of at most five. */
export function rows(buttons: APIButtonComponent[]): ButtonRow[] {
  const out: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}
