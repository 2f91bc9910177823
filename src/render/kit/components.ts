import {
  type ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord.js';
import { LIMITS } from './limits.js';
import { truncate } from './markdown.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;
/** A drop-down list fills a row of its own: Discord puts nothing beside it. */
export type SelectRow = APIActionRowComponent<APIStringSelectComponent>;
export type ComponentRow = ButtonRow | SelectRow;

/** A message as the renderers build it; the bot adds flags and sends it. Most carry buttons only; an answer, a drop-down list too. */
export interface MessageView<Row extends ComponentRow = ButtonRow> {
  content?: string;
  embeds: APIEmbed[];
  components: Row[];
}

export type ButtonColour = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

/**
 * One interactive button. The custom id is the button's only state and must
 * round-trip exactly, so an over-long id is a bug to surface here rather than a
 * string to cut (a cut id would parse as a different action, or none).
 */
export function button(
  customId: string,
  label: string,
  style: ButtonColour,
  opts: { disabled?: boolean; emoji?: string } = {},
): APIButtonComponent {
  if (customId.length > LIMITS.customId)
    throw new RangeError(`custom id longer than ${LIMITS.customId} characters: ${customId.slice(0, 40)}…`);
  return {
    type: ComponentType.Button,
    custom_id: customId,
    style,
    ...(label ? { label: truncate(label, LIMITS.buttonLabel) } : {}),
    ...(opts.emoji ? { emoji: { name: opts.emoji } } : {}),
    ...(opts.disabled ? { disabled: true } : {}),
  };
}

/** Buttons in rows of at most five. */
export function rows(buttons: APIButtonComponent[]): ButtonRow[] {
  const out: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** One choice of a drop-down list; `current` marks the one the message shows, which the closed list then names. */
export interface SelectChoice {
  label: string;
  value: string;
  description?: string;
  current?: boolean;
}

/** A drop-down list of at most 25 choices, in its own row; labels and descriptions are shortened to fit, values must round-trip. */
export function select(customId: string, placeholder: string, choices: readonly SelectChoice[]): SelectRow {
  if (customId.length > LIMITS.customId)
    throw new RangeError(`custom id longer than ${LIMITS.customId} characters: ${customId.slice(0, 40)}…`);
  if (choices.length === 0 || choices.length > LIMITS.selectOptions)
    throw new RangeError(`a drop-down list takes 1 to ${LIMITS.selectOptions} choices, not ${choices.length}`);
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: customId,
        placeholder: truncate(placeholder, LIMITS.selectPlaceholder),
        options: choices.map((c) => ({
          label: truncate(c.label, LIMITS.selectOptionLabel),
          value: c.value,
          ...(c.description ? { description: truncate(c.description, LIMITS.selectOptionDescription) } : {}),
          ...(c.current ? { default: true } : {}),
        })),
      },
    ],
  };
}

/** Discord's timestamp styles: F full date and time, f short, R relative ("in 5 minutes"). */
export type TimestampStyle = 'F' | 'f' | 'R';

/** `<t:…:R>`: each reader sees the instant in their own time zone and language. */
export function timestamp(at: Date, style: TimestampStyle): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
