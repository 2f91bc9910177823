import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed, type APIStringSelectComponent } from 'discord.js';
import type { ComponentRow, MessageView } from '../kit/components.js';
import { discordMarkdownHtml, escapeHtml, type MarkdownHtmlOptions } from './markdown-html.js';
import { PREVIEW_CSS } from './style.js';

/** A file sent with a message, as the preview page links it. */
export interface PreviewFile {
  /** The attachment's name (what `attachment://name` refers to). */
  name: string;
  /** Alt text. */
  description: string;
  /** Where the page finds the file, relative to the page. */
  href: string;
}

/** One message as the bot sends it, with what the preview shows around it. */
export interface PreviewMessage {
  /** What led to the message, e.g. `/ask what is focal loss` (shown above it, as Discord shows the command used). */
  trigger: string;
  view: MessageView<ComponentRow>;
  files: PreviewFile[];
  /** Only the member who used the command sees it. */
  ephemeral?: boolean;
}

const BUTTON_CLASS: Record<number, string> = {
  [ButtonStyle.Primary]: 'primary',
  [ButtonStyle.Secondary]: 'secondary',
  [ButtonStyle.Success]: 'success',
  [ButtonStyle.Danger]: 'danger',
  [ButtonStyle.Link]: 'secondary',
};

/**
 * A message drawn the way Discord's dark theme draws it: the bot's name, the
 * content, attachments no embed shows, each embed with its colour bar (author,
 * title, description, fields, image, footer) and the button rows.
 */
export function messageHtml(message: PreviewMessage, options: MarkdownHtmlOptions): string {
  const md = (text: string) => discordMarkdownHtml(text, options);
  const byName = new Map(message.files.map((f) => [f.name, f]));
  const shownInEmbeds = new Set(
    message.view.embeds.map((e) => e.image?.url?.replace(/^attachment:\/\//, '')).filter((n): n is string => Boolean(n)),
  );
  const loose = message.files.filter((f) => !shownInEmbeds.has(f.name));
  const parts = [
    `<div class="trigger">${escapeHtml(message.trigger)}</div>`,
    '<div class="message"><div class="avatar">SB</div><div class="body">',
    `<div class="header"><span class="name">StudyBot</span><span class="bot-tag">APP</span>${message.ephemeral ? '<span class="ephemeral">Only you can see this</span>' : ''}</div>`,
  ];
  if (message.view.content) parts.push(`<div class="content">${md(message.view.content)}</div>`);
  for (const f of loose) parts.push(`<img class="attachment" src="${escapeHtml(f.href)}" alt="${escapeHtml(f.description)}">`);
  for (const embed of message.view.embeds) parts.push(embedHtml(embed, byName, md));
  for (const row of message.view.components) {
    const buttons = row.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button);
    if (buttons.length) parts.push(`<div class="buttons">${buttons.map(buttonHtml).join('')}</div>`);
    for (const c of row.components) if (c.type === ComponentType.StringSelect) parts.push(selectHtml(c));
  }
  parts.push('</div></div>');
  return parts.join('\n');
}

function embedHtml(embed: APIEmbed, files: Map<string, PreviewFile>, md: (text: string) => string): string {
  const colour = `#${(embed.color ?? 0x1e1f22).toString(16).padStart(6, '0')}`;
  const parts = [`<div class="embed" style="border-left-color:${colour}">`];
  if (embed.author) parts.push(`<div class="embed-author">${escapeHtml(embed.author.name)}</div>`);
  // Titles show a few Markdown marks in Discord, like the description.
  if (embed.title) parts.push(`<div class="embed-title">${md(embed.title)}</div>`);
  if (embed.description) parts.push(`<div class="embed-description">${md(embed.description)}</div>`);
  if (embed.fields?.length) {
    parts.push('<div class="embed-fields">');
    for (const f of embed.fields) {
      parts.push(
        `<div class="embed-field${f.inline ? ' inline' : ''}"><div class="field-name">${md(f.name)}</div><div class="field-value">${md(f.value)}</div></div>`,
      );
    }
    parts.push('</div>');
  }
  const image = embed.image?.url;
  if (image) {
    const name = image.replace(/^attachment:\/\//, '');
    const file = files.get(name);
    // An attachment:// the message does not upload shows nothing in Discord: make that visible here.
    parts.push(
      file
        ? `<img class="embed-image" src="${escapeHtml(file.href)}" alt="${escapeHtml(file.description)}" title="${escapeHtml(file.description)}">`
        : `<div class="missing">image not uploaded: ${escapeHtml(image)}</div>`,
    );
  }
  if (embed.footer) parts.push(`<div class="embed-footer">${escapeHtml(embed.footer.text)}</div>`);
  parts.push('</div>');
  return parts.join('\n');
}

function buttonHtml(b: APIButtonComponent): string {
  const label = 'label' in b && b.label ? escapeHtml(b.label) : '';
  const emojiName = 'emoji' in b ? b.emoji?.name : undefined;
  const emoji = emojiName ? `<span class="emoji">${escapeHtml(emojiName)}</span>` : '';
  return `<span class="button ${BUTTON_CLASS[b.style] ?? 'secondary'}${b.disabled ? ' disabled' : ''}">${emoji}${label}</span>`;
}

/** A drop-down list as Discord draws it closed: the chosen option, or the placeholder, and a chevron. */
function selectHtml(s: APIStringSelectComponent): string {
  const chosen = s.options.find((o) => o.default);
  const text = chosen ? escapeHtml(chosen.label) : `<span class="placeholder">${escapeHtml(s.placeholder ?? '')}</span>`;
  return `<div class="select"><span class="select-text">${text}</span><span class="chevron">⌄</span></div>`;
}

export interface PreviewPageOptions extends MarkdownHtmlOptions {
  /** URLs of a CJK font (regular, bold), for machines without one: Chinese notes would show as boxes. */
  cjkFonts?: { regular: string; bold?: string };
}

/** A whole page: the messages one under the other, in Discord's dark theme. */
export function previewPage(title: string, messages: readonly PreviewMessage[], options: PreviewPageOptions): string {
  const fonts = options.cjkFonts
    ? [[options.cjkFonts.regular, 400], ...(options.cjkFonts.bold ? [[options.cjkFonts.bold, 700]] : [])]
        .map(
          ([url, weight]) =>
            `@font-face { font-family: "Preview CJK"; font-weight: ${weight}; src: url("${escapeHtml(String(url))}"); unicode-range: U+2E80-9FFF, U+F900-FAFF, U+FF00-FFEF; }`,
        )
        .join('\n')
    : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${fonts}${PREVIEW_CSS}</style>`,
    '</head><body><main>',
    ...messages.map((m) => `<section class="preview">${messageHtml(m, options)}</section>`),
    '</main></body></html>',
    '',
  ].join('\n');
}
