import type { RepliableInteraction } from 'discord.js';
import { isMessageKey, type MessageKey, type Translate } from '../render/messages.js';
import type { Cooldowns } from './cooldowns.js';

/**
 * What must hold before a command or button runs, declared next to it and
 * checked in one place (the dispatcher), in the order Sapphire's preconditions
 * run: where, who, how often. Each guard names the message a refused user gets.
 */
export interface Guards {
  /** Only in a server (quizzes, scores and schedules are per server). */
  guildOnly?: { refusal: MessageKey };
  /**
   * A permission the member must have in the server. The command's default
   * permission only hides it; server admins can override that, so it is checked again.
   */
  memberPermission?: { flag: bigint; refusal: MessageKey };
  /** A per-user pause; buttons that do what a command does share its bucket. */
  cooldown?: { bucket: string; ms: number };
}

/**
 * Guards that hold only when a command's string option has one value: `/quiz
 * mode:report` is for admins while `/quiz` is for everyone, and Discord's
 * default permission can only hide a whole command.
 */
export interface ChoiceGuards {
  option: string;
  value: string;
  guards: Omit<Guards, 'cooldown'>;
}

/** The guards of a command as invoked: its own, plus those of each choice the interaction made. */
export function withChoiceGuards(
  guards: Guards,
  choices: readonly ChoiceGuards[] | undefined,
  chosen: (option: string) => string | null,
): Guards {
  let out = guards;
  for (const c of choices ?? []) if (chosen(c.option) === c.value) out = { ...out, ...c.guards };
  return out;
}

/** A bucket is named after its command: the name as the reader's Discord shows it. */
function commandName(bucket: string, t: Translate): string {
  const key = `command.${bucket}.name`;
  return isMessageKey(key) ? t(key) : bucket;
}

/** Why the interaction may not run, as the user should read it; null when every guard passes. */
export function refusal(interaction: RepliableInteraction, guards: Guards, cooldowns: Cooldowns, t: Translate): string | null {
  if ((guards.guildOnly || guards.memberPermission) && !interaction.inGuild()) {
    return t(guards.guildOnly?.refusal ?? guards.memberPermission!.refusal);
  }
  if (guards.memberPermission && !interaction.memberPermissions?.has(guards.memberPermission.flag)) {
    return t(guards.memberPermission.refusal);
  }
  if (guards.cooldown) {
    // Taken last, so a refusal above does not cost the user their next try.
    const taken = cooldowns.take(interaction.user.id, guards.cooldown.bucket, guards.cooldown.ms);
    if (!taken.ok)
      return t('interaction.cooldown', {
        command: commandName(guards.cooldown.bucket, t),
        seconds: Math.max(1, Math.ceil(taken.remainingMs / 1000)),
      });
  }
  return null;
}
