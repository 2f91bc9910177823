import type { BotCommand } from '../context.js';
import * as ask from './ask.js';
import * as daily from './daily.js';
import * as help from './help.js';
import * as reindex from './reindex.js';
import * as topics from './topics.js';
import * as quiz from './quiz.js';
import * as leaderboard from './leaderboard.js';
import * as mystats from './mystats.js';
import * as settings from './settings.js';

/** Every slash command, in the order /help lists them. Registering sends exactly these. */
export const commands: readonly BotCommand[] = [ask, topics, reindex, help, daily, quiz, leaderboard, mystats, settings];
