import type { SyncReport } from '../index/study-index.js';
import type { MessageView } from './kit/components.js';
import { fitEmbed } from './kit/embed.js';
import { ELLIPSIS } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';

/** The replies of /help and /reindex: about the bot itself rather than the notes. */

const COLOR_INFO = 0x57f287;

export interface CommandSummary {
  name: string;
  description: string;
  options?: Array<{ name: string; required?: boolean }>;
}

export function helpView(commands: CommandSummary[], t: Translate = translate): MessageView {
  const usage = (c: CommandSummary) => [`/${c.name}`, ...(c.options ?? []).map((o) => (o.required ? o.name : `[${o.name}]`))].join(' ');
  const lines = [t('help.intro'), '', ...commands.map((c) => `\`${usage(c)}\` — ${c.description}`)];
  return { embeds: [fitEmbed({ title: t('help.title'), description: lines.join('\n'), color: COLOR_INFO })], components: [] };
}

export function reindexView(report: SyncReport, t: Translate = translate): MessageView {
  const lines = [
    t('reindex.counts', { files: report.files, chunks: report.chunks, seconds: (report.ms / 1000).toFixed(2) }),
    report.rebuilt ? t('reindex.rebuilt') : t('reindex.changes', { added: report.added, removed: report.removed }),
  ];
  if (report.embedded) lines.push(t('reindex.embedded', { count: report.embedded }));
  if (report.skipped.length) {
    lines.push('', t('reindex.skipped', { count: report.skipped.length }));
    for (const s of report.skipped.slice(0, 20)) lines.push(`• \`${s.file}\`: ${s.reason}`);
    if (report.skipped.length > 20) lines.push(t('reindex.skippedMore', { ellipsis: ELLIPSIS, count: report.skipped.length - 20 }));
  }
  return { embeds: [fitEmbed({ title: t('reindex.title'), description: lines.join('\n'), color: COLOR_INFO })], components: [] };
}
