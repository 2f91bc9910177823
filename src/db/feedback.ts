import type { Statement } from 'better-sqlite3';
import type { StudyDatabase } from './database.js';

export type Vote = 1 | -1;

export interface FeedbackVote {
  messageId: string;
  question: string;
  chunkId: string;
  /** `file:12-30` when the section still exists at vote time. */
  citation: string | null;
  vote: Vote;
  userId: string;
  guildId: string | null;
}

export interface FeedbackRow extends FeedbackVote {
  id: number;
  createdAt: string;
}

/** 👍 / 👎 on answers, kept so wrong answers can be found and the notes (or the retrieval) fixed. */
export interface FeedbackRepository {
  /** Records a vote; the same person voting again on the same result replaces their vote. */
  record(vote: FeedbackVote, at?: Date): void;
  /** Newest first; `vote` narrows to 👍 (1) or 👎 (-1). */
  recent(limit: number, vote?: Vote): FeedbackRow[];
}

export function feedbackRepository(db: StudyDatabase): FeedbackRepository {
  return new FeedbackStore(db);
}

const COLUMNS = `id, message_id AS messageId, question, chunk_id AS chunkId, citation, vote, user_id AS userId,
                 guild_id AS guildId, created_at AS createdAt`;

/** Statements prepared once, in the constructor, like every repository. */
class FeedbackStore implements FeedbackRepository {
  private readonly upsert: Statement;
  private readonly newest: Statement<[number]>;
  private readonly newestByVote: Statement<[Vote, number]>;

  constructor(db: StudyDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO feedback (message_id, question, chunk_id, citation, vote, user_id, guild_id, created_at)
       VALUES (@messageId, @question, @chunkId, @citation, @vote, @userId, @guildId, @createdAt)
       ON CONFLICT (message_id, chunk_id, user_id)
       DO UPDATE SET vote = excluded.vote, citation = excluded.citation, created_at = excluded.created_at`,
    );
    this.newest = db.prepare(`SELECT ${COLUMNS} FROM feedback ORDER BY created_at DESC, id DESC LIMIT ?`);
    this.newestByVote = db.prepare(`SELECT ${COLUMNS} FROM feedback WHERE vote = ? ORDER BY created_at DESC, id DESC LIMIT ?`);
  }

  record(vote: FeedbackVote, at = new Date()): void {
    this.upsert.run({ ...vote, createdAt: at.toISOString() });
  }

  recent(limit: number, vote?: Vote): FeedbackRow[] {
    return (vote === undefined ? this.newest.all(limit) : this.newestByVote.all(vote, limit)) as FeedbackRow[];
  }
}
