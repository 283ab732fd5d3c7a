// Progress on stderr, only on a terminal: repositories done of total, the one just started, and
// an estimate of the time left from the average so far. One line, redrawn in place.
import { sanitizeForTerminal } from '../formatters/sanitize.js';

export interface Progress {
  started(id: string): void;
  finished(): void;
  clear(): void;
}

const SILENT: Progress = { started: () => undefined, finished: () => undefined, clear: () => undefined };

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export function progress(total: number, enabled: boolean, write: (text: string) => void, now: () => number = Date.now): Progress {
  if (!enabled || total === 0) return SILENT;
  const begin = now();
  let done = 0;
  let current = '';
  const draw = (): void => {
    const eta = done > 0 && done < total ? ` · ETA ${duration(((now() - begin) / done) * (total - done))}` : '';
    write(`\r\x1b[2K[${done}/${total}] ${sanitizeForTerminal(current).slice(0, 60)}${eta}`);
  };
  return {
    started(id) {
      current = id;
      draw();
    },
    finished() {
      done++;
      draw();
    },
    clear() {
      write('\r\x1b[2K');
    },
  };
}
