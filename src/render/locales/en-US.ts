/**
 * Every sentence StudyBot shows a user, in English (en-US), by key: the
 * reference catalogue the other languages translate key for key.
 *
 * i18next's shape: flat dotted keys, `{{name}}` placeholders (`{{date, localDate}}`
 * formats a YYYY-MM-DD date for the reader's language), and plural forms as
 * `key_one` / `key_other` chosen by a numeric `count` (`key_zero` for 0).
 * `command.*` are the slash commands' names and descriptions as Discord shows them.
 */
export const enUS = {
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
  'ask.footer': '{{citation}} · result {{n}} of {{total}}',
  'ask.nextButton': 'Next result ({{n}}/{{total}})',
  'ask.sectionButton': 'Full section',
  'ask.sideSectionButton': 'Full section: {{side}}',
  'ask.showingResultsFor': 'Showing results for “{{question}}”',
  'ask.notCoveredTitle': 'Not in the notes',
  'ask.notCovered': 'The notes do not seem to cover this question.',
  'ask.nearest': 'Nearest sections:',
  'ask.alsoRelevant': 'Also relevant:',
  'ask.jumpPlaceholder': 'Jump to a result…',
  'ask.nearestPlaceholder': 'Open one of these sections…',
  'ask.nothingClose': 'Nothing in them comes close. `/topics` lists what they cover.',
  'ask.answerExpired': 'I no longer have the question behind this answer. Ask again with `/ask`.',
  'ask.sectionGone': 'That section has changed or moved since this answer was posted. Ask again with `/ask`.',
  'ask.morePages': '{{ellipsis}} ({{count}} more pages: open {{file}})',
  'ask.page': ' · page {{page}}/{{pages}}',
  'ask.voteUp': 'Thanks! 👍 noted: glad the notes helped.',
  'ask.voteDown': 'Thanks! 👎 noted: this answer will be reviewed.',
  'ask.noAttachFiles':
    'ℹ️ Formulas are shown as code: I lack the **Attach Files** permission in this channel, so I cannot attach them as images.',

  // --- `studybot ask` (the CLI)
  'cli.nothing': 'Nothing in the notes matches this question.',
  'cli.side': '[{{side}}]',
  'cli.previewWritten': 'Preview written: {{index}}\nOne message a page: {{pages}}\n{{files}} attachment(s) in files/ beside them.',
  'cli.coverage': '(coverage {{coverage}})',
  'cli.notCovered': 'The notes do not seem to cover this question. Nearest sections:',
  'cli.keywordOnly': '(keyword search only: no embedding model loaded)',

  // --- /topics
  'topics.emptyTitle': 'Topics',
  'topics.empty': 'No notes are indexed yet. Add Markdown files to the notes folder, then run `/reindex`.',
  'topics.title': 'Topics in the notes',
  'topics.footer': '{{count}} notes · page {{page}}/{{pages}}',
  'topics.previous': 'Previous',
  'topics.next': 'Next',
  'topics.leftOut': 'Not indexed ({{count}})',
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
  'reindex.skippedMore': "{{ellipsis}} and {{count}} more (see the bot's log)",

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
  'quiz.badButton': 'Bad question',
  'quiz.reported': 'Thanks — reported. A question is retired in this server once two members report it, or one with Manage Server.',
  'quiz.reportRetired': 'Retired: this question will not be asked again in this server until the part of the notes it comes from changes.',
  'quiz.reportedAlready': 'You have already reported this question; nothing changed.',
  'quiz.reportNeedsPermission': 'The list of retired questions needs the **Manage Server** permission.',
  'quiz.reportTitle': 'Retired questions',
  'quiz.reportRow_one': '• {{stem}} — `{{where}}` — retired {{when}} by {{count}} report',
  'quiz.reportRow_other': '• {{stem}} — `{{where}}` — retired {{when}} by {{count}} reports',
  'quiz.reportMore': '…and {{count}} more',
  'quiz.reportNone':
    'No question is retired in this server. Members retire one with 👎 under their verdict (two members, or one with Manage Server).',
  'quiz.reportFooter_one': '{{count}} retired question · it comes back when the section it was made from changes',
  'quiz.reportFooter_other': '{{count}} retired questions · each comes back when the section it was made from changes',
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
  'quiz.ambiguousTopic':
    '“{{raw}}” matches several notes: {{files}}{{more}}. Pick one from the suggestions as you type in the `topic` option.',
  'quiz.andMoreFiles': ' and {{count}} more',
  'quiz.noConceptsInNote':
    'I cannot make a question from `{{file}}`: it defines no terms I can ask about (like “**X** 是……” or “X is …”). ' +
    'Try another note, or `/quiz` without a topic.',
  'quiz.noConcepts':
    'The notes define no terms I can ask about yet. Add definitions to them (like “**X** 是……” or “X is …”), then run `/reindex`.',
  'quiz.noMistakes':
    'Nothing to review: you have no wrong answers left here (a concept leaves the list once you answer it right). Try `/quiz`.',
  'quiz.noQuestion':
    'I could not make a good question this time (every candidate failed my checks for a fair question). Try another topic.',
  'quiz.conceptGone': 'That concept is no longer in the notes (its note was removed or changed), so I cannot quiz you on it. Try `/quiz`.',
  'quiz.noteGone': 'The note `{{file}}` is no longer in the notes. Try `/quiz` with another topic.',
  'quiz.unknownQuestion': 'I no longer have this quiz question. Start a new one with `/quiz`.',
  'quiz.expired': '⌛ This quiz has expired: answers are no longer counted. The answer was **{{answer}}**. Start a new one with `/quiz`.',
  'quiz.gone': 'This quiz has expired: its note was removed or changed since the question was posted. Start a new one with `/quiz`.',
  'quiz.duplicate': 'You already answered this question (your answer: {{letter}}, {{verdict}}). Only your first click counts.',
  'quiz.right': 'right',
  'quiz.wrongWord': 'wrong',

  // --- the member's own flashcards (notes tagged #flashcards), asked by /quiz before generated questions
  'card.author': '🃏 A card from your notes',
  'card.footer': '"Show answer" shows it to you alone; you then rate how well you knew it, and the card comes back on your own schedule.',
  'card.showAnswer': 'Show answer',
  'card.answerAuthor': '🃏 Your card: the answer',
  'card.rateHint': 'How well did you remember it? Your rating schedules this card for you alone (cards do not count on the leaderboard).',
  'card.again': 'Again',
  'card.hard': 'Hard',
  'card.good': 'Good',
  'card.easy': 'Easy',
  'card.rated': 'Rated **{{grade}}**: this card comes back {{when}}.',
  'card.gone': 'This card is no longer in the notes (its note was edited or removed). Try `/quiz`.',
  'card.alreadyRated': 'You already rated this card; it comes back {{when}}.',
  'card.alreadyRatedNoDue': 'This rating button is out of date: show the answer again to rate the card.',

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
  'stats.mistakes': 'To review',
  'stats.mistakesValue_one': '{{count}} concept you got wrong',
  'stats.mistakesValue_other': '{{count}} concepts you got wrong',
  'stats.mistakesButton': 'Review my mistakes',
  'stats.cardsReviewed': 'Your cards',
  'stats.cardsReviewedValue_one': '{{count}} review of cards from your notes',
  'stats.cardsReviewedValue_other': '{{count}} reviews of cards from your notes',
  'stats.weakest': 'Weakest topics',
  'stats.weakRow': '• {{title}} (`{{file}}`) — {{correct}}/{{answered}} ({{percent}})',
  'stats.footer': 'Days count in UTC · only first answers count',

  // --- the daily post
  'daily.author': '📅 Concept of the day · {{date, localDate}}',
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
  'daily.setHelp': "`/daily now` posts today's concept right away; `/daily status` shows the schedule; `/daily off` stops the posts.",
  'daily.channelProblem':
    "I can't post in <#{{channelId}}>: I'm missing {{missing}} there. " +
    'Give my role those permissions in that channel (Edit Channel → Permissions), or pick another channel, then run `/daily set` again. Nothing was changed.',
  'daily.notSet':
    'No daily concept is set up in this server yet. Start with `/daily set channel:#channel time:08:30 timezone:Europe/Berlin`.',
  'daily.notAChannel': 'Pick a text or announcement channel for the daily concept.',
  'daily.offAlready': 'Daily concept posts are already off. `/daily set` turns them on again.',
  'daily.off':
    'Daily concept posts are off. Nothing is deleted: `/daily set` turns them on again, and the rotation continues where it stopped.',
  'daily.offWhileNow': 'Daily concept posts are off{{reason}}. Run `/daily set` to turn them on again, then `/daily now`.',
  'daily.noConceptsNow': 'The notes have no concepts to post yet: add definitions to the notes (e.g. `**Term** is …`) and run `/reindex`.',
  'daily.conceptGone': 'a concept no longer in the notes ({{id}})',
  'daily.disabled.turnedOff': 'Turned off with `/daily off` by <@{{userId}}> on {{when}}.',
  'daily.disabled.missingChannel':
    'The daily channel ({{channelId}}) no longer exists or the bot cannot see it; the post for {{localDate}} failed. Set the daily channel again to re-enable.',
  'daily.disabled.missingPermissions':
    'The bot lost permission to post in the daily channel ({{channelId}}); the post for {{localDate}} failed. Give it View Channel and Send Messages there, or set another channel, to re-enable.',
  'daily.now.posted':
    "📅 Posted today's concept, **{{term}}**, in <#{{channelId}}>: {{link}}\nIt counts as today's ({{localDate}}) post, so the scheduled one is skipped today.",
  'daily.now.alreadyPosted':
    "Today's concept was already posted today ({{localDate}}, {{timezone}}): **{{term}}**{{link}}. One concept a day; the next one comes at the scheduled time.",
  'daily.now.stale':
    "Today's post was started {{when}} but Discord never confirmed it (the bot may have stopped mid-post). " +
    'It may have gone out: check <#{{channelId}}>. To avoid a double post, it is not sent again today.',
  'daily.now.inProgress': "Today's concept is being posted right now; it will appear in <#{{channelId}}> in a moment.",
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
  'daily.status.rotationValue':
    'Cycle {{cycle}}: **{{shown}}** of **{{total}}** concepts shown, **{{remaining}}** remaining before any repeats.',
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

  // --- Discord permissions, as its settings name them
  'permission.viewChannel': 'View Channel',
  'permission.sendMessages': 'Send Messages',
  'permission.embedLinks': 'Embed Links',
  'permission.attachFiles': 'Attach Files',

  // --- /settings
  'settings.onlyInServer': '`/settings` only works in a server.',
  'settings.needsPermission': "Changing the server's settings needs the **Manage Server** permission.",
  'settings.languageSet': '✅ Public posts (the daily concept, quiz questions, the leaderboard) are now in **{{language}}**.',
  'settings.languageAuto':
    "✅ Public posts now follow the server's language in Discord (Server Settings → Community → Overview): **{{language}}** today.",
  'settings.languageNow':
    'Public posts (the daily concept, quiz questions, the leaderboard) are in **{{language}}** ({{source}}). Replies to a member follow their own Discord language.',
  'settings.sourceChosen': 'set with `/settings language`',
  'settings.sourceServer': "the server's language in Discord",
  'language.en-US': 'English',
  'language.zh-CN': 'Simplified Chinese (简体中文)',
  'language.zh-TW': 'Traditional Chinese (繁體中文)',

  // --- slash commands as Discord lists them (names: lowercase, no spaces; descriptions: at most 100 characters)
  'command.ask.name': 'ask',
  'command.ask.description': 'Answer a question by quoting your notes, with where the quote comes from.',
  'command.ask.question.name': 'question',
  'command.ask.question.description': 'What you want to know, e.g. "what is focal loss"',
  'command.ask.private.name': 'private',
  'command.ask.private.description': 'Only you see the answer (default: everyone in the channel)',
  'command.topics.name': 'topics',
  'command.topics.description': 'List the notes and their main sections.',
  'command.reindex.name': 'reindex',
  'command.reindex.description': 'Re-read the notes folder now (needs Manage Server).',
  'command.help.name': 'help',
  'command.help.description': 'What StudyBot does, and its commands.',
  'command.daily.name': 'daily',
  'command.daily.description': 'A concept from the notes, posted every day in a channel (needs Manage Server).',
  'command.daily.set.name': 'set',
  'command.daily.set.description': 'Post a concept every day in a channel, at a local time.',
  'command.daily.set.channel.name': 'channel',
  'command.daily.set.channel.description': 'Where to post',
  'command.daily.set.time.name': 'time',
  'command.daily.set.time.description': 'Local time, HH:MM in 24-hour form, e.g. 08:30',
  'command.daily.set.timezone.name': 'timezone',
  'command.daily.set.timezone.description': 'IANA timezone, e.g. Europe/Berlin (type a city to search)',
  'command.daily.off.name': 'off',
  'command.daily.off.description': 'Stop the daily posts (the rotation is kept for later).',
  'command.daily.status.name': 'status',
  'command.daily.status.description': 'The schedule, the next post, the rotation and the last post.',
  'command.daily.now.name': 'now',
  'command.daily.now.description': "Post today's concept right away (it counts as today's post).",
  'command.quiz.name': 'quiz',
  'command.quiz.description': 'Post a multiple-choice question from the notes: what is due for you, or a note you pick.',
  'command.quiz.topic.name': 'topic',
  'command.quiz.topic.description': 'A note to be asked about (start typing to pick one); empty: what is due for you',
  'command.quiz.mode.name': 'mode',
  'command.quiz.mode.description': 'What to ask: what is due for you (default), your mistakes, or (admins) the retired questions',
  'command.quiz.mode.due.name': 'what is due',
  'command.quiz.mode.mistakes.name': 'my mistakes',
  'command.quiz.mode.report.name': 'retired questions (admins)',
  'command.leaderboard.name': 'leaderboard',
  'command.leaderboard.description': 'Who answered the most quiz questions right in this server.',
  'command.leaderboard.period.name': 'period',
  'command.leaderboard.period.description': 'This week (default) or all time',
  'command.leaderboard.period.week.name': 'this week',
  'command.leaderboard.period.all.name': 'all time',
  'command.mystats.name': 'mystats',
  'command.mystats.description': 'Your quiz stats in this server: answered, accuracy, streak, due, weakest topics (only you see them).',
  'command.settings.name': 'settings',
  'command.settings.description': "This server's StudyBot settings (needs Manage Server).",
  'command.settings.language.name': 'language',
  'command.settings.language.description': 'The language of public posts: daily concept, quiz questions, leaderboard.',
  'command.settings.language.to.name': 'to',
  'command.settings.language.to.description': 'The language to use; leave empty to see the current one',
  'command.settings.language.to.en-US.name': 'English',
  'command.settings.language.to.zh-CN.name': 'Simplified Chinese (简体中文)',
  'command.settings.language.to.zh-TW.name': 'Traditional Chinese (繁體中文)',
  'command.settings.language.to.auto.name': "The server's language in Discord",
} as const;

/**
 * What a translation must contain: every English key except `_one` forms,
 * which Chinese does not have (i18next asks Intl.PluralRules, and for `zh` every
 * count is `other`).
 */
export type Catalogue = Record<Exclude<keyof typeof enUS, `${string}_one`>, string>;
