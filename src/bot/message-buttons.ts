import type { Message } from 'discord.js';

/** The custom ids of every button on a message, as Discord sent it, in order. */
export function buttonIdsOf(message: Pick<Message, 'components'>): string[] {
  const ids: string[] = [];
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) if ('customId' in component && component.customId) ids.push(component.customId);
  }
  return ids;
}
