import { ButtonStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { button, rows, select, type MessageView } from '../src/render/kit/components.js';
import { discordMarkdownHtml } from '../src/render/preview/markdown-html.js';
import { messageHtml, previewPage, type PreviewMessage } from '../src/render/preview/message-html.js';

const now = new Date('2026-03-08T08:00:00Z');

const view: MessageView = {
  content: 'ℹ️ one line **above**',
  embeds: [
    {
      author: { name: '❓ what is focal loss' },
      title: 'RetinaNet › Focal Loss',
      description: '**Focal Loss 是** (1−pₜ)ᵞ 的损失：\n\n**(1)**\n```\ncode <b>kept</b>\n```',
      fields: [{ name: 'Answers', value: 'No answers yet', inline: true }],
      image: { url: 'attachment://formulas-0123456789ab.png' },
      footer: { text: 'retinanet-focal-loss.md:50-59 · result 1 of 5' },
      color: 0x5865f2,
    },
  ],
  components: rows([
    button('ask:n:1', 'Next result (2/5)', ButtonStyle.Primary),
    button('ask:s:x', 'Full section', ButtonStyle.Secondary, { disabled: true }),
    button('ask:v:1', '', ButtonStyle.Secondary, { emoji: '👍' }),
  ]),
};
const message = (over: Partial<PreviewMessage> = {}): PreviewMessage => ({
  trigger: '/ask question:what is focal loss',
  view,
  files: [
    { name: 'formulas-0123456789ab.png', description: '(1) \\mathrm{FL}(p_t) = -\\alpha_t', href: 'files/ask-formulas-0123456789ab.png' },
  ],
  ...over,
});

describe('a message drawn as HTML', () => {
  it('draws a drop-down list closed, as Discord does: the chosen option, else the placeholder', () => {
    const choices = [
      { label: '1. FPN › 侧向连接', value: '0' },
      { label: '2. <FCN>', value: '1' },
    ];
    const withList = (current: boolean) =>
      messageHtml(
        message({
          view: {
            embeds: [],
            components: [
              select(
                'ask:jump',
                'Jump to a result…',
                choices.map((c, i) => ({ ...c, current: current && i === 1 })),
              ),
            ],
          },
          files: [],
        }),
        { now },
      );
    expect(withList(true)).toContain('<div class="select"><span class="select-text">2. &lt;FCN&gt;</span>');
    expect(withList(false)).toContain('<span class="placeholder">Jump to a result…</span>');
    expect(withList(false)).not.toContain('FPN');
  });

  it('shows the content, the embed (colour bar, author, title, description, fields, footer) and the buttons with their style', () => {
    const html = messageHtml(message(), { now });
    expect(html).toContain('/ask question:what is focal loss');
    expect(html).toContain('one line <strong>above</strong>');
    expect(html).toContain('border-left-color:#5865f2');
    expect(html).toContain('❓ what is focal loss');
    expect(html).toContain('RetinaNet › Focal Loss');
    expect(html).toContain('<strong>Focal Loss 是</strong> (1−pₜ)ᵞ 的损失：');
    expect(html).toContain('<div class="field-name">Answers</div><div class="field-value">No answers yet</div>');
    expect(html).toContain('retinanet-focal-loss.md:50-59 · result 1 of 5');
    expect(html).toContain('<span class="button primary">Next result (2/5)</span>');
    expect(html).toContain('<span class="button secondary disabled">Full section</span>');
    expect(html).toContain('<span class="emoji">👍</span>');
  });

  it('draws the embed image from the uploaded file the attachment:// URL names, with its alt text', () => {
    const html = messageHtml(message(), { now });
    expect(html).toContain('<img class="embed-image" src="files/ask-formulas-0123456789ab.png" alt="(1) \\mathrm{FL}(p_t) = -\\alpha_t"');
    // An attachment no embed shows is drawn above the embeds, as Discord does.
    const loose = messageHtml(
      message({ files: [...message().files, { name: 'fig.png', description: 'figure', href: 'files/ask-fig.png' }] }),
      { now },
    );
    expect(loose).toContain('<img class="attachment" src="files/ask-fig.png" alt="figure">');
  });

  it('shows an attachment:// image the message does not upload as missing, since Discord would show nothing', () => {
    expect(messageHtml(message({ files: [] }), { now })).toContain('image not uploaded: attachment://formulas-0123456789ab.png');
  });

  it("escapes the notes' text: HTML in a quote or a code block is shown, never run", () => {
    const html = messageHtml(message(), { now });
    expect(html).toContain('<pre><code>code &lt;b&gt;kept&lt;/b&gt;</code></pre>');
    const hostile = messageHtml(
      message({ view: { ...view, embeds: [{ title: '<script>alert(1)</script>', description: 'x <img src=x onerror=alert(1)>' }] } }),
      { now },
    );
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).toContain('&lt;script&gt;');
  });

  it("reads Discord Markdown with Discord's rules: >>> quotes the rest, timestamps are shown as dates", () => {
    expect(discordMarkdownHtml('>>> a\nb', { now })).toBe('<blockquote>a<br>b</blockquote>');
    expect(discordMarkdownHtml('<t:1772957400:R>', { now })).toBe('<span class="timestamp">in 10 minutes</span>');
    expect(discordMarkdownHtml('<t:1772957400:F>', { now })).toMatch(/<span class="timestamp">Sunday, March 8, 2026 at 8:10/);
  });

  it('a page holds every message in order, the CJK font when given, and is a complete HTML document', () => {
    const page = previewPage('StudyBot preview', [message(), message({ trigger: '/daily now' })], {
      now,
      cjkFonts: { regular: 'file:///fonts/Hans.otf' },
    });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('src: url("file:///fonts/Hans.otf")');
    expect(page.indexOf('/ask question:')).toBeLessThan(page.indexOf('/daily now'));
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });
});
