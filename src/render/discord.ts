/**
 * The Discord renderers in one import, for callers that want several. Each
 * idea lives in its own module (kit/ for Discord's limits, Markdown and
 * components; answer, topics, commands, quiz and daily for the views); this
 * file only re-exports them.
 */
export { LIMITS } from './kit/limits.js';
export { ELLIPSIS, discordMarkdown, fitContent, splitPages, truncate, truncateMarkdown } from './kit/markdown.js';
export { embedLength, fitEmbed } from './kit/embed.js';
export { button, rows, select, timestamp, type ButtonRow, type ComponentRow, type MessageView, type SelectRow } from './kit/components.js';
export { answerView, notCoveredView, sectionPages, sectionTitle, type Section } from './answer.js';
export { noteOutlines, NOTES_PER_PAGE, topicsPageCount, topicsView, type NoteOutline } from './topics.js';
export { helpView, reindexView, type CommandSummary } from './commands.js';
