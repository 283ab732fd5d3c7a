// The shared vocabulary of ethnolint: documents (what parsers produce), rules (what reads
// them) and findings (what formatters print). Every other module speaks in these types.

export type Severity = 'error' | 'warning' | 'note';

/** How a file is read. Decided once per file by `classify`, from its name, extension and content. */
export type FileKind =
  | 'python'
  | 'javascript' // js, jsx, mjs, cjs, ts, tsx, mts, cts (see Document.language)
  | 'notebook'
  | 'json'
  | 'yaml'
  | 'labels' // plain class lists: *.names, *.labels, labels.txt, classes.txt …
  | 'csv' // csv and tsv
  | 'pbtxt' // protobuf text, e.g. TF Object Detection label maps
  | 'source' // other languages through a generic token model (see Document.language)
  | 'markdown'
  | 'text';

export const FILE_KINDS: readonly FileKind[] = [
  'python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text',
];

// ---------------------------------------------------------------------------------------------
// Documents. All positions are UTF-16 offsets into Document.text (the whole file, decoded);
// `end` is exclusive. The engine turns offsets into 1-based lines and columns.
// ---------------------------------------------------------------------------------------------

export type TokenType =
  | 'identifier' // names in code; keys of data files are reported as 'key' instead
  | 'key' // a mapping key in JSON/YAML/pbtxt, or a CSV header cell
  | 'string' // a string literal (value decoded, range includes the quotes) or a data-file scalar string
  | 'number'
  | 'keyword'
  | 'punct' // operators and punctuation: value is the operator text, e.g. '=', '(', '.', '['
  | 'comment' // value is the exact source text, delimiters included, so start + i maps into it
  | 'text'; // prose: Markdown text, docstrings are strings; label-file lines and CSV cells are 'string'

export interface Token {
  type: TokenType;
  value: string;
  start: number;
  end: number;
}

/** One member of a collection: a label, an enum member name, a map key or value. */
export interface Member {
  value: string;
  start: number;
  end: number;
}

/**
 * A set of sibling values that could be a label set: a list/tuple/set/array literal, a
 * mapping (its non-numeric keys and its scalar string values), an enum or union type, the
 * lines of a class-list file, a CSV column, the `name`s of pbtxt items, a comma-separated
 * string ("age,gender,race").
 */
export interface Collection {
  form: 'list' | 'map' | 'enum' | 'lines' | 'column' | 'items' | 'csv-string';
  /** The name the collection is bound to: variable, key, enum/type, keyword argument or CSV header. */
  name?: string;
  /** Enclosing names, outermost first: key path in data files, class/function/variable in code. */
  path: string[];
  members: Member[];
  start: number;
  end: number;
}

/** A key with a value: a data-file entry, a keyword argument, a dict entry, an object property. */
export interface Pair {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Scalar value, decoded (strings without quotes); undefined when the value is not a scalar. */
  value?: string;
  /** String members when the value is a list or a comma-separated string. */
  values?: Member[];
  /** Enclosing key path, outermost first (not including `key`). */
  path: string[];
  start: number; // start of the key
  end: number; // end of the value
}

/** A call expression in code: `DeepFace.analyze(img, actions=['race'])`. */
export interface CallArg {
  /** Keyword name (Python `k=v`), or a property name when the argument is an object literal's entry. */
  name?: string;
  /** Decoded scalar value (string literal, number, identifier text). */
  value?: string;
  /** String members when the argument is a list/tuple/array literal or a comma-separated string. */
  members?: Member[];
  start: number;
  end: number;
}

export interface Call {
  /** Dotted callee as written: `DeepFace.analyze`, `client.detect`, `fetch`. */
  callee: string;
  args: CallArg[];
  start: number;
  end: number;
}

/** Parsed data tree (JSON, YAML, pbtxt, notebook JSON). */
export interface DataNode {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Scalar text: decoded string, or the number/boolean/null source text. */
  value?: string;
  entries?: DataEntry[];
  items?: DataNode[];
  start: number;
  end: number;
}

export interface DataEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: DataNode;
}

export interface Table {
  delimiter: string;
  header: Member[];
  /** Rows after the header; each cell is a Member (decoded value, raw range). */
  rows: Member[][];
}

/** What every parser returns. Rules read only the parts they need. */
export interface ParseResult {
  tokens: Token[];
  collections: Collection[];
  pairs: Pair[];
  calls: Call[];
  tree?: DataNode;
  table?: Table;
  /** Set when the structural parse failed and the document fell back to a text scan. */
  parseError?: string;
}

