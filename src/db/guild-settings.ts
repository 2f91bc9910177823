// better-sqlite3's type rather than database.ts's alias: database.ts imports the migrations, so this file must not import it back.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { Migration } from './migration.js';

/** Settings an admin chooses per server; a server with no row uses the defaults. */
export const GUILD_SETTINGS_MIGRATION: Migration = {
  id: 4,
  name: 'settings: per-server settings (language of public posts)',
  sql: `
    -- language: a locale code (en-US, zh-CN, zh-TW) for public posts; NULL follows the server's language in Discord.
    CREATE TABLE guild_settings (
      guild_id   TEXT PRIMARY KEY,
      language   TEXT,
      updated_at TEXT NOT NULL
    );
  `,
};

/** Per-server settings, read on each interaction and post, so a change applies at once. */
export interface GuildSettingsRepository {
  /** The language chosen with `/settings language`, or null when none was (or it was reset). */
  language(guildId: string): string | null;
  /** Chooses the language of public posts; null goes back to the server's language in Discord. */
  setLanguage(guildId: string, language: string | null, at?: Date): void;
}

export function guildSettingsRepository(db: Database.Database): GuildSettingsRepository {
  return new GuildSettingsStore(db);
}

/** Statements prepared once, in the constructor, like every repository. */
class GuildSettingsStore implements GuildSettingsRepository {
  private readonly selectLanguage: Statement<[string]>;
  private readonly upsertLanguage: Statement;

  constructor(db: Database.Database) {
    this.selectLanguage = db.prepare('SELECT language FROM guild_settings WHERE guild_id = ?');
    this.upsertLanguage = db.prepare(
      `INSERT INTO guild_settings (guild_id, language, updated_at) VALUES (@guildId, @language, @updatedAt)
       ON CONFLICT (guild_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
    );
  }

  language(guildId: string): string | null {
    const row = this.selectLanguage.get(guildId) as { language: string | null } | undefined;
    return row?.language ?? null;
  }

  setLanguage(guildId: string, language: string | null, at = new Date()): void {
    this.upsertLanguage.run({ guildId, language, updatedAt: at.toISOString() });
  }
}
