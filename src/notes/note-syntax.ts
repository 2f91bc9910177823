import { stripTemplateTags } from './blog.js';
import { inlineTags, rewriteCallout, rewriteWikilinks, stripBlockId, stripComments } from './obsidian.js';

/** A note's text as a reader sees it, with what the syntax said about the note. */
export interface ReadableNote {
  /** Same number of lines as the source: line N here is line N of the file. */
  text: string;
  /** Notes this one links to or embeds (wikilink targets, without heading), in order, once each. */
  links: string[];
  /** Obsidian `#tags` of the body. */
  tags: string[];
}

type Region = 'prose' | 'fence' | 'plugin-query' | 'math' | 'template-code';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/**
 * A fence whose language is a plugin's query (Dataview, Tasks, Obsidian's
 * search): Obsidian shows its results, never its source, and the source is
 * no knowledge of the note's.
 */
const PLUGIN_QUERY_FENCE = /^ {0,3}(?:`{3,}|~{3,})\s*(?:dataview|dataviewjs|tasks|query)\s*$/i;
const TEMPLATE_CODE_OPEN = /^\s*(?:\{%\s*(?:codeblock|code|include_code)\b|\{\{[<%]\s*(?:highlight|code)\b)/;
const TEMPLATE_CODE_CLOSE = /\{%\s*end(?:codeblock|code)\s*%\}|\{\{[<%]\s*\/(?:highlight|code)\s*[>%]\}\}/;

/**
 * Rewrites Obsidian and blog syntax into plain Markdown, line for line:
 * front matter, code and math are left exactly as written; in prose, comments
 * and template tags go, wikilinks and embeds become readable text or images,
 * callouts become a titled quote, and block ids and plugin queries go.
 * Highlights stay: they are clozes to the flashcards (notes/cards.ts), and
 * bold only where shown.
 */
export function readableNote(source: string): ReadableNote {
  const lines = source.split('\n');
  const out: string[] = [];
  const links: string[] = [];
  const tags: string[] = [];
  let i = frontMatterEnd(lines);
  out.push(...lines.slice(0, i));
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length === 0) return;
    const { masked, restore } = maskInlineCode(prose.join('\n'));
    const cleaned = headingsOutOfHtml(restore(stripTemplateTags(stripComments(masked))).split('\n'));
    for (const line of cleaned) out.push(rewriteProseLine(line, links, tags));
    prose = [];
  };
  let region: Region = 'prose';
  let fence = '';
  // Inside a %%comment%%, a fence is part of the comment (the Excalidraw plugin hides its drawing's JSON so):
  // the comment goes whole, with what it holds.
  let inComment = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (region === 'prose') {
      const fenceMatch = inComment ? null : FENCE_OPEN.exec(line);
      if (!inComment && (fenceMatch || isMathFence(line) || TEMPLATE_CODE_OPEN.test(line))) {
        flushProse();
        if (fenceMatch) {
          region = PLUGIN_QUERY_FENCE.test(line) ? 'plugin-query' : 'fence';
          fence = fenceMatch[1]!;
          out.push(region === 'fence' ? line : '');
        } else if (TEMPLATE_CODE_OPEN.test(line)) {
          region = 'template-code';
          out.push(codeFenceFor(line));
        } else {
          region = 'math';
          out.push(line);
        }
        continue;
      }
      prose.push(line);
      if ((maskInlineCode(line).masked.match(/%%/g) ?? []).length % 2 === 1) inComment = !inComment;
      continue;
    }
    if (region === 'fence' || region === 'plugin-query') {
      out.push(region === 'fence' ? line : '');
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) region = 'prose';
    } else if (region === 'math') {
      out.push(line);
      if (line.trim().endsWith('$$')) region = 'prose';
    } else {
      // The generator's code block becomes a Markdown fence: its code is code, not headings or tags.
      const closes = TEMPLATE_CODE_CLOSE.test(line);
      out.push(closes ? '```' : line);
      if (closes) region = 'prose';
    }
  }
  flushProse();
  return { text: out.join('\n'), links: [...new Set(links)], tags: [...new Set(tags)] };
}

/**
 * A heading typed right under an HTML line ("<center>图 21: …</center>" then
 * "### 11.3.4 联合分布自适应") belongs, for CommonMark, to the HTML block,
 * which runs to the next blank line: the section vanished into the one
 * before it, though every editor a student uses shows a heading. The tags of
 * the lines between a blank line and such a heading are dropped (their
 * text stays, as prose): line for line, so line numbers are unchanged.
 */
function headingsOutOfHtml(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 1; i < out.length; i++) {
    if (!ATX_HEADING.test(out[i]!)) continue;
    let start = i;
    while (start > 0 && out[start - 1]!.trim() !== '') start--;
    // An HTML block may open the run or interrupt the paragraph in it (<center>, <div>, <p>).
    const html = out.slice(start, i).findIndex((line) => HTML_LINE.test(line));
    if (html < 0) continue;
    for (let j = start + html; j < i; j++) out[j] = out[j]!.replace(/<\/?[A-Za-z][^>]*>/g, '');
  }
  return out;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const HTML_LINE = /^ {0,3}<\/?[A-Za-z][^>]*>/;

/** `{% codeblock lang:python %}` / `{{< highlight go >}}` → "```python" / "```go". */
function codeFenceFor(openingTag: string): string {
  const lang = /\blang:([\w+#.-]+)/.exec(openingTag)?.[1] ?? /\{\{[<%]\s*highlight\s+([\w+#.-]+)/.exec(openingTag)?.[1] ?? '';
  return `\`\`\`${lang}`;
}

/** Inline code spans swapped for placeholders of no line break, so comment and tag stripping never reach into them. */
function maskInlineCode(prose: string): { masked: string; restore: (text: string) => string } {
  const spans: string[] = [];
  const masked = prose.replace(/(`+)[^`\n]*?\1/g, (span) => `\uE000${spans.push(span) - 1}\uE001`);
  return { masked, restore: (text) => text.replace(/\uE000(\d+)\uE001/g, (_m, n: string) => spans[Number(n)]!) };
}

/** The lines of a leading `---` YAML block (with its fences), or 0. */
export function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i]!)) return i + 1;
  return 0;
}

/** `$$` opening a display formula that does not close on the same line. */
function isMathFence(line: string): boolean {
  const t = line.trim();
  return t.startsWith('$$') && !(t.length > 2 && t.endsWith('$$'));
}

/** One prose line: inline code spans are left alone, the rest rewritten. */
function rewriteProseLine(line: string, links: string[], tags: string[]): string {
  const parts = stripBlockId(rewriteCallout(line)).split(/(`+[^`]*?`+)/);
  return parts
    .map((part, n) => {
      if (n % 2 === 1) return part;
      tags.push(...inlineTags(part));
      return rewriteWikilinks(part, links);
    })
    .join('');
}