export interface Document extends ParseResult {
  /** Path relative to the working directory, with '/' separators. */
  path: string;
  kind: FileKind;
  /** Finer language name: 'typescript', 'tsx', 'go', 'java', 'c', 'shell' … */
  language: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export interface RuleMeta {
  /** PascalCase name, e.g. EthnicityLabel. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  defaultSeverity: Severity;
  /** SARIF security-severity, a score from 0.1 to 10.0. */
  securitySeverity: number;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  tags: string[];
  /** Sources a reader can check: laws, incident reports, vendor documentation. */
  references: string[];
  /** Docs path relative to the package root, e.g. rules/ethnicity-label.md */
  docs: string;
}

export interface Report {
  message: string;
  start: number;
  end: number;
  /** The matched text, normalised by the rule (lower-case, joined labels …); feeds the fingerprint. */
  evidence: string;
  /** Overrides the configured severity for this finding only to lower it (e.g. evidence only in prose). */
  downgrade?: boolean;
}

export interface RuleContext {
  report(report: Report): void;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  /** File kinds the rule reads; the engine calls it only for these. */
  kinds: readonly FileKind[];
  /**
   * Conditions of which at least one must hold in a file (or its path) for the rule to be able
   * to report anything there; the engine uses them as a prefilter, and a rule with no triggers
   * sees every file of its kinds. Each is lower-case: a word ("race"), a phrase of consecutive
   * words of the rules' splitting ("skin color" holds for skin_color and skinColor), a substring
   * in another script ("维族"), alternatives joined by `|`, clauses joined by `&` that must all
   * hold ("facepp | megvii & black"), and after `!` phrases in which a word does not count
   * ("race ! race condition"). See src/prefilter.ts.
   */
  triggers?: readonly string[];
  check(doc: Document, context: RuleContext): void;
}

// ---------------------------------------------------------------------------------------------
// Findings and scan results
// ---------------------------------------------------------------------------------------------

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  line: number; // 1-based
  column: number; // 1-based, UTF-16 code units
  endLine: number;
  endColumn: number; // exclusive: the column after the last character
  /** The source line(s) the finding spans, as in the file. */
  snippet: string;
  evidence: string;
  fingerprint: string;
}

export type NoticeLevel = 'error' | 'warning' | 'note';

/** Something the user should know about a file that is not a finding: skipped, unreadable, unparsable. */
export interface Notice {
  path: string;
  level: NoticeLevel;
  /** Stable machine-readable reason: 'binary', 'too-large', 'unreadable', 'parse-error', 'rule-error' … */
  reason: string;
  message: string;
}

/**
 * A suppression the scan honoured or was asked to honour: an inline directive in a comment, or
 * an `exceptions:` entry of the configuration. Reported so a reviewer can read every reason.
 */
export interface SuppressionRecord {
  kind: 'inline' | 'exception';
  /** The file the directive is in (inline), or the config file (exception). */
  path: string;
  /** 1-based line of the directive or of the config entry. */
  line: number;
  /** Rule ids it names; empty means every rule. */
  rules: string[];
  reason: string;
  /** How many findings it suppressed in this scan. */
  matched: number;
  /** 1-based column of the directive or of the config entry, when known. */
  column?: number;
}

/** Which suppression hid a finding; `path` and `line` identify its SuppressionRecord. */
export interface SuppressedBy {
  kind: SuppressionRecord['kind'];
  path: string;
  line: number;
  reason: string;
}

/** A finding an inline directive or a config exception suppressed: reported, but never fails a build. */
export interface SuppressedFinding extends Finding {
  suppressedBy: SuppressedBy;
}

export interface ScanStats {
  filesScanned: number;
  filesSkipped: number;
  filesWithFindings: number;
}

export interface VersionControl {
  repositoryUri?: string;
  revisionId?: string;
  branch?: string;
}

/** How a scan compared with a baseline file (--baseline). */
export interface BaselineSummary {
  /** The baseline file as given on the command line. */
  file: string;
  /** Findings the baseline accepts (not reported). */
  matched: number;
  /** Baseline entries in scope that no finding matched any more. */
  stale: number;
  /** Findings not in the baseline (the ones reported). */
  new: number;
}

/** A rule as it ran: its metadata, effective severity and its docs as Markdown (for SARIF help). */
export interface RunRule {
  id: string;
  meta: RuleMeta;
  severity: Severity;
  helpMarkdown: string;
}

export interface ScanResult {
  tool: { name: string; version: string; informationUri: string };
  /** The rules that ran, with their effective severity. */
  rules: RunRule[];
  findings: Finding[];
  /** Findings a suppression hid; they do not count towards the exit code. */
  suppressed?: SuppressedFinding[];
  /** Every suppression of the scan, inline and from the configuration, with how much it matched. */
  suppressions: SuppressionRecord[];
  notices: Notice[];
  stats: ScanStats;
  /** Scan root as given on the command line, relative to the working directory. */
  roots: string[];
  vcs?: VersionControl;
  /** Present when the scan was compared with a baseline: `findings` then holds only new ones. */
  baseline?: BaselineSummary;
}
