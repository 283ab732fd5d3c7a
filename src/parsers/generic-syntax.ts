// The comment and string syntax of languages read by the generic tokenizer, as data. A
// language missing here falls back to DEFAULT_SYNTAX (C-like comments, soft quotes).

import type { EscapeMode } from './generic-literals.js';

export interface Syntax {
  lineComments: string[];
  blockComments: Array<[string, string]>;
  /** Block comments nest: Rust, Swift, Kotlin, Scala. */
  nestedComments?: boolean;
  /** '#' opens a comment only at the start of a word (shell: `$#`, `${#a}` are not comments). */
  hashAtWordStart?: boolean;
  /** "…": a string with this escape mode, a quoted identifier (SQL), or not a string. */
  doubleQuote: EscapeMode | 'ident' | null;
  /** '…': a string, a one-character literal (C, Rust …), MATLAB's string-or-transpose, or not a string. */
  singleQuote: EscapeMode | 'char' | 'transpose' | null;
  backtick: 'none' | 'raw' | 'template' | 'ident';
  /** Ordinary quoted strings may span lines; otherwise an unclosed quote is punctuation. */
  multiline: boolean;
  /** """…""" (and '''…''' for Python), with the given escapes. */
  triple?: EscapeMode;
  /** Identifier-like prefixes that may precede a quote: r"", b'', f"", u8"", L"" … */
  prefixes?: ReadonlySet<string>;
  /** Variable sigils kept out of identifiers (emitted as punctuation): '$', '@'. */
  sigils: string;
  dollarInIdent?: boolean;
  dashInIdent?: boolean;
  /** `/re/` literals (JS fallback). */
  regex?: boolean;
  /** `Type name(` declares a function (C family), so it is not a call. */
  typedDefs?: boolean;
  /** Go: `func (r T) Name(` declares a method. */
  goDefs?: boolean;
  /** R's `<-` and `<<-` assignment operators. */
  arrowAssign?: boolean;
  /** Lua long brackets: [[…]], [==[…]==], --[[…]]. */
  luaLong?: boolean;
  /** <<EOF here-documents (shell, Ruby, PHP, Perl), read as one string token. */
  heredoc?: 'shell' | 'ruby' | 'php';
  /** C#: @"…" verbatim and $"…" interpolated strings. */
  csharpStrings?: boolean;
  /** C++: R"delim(…)delim" raw strings. */
  cppRaw?: boolean;
  /** Rust: r"…", r#"…"#. */
  rustRaw?: boolean;
  /** Shell: $'…' ANSI-C strings. */
  ansiC?: boolean;
  /** Python: string prefixes containing r/R make the literal raw. */
  pythonPrefixes?: boolean;
  caseInsensitiveKeywords?: boolean;
}

const C_COMMENTS = { lineComments: ['//'], blockComments: [['/*', '*/']] as Array<[string, string]> };
const HASH = { lineComments: ['#'], blockComments: [] as Array<[string, string]> };

const C_LIKE: Syntax = {
  ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: false, sigils: '',
  typedDefs: true, prefixes: new Set(['L', 'u', 'U', 'u8']), cppRaw: false,
};

export const DEFAULT_SYNTAX: Syntax = {
  ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '',
};

const TEXT: Syntax = { lineComments: [], blockComments: [], doubleQuote: null, singleQuote: null, backtick: 'none', multiline: false, sigils: '' };

