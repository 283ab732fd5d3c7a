// SARIF 2.1.0 output for GitHub code scanning and other SARIF consumers. The log validates with
// zero errors and zero warnings under `Sarif.Multitool validate --rule-kind "Sarif;Gh"`
// (see test/sarif-validate.test.ts). Paths are emitted relative to %SRCROOT% (the working
// directory the scan ran in); nothing machine-specific, no timestamps: the same ScanResult
// gives byte-identical output.

import { pathBytes } from '../fs-names.js';
import type { Finding, Notice, RunRule, ScanResult, Severity, SuppressedFinding, VersionControl } from '../types.js';

export interface SarifOptions {
  /** Distinguishes several analyses of one commit (GitHub's `category`); becomes automationDetails.id `${category}/`. */
  category?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
const DOCS_BASE = 'https://github.com/ethnolint/ethnolint/blob/main/';
const MAX_DESCRIPTION = 1024;
const MAX_HELP_TEXT = 10_000;
const MAX_TAGS = 10;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

// --------------------------------------------------------------------------------------------
// Text helpers
// --------------------------------------------------------------------------------------------

/** Cuts `s` to at most `max` UTF-16 units, at a word boundary when one is near, never inside a surrogate pair, with '…'. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // don't split a surrogate pair
  const space = s.lastIndexOf(' ', cut);
  if (space > cut - 40 && space > 0) cut = space;
  return s.slice(0, cut).trimEnd() + '…';
}

/** Makes a message a sentence: trimmed, ending with a period (SARIF2001). */
export function asSentence(s: string): string {
  const t = s.trim();
  if (t.length === 0) return 'No message.';
  return t.endsWith('.') ? t : `${t}.`;
}

/** A plain-text rendering of Markdown, for help.text: no markup, links as "text (url)". */
export function markdownToText(md: string): string {
  const lines: string[] = [];
  let inFence = false;
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      lines.push(`    ${raw}`);
      continue;
    }
    let line = raw
      .replace(/^\s{0,3}#{1,6}\s+/, '') // headings
      .replace(/^\s{0,3}>\s?/, '') // block quotes
      .replace(/^(\s*)[*+-]\s+/, '$1- ') // bullets
      .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '$1') // images
      .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, text: string, url: string) =>
        text === url ? url : `${text} (${url})`,
      )
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolinks
      .replace(/<\/?[A-Za-z][^>]*>/g, '') // inline HTML tags
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2');
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) line = ''; // horizontal rules
    lines.push(line.trimEnd());
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// --------------------------------------------------------------------------------------------
// URIs
// --------------------------------------------------------------------------------------------

/** RFC 3986 unreserved characters: the only bytes left as they are in a URI segment. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Percent-encodes one path segment as UTF-8 bytes, everything but unreserved characters. Bytes
 * of a name that is not UTF-8 (kept as U+DC80–U+DCFF, see fs-names.ts) are encoded as
 * themselves; any other lone surrogate cannot be UTF-8 and becomes U+FFFD.
 */
function encodeSegment(segment: string): string {
  const wellFormed = segment.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udc7f\udd00-\udfff]/g, '\ufffd');
  let out = '';
  for (const byte of pathBytes(wellFormed)) {
    const ch = String.fromCharCode(byte);
    out += UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * A path relative to the scan's working directory ('/' separators) as a relative URI reference:
 * each segment percent-encoded (spaces, '#', '?', '%', non-ASCII, controls, backslashes),
 * '.' segments dropped. Returns undefined for an absolute path.
 */
export function pathToRelativeUri(path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return undefined;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  return segments.map(encodeSegment).join('/');
}

// No run.artifacts array: it would hold nothing but the locations, which SARIF2004 flags.
function artifactLocation(path: string): Record<string, unknown> {
  const relative = pathToRelativeUri(path);
  if (relative !== undefined) return { uri: relative, uriBaseId: SRCROOT };
  // Absolute paths should not reach a formatter; keep the output valid if one does.
  const absolute = path.replace(/\\/g, '/').split('/').map(encodeSegment).join('/');
  return { uri: `file://${absolute.startsWith('/') ? '' : '/'}${absolute}` };
}

/** An absolute http(s)/ssh/git URI without credentials, query or fragment; undefined otherwise. */
export function safeRepositoryUri(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || url.hostname === '') return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
}

