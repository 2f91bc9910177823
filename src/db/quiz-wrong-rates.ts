import type { StudyDatabase } from './database.js';

/**
 * Share of wrong first answers per concept in one server, from the quiz tables
 * (QUIZ_MIGRATIONS): concept id → wrong / answered. Concepts nobody answered
 * are absent (a rate of 0 to the caller).
 */
export function conceptWrongRates(db: StudyDatabase, guildId: string): Map<string, number> {
  const rows = db.prepare(`
    SELECT q.concept_id AS conceptId, COUNT(*) AS answered, SUM(a.correct) AS correct
    FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
    WHERE a.guild_id = ?
    GROUP BY q.concept_id
  `).all(guildId) as Array<{ conceptId: string; answered: number; correct: number }>;
  return new Map(rows.map((r) => [r.conceptId, (r.answered - r.correct) / r.answered]));
}
