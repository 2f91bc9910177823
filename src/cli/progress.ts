import cliProgress from 'cli-progress';
import type { Progress } from '../index/sync.js';

const LABELS: Record<Progress['phase'], string> = { reading: 'Reading notes', embedding: 'Embedding   ' };

/**
 * A progress bar on stderr for long indexing, so stdout stays clean for
 * answers and JSON. Without a terminal it prints one line per phase instead.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { onProgress: (p: Progress) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  let phase: Progress['phase'] | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  const onProgress = (p: Progress) => {
    if (p.phase !== phase) {
      stop();
      phase = p.phase;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          {
            format: `${LABELS[p.phase]} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`,
            stream,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done);
      } else stream.write(`${LABELS[p.phase].trim()}: ${p.total} ${p.phase === 'reading' ? 'files' : 'chunks'}…\n`);
    }
    bar?.update(p.done);
    if (p.done >= p.total) stop();
  };
  return { onProgress, stop };
}
