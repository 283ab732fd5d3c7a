// Output formats. Each formatter is a pure function of the ScanResult: no clocks, no
// randomness, no environment lookups; the same result always gives byte-identical output.

import type { ScanResult } from '../types.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

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

const FORMATTERS: Record<FormatName, Formatter> = {
  text: (result, options) => formatText(result, { color: options.color ?? false }),
  json: (result) => formatJson(result),
  sarif: (result, options) =>
    formatSarif(result, options.category !== undefined ? { category: options.category } : {}),
  github: (result) => formatGithub(result),
  junit: (result) => formatJunit(result),
  gitlab: (result) => formatGitlab(result),
};

/** Renders `result` in format `name`; throws on an unknown name (the CLI validates first). */
export function format(name: FormatName, result: ScanResult, options: FormatOptions = {}): string {
  if (!isFormatName(name)) throw new Error(`Unknown format "${String(name)}"; expected one of ${FORMATS.join(', ')}`);
  return FORMATTERS[name](result, options);
}

export { escapeData, escapeProperty, formatGithub } from './github.js';
export { formatGitlab, GITLAB_SEVERITY } from './gitlab.js';
export { formatJson, JSON_SCHEMA_VERSION, SKIP_REASONS } from './json.js';
export { escapeXml, formatJunit } from './junit.js';
export { formatSarif, type SarifOptions } from './sarif.js';
export { formatText, type TextOptions } from './text.js';
export { sanitizeForTerminal } from './sanitize.js';
