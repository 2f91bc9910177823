/**
 * How a quiz question is shown on Discord: its four answer buttons and the
 * message text. Worked out from the question each time (not stored with it), so
 * a change to Discord's limits applies to questions already posted.
 */
import { LETTERS, type Question } from '../quiz/index.js';

/** Discord's limit for a button label. */
export const BUTTON_LABEL_MAX = 80;

/** Buttons show plain text: no Markdown code marks. */
const buttonText = (option: string) => option.replace(/`/g, '').trim();

/** True when some option is too long for a button: the buttons then say A–D and the options go with the stem. */
export function optionsInStem(q: Pick<Question, 'options'>): boolean {
  return q.options.some((o) => buttonText(o).length > BUTTON_LABEL_MAX);
}

/** The four button labels (≤ 80 characters): the options themselves, or A–D when any option is longer. */
export function buttonLabels(q: Pick<Question, 'options'>): string[] {
  return optionsInStem(q) ? [...LETTERS] : q.options.map(buttonText);
}

/** The message text for a question: the stem, plus the lettered options when the buttons only say A–D. */
export function renderQuestion(q: Pick<Question, 'stem' | 'options'>): string {
  if (!optionsInStem(q)) return q.stem;
  return `${q.stem}\n\n${q.options.map((o, i) => `${LETTERS[i]}. ${o}`).join('\n')}`;
}
