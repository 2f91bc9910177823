import { escapeMarkdown } from '@discordjs/formatters';
import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Answer, AnswerResult } from '../search/ask.js';
import type { Chunk } from '../notes/types.js';
import { customIds } from './custom-ids.js';
import { fitEmbed } from './kit/embed.js';
import { button, rows, select, type ComponentRow, type MessageView } from './kit/components.js';
import { LIMITS } from './kit/limits.js';
import { ELLIPSIS, splitPages, truncate } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';
import { inlinePlain, sectionMarkdown } from './section-text.js';
import { citation, listedSection, type ListStyle } from './text.js';

/**
 * How /ask answers look in Discord: pure functions from retrieval results to
 * message payloads, each kept inside Discord's limits so a long note can never
 * make a reply fail.
 */

const COLOR = { answer: 0x5865f2, notCovered: 0x99aab5 } as const;

/** The note title and heading path, shortened in the middle when too long: the last heading says the most. */
export function sectionTitle(r: Pick<AnswerResult, 'title' | 'headingPath'>): string {
  return shortenedTrail(titledPath(r), LIMITS.embedTitle);
}

/** The note title (once) and the headings under it, as plain text: headings may hold inline math (`$p_t$`), which becomes Unicode. */
function titledPath(r: Pick<AnswerResult, 'title' | 'headingPath'>): string[] {
  return (r.headingPath[0] === r.title ? [...r.headingPath] : [r.title, ...r.headingPath]).map(inlinePlain);
}

/** Parts joined by ›, the middle ones left out first when longer than `max`: the first and the last say the most. */
function shortenedTrail(parts: readonly string[], max: number): string {
  const join = (p: readonly string[]) => p.join(' › ');
  if (join(parts).length <= max) return join(parts);
  for (let keep = parts.length - 2; keep >= 1; keep--) {
    const shortened = [parts[0]!, ELLIPSIS, ...parts.slice(parts.length - keep)];
    if (join(shortened).length <= max) return join(shortened);
  }
  return truncate(join(parts.length > 1 ? [ELLIPSIS, parts[parts.length - 1]!] : parts), max);
}

/** "Showing results for …" in italics, above a corrected question's answer or refusal. */
function correctionLine(correctedQuestion: string, t: Translate): string {
  return `*${t('ask.showingResultsFor', { question: correctedQuestion })}*`;
}

function questionAuthor(question: string): APIEmbed['author'] {
  return { name: truncate(`❓ ${question}`, LIMITS.embedAuthor) };
}

/** Two sides' quotes share one message, whose embeds may total 6,000 characters. */
const SIDE_QUOTE_MAX = 1800;

/** The quote as the answer embed shows it (formatted by the caller: with or without a formula image). */
export function answerQuote(formatted: string, t: Translate = translate): string {
  return formatted.trim() || t('ask.emptySection');
}

/**
 * The text of embed `embedIndex` of result `n`: its quote (`formatted` by the
 * caller, with or without a formula image), shortened when two sides share the
 * message, after "showing results for …" when the question was corrected.
 */
export function answerDescription(
  answer: Answer,
  n: number,
  embedIndex: number,
  formatted: string,
  embedsShown: number,
  t: Translate = translate,
): string {
  const corrected = n === 0 && embedIndex === 0 && answer.correctedQuestion ? `${correctionLine(answer.correctedQuestion, t)}\n\n` : '';
  const quote = answerQuote(formatted, t);
  return corrected + (embedsShown > 1 ? truncate(quote, SIDE_QUOTE_MAX) : quote);
}

/**
 * One result of an answer, with buttons to walk the others, open the whole
 * section and vote. The first answer to a comparison shows each side's
 * result, an embed and a Full section button each. `linkOf` gives the cited
 * lines' published URL (NOTES_URL), which each title then links to.
 */
export function answerView(
  answer: Answer,
  resultIndex: number,
  t: Translate = translate,
  linkOf?: (r: AnswerResult) => string | undefined,
): MessageView<ComponentRow> {
  const total = answer.results.length;
  const n = ((resultIndex % total) + total) % total;
  const sides = n === 0 ? answer.results.filter((r) => r.side).length : 0;
  const shown = answer.results.slice(n, n + Math.max(1, sides));
  const r = shown[0]!;
  // The first answer names the other sections found, as the CLI does: a student sees at a glance whether
  // the one they need is among them, and Next result walks there.
  const others = n === 0 ? alsoRelevantField(answer.results.slice(shown.length), shown.length, t) : null;
  const embeds = shown.map((s, i) => {
    const url = linkOf?.(s);
    return fitEmbed({
      ...(i === 0 ? { author: questionAuthor(answer.question) } : {}),
      title: sectionTitle(s),
      ...(url ? { url } : {}),
      description: answerDescription(answer, n, i, sectionMarkdown(s.quote || s.text), shown.length, t),
      ...(others && i === shown.length - 1 ? { fields: [others] } : {}),
      // Where the quote is and how far down the list it is: a raw ranking score tells a reader nothing.
      footer: { text: t('ask.footer', { citation: citation(s), n: n + i + 1, total }) },
      color: COLOR.answer,
    });
  });
  const next = (n + shown.length) % total;
  const sectionButtons = shown.map((s) =>
    button(
      customIds.askSection(s.chunkId),
      shown.length > 1 && s.side ? truncate(t('ask.sideSectionButton', { side: s.side }), LIMITS.buttonLabel) : t('ask.sectionButton'),
      ButtonStyle.Secondary,
    ),
  );
  const buttons = rows([
    button(customIds.askNext(next), t('ask.nextButton', { n: next + 1, total }), ButtonStyle.Primary, {
      disabled: total <= shown.length,
    }),
    ...sectionButtons,
    button(customIds.askVote(1, r.chunkId), '', ButtonStyle.Secondary, { emoji: '👍' }),
    button(customIds.askVote(-1, r.chunkId), '', ButtonStyle.Secondary, { emoji: '👎' }),
  ]);
  return { embeds, components: total > shown.length ? [...buttons, jumpList(answer.results, n, t)] : buttons };
}

