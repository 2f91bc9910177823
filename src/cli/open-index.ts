import { StudyIndex, type SyncReport } from '../index/study-index.js';
import type { CoreConfig } from '../config/core.js';
import type { Logger } from '../log.js';
import { progressReporter } from './progress.js';

export interface OpenFlags {
  /** Replace the index in the data folder, whatever notes it was built from (--rebuild). */
  rebuild: boolean;
  /** Try an embedding model that failed to load less than a day ago (`studybot index`). */
  retryModel?: boolean;
}

/** Opens the index and brings it up to date with the notes, with a progress bar for real work. */
export async function openSyncedIndex(
  config: CoreConfig,
  logger: Logger,
  flags: OpenFlags,
): Promise<{ index: StudyIndex; report: SyncReport }> {
  const progress = progressReporter();
  try {
    const index = await StudyIndex.open({ ...config, ...flags, logger, onProgress: progress.onProgress });
    try {
      const report = await index.sync();
      return { index, report };
    } catch (err) {
      index.close();
      throw err;
    }
  } finally {
    progress.stop();
  }
}

export function describeSync(report: SyncReport): string {
  const parts = [`${report.files} notes, ${report.chunks} chunks`];
  if (report.rebuilt) parts.push('built from scratch');
  else parts.push(`${report.added} chunks added, ${report.removed} removed`);
  if (report.embedded) parts.push(`${report.embedded} embedded`);
  if (report.skipped.length) parts.push(`${report.skipped.length} skipped`);
  return `Indexed ${parts.join(', ')} in ${(report.ms / 1000).toFixed(2)} s.`;
}
