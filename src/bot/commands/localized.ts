import type { APIApplicationCommandOptionChoice, LocalizationMap } from 'discord.js';
import { DEFAULT_LOCALE, LOCALES, translatorFor, type Locale, type MessageKey } from '../../render/messages.js';

/**
 * Slash command names and descriptions come from the message catalogue
 * (`command.<path>.name` / `.description`), in English for Discord's default and
 * as `*_localizations` for every other language, so a command reads in the
 * member's language in their Discord client and is written in one place.
 */

type PathOf<K> = K extends `command.${infer P}.name` ? P : never;
/** `ask`, `ask.question`, `daily.set.channel`, `leaderboard.period.week`… */
export type CommandPath = PathOf<MessageKey>;
/** Commands, subcommands and options: a name and a description. */
export type DescribedPath = { [P in CommandPath]: `command.${P}.description` extends MessageKey ? P : never }[CommandPath];
/** Choices of an option: a name only. */
export type ChoicePath = Exclude<CommandPath, DescribedPath>;

/** What discord.js' command, subcommand and option builders share. */
interface Localizable {
  setName(name: string): this;
  setNameLocalizations(localizedNames: LocalizationMap | null): this;
  setDescription(description: string): this;
  setDescriptionLocalizations(localizedDescriptions: LocalizationMap | null): this;
}

function inEveryLocale(key: MessageKey): { text: string; localizations: LocalizationMap } {
  const others = LOCALES.filter((l) => l !== DEFAULT_LOCALE);
  return { text: translatorFor(DEFAULT_LOCALE)(key), localizations: Object.fromEntries(others.map((l) => [l, translatorFor(l)(key)])) };
}

/** Sets the builder's name and description, with their translations. */
export function localized<B extends Localizable>(builder: B, path: DescribedPath): B {
  const name = inEveryLocale(`command.${path}.name`);
  const description = inEveryLocale(`command.${path}.description`);
  return builder
    .setName(name.text)
    .setNameLocalizations(name.localizations)
    .setDescription(description.text)
    .setDescriptionLocalizations(description.localizations);
}

/** A choice of an option, its name translated. */
export function localizedChoice<V extends string | number>(path: ChoicePath, value: V): APIApplicationCommandOptionChoice<V> {
  const name = inEveryLocale(`command.${path}.name`);
  return { name: name.text, name_localizations: name.localizations, value };
}

/** What a `*_localizations` map says in `locale`, else the default text. */
export function inLocale(base: string, localizations: LocalizationMap | null | undefined, locale: Locale): string {
  const found = Object.entries(localizations ?? {}).find(([l]) => l === locale)?.[1];
  return found ?? base;
}
