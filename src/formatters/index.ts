// Output formats. Each formatter is a pure function of the ScanResult: no clocks, no
// randomness, no environment lookups; the same result always gives byte-identical output.

// Each is loaded when asked for: a scan loads only the formatter it prints with (chalk, for one,
// costs ~40 ms of start-up that a SARIF run never needs).
import type { ScanResult } from '../types.js';

import { FORMATS, isFormatName, type FormatName } from './names.js';

export { FORMATS, isFormatName, type FormatName };
export const DEFAULT_FORMAT: FormatName = FORMATS[0];

export interface FormatOptions {
  /** text: emit ANSI colours (decided by the CLI from TTY / NO_COLOR / --no-color). Default false. */
  color?: boolean;
  /** sarif: analysis category, becomes automationDetails.id `${category}/`. */
  category?: string;
}

type Formatter = (result: ScanResult, options: FormatOptions) => string;

const FORMATTERS: Record<FormatName, () => Promise<Formatter>> = {
  text: async () => {
    const { formatText } = await import('./text.js');
    return (result, options) => formatText(result, { color: options.color ?? false });
  },
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => {
    const { formatSarif } = await import('./sarif.js');
    return (result, options) => formatSarif(result, options.category !== undefined ? { category: options.category } : {});
  },
  github: async () => (await import('./github.js')).formatGithub,
  junit: async () => (await import('./junit.js')).formatJunit,
  gitlab: async () => (await import('./gitlab.js')).formatGitlab,
};

/** Renders `result` in format `name`; rejects an unknown name (the CLI validates first). */
export async function format(name: FormatName, result: ScanResult, options: FormatOptions = {}): Promise<string> {
  if (!isFormatName(name)) throw new Error(`Unknown format "${String(name)}"; expected one of ${FORMATS.join(', ')}`);
  return (await FORMATTERS[name]())(result, options);
}
