import type { CliContext } from '../context.js';
import { describeSync, openSyncedIndex } from '../open-index.js';

export const usage = 'studybot index [--notes DIR] [--data DIR] [--rebuild] [--max-note-mb N]';

/** Builds or updates the index and says what changed; an embedding model that failed before is tried again. */
export async function execute(ctx: CliContext): Promise<number> {
  const { index, report } = await openSyncedIndex(ctx.config, ctx.logger, { rebuild: ctx.flags.rebuild, retryModel: true });
  ctx.logger.info(describeSync(report));
  for (const s of report.skipped) ctx.logger.warn(`skipped ${s.file}: ${s.reason}`);
  ctx.out(`${report.files} notes, ${report.chunks} chunks, dense search ${index.embedder ? 'on' : 'off'}. Index in ${index.paths.dataDir}`);
  index.close();
  return 0;
}