// --------------------------------------------------------------------------------------------
// Rules
// --------------------------------------------------------------------------------------------

const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

function securitySeverity(score: number): string {
  const clamped = Number.isFinite(score) ? Math.min(Math.max(score, 0), 10) : 0;
  return clamped.toFixed(1);
}

function ruleTags(rule: RunRule): string[] {
  const tags = ['security'];
  for (const tag of rule.meta.tags) if (!tags.includes(tag) && tag.trim() !== '') tags.push(tag);
  return tags.slice(0, MAX_TAGS);
}

export function helpUri(docs: string): string {
  return DOCS_BASE + docs.split('/').filter((s) => s !== '' && s !== '.' && s !== '..').map(encodeSegment).join('/');
}

function reportingDescriptor(rule: RunRule): Record<string, unknown> {
  const helpText = truncate(markdownToText(rule.helpMarkdown), MAX_HELP_TEXT);
  return {
    id: rule.id,
    // SARIF1001: a name identical to the id must be omitted.
    ...(rule.meta.name !== rule.id && rule.meta.name.length > 0 ? { name: rule.meta.name } : {}),
    shortDescription: { text: truncate(asSentence(rule.meta.shortDescription), MAX_DESCRIPTION) },
    fullDescription: { text: truncate(asSentence(rule.meta.fullDescription), MAX_DESCRIPTION) },
    help: {
      text: helpText.length > 0 ? helpText : asSentence(rule.meta.fullDescription),
      markdown: rule.helpMarkdown.trim().length > 0 ? rule.helpMarkdown : asSentence(rule.meta.fullDescription),
    },
    helpUri: helpUri(rule.meta.docs),
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ruleTags(rule),
      precision: rule.meta.precision,
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      'security-severity': securitySeverity(rule.meta.securitySeverity),
    },
  };
}

// --------------------------------------------------------------------------------------------
// Results
// --------------------------------------------------------------------------------------------

/** The exact text of the finding's region, cut from its snippet; undefined when the snippet does not cover it. */
function regionText(f: Finding): string | undefined {
  const parts = f.snippet.split(/(\r\n|\r|\n)/);
  const lines: string[] = [];
  const breaks: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i] as string);
    breaks.push(parts[i + 1] ?? '');
  }
  const span = f.endLine - f.line;
  if (span < 0 || span >= lines.length) return undefined;
  if (span === 0) {
    const line = lines[0] as string;
    if (f.endColumn - 1 > line.length || f.endColumn < f.column) return undefined;
    return line.slice(f.column - 1, f.endColumn - 1);
  }
  const last = lines[span] as string;
  if (f.column - 1 > (lines[0] as string).length || f.endColumn - 1 > last.length) return undefined;
  let text = (lines[0] as string).slice(f.column - 1) + breaks[0];
  for (let i = 1; i < span; i++) text += (lines[i] as string) + breaks[i];
  return text + last.slice(0, f.endColumn - 1);
}

function region(f: Finding): Record<string, unknown> {
  const startLine = Math.max(f.line, 1);
  const startColumn = Math.max(f.column, 1);
  const endLine = Math.max(f.endLine, startLine);
  const endColumn = endLine === startLine ? Math.max(f.endColumn, startColumn) : Math.max(f.endColumn, 1);
  const r: Record<string, unknown> = { startLine, startColumn, endLine, endColumn };
  const text = regionText(f);
  if (text !== undefined && text.length > 0) r.snippet = { text };
  else if (f.snippet.length > 0) r.snippet = { text: f.snippet };
  return r;
}

