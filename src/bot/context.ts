import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CacheType,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { QuizConceptBank } from '../concepts/bank.js';
import type { QuestionBank } from '../quiz/index.js';
import type { DailyScheduler } from '../daily/index.js';
import type { StudyIndex, SyncReport } from '../index/study-index.js';
import type { AskMessageRepository } from '../db/ask-messages.js';
import type { FeedbackRepository } from '../db/feedback.js';
import type { GuildSettingsRepository } from '../db/guild-settings.js';
import type { FormulaRenderer } from '../render/math/render-formulas.js';
import type { BotConfig } from './config.js';
import type { Cooldowns } from './cooldowns.js';
import type { ChoiceGuards, Guards } from './guards.js';
import type { InteractionLanguage } from './language.js';
import type { BotLogger } from './logger.js';
import type { QuizRuntime } from './quiz-runtime.js';
import type { NoteCardDeck } from './note-cards.js';
import type { Retriever } from './retriever.js';

/** The bot's parts, the same for every interaction; passed in, never imported, so handlers stay testable and stateless. */
export interface BotServices {
  index: StudyIndex;
  /** Answers questions from the index, off the main thread in the running bot. */
  retriever: Retriever;
  db: { askMessages: AskMessageRepository; feedback: FeedbackRepository; settings: GuildSettingsRepository };
  logger: BotLogger;
  config: BotConfig;
  cooldowns: Cooldowns;
  /** Re-syncs the index; concurrent calls share one sync instead of racing. */
  reindex: () => Promise<SyncReport>;
  /** The registered commands, for /help. */
  commands: readonly BotCommand[];
  /** The concept bank of the notes as indexed now (rebuilt after a sync that changed them). */
  conceptBank: () => QuizConceptBank;
  /** The persisted question bank, brought up to date with the concept bank (only changed sections are regenerated). */
  questionBank: () => QuestionBank;
  /** The flashcards written in the notes tagged #flashcards (re-read after a sync that changed the notes). */
  noteCards: () => Promise<NoteCardDeck>;
  /** Daily concept posts: schedules, posting, status. */
  daily: DailyScheduler;
  /** Quizzes: the store (questions, answers, FSRS cards), expiry timers, edits of quiz messages. */
  quiz: QuizRuntime;
  /** Draws a section's display formulas as one PNG (MathJax loads on the first), cached in DATA_DIR/formulas. */
  formulas: FormulaRenderer;
}

/**
 * Everything a handler may use: the bot's parts, and the languages of the
 * interaction at hand (`t` for the member, `publicT` for public posts),
 * resolved once by the dispatcher.
 */
export type BotContext = BotServices & InteractionLanguage;

/**
 * One slash command: its definition (registered with Discord), the guards the
 * dispatcher applies before it runs (server only, a member permission), its
 * per-user pause, and what it does.
 */
export interface BotCommand extends Omit<Guards, 'cooldown'> {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Per-user pause between two uses; 0 or absent for none. */
  cooldownMs?: number;
  /** More guards for one value of an option (e.g. `/quiz mode:report` needs Manage Server). */
  choiceGuards?: readonly ChoiceGuards[];
  /** A command with `guildOnly` may type its interaction as one in a server (`<'cached' | 'raw'>`): the dispatcher runs it only once the guard passed. */
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Suggestions for an option marked `setAutocomplete(true)`. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** What a component's route receives: a click on a button, or a choice in a drop-down list. */
export type ComponentInteraction<Cached extends CacheType = CacheType> = ButtonInteraction<Cached> | StringSelectMenuInteraction<Cached>;

export type ButtonHandler<A> = (interaction: ComponentInteraction, action: A, ctx: BotContext) => Promise<void>;
