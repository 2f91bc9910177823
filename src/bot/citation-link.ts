import type { AnswerResult } from '../search/ask.js';
import { citationLink } from '../notes/citation-url.js';
import type { BotContext } from './context.js';

/**
 * The link an answer's embed title points to, when NOTES_URL is set and the
 * cited note has what the template needs. Discord accepts only http(s) links
 * in an embed, so `obsidian://` links are left to the CLI.
 */
export function embedLinkOf(ctx: Pick<BotContext, 'index' | 'config'>): (r: AnswerResult) => string | undefined {
  const { notesUrl } = ctx.config;
  return (r) => {
    if (!notesUrl) return undefined;
    const meta = ctx.index.chunk(r.chunkId)?.meta;
    const link = citationLink(
      notesUrl,
      { file: r.file, startLine: r.startLine, endLine: r.endLine, commit: meta?.commit, permalink: meta?.permalink },
      ctx.index.notesDir,
    );
    return link.ok && /^https?:\/\//i.test(link.url) ? link.url : undefined;
  };
}
