/**
 * Which note a `/quiz topic:` means, what to suggest while it is typed, and
 * which question to ask: pure functions of the notes, the concept bank and the
 * member's FSRS cards, so they are tested without Discord.
 */
import type { QuizConceptBank } from '../concepts/bank.js';
import { askFromBank, type Question, type QuestionBank, type QuizStore } from '../quiz/index.js';
import { notesNamedBy, topicNames } from '../quiz/topic.js';
import { withoutNoteExtension } from '../notes/note-file.js';
import { createRng, seedFrom, shuffle } from '../random.js';

/** A note as the topic option knows it. */
export interface NoteRef {
  file: string;
  title: string;
}

export type TopicMatch = { ok: true; file: string } | { ok: false; reason: 'none' } | { ok: false; reason: 'ambiguous'; files: string[] };

const lower = (s: string) => s.trim().toLowerCase();
const baseName = (f: string) => f.replace(/^.*\//, '');
const namesOf = (note: NoteRef) => topicNames(note.file, note.title);

/**
 * The note `raw` names: an exact file name (with or without `.md` or folder) or
 * title first, then a unique part of one ("focal" → retinanet-focal-loss.md).
 */
export function resolveTopic(notes: readonly NoteRef[], raw: string): TopicMatch {
  const named = notesNamedBy(notes, raw);
  if (named.notes.length === 1) return { ok: true, file: named.notes[0]!.file };
  const files = named.notes.map((n) => n.file);
  if (files.length > 1) return { ok: false, reason: 'ambiguous', files: named.exact ? files : files.sort() };
  return { ok: false, reason: 'none' };
}

/** Discord's limits for autocomplete: 25 choices, names and values of at most 100 characters. */
export const SUGGESTIONS_MAX = 25;
const CHOICE_MAX = 100;

/** Notes matching what is typed so far (all of them, by title, when nothing is): exact, then prefix, then substring matches. */
export function topicSuggestions(notes: readonly NoteRef[], typed: string): Array<{ name: string; value: string }> {
  const wanted = lower(typed);
  const scored: Array<{ note: NoteRef; score: number }> = [];
  for (const note of notes) {
    if (note.file.length > CHOICE_MAX) continue; // cannot be a choice's value; still reachable by typing its title
    const names = namesOf(note);
    const score = !wanted
      ? 2
      : names.includes(wanted)
        ? 0
        : names.some((n) => n.startsWith(wanted))
          ? 1
          : names.some((n) => n.includes(wanted))
            ? 2
            : -1;
    if (score >= 0) scored.push({ note, score });
  }
  scored.sort((a, b) => a.score - b.score || a.note.title.localeCompare(b.note.title) || a.note.file.localeCompare(b.note.file));
  return scored.slice(0, SUGGESTIONS_MAX).map(({ note }) => ({ name: choiceName(note), value: note.file }));
}

function choiceName(note: NoteRef): string {
  const full = lower(note.title) === lower(withoutNoteExtension(baseName(note.file))) ? note.file : `${note.title} · ${note.file}`;
  if (full.length <= CHOICE_MAX) return full;
  // Keep the file name whole: it is what the choice stands for.
  const room = CHOICE_MAX - note.file.length - ' · '.length - 1;
  return room >= 8 ? `${note.title.slice(0, room)}… · ${note.file}` : note.file;
}

/** What a quiz is about: what is due for the member, one note, or one concept ("Quiz me" on a daily post). */
export type QuizTarget =
  | { kind: 'due' }
  | { kind: 'note'; file: string }
  | { kind: 'concept'; conceptId: string }
  /** The concepts the member got wrong, most forgotten first; only those of `file` when given. */
  | { kind: 'mistakes'; file: string | null };

export type QuestionPick =
  /** `key`: the question's stable key in the persisted bank. */
  | { ok: true; question: Question; key: string }
  /** The concept (or every concept of the note) is no longer in the bank, or the bank is empty. */
  | { ok: false; reason: 'concept-gone' | 'no-concepts' }
  /** Concepts exist but none makes a question that passes the generator's checks. */
  | { ok: false; reason: 'no-question' }
  /** Mistakes mode, and the member has no wrong answer left to review. */
  | { ok: false; reason: 'no-mistakes' };

/**
 * The question to post: the member's due concepts first (most overdue first),
 * then concepts they have never answered, then the rest (practice ahead), each
 * group in a random order fixed by `seed`; the first concept that makes a valid
 * question wins.
 */
export function pickQuestion(
  bank: QuizConceptBank,
  store: Pick<QuizStore, 'dueConcepts' | 'mistakes'>,
  input: {
    guildId: string;
    userId: string;
    target: QuizTarget;
    seed: string;
    /** The persisted bank and this server's retired keys. */
    questions: { bank: QuestionBank; retired: ReadonlySet<string> };
  },
): QuestionPick {
  const { target, seed } = input;
  const first = (conceptIds: readonly string[]): QuestionPick => {
    const banked = askFromBank(bank, input.questions.bank, conceptIds, { seed, retired: input.questions.retired });
    return banked ? { ok: true, question: banked.question, key: banked.key } : { ok: false, reason: 'no-question' };
  };
  if (target.kind === 'concept') {
    if (!bank.byId.has(target.conceptId)) return { ok: false, reason: 'concept-gone' };
    return first([target.conceptId]);
  }
  if (target.kind === 'mistakes') {
    const inScope = (target.file === null ? bank.concepts : (bank.byTopic.get(target.file) ?? [])).map((c) => c.id);
    const order = store.mistakes({ guildId: input.guildId, userId: input.userId, conceptIds: inScope }).map((m) => m.conceptId);
    if (order.length === 0) return { ok: false, reason: 'no-mistakes' };
    return first(order);
  }
  const concepts = target.kind === 'note' ? (bank.byTopic.get(target.file) ?? []) : bank.concepts;
  if (concepts.length === 0) return { ok: false, reason: 'no-concepts' };
  const ids = shuffle(
    concepts.map((c) => c.id),
    createRng(seedFrom(seed, 'quiz-order')),
  );
  const review = store.dueConcepts({ guildId: input.guildId, userId: input.userId, conceptIds: ids }).map((r) => r.conceptId);
  const reviewed = new Set(review);
  return first([...review, ...ids.filter((id) => !reviewed.has(id))]);
}
