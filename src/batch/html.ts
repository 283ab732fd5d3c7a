// Building HTML from untrusted text. Everything a scanned repository controls (paths, messages,
// snippets, evidence, authors, names) goes through `text()` or `attr()`; nothing is ever
// concatenated into markup raw. Data for the page's script is embedded with `jsonScript()`.
import { escapeInvisible } from '../formatters/sanitize.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that can end a text run or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * Control characters, bidi overrides, invisible separators and lone surrogates become visible
 * escapes (`\u202e`), so a "Trojan Source" line is shown as stored, not reordered. Tabs and
 * line feeds stay: snippets are multi-line source.
 */
export function visible(s: string): string {
  return escapeInvisible(s, LAYOUT);
}

const LAYOUT: ReadonlySet<number> = new Set([0x09, 0x0a]);

/** Untrusted text for an HTML text node or a double-quoted attribute value. */
export function text(s: string): string {
  return escapeHtml(visible(s));
}

/** An absolute http(s) URL fit for an href, or undefined (javascript:, data:, relative …). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s/]/i.test(url)) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/** A relative path inside the report's folder fit for an href (`sarif/x.sarif`), or undefined. */
export function safeRelativePath(path: string | undefined): string | undefined {
  if (!path || path.startsWith('/') || path.includes('\\')) return undefined;
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes(':'))) return undefined;
  return segments.map(encodeURIComponent).join('/');
}

const JSON_SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON safe inside `<script type="application/json">`: no `</script>`, no `<!--`, no
 * characters that end a line in older JavaScript parsers. The page reads it with JSON.parse.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_SCRIPT_ESCAPES[c] as string);
}

/**
 * Thousands separated with a comma, independent of the machine's locale. Anything that is not a
 * finite number (a tampered summary.json) shows as a dash, never as text.
 */
export function formatCount(n: number): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '–';
}

/** "1 finding", "2 findings". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** 850 ms, 12.3 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 time as "2026-05-04 13:07 UTC"; anything else is shown as given. */
export function formatTime(iso: string): string {
  // Date.parse alone is lenient with free text, and reads a time without a zone as local time
  // (which would make the page depend on the machine): only ISO 8601 with a zone is converted.
  const time = ISO_WITH_ZONE.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return iso;
  const d = new Date(time).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}

/** A commit's short form, as git prints it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** At most `max` code points, with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
