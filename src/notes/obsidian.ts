import { keepLineBreaks } from './blog.js';

/**
 * Obsidian's own Markdown: wikilinks, embeds, callouts, comments and inline
 * tags, turned into what a reader of the note sees. Every function here takes
 * prose (never code) and keeps its line breaks.
 */

/** `%%hidden%%`, possibly over several lines: the author's notes to self are not indexed. */
export function stripComments(prose: string): string {
  return prose.replace(/%%[\s\S]*?%%/g, keepLineBreaks);
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp|avif)$/i;

/** A wikilink's target note, without its heading or block part ("cv/fcn#Loss" → "cv/fcn"). */
function targetNote(target: string): string {
  return target.replace(/[#^].*$/, '').trim();
}

/** "note#heading" → "note › heading"; "#heading" (a link inside the same note) → "heading". */
function readableTarget(target: string): string {
  const [note = '', ...rest] = target.split('#').map((s) => s.replace(/^\^/, '').trim());
  return [note, ...rest].filter(Boolean).join(' › ');
}

/** A Markdown image destination, in angle brackets when it holds spaces (CommonMark's rule). */
function imageDestination(file: string): string {
  return /[\s()<>]/.test(file) ? `<${file.replace(/[<>]/g, '')}>` : file;
}

/**
 * One line of prose (inline code already taken out): `![[image.png]]` becomes a
 * Markdown image, `![[note#heading]]` a "↪ note › heading" reference,
 * `[[note|shown]]` its shown text and `[[note]]` the note's name. Link targets
 * are pushed onto `links`.
 */
export function rewriteWikilinks(line: string, links: string[]): string {
  return line.replace(/(!?)\[\[([^[\]\n]+?)\]\]/g, (_whole, bang: string, inner: string) => {
    const bar = inner.indexOf('|');
    const target = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
    const shown = bar >= 0 ? inner.slice(bar + 1).trim() : '';
    if (bang) {
      if (IMAGE.test(target)) return `![${IMAGE.test(shown) || /^\d+(x\d+)?$/.test(shown) ? '' : shown}](${imageDestination(target)})`;
      if (targetNote(target)) links.push(targetNote(target));
      return `↪ ${readableTarget(target)}`;
    }
    if (targetNote(target)) links.push(targetNote(target));
    return shown || readableTarget(target);
  });
}

/** `> [!tip]- Title` → `> **Title**`; without a title the callout's type names it (`> **Tip**`). */
export function rewriteCallout(line: string): string {
  return line.replace(/^(\s*(?:>\s*)+)\[!([\w-]+)\][+-]?[ \t]*(.*)$/, (_whole, quote: string, type: string, title: string) => {
    const heading = title.trim() || type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
    return `${quote}**${heading}**`;
  });
}

/**
 * A block's id at the end of its last line, " ^dropout-test", is the target
 * of `[[note#^dropout-test]]` links, not text: a reader of the note never
 * sees it. An id has a letter, so an exponent typed "2 ^10" stays.
 */
export function stripBlockId(line: string): string {
  return line.replace(/(?:^|\s+)\^(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]+\s*$/, '');
}

/**
 * Obsidian `#tags` in a line of prose: after a space or at the start, letters,
 * digits, `_`, `-` and `/` (nested tags), not only digits (so "#1" is not a tag).
 * A heading's "# " has a space after the hash and is never a tag.
 */
export function inlineTags(line: string): string[] {
  const tags: string[] = [];
  for (const m of line.matchAll(/(?:^|[\s，,])#([\p{L}\p{N}_\-/]+)/gu)) {
    const tag = m[1]!.replace(/\/+$/, '');
    if (tag && !/^[\d\-/]+$/.test(tag)) tags.push(tag);
  }
  return tags;
}
