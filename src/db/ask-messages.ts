import type { Statement } from 'better-sqlite3';
import type { StudyDatabase } from './database.js';

export interface AskMessage {
  question: string;
  userId: string;
  guildId: string | null;
  channelId: string | null;
}

/** Which question each /ask answer message answers, so "Next result" and 👍/👎 survive restarts. */
export interface AskMessageRepository {
  remember(messageId: string, message: AskMessage, at?: Date): void;
  find(messageId: string): (AskMessage & { createdAt: string }) | undefined;
}

export function askMessageRepository(db: StudyDatabase): AskMessageRepository {
  return new AskMessageStore(db);
}

/** Statements prepared once, in the constructor, like every repository. */
class AskMessageStore implements AskMessageRepository {
  private readonly insert: Statement;
  private readonly select: Statement<[string]>;

  constructor(db: StudyDatabase) {
    this.insert = db.prepare(
      `INSERT INTO ask_messages (message_id, question, user_id, guild_id, channel_id, created_at)
       VALUES (@messageId, @question, @userId, @guildId, @channelId, @createdAt)
       ON CONFLICT (message_id) DO UPDATE SET question = excluded.question`,
    );
    this.select = db.prepare(
      `SELECT question, user_id AS userId, guild_id AS guildId, channel_id AS channelId, created_at AS createdAt
       FROM ask_messages WHERE message_id = ?`,
    );
  }

  remember(messageId: string, message: AskMessage, at = new Date()): void {
    this.insert.run({ messageId, ...message, createdAt: at.toISOString() });
  }

  find(messageId: string): (AskMessage & { createdAt: string }) | undefined {
    return this.select.get(messageId) as (AskMessage & { createdAt: string }) | undefined;
  }
}