function sarifResult(f: Finding, ruleIndex: ReadonlyMap<string, number>, baselined: boolean): Record<string, unknown> {
  const index = ruleIndex.get(f.ruleId);
  const physicalLocation: Record<string, unknown> = {
    artifactLocation: artifactLocation(f.path),
    region: region(f),
  };
  if (f.snippet.length > 0) {
    const lineCount = Math.max(f.endLine - f.line, 0) + 1;
    physicalLocation.contextRegion = {
      startLine: Math.max(f.line, 1),
      endLine: Math.max(f.line, 1) + lineCount - 1,
      snippet: { text: f.snippet },
    };
  }
  const r: Record<string, unknown> = { ruleId: f.ruleId };
  if (index !== undefined) r.ruleIndex = index;
  r.level = f.severity;
  r.message = { text: asSentence(f.message) };
  r.locations = [{ physicalLocation }];
  r.partialFingerprints = { primaryLocationLineHash: f.fingerprint };
  r.fingerprints = { 'ethnolint/v1': f.fingerprint };
  // Compared with a baseline, only findings absent from it are reported.
  if (baselined) r.baselineState = 'new';
  return r;
}

/** A suppressed finding: a result with a suppression, which GitHub shows as dismissed. */
function suppressedResult(f: SuppressedFinding, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  const r = sarifResult(f, ruleIndex, false);
  const where = `${f.suppressedBy.path}:${f.suppressedBy.line}`;
  r.suppressions = [
    {
      kind: f.suppressedBy.kind === 'inline' ? 'inSource' : 'external',
      status: 'accepted',
      justification: `${f.suppressedBy.reason} (${where})`,
    },
  ];
  return r;
}

function notification(n: Notice): Record<string, unknown> {
  const out: Record<string, unknown> = {
    level: n.level,
    message: { text: asSentence(n.message) },
  };
  if (n.path.length > 0) {
    out.locations = [{ physicalLocation: { artifactLocation: artifactLocation(n.path) } }];
  }
  out.descriptor = { id: n.reason };
  return out;
}

function versionControlProvenance(vcs: VersionControl | undefined): Record<string, unknown>[] | undefined {
  const repositoryUri = safeRepositoryUri(vcs?.repositoryUri);
  if (vcs === undefined || repositoryUri === undefined) return undefined;
  const entry: Record<string, unknown> = { repositoryUri };
  if (vcs.revisionId !== undefined && /^[0-9a-f]{7,64}$/i.test(vcs.revisionId)) entry.revisionId = vcs.revisionId;
  if (vcs.branch !== undefined && vcs.branch.length > 0) entry.branch = vcs.branch;
  entry.mappedTo = { uriBaseId: SRCROOT };
  return [entry];
}

export function formatSarif(result: ScanResult, options: SarifOptions = {}): string {
  const rules: RunRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const rule of result.rules) {
    if (ruleIndex.has(rule.id)) continue;
    ruleIndex.set(rule.id, rules.length);
    rules.push(rule);
  }

  const driver: Record<string, unknown> = {
    name: result.tool.name,
    version: result.tool.version,
    ...(SEMVER.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
    informationUri: result.tool.informationUri,
    rules: rules.map(reportingDescriptor),
  };

  const executionSuccessful = !result.notices.some((n) => n.level === 'error' && n.reason === 'fatal');
  const invocation: Record<string, unknown> = { executionSuccessful };
  if (result.notices.length > 0) {
    invocation.toolExecutionNotifications = result.notices.map((n) => notification(n));
  }

  const run: Record<string, unknown> = {
    tool: { driver },
    invocations: [invocation],
  };
  if (options.category !== undefined && options.category.length > 0) {
    run.automationDetails = { id: options.category.endsWith('/') ? options.category : `${options.category}/` };
  }
  const provenance = versionControlProvenance(result.vcs);
  if (provenance) run.versionControlProvenance = provenance;
  run.originalUriBaseIds = {
    [SRCROOT]: { description: { text: 'The directory ethnolint was run from; result paths are relative to it.' } },
  };
  run.results = [
    ...result.findings.map((f) => sarifResult(f, ruleIndex, result.baseline !== undefined)),
    ...(result.suppressed ?? []).map((f) => suppressedResult(f, ruleIndex)),
  ];
  run.columnKind = 'utf16CodeUnits';
  if (result.baseline) {
    const { matched, stale } = result.baseline;
    run.properties = { baseline: { matched, stale, new: result.baseline.new } };
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [run],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