/**
 * Every result by its heading, numbered as "Also relevant" and the footers number them, the one shown marked:
 * a student who sees the section they need in the list goes there in one click instead of paging. A closed
 * list shows one line, cut to its width, so each option opens on its own heading; the headings above it
 * (note title first) are its description.
 */
function jumpList(results: readonly AnswerResult[], shown: number, t: Translate) {
  return select(
    customIds.askJump(),
    t('ask.jumpPlaceholder'),
    results.slice(0, LIMITS.selectOptions).map((r, i) => ({ ...listedOption(r, i), value: String(i), current: i === shown })),
  );
}

/** A result as an option of a list: its number and own heading, the headings above it (note title first) below. */
function listedOption(r: AnswerResult, i: number) {
  const path = titledPath(r);
  const above = path.slice(0, -1);
  return {
    label: `${i + 1}. ${path.at(-1)!}`,
    description: above.length > 0 ? shortenedTrail(above, LIMITS.selectOptionDescription) : citation(r),
  };
}

/** What the "also relevant" list may take of a message whose embeds share 6,000 characters (two sides' quotes among them). */
const ALSO_RELEVANT_MAX = 600;

/**
 * The results after those shown, a line each ("2. FPN › 侧向连接"), as many whole lines as fit; null for none.
 * Their citations are left out: each is a click of Next result away, where its footer cites it.
 */
function alsoRelevantField(rest: readonly AnswerResult[], shownBefore: number, t: Translate): { name: string; value: string } | null {
  const lines: string[] = [];
  let length = 0;
  for (const [i, r] of rest.entries()) {
    const line = listedSection(r, shownBefore + i + 1, { ...DISCORD_LIST, cite: null });
    length += (lines.length > 0 ? 1 : 0) + line.length;
    if (length > ALSO_RELEVANT_MAX) {
      // A first line too long alone (a very long heading path) is shortened rather than left out.
      if (lines.length === 0) lines.push(truncate(line, ALSO_RELEVANT_MAX));
      break;
    }
    lines.push(line);
  }
  return lines.length > 0 ? { name: t('ask.alsoRelevant'), value: lines.join('\n') } : null;
}

/**
 * A section listed in a Discord message: its heading's Markdown escaped ("9.10.3 DeepLab+…labels**" would open
 * bold, two headings' underscores an italic), its citation as code, so a file name's underscores stay.
 */
const DISCORD_LIST: ListStyle = { heading: escapeMarkdown, cite: (c) => `\`${c}\`` };

/**
 * When the notes do not cover the question: say so, and point at the nearest
 * sections, with a list that opens any of them (as Full section does), since a
 * student often finds the answer there.
 */
export function notCoveredView(answer: Answer, t: Translate = translate): MessageView<ComponentRow> {
  // A refusal after a correction says what was searched: the student sees whether the typo was read right.
  const corrected = answer.correctedQuestion ? [correctionLine(answer.correctedQuestion, t), ''] : [];
  const lines = [...corrected, t('ask.notCovered')];
  if (answer.results.length) {
    lines.push('', t('ask.nearest'));
    answer.results.forEach((r, i) => {
      lines.push(listedSection(r, i + 1, DISCORD_LIST));
    });
  } else {
    lines.push('', t('ask.nothingClose'));
  }
  return {
    embeds: [
      fitEmbed({
        author: questionAuthor(answer.question),
        title: t('ask.notCoveredTitle'),
        description: lines.join('\n'),
        color: COLOR.notCovered,
      }),
    ],
    components: answer.results.length > 0 ? [nearestList(answer.results, t)] : [],
  };
}

/**
 * The listed sections in a drop-down, numbered as the list is, each opening in full when chosen (as Full section
 * does): one row, where a button per section took two on a phone, and each option names its heading.
 */
function nearestList(results: readonly AnswerResult[], t: Translate) {
  const seen = new Set<string>();
  const options = results.slice(0, LIMITS.selectOptions).flatMap((r, i) => {
    // A value must be unique in the list; two parts of one section open the same section.
    if (seen.has(r.chunkId)) return [];
    seen.add(r.chunkId);
    return [{ ...listedOption(r, i), value: r.chunkId }];
  });
  return select(customIds.askOpen(), t('ask.nearestPlaceholder'), options);
}

/** What "Full section" needs of a chunk. */
export type Section = Pick<Chunk, 'file' | 'title' | 'headingPath' | 'startLine' | 'endLine' | 'text'>;

/** A whole section as embeds of one page each (send one per message: 6,000 characters is the per-message total). */
export function sectionPages(section: Section, maxPages = 10, t: Translate = translate): APIEmbed[] {
  const pages = splitPages(sectionMarkdown(section.text).trim() || t('ask.emptySection'), 3900);
  const shown = pages.slice(0, maxPages);
  if (pages.length > maxPages)
    shown[shown.length - 1] += `\n\n${t('ask.morePages', { ellipsis: ELLIPSIS, count: pages.length - maxPages, file: section.file })}`;
  return shown.map((page, i) =>
    fitEmbed({
      title: sectionTitle(section),
      description: page,
      footer: { text: `${citation(section)}${pages.length > 1 ? t('ask.page', { page: i + 1, pages: pages.length }) : ''}` },
      color: COLOR.answer,
    }),
  );
}