const SYNTAXES: Record<string, Syntax> = {
  c: C_LIKE,
  cpp: { ...C_LIKE, cppRaw: true },
  objc: { ...C_LIKE },
  csharp: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: false, sigils: '', typedDefs: true, csharpStrings: true, triple: 'none' },
  java: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: false, sigils: '', typedDefs: true, dollarInIdent: true, triple: 'backslash' },
  dart: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '', typedDefs: true, triple: 'backslash', prefixes: new Set(['r']) },
  groovy: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '', dollarInIdent: true, triple: 'backslash' },
  kotlin: { ...C_COMMENTS, nestedComments: true, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'ident', multiline: false, sigils: '', triple: 'none' },
  scala: { ...C_COMMENTS, nestedComments: true, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'ident', multiline: false, sigils: '', triple: 'none', dollarInIdent: true, prefixes: new Set(['s', 'f', 'raw']) },
  go: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'raw', multiline: false, sigils: '', goDefs: true },
  rust: { ...C_COMMENTS, nestedComments: true, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: true, sigils: '', rustRaw: true, prefixes: new Set(['b', 'c']) },
  swift: { ...C_COMMENTS, nestedComments: true, doubleQuote: 'backslash', singleQuote: null, backtick: 'ident', multiline: false, sigils: '', triple: 'backslash' },
  php: { lineComments: ['//', '#'], blockComments: [['/*', '*/']], doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: true, sigils: '$', heredoc: 'php' },
  ruby: { ...HASH, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: true, sigils: '$@', heredoc: 'ruby' },
  perl: { ...HASH, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: true, sigils: '$@%', heredoc: 'shell' },
  r: { ...HASH, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'ident', multiline: true, sigils: '', arrowAssign: true },
  shell: { ...HASH, hashAtWordStart: true, doubleQuote: 'backslash', singleQuote: 'none', backtick: 'none', multiline: true, sigils: '$', heredoc: 'shell', ansiC: true },
  powershell: { lineComments: ['#'], blockComments: [['<#', '#>']], doubleQuote: 'backtick', singleQuote: 'double', backtick: 'none', multiline: true, sigils: '$' },
  sql: { lineComments: ['--'], blockComments: [['/*', '*/']], doubleQuote: 'ident', singleQuote: 'double', backtick: 'ident', multiline: true, sigils: '@', caseInsensitiveKeywords: true },
  lua: { lineComments: ['--'], blockComments: [], doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '', luaLong: true },
  matlab: { lineComments: ['%'], blockComments: [['%{', '%}']], doubleQuote: 'double', singleQuote: 'transpose', backtick: 'none', multiline: false, sigils: '' },
  latex: { lineComments: ['%'], blockComments: [], doubleQuote: null, singleQuote: null, backtick: 'none', multiline: false, sigils: '' },
  lisp: { lineComments: [';'], blockComments: [['#|', '|#']], doubleQuote: 'backslash', singleQuote: null, backtick: 'none', multiline: true, sigils: '', dashInIdent: true },
  ini: { lineComments: [';', '#'], blockComments: [], doubleQuote: 'backslash', singleQuote: null, backtick: 'none', multiline: false, sigils: '' },
  toml: { ...HASH, doubleQuote: 'backslash', singleQuote: 'none', backtick: 'none', multiline: false, sigils: '', triple: 'backslash' },
  haskell: { lineComments: ['--'], blockComments: [['{-', '-}']], nestedComments: true, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: false, sigils: '' },
  julia: { ...HASH, blockComments: [['#=', '=#']], nestedComments: true, doubleQuote: 'backslash', singleQuote: 'char', backtick: 'none', multiline: false, sigils: '', triple: 'backslash' },
  elixir: { ...HASH, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: true, sigils: '@', triple: 'backslash' },
  html: { lineComments: [], blockComments: [['<!--', '-->']], doubleQuote: 'none', singleQuote: null, backtick: 'none', multiline: false, sigils: '' },
  css: { lineComments: [], blockComments: [['/*', '*/']], doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '', dashInIdent: true },
  python: {
    ...HASH, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'none', multiline: false, sigils: '', triple: 'backslash',
    pythonPrefixes: true, prefixes: new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf', 't']),
  },
  javascript: { ...C_COMMENTS, doubleQuote: 'backslash', singleQuote: 'backslash', backtick: 'template', multiline: false, sigils: '', dollarInIdent: true, regex: true },
  text: TEXT,
};

const ALIASES: Record<string, string> = {
  h: 'c', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', cuda: 'cpp', cu: 'cpp', 'objective-c': 'objc', objectivec: 'objc', m: 'objc',
  cs: 'csharp', 'c#': 'csharp', kt: 'kotlin', kts: 'kotlin', sc: 'scala', golang: 'go', rs: 'rust', rb: 'ruby', pl: 'perl',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', fish: 'shell', console: 'shell', shellsession: 'shell', dockerfile: 'shell', makefile: 'shell', make: 'shell',
  ps1: 'powershell', pwsh: 'powershell', ps: 'powershell', psm1: 'powershell', mysql: 'sql', postgresql: 'sql', plsql: 'sql', tsql: 'sql', sqlite: 'sql',
  octave: 'matlab', tex: 'latex', clojure: 'lisp', scheme: 'lisp', elisp: 'lisp', racket: 'lisp', clj: 'lisp', properties: 'ini', cfg: 'ini', conf: 'ini', env: 'shell', dotenv: 'shell',
  hs: 'haskell', jl: 'julia', ex: 'elixir', exs: 'elixir', xml: 'html', svg: 'html', htm: 'html', vue: 'html', scss: 'css', less: 'css',
  py: 'python', python3: 'python', py3: 'python', js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  typescript: 'javascript', ts: 'javascript', tsx: 'javascript', mts: 'javascript', cts: 'javascript', json: 'javascript', jsonc: 'javascript', json5: 'javascript',
  proto: 'c', protobuf: 'cpp', graphql: 'shell', yaml: 'shell', yml: 'shell', gradle: 'groovy', plain: 'text', txt: 'text', plaintext: 'text', '': 'text',
};

export function syntaxFor(language: string): Syntax {
  const lang = language.toLowerCase();
  return SYNTAXES[lang] ?? SYNTAXES[ALIASES[lang] ?? ''] ?? DEFAULT_SYNTAX;
}

/** Canonical language family name, used for the few structural rules that differ by language. */
export function languageFamily(language: string): string {
  const lang = language.toLowerCase();
  return SYNTAXES[lang] ? lang : ALIASES[lang] ?? lang;
}
