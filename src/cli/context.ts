import type { CoreConfig } from '../config/core.js';
import type { Logger } from '../log.js';

/** What a CLI command gets: parsed flags and config, and where to write. */
export interface CliContext {
  config: CoreConfig;
  args: string[];
  /** `rebuild`: replace the index in the data folder, whatever notes it was built from. `outDir`: where `preview` writes. */
  flags: { k: number; json: boolean; rebuild: boolean; outDir?: string };
  logger: Logger;
  /** Answers go to stdout; everything else (progress, warnings) to the logger on stderr. */
  out: (text: string) => void;
}
