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
  const insert = db.prepare(
    `INSERT INTO ask_messages (message_id, question, user_id, guild_id, channel_id, created_at)
     VALUES (@messageId, @question, @userId, @guildId, @channelId, @createdAt)
     ON CONFLICT (message_id) DO UPDATE SET question = excluded.question`,
  );
  const select = db.prepare(
    `SELECT question, user_id AS userId, guild_id AS guildId, channel_id AS channelId, created_at AS createdAt
     FROM ask_messages WHERE message_id = ?`,
  );
  return {
    remember(messageId, message, at = new Date()) {
      insert.run({ messageId, ...message, createdAt: at.toISOString() });
    },
    find(messageId) {
      return select.get(messageId) as (AskMessage & { createdAt: string }) | undefined;
    },
  };
}
