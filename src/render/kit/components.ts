import { type ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { LIMITS } from './limits.js';
import { truncate } from './markdown.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** A message as the renderers build it; the bot adds flags and sends it. */
export interface MessageView {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
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

/** Discord's timestamp styles: F full date and time, f short, R relative ("in 5 minutes"). */
export type TimestampStyle = 'F' | 'f' | 'R';

/** `<t:…:R>`: each reader sees the instant in their own time zone and language. */
export function timestamp(at: Date, style: TimestampStyle): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
