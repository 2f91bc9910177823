/**
 * Every sentence StudyBot shows a user (in Discord, or as `studybot ask`), in English, by key. Renderers
 * never hold text of their own: they receive a `Translate` and look their words
 * up here, so a second language is a second catalogue, not a code change.
 *
 * The shape is i18next's on purpose: flat dotted keys, `{{name}}` placeholders,
 * and plural forms as `key_one` / `key_other` chosen by a numeric `count`. To
 * switch to i18next, load this object as the `translation` resource
 * (`keySeparator: false`, `interpolation: { escapeValue: false }`, since
 * Discord is not HTML) and pass its `t` wherever `translate` is passed now.
 */
export const en = {
  // --- interactions in general
  'interaction.failed': 'Sorry, something went wrong while answering. It has been logged; please try again.',
  'interaction.restarting': 'StudyBot is restarting; please try again in a minute.',
  'interaction.unknownCommand': 'I do not know that command (the command list may be out of date; an admin can run `npm run register`).',
  'interaction.unknownButton': 'This button belongs to an older version of StudyBot. Ask again with `/ask`.',
  'interaction.notThisMessage': 'This button does not belong to the message it is on, so I did nothing.',
  'interaction.cooldown': 'One moment please: you can use `/{{command}}` again in {{seconds}} s.',

  // --- /ask and its buttons
  'ask.tooLong': 'The question is {{length}} characters long; the limit is {{max}}. Ask about one concept at a time.',
  'ask.busy': 'Many questions are being answered right now. Please ask again in a few seconds.',
  'ask.emptySection': '(this section has no text)',
  'ask.footer': '{{citation}} · score {{score}} · result {{n}}/{{total}}',
  'ask.nextButton': 'Next result ({{n}}/{{total}})',
  'ask.sectionButton': 'Full section',
  'ask.notCoveredTitle': 'Not in the notes',
  'ask.notCovered': 'The notes do not seem to cover this question.',
  'ask.nearest': 'Nearest sections:',
  'ask.nothingClose': 'Nothing in them comes close. `/topics` lists what they cover.',
  'ask.answerExpired': 'I no longer have the question behind this answer. Ask again with `/ask`.',
  'ask.sectionGone': 'That section has changed or moved since this answer was posted. Ask again with `/ask`.',
  'ask.morePages': '{{ellipsis}} ({{count}} more pages: open {{file}})',
  'ask.page': ' · page {{page}}/{{pages}}',
  'ask.voteUp': 'Thanks! 👍 noted: glad the notes helped.',
  'ask.voteDown': 'Thanks! 👎 noted: this answer will be reviewed.',

  // --- `studybot ask` (the CLI)
  'cli.nothing': 'Nothing in the notes matches this question.',
  'cli.coverage': '(coverage {{coverage}})',
  'cli.alsoRelevant': 'Also relevant:',
  'cli.notCovered': 'The notes do not seem to cover this question. Nearest sections:',
  'cli.keywordOnly': '(keyword search only: no embedding model loaded)',

  // --- /topics
  'topics.emptyTitle': 'Topics',
  'topics.empty': 'No notes are indexed yet. Add Markdown files to the notes folder, then run `/reindex`.',
  'topics.title': 'Topics in the notes',
  'topics.footer': '{{count}} notes · page {{page}}/{{pages}}',
  'topics.previous': 'Previous',
  'topics.next': 'Next',
  'list.andMore': '{{ellipsis}} and {{count}} more',

  // --- /help
  'help.title': 'StudyBot',
  'help.intro':
    'StudyBot answers questions by quoting your study notes, citing the file and lines each answer comes from. ' +
    'It never makes things up: when the notes do not cover a question, it says so.',

  // --- /reindex
  'reindex.onlyInServer': '`/reindex` only works in a server.',
  'reindex.needsPermission': 'Re-indexing the notes needs the **Manage Server** permission.',
  'reindex.title': 'Notes re-indexed',
  'reindex.counts': '**{{files}}** notes, **{{chunks}}** sections indexed in {{seconds}} s.',
  'reindex.rebuilt': 'Built from scratch.',
  'reindex.changes': '{{added}} sections added, {{removed}} removed.',
  'reindex.embedded': '{{count}} sections embedded for semantic search.',
  'reindex.skipped': 'Skipped {{count}} files:',
  'reindex.skippedMore': '{{ellipsis}} and {{count}} more (see the bot\'s log)',

  // --- quizzes
  'quiz.tally_zero': 'No answers yet',
  'quiz.tally': '{{total}} answered, {{correct}} correct',
  'quiz.author': '🧠 Quiz',
  'quiz.answers': 'Answers',
  'quiz.closes': 'Closes',
  'quiz.never': 'Never',
  'quiz.closed': 'Closed',
  'quiz.closedGone': 'Its note was removed or changed.',
  'quiz.closedExpired': 'Answers are no longer counted.',
  'quiz.answer': 'Answer',
  'quiz.choices': 'Choices',
  'quiz.source': 'Source',
  'quiz.footerClosed': 'Start another with /quiz or "Next question".',
  'quiz.footerOpen': 'Each member’s first click counts; your result is shown only to you.',
  'quiz.nextButton': 'Next question',
  'quiz.yourAnswer': 'Your answer: {{option}}',
  'quiz.rightAnswer': 'The right answer: {{option}}',
  'quiz.nextDue': 'You will get this concept again {{when}}.',
  'quiz.fromNotes': '**From the notes** — {{where}}',
  'quiz.correct': '✅ Correct!',
  'quiz.wrong': '❌ Not quite',
  'quiz.onlyInServer': 'Quizzes, scores and stats are kept per server: use this command in a server channel.',
  'quiz.unknownTopic':
    'No note matches “{{raw}}”. Start typing in the `topic` option and pick a note from the suggestions, ' +
    'or see every note with `/topics`. Leave `topic` empty to be asked what is due for you.',
  'quiz.ambiguousTopic': '“{{raw}}” matches several notes: {{files}}{{more}}. Pick one from the suggestions as you type in the `topic` option.',
  'quiz.andMoreFiles': ' and {{count}} more',
  'quiz.noConceptsInNote':
    'I cannot make a question from `{{file}}`: it defines no terms I can ask about (like “**X** 是……” or “X is …”). ' +
    'Try another note, or `/quiz` without a topic.',
  'quiz.noConcepts': 'The notes define no terms I can ask about yet. Add definitions to them (like “**X** 是……” or “X is …”), then run `/reindex`.',
  'quiz.noQuestion': 'I could not make a good question this time (every candidate failed my checks for a fair question). Try another topic.',
  'quiz.conceptGone': 'That concept is no longer in the notes (its note was removed or changed), so I cannot quiz you on it. Try `/quiz`.',
  'quiz.noteGone': 'The note `{{file}}` is no longer in the notes. Try `/quiz` with another topic.',
  'quiz.unknownQuestion': 'I no longer have this quiz question. Start a new one with `/quiz`.',
  'quiz.expired': '⌛ This quiz has expired: answers are no longer counted. The answer was **{{answer}}**. Start a new one with `/quiz`.',
  'quiz.gone': 'This quiz has expired: its note was removed or changed since the question was posted. Start a new one with `/quiz`.',
  'quiz.duplicate': 'You already answered this question (your answer: {{letter}}, {{verdict}}). Only your first click counts.',
  'quiz.right': 'right',
  'quiz.wrongWord': 'wrong',

  // --- /leaderboard
  'leaderboard.week': 'this week',
  'leaderboard.all': 'all time',
  'leaderboard.title': '🏆 Quiz leaderboard · {{when}}',
  'leaderboard.row': '{{rank}} {{member}} — **{{correct}}** correct of {{answered}} ({{accuracy}})',
  'leaderboard.emptyWeek': 'Nobody has answered a quiz question this week. Start one with `/quiz`!',
  'leaderboard.emptyAll': 'Nobody has answered a quiz question yet. Start one with `/quiz`!',
  'leaderboard.footerWeek': 'Correct first answers since Monday 00:00 UTC · quiz participants only',
  'leaderboard.footerAll': 'Correct first answers · quiz participants only',

  // --- /mystats
  'stats.title': '📊 Your quiz stats',
  'stats.none': 'You have not answered any quiz question in this server yet. Try `/quiz`: it asks what is due for you first.',
  'stats.answered': 'Answered',
  'stats.accuracy': 'Accuracy',
  'stats.accuracyValue': '{{percent}} ({{correct}} correct)',
  'stats.streak': 'Streak',
  'stats.streakValue': '{{days}} in a row (best {{best}})',
  'stats.days_one': '{{count}} day',
  'stats.days_other': '{{count}} days',
  'stats.due': 'Due for review',
  'stats.dueNone': 'Nothing due',
  'stats.dueSome_one': '{{count}} concept: `/quiz` asks these first',
  'stats.dueSome_other': '{{count}} concepts: `/quiz` asks these first',
  'stats.weakest': 'Weakest topics',
  'stats.weakRow': '• {{title}} (`{{file}}`) — {{correct}}/{{answered}} ({{percent}})',
  'stats.footer': 'Days count in UTC · only first answers count',

  // --- the daily post
  'daily.author': '📅 Concept of the day · {{date}}',
  'daily.readNext': 'Read next',
  'daily.quizMe': 'Quiz me',
  'daily.fullSection': 'Full section',

  // --- /daily
  'daily.onlyInServer': '`/daily` only works in a server.',
  'daily.needsPermission': 'Setting up the daily concept needs the **Manage Server** permission.',
  'daily.unknownSubcommand': 'Unknown `/daily` subcommand: use set, off, status or now.',
  'daily.timezoneChoice': '{{zone}} (UTC{{offset}})',
  'daily.badTime': '"{{input}}" is not a valid time. Time must be HH:MM in 24-hour form, e.g. 08:30 or 21:15.',
  'daily.badTimezone': 'Unknown timezone "{{input}}". Use an IANA name like Europe/Berlin or Asia/Shanghai.',
  'daily.badTimezoneHint': ' Type a city or region in the timezone option and pick from the list.',
  'daily.scheduleLine': 'every day at **{{time}}** ({{timezone}}) in <#{{channelId}}>',
  'daily.set': '✅ Daily concept set: {{schedule}}.',
  'daily.setNext': 'Next post: **{{local}}** — {{when}}.',
  'daily.setRotation': '{{remaining}} of {{total}} concepts from the notes still to come before any repeats.',
  'daily.setNoConcepts': 'The notes have no concepts yet: add definitions to the notes and run `/reindex`, or nothing will be posted.',
  'daily.setHelp': '`/daily now` posts today\'s concept right away; `/daily status` shows the schedule; `/daily off` stops the posts.',
  'daily.channelProblem':
    'I can\'t post in <#{{channelId}}>: I\'m missing {{missing}} there. ' +
    'Give my role those permissions in that channel (Edit Channel → Permissions), or pick another channel, then run `/daily set` again. Nothing was changed.',
  'daily.notSet': 'No daily concept is set up in this server yet. Start with `/daily set channel:#channel time:08:30 timezone:Europe/Berlin`.',
  'daily.notAChannel': 'Pick a text or announcement channel for the daily concept.',
  'daily.offAlready': 'Daily concept posts are already off. `/daily set` turns them on again.',
  'daily.off': 'Daily concept posts are off. Nothing is deleted: `/daily set` turns them on again, and the rotation continues where it stopped.',
  'daily.offWhileNow': 'Daily concept posts are off{{reason}}. Run `/daily set` to turn them on again, then `/daily now`.',
  'daily.noConceptsNow': 'The notes have no concepts to post yet: add definitions to the notes (e.g. `**Term** is …`) and run `/reindex`.',
  'daily.conceptGone': 'a concept no longer in the notes ({{id}})',
  'daily.disabled.turnedOff': 'Turned off with `/daily off` by <@{{userId}}> on {{when}}.',
  'daily.disabled.missingChannel':
    'The daily channel ({{channelId}}) no longer exists or the bot cannot see it; the post for {{localDate}} failed. Set the daily channel again to re-enable.',
  'daily.disabled.missingPermissions':
    'The bot lost permission to post in the daily channel ({{channelId}}); the post for {{localDate}} failed. Give it View Channel and Send Messages there, or set another channel, to re-enable.',
  'daily.now.posted':
    '📅 Posted today\'s concept, **{{term}}**, in <#{{channelId}}>: {{link}}\nIt counts as today\'s ({{localDate}}) post, so the scheduled one is skipped today.',
  'daily.now.alreadyPosted':
    'Today\'s concept was already posted today ({{localDate}}, {{timezone}}): **{{term}}**{{link}}. One concept a day; the next one comes at the scheduled time.',
  'daily.now.stale':
    'Today\'s post was started {{when}} but Discord never confirmed it (the bot may have stopped mid-post). ' +
    'It may have gone out: check <#{{channelId}}>. To avoid a double post, it is not sent again today.',
  'daily.now.inProgress': 'Today\'s concept is being posted right now; it will appear in <#{{channelId}}> in a moment.',
  'daily.now.failedDisabled': '❌ Could not post in <#{{channelId}}>. {{reason}}',
  'daily.now.failed': '❌ Could not post in <#{{channelId}}> ({{error}}). Nothing was sent; try `/daily now` again in a minute.',
  'daily.now.unknown':
    '⚠️ Discord did not confirm the post ({{error}}). It may have gone out: check <#{{channelId}}>. To avoid a double post, it is not sent again today.',
  'daily.status.title': 'Daily concept',
  'daily.status.schedule': 'Schedule',
  'daily.status.on': 'On: {{schedule}}.',
  'daily.status.off': '**Off** (was {{schedule}}).\n{{reason}}',
  'daily.status.turnedOff': 'Turned off.',
  'daily.status.next': 'Next post',
  'daily.status.dueNow': 'Due now ({{local}}): going out within a minute.',
  'daily.status.nextAt': '**{{local}}** — {{when}}',
  'daily.status.rotation': 'Rotation',
  'daily.status.rotationValue': 'Cycle {{cycle}}: **{{shown}}** of **{{total}}** concepts shown, **{{remaining}}** remaining before any repeats.',
  'daily.status.noConcepts': 'The notes have no concepts yet: add definitions and run `/reindex`.',
  'daily.status.last': 'Last post',
  'daily.status.lastValue': '{{localDate}}: **{{term}}**{{link}}{{when}}',
  'daily.status.byNow': ', by `/daily now`',
  'daily.status.none': 'None yet.',
  'daily.status.failed': 'The post for {{localDate}} failed ({{error}}, attempt {{attempts}}); it is retried within the grace period.',
  'daily.status.unknownError': 'unknown error',
  'daily.status.unconfirmed':
    'The post for {{localDate}} (**{{term}}**) was started {{when}} but never confirmed{{error}}. It may have gone out: check <#{{channelId}}>. It is not re-sent, to avoid a double post.',
  'daily.status.needsLook': '⚠️ Needs a look',
} as const;

/** A key of `en`, plural forms named by their base key (`stats.days` for `stats.days_one` / `_other`). */
export type MessageKey = keyof typeof en extends infer K ? (K extends `${infer Base}_${'zero' | 'one' | 'other'}` ? Base : K) : never;
/** Placeholder values; `count` also picks a plural form. */
export type MessageVars = Record<string, string | number>;
/** What renderers receive; i18next's `t` fits once loaded with `en`. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

const catalogue: Readonly<Record<string, string>> = en;
const plural = new Intl.PluralRules('en');

/**
 * The English `t`: `key_zero` when count is 0 and such a form exists (i18next
 * does the same), then `key_one` / `key_other`, then `key` itself.
 */
export const translate: Translate = (key, vars = {}) => {
  const count = vars.count;
  const forms = typeof count === 'number' ? [...(count === 0 ? [`${key}_zero`] : []), `${key}_${plural.select(count)}`, key] : [key];
  const template = forms.map((k) => catalogue[k]).find((s) => s !== undefined) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
};
