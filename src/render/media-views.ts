import type { Answer, AnswerResult } from '../search/ask.js';
import { sectionMedia, withSectionMedia, type MediaMessageView, type MediaOptions, type SectionMedia } from './answer-media.js';
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
  const result = answer.results[index]!;
  const media = await sectionMedia(result.quote || result.text, result.file, options);
  const shown = answerView(answer, index, t, linkOf);
  const view = withSectionMedia(shown, media, (text) => answerDescription(answer, index, 0, text, shown.embeds.length, t));
  // Said once, above the embed: the reader sees code where a picture would be, and why.
  return { view: media.withheld ? { ...view, content: t('ask.noAttachFiles') } : view, media };
}

/** The daily concept post, its quote's formulas in the embed's image. */
export async function dailyPostMessage(input: DailyPostInput, options: MediaOptions, t: Translate = translate): Promise<MediaMessage> {
  const media = await sectionMedia(input.quote.markdown, input.concept.source.file, options);
  const view = withSectionMedia(dailyPostView(input, t), media, (text) => dailyQuote(text, input.concept));
  return { view, media };
}
