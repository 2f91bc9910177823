import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { APIEmbed } from 'discord.js';
import { DISCORD_UPLOAD_BYTES, resolveImage } from './format/resolve-image.js';
import { fitEmbed } from './kit/embed.js';
import type { ComponentRow, MessageView } from './kit/components.js';
import type { FormulaRenderer } from './math/render-formulas.js';
import { renderSection } from './math/render-section.js';
import { placeFormulas } from './format/formula-slots.js';
import { formatSection } from './format/section.js';

/** A file to upload with a message; `description` is its alt text (Discord shows it to screen readers). */
export interface MediaFile {
  name: string;
  data: Buffer;
  description: string;
}

/** A section of the notes made ready for a message: its text, and what to attach. */
export interface SectionMedia {
  /** Discord Markdown: formulas in the image as their number, the others as code blocks. */
  text: string;
  /** The formula card first, then images from the note; empty when nothing is attached. */
  files: MediaFile[];
  /** The file the embed shows as its image (`attachment://…`), or null. */
  image: string | null;
  /** Why something was not attached (a note image outside the notes folder, too large…), for a log line. */
  skipped: string[];
  /** Attaching was not allowed and the section had something to attach: the reader should be told why it is missing. */
  withheld: boolean;
}

export interface MediaOptions {
  renderer: FormulaRenderer;
  /** The notes folder: note images are only read from inside it. */
  notesRoot: string;
  /** False where the bot may not attach files: formulas stay code blocks and nothing is read or drawn. */
  attach: boolean;
  /** Cap on the bytes attached to one message. */
  maxBytes?: number;
}

/** Discord takes at most 10 files a message. */
const MAX_FILES = 10;

/**
 * A note section (a quote, a daily concept) as text plus its attachments: the
 * display formulas stacked in one PNG (the TeX as its alt text), and the local
 * images it references, when they resolve inside the notes folder and fit the
 * upload limit. `noteFile` is the note's path relative to the notes folder.
 */
export async function sectionMedia(markdown: string, noteFile: string, options: MediaOptions): Promise<SectionMedia> {
  if (!options.attach) {
    const section = formatSection(markdown);
    const withheld = section.formulas.length > 0 || section.images.some((i) => i.kind === 'local');
    return { text: placeFormulas(section), files: [], image: null, skipped: [], withheld };
  }
  const section = await renderSection(markdown, options.renderer);
  const files: MediaFile[] = [];
  const skipped = section.fallbacks.map((f) => `formula ${f.index + 1} shown as code: ${f.reason}`);
  let budget = options.maxBytes ?? DISCORD_UPLOAD_BYTES;
  if (section.formulaImage) {
    const { png, alt } = section.formulaImage;
    files.push({ name: formulaFileName(png), data: png, description: alt });
    budget -= png.length;
  }
  for (const ref of section.images) {
    if (ref.kind === 'remote') continue; // already a link in the text
    const resolved = await resolveImage(ref, noteFile, { notesRoot: options.notesRoot, maxBytes: budget });
    if (resolved.kind !== 'file') {
      if (resolved.kind === 'refused') skipped.push(`image not attached: ${resolved.reason}`);
      continue;
    }
    if (files.length >= MAX_FILES) {
      skipped.push(`image not attached: more than ${MAX_FILES} files (${ref.path})`);
      continue;
    }
    const data = await readFile(resolved.path);
    files.push({ name: uniqueName(resolved.name, files), data, description: resolved.alt || resolved.name });
    budget -= data.length;
  }
  return { text: section.text, files, image: files[0]?.name ?? null, skipped, withheld: false };
}

/** Named by content: Discord caches by URL, and an answer's two formula cards must not share a name. */
function formulaFileName(png: Buffer): string {
  return `formulas-${createHash('sha256').update(png).digest('hex').slice(0, 12)}.png`;
}

/** Attachment names must be unique within a message; Discord also dislikes anything but [\w.-]. */
function uniqueName(name: string, taken: readonly MediaFile[]): string {
  const safe = name.replace(/[^\w.-]+/g, '_') || 'image.png';
  const names = new Set(taken.map((f) => f.name));
  if (!names.has(safe)) return safe;
  for (let n = 2; ; n++) {
    const candidate = safe.replace(/(\.\w+)?$/, (ext) => `-${n}${ext}`);
    if (!names.has(candidate)) return candidate;
  }
}

/** A message with files to upload alongside it. */
export interface MediaMessageView extends MessageView<ComponentRow> {
  files: MediaFile[];
}

/**
 * Puts a section's media into one embed of a view: its description becomes
 * `description(media.text)` and its image the attachment, which then travels
 * with the message. The other embeds and the buttons are left as they are.
 */
export function withSectionMedia(
  view: MessageView<ComponentRow>,
  media: SectionMedia,
  description: (text: string) => string,
  embedIndex = 0,
): MediaMessageView {
  const embeds = view.embeds.map(
    (embed, i): APIEmbed => (i === embedIndex ? withMedia(embed, media.text, media.image, description) : embed),
  );
  return { ...view, embeds, files: media.files };
}

/**
 * Each embed of a view with its own section's media: the first answer to a
 * comparison quotes one section per side, and each side's formulas are drawn
 * into its own embed's image. The files of all of them travel with the
 * message: one file for a name the sides share with the same bytes, a new name
 * where two differ, and at most Discord's ten.
 */
export function withSectionsMedia(
  view: MessageView<ComponentRow>,
  medias: ReadonlyArray<SectionMedia | undefined>,
  description: (text: string, embedIndex: number) => string,
): MediaMessageView {
  const files: MediaFile[] = [];
  const attach = (file: MediaFile): string | null => {
    const same = files.find((f) => f.name === file.name);
    if (same?.data.equals(file.data)) return same.name;
    if (files.length >= MAX_FILES) return null;
    const name = uniqueName(file.name, files);
    files.push({ ...file, name });
    return name;
  };
  const embeds = view.embeds.map((embed, i): APIEmbed => {
    const media = medias[i];
    if (!media) return embed;
    const names = media.files.map(attach);
    const image = media.image === null ? null : (names[media.files.findIndex((f) => f.name === media.image)] ?? null);
    return withMedia(embed, media.text, image, (text) => description(text, i));
  });
  return { ...view, embeds, files };
}

function withMedia(embed: APIEmbed, text: string, image: string | null, description: (text: string) => string): APIEmbed {
  const patched: APIEmbed = { ...embed, description: description(text) };
  if (image) patched.image = { url: `attachment://${image}` };
  return fitEmbed(patched);
}
