/**
 * Button custom ids: the only state a button carries (≤ 100 characters).
 * Everything else (the question of an answer) is looked up by message id, so
 * buttons keep working after a restart.
 */
export type ButtonAction =
  | { kind: 'ask-next'; result: number }
  | { kind: 'ask-section'; chunkId: string }
  | { kind: 'ask-vote'; vote: 1 | -1; chunkId: string }
  | { kind: 'topics-page'; page: number };

export const customIds = {
  askNext: (result: number) => `ask:next:${result}`,
  askSection: (chunkId: string) => `ask:section:${chunkId}`,
  askVote: (vote: 1 | -1, chunkId: string) => `ask:vote:${vote > 0 ? 'up' : 'down'}:${chunkId}`,
  /** `which` keeps "Previous" and "Next" distinct: ids must be unique within a message. */
  topicsPage: (page: number, which: 'prev' | 'next') => `topics:${which}:${page}`,
};

export function parseCustomId(id: string): ButtonAction | null {
  const [scope, verb, a, b] = id.split(':');
  const index = (s: string | undefined) => (s !== undefined && /^\d{1,4}$/.test(s) ? Number(s) : null);
  if (scope === 'ask' && verb === 'next') {
    const result = index(a);
    return result === null ? null : { kind: 'ask-next', result };
  }
  if (scope === 'ask' && verb === 'section' && a) return { kind: 'ask-section', chunkId: a };
  if (scope === 'ask' && verb === 'vote' && (a === 'up' || a === 'down') && b) return { kind: 'ask-vote', vote: a === 'up' ? 1 : -1, chunkId: b };
  if (scope === 'topics' && (verb === 'prev' || verb === 'next')) {
    const page = index(a);
    return page === null ? null : { kind: 'topics-page', page };
  }
  return null;
}
