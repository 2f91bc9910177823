import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MediaMessage } from '../../render/media-views.js';
import { previewPage, type PreviewMessage, type PreviewPageOptions } from '../../render/preview/message-html.js';
import type { PreviewMessages } from './build-preview.js';

export interface WrittenPreview {
  /** All messages on one page. */
  index: string;
  /** One page per message (for screenshots), by name. */
  pages: Record<string, string>;
  /** Every attachment written, by path. */
  files: string[];
}

/**
 * Writes the preview: `index.html` with every message, `ask.html`,
 * `quiz.html`, `daily.html` and `card.html` with one each, and the attachments in
 * `files/`, where the pages find them.
 */
export async function writePreview(
  messages: PreviewMessages,
  triggers: { ask: string; quiz: string; daily: string; card: string },
  outDir: string,
  options: Omit<PreviewPageOptions, 'cjkFonts'> & { cjkFontFiles?: { regular: string; bold?: string } | null },
): Promise<WrittenPreview> {
  await mkdir(join(outDir, 'files'), { recursive: true });
  const pageOptions: PreviewPageOptions = {
    now: options.now,
    ...(options.cjkFontFiles
      ? {
          cjkFonts: {
            regular: pathToFileURL(options.cjkFontFiles.regular).href,
            ...(options.cjkFontFiles.bold ? { bold: pathToFileURL(options.cjkFontFiles.bold).href } : {}),
          },
        }
      : {}),
  };
  const written: string[] = [];
  const entries: Array<[string, PreviewMessage]> = [];
  const add = async (key: keyof typeof triggers, message: MediaMessage | null, ephemeral = false) => {
    if (!message) return;
    const files = [];
    for (const f of message.view.files) {
      // Prefixed by message: two messages may attach different images of one name.
      const fileName = `${key}-${f.name}`;
      const path = join(outDir, 'files', fileName);
      await writeFile(path, f.data);
      written.push(path);
      files.push({ name: f.name, description: f.description, href: `files/${fileName}` });
    }
    entries.push([key, { trigger: triggers[key], view: message.view, files, ephemeral }]);
  };
  await add('ask', messages.ask);
  await add('quiz', messages.quiz);
  await add('daily', messages.daily);
  await add('card', messages.card);

  const pages: Record<string, string> = {};
  for (const [key, message] of entries) {
    pages[key] = join(outDir, `${key}.html`);
    await writeFile(pages[key], previewPage(`StudyBot preview: ${message.trigger}`, [message], pageOptions));
  }
  const index = join(outDir, 'index.html');
  await writeFile(
    index,
    previewPage(
      'StudyBot preview',
      entries.map(([, m]) => m),
      pageOptions,
    ),
  );
  return { index, pages, files: written };
}
