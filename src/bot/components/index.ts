import type { ButtonAction } from '../../render/custom-ids.js';
import type { BotContext, ComponentInteraction } from '../context.js';
import type { Guards } from '../guards.js';
import { QUIZ_GUARDS } from '../quiz.js';
import * as askNext from './ask-next.js';
import * as cardRate from './card-rate.js';
import * as cardShow from './card-show.js';
import * as feedback from './feedback.js';
import * as fullSection from './full-section.js';
import * as quizConcept from './quiz-concept.js';
import * as quizAnswer from './quiz-answer.js';
import * as quizBad from './quiz-bad.js';
import * as quizMistakes from './quiz-mistakes.js';
import * as quizNext from './quiz-next.js';
import * as topicsPage from './topics-page.js';

type ActionOf<K extends ButtonAction['kind']> = Extract<ButtonAction, { kind: K }>;

/** A button's handler and the guards the dispatcher applies before it runs. */
export interface ButtonRoute<K extends ButtonAction['kind']> extends Guards {
  // Guarded routes receive the interaction the guards promise (e.g. in a server); the dispatcher only calls them after the guards pass.
  execute(interaction: ComponentInteraction<'cached' | 'raw'>, action: ActionOf<K>, ctx: BotContext): Promise<void>;
}

/** Every button, by the action kind its custom id encodes. */
export const buttonRoutes: { readonly [K in ButtonAction['kind']]: ButtonRoute<K> } = {
  'ask-next': { execute: askNext.execute },
  'ask-section': { execute: fullSection.execute },
  'ask-vote': { execute: feedback.execute },
  'topics-page': { execute: topicsPage.execute },
  // Buttons that post a question share /quiz's guards, cooldown included.
  'quiz-concept': { ...QUIZ_GUARDS, execute: quizConcept.execute },
  'quiz-next': { ...QUIZ_GUARDS, execute: quizNext.execute },
  'quiz-answer': { execute: quizAnswer.execute },
  // Reports are counted per server.
  'quiz-bad': { guildOnly: { refusal: 'quiz.onlyInServer' }, execute: quizBad.execute },
  'quiz-mistakes': { ...QUIZ_GUARDS, execute: quizMistakes.execute },
  // A member's own card schedules are kept per server, as quiz results are.
  'card-show': { guildOnly: QUIZ_GUARDS.guildOnly, execute: cardShow.execute },
  'card-rate': { guildOnly: QUIZ_GUARDS.guildOnly, execute: cardRate.execute },
};
