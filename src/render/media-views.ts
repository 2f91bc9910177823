import type { Answer, AnswerResult } from '../search/ask.js';
import {
  sectionMedia,
  withSectionMedia,
  withSectionsMedia,
  type MediaMessageView,
  type MediaOptions,
  type SectionMedia,
} from './answer-media.js';
import { DISCORD_UPLOAD_BYTES } from './format/resolve-image.js';
import { answerDescription, answerView, notCoveredView } from './answer.js';
import { dailyPostView, dailyQuote, type DailyPostInput } from './daily.js';
import { translate, type Translate } from './messages.js';

/**
 * The messages that carry a note's formulas and images, exactly as the bot
 * sends them and `studybot preview` draws them: the view, its files, and what
 * was not attached and why. Async because formulas are drawn (or read from the cache).
 */
export interface MediaMessage {
  view: MediaMessageView;
  media: SectionMedia | null;
}

/** Result `n` of an answer (or "not in the notes"), its quote's formulas in the embed's image. */
export async function answerMessage(
  answer: Answer,
  n: number,
  options: MediaOptions,
  t: Translate = translate,
  linkOf?: (r: AnswerResult) => string | undefined,
): Promise<MediaMessage> {
  if (!answer.answered || answer.results.length === 0) return { view: { ...notCoveredView(answer, t), files: [] }, media: null };
  const total = answer.results.length;
  const index = ((n % total) + total) % total;
  const shown = answerView(answer, index, t, linkOf);
  // One embed per result shown (each side of a comparison): each draws its own section's formulas,
  // within its share of the message's upload limit.
  const results = answer.results.slice(index, index + shown.embeds.length);
  const share = { ...options, maxBytes: Math.floor((options.maxBytes ?? DISCORD_UPLOAD_BYTES) / results.length) };
  const medias = await Promise.all(results.map((r) => sectionMedia(r.quote || r.text, r.file, share)));
  const view = withSectionsMedia(shown, medias, (text, i) => answerDescription(answer, index, i, text, shown.embeds.length, t));
  const media: SectionMedia = {
    ...medias[0]!,
    files: view.files,
    skipped: medias.flatMap((m) => m.skipped),
    withheld: medias.some((m) => m.withheld),
  };
  // Said once, above the embeds: the reader sees code where a picture would be, and why.
  return { view: media.withheld ? { ...view, content: t('ask.noAttachFiles') } : view, media };
}

/** The daily concept post, its quote's formulas in the embed's image. */
export async function dailyPostMessage(input: DailyPostInput, options: MediaOptions, t: Translate = translate): Promise<MediaMessage> {
  const media = await sectionMedia(input.quote.markdown, input.concept.source.file, options);
  const view = withSectionMedia(dailyPostView(input, t), media, (text) => dailyQuote(text, input.concept));
  return { view, media };
}
