import { parse } from 'discord-markdown-parser';

/** One node of discord-markdown-parser's tree (simple-markdown's shape). */
interface MdNode {
  type: string;
  content?: string | MdNode[];
  [key: string]: unknown;
}

export interface MarkdownHtmlOptions {
  /** The moment relative timestamps (`<t:…:R>`) are counted from. */
  now: Date;
}

/** Text as HTML character data and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Discord Markdown as the client draws it, to HTML: bold, italics,
 * underline, strike-through, spoilers, inline code, code blocks, block
 * quotes (`>` and `>>>`), headings, links, mentions and timestamps.
 * discord-markdown-parser reads it with Discord's own rules; this only maps
 * its nodes to tags.
 */
export function discordMarkdownHtml(markdown: string, options: MarkdownHtmlOptions): string {
  return nodesHtml(parse(markdown, 'extended') as MdNode[], options);
}

function nodesHtml(nodes: MdNode[], options: MarkdownHtmlOptions): string {
  return nodes.map((n) => nodeHtml(n, options)).join('');
}

function nodeHtml(node: MdNode, options: MarkdownHtmlOptions): string {
  const inner = () => (Array.isArray(node.content) ? nodesHtml(node.content, options) : escapeHtml(String(node.content ?? '')));
  switch (node.type) {
    case 'text':
      return escapeHtml(String(node.content ?? ''));
    case 'br':
    case 'newline':
      return '<br>';
    case 'strong':
      return `<strong>${inner()}</strong>`;
    case 'em':
      return `<em>${inner()}</em>`;
    case 'underline':
      return `<u>${inner()}</u>`;
    case 'strikethrough':
      return `<s>${inner()}</s>`;
    case 'spoiler':
      return `<span class="spoiler">${inner()}</span>`;
    case 'inlineCode':
      return `<code>${inner()}</code>`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml(String(node.content ?? ''))}</code></pre>`;
    case 'blockQuote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'heading':
      return `<h${Number(node.level) || 1}>${inner()}</h${Number(node.level) || 1}>`;
    case 'subtext':
      return `<small>${inner()}</small>`;
    case 'url':
    case 'autolink':
    case 'link': {
      const target = String(node.target ?? '');
      return `<a href="${escapeHtml(target)}">${inner()}</a>`;
    }
    case 'user':
      return `<span class="mention">@member</span>`;
    case 'channel':
      return `<span class="mention">#channel</span>`;
    case 'role':
      return `<span class="mention">@role</span>`;
    case 'everyone':
      return `<span class="mention">@everyone</span>`;
    case 'here':
      return `<span class="mention">@here</span>`;
    case 'twemoji':
      return escapeHtml(String(node.name ?? ''));
    case 'emoji':
      return `:${escapeHtml(String(node.name ?? 'emoji'))}:`;
    case 'slashCommand':
      return `<span class="mention">/${escapeHtml(String(node.fullName ?? ''))}</span>`;
    case 'timestamp':
      return `<span class="timestamp">${escapeHtml(timestampText(Number(node.timestamp), String(node.format ?? 'f'), options.now))}</span>`;
    default:
      return inner();
  }
}

/** What Discord shows for `<t:seconds:style>` (in UTC here: a preview has no reader's time zone). */
function timestampText(seconds: number, style: string, now: Date): string {
  const at = new Date(seconds * 1000);
  if (style === 'R') {
    const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
    const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
    if (Math.abs(minutes) < 48 * 60) return rtf.format(Math.round(minutes / 60), 'hour');
    return rtf.format(Math.round(minutes / 1440), 'day');
  }
  const dateStyle = style === 'F' ? 'full' : 'long';
  return new Intl.DateTimeFormat('en', { dateStyle, timeStyle: 'short', timeZone: 'UTC' }).format(at);
}
