// Decides how a file is read, from its name and, for extensionless scripts and ambiguous
// .txt/.m files, the first bytes of its text. undefined means "not ours to read": media,
// archives, model weights, lock files and unknown extensions.

import type { FileKind } from './types.js';

/** Shared and frozen: callers must not modify it. */
export interface Classification {
  readonly kind: FileKind;
  readonly language: string;
}

const c = (kind: FileKind, language: string): Classification => Object.freeze({ kind, language });

/** Generated dependency locks: large, machine-written, never where labels are defined. */
const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'poetry.lock',
  'pipfile.lock', 'pdm.lock', 'uv.lock', 'cargo.lock', 'go.sum', 'composer.lock', 'gemfile.lock',
  'packages.lock.json', 'flake.lock', 'conda-lock.yml',
]);

/** Whole file names (lower-case) whose extension says nothing or misleads. */
const BY_NAME: ReadonlyMap<string, Classification> = new Map([
  ['makefile', c('source', 'shell')],
  ['gnumakefile', c('source', 'shell')],
  ['dockerfile', c('source', 'shell')],
  ['containerfile', c('source', 'shell')],
  ['procfile', c('source', 'shell')],
  ['.bashrc', c('source', 'shell')],
  ['.bash_profile', c('source', 'shell')],
  ['.zshrc', c('source', 'shell')],
  ['.profile', c('source', 'shell')],
  ['jenkinsfile', c('source', 'groovy')],
  ['gemfile', c('source', 'ruby')],
  ['rakefile', c('source', 'ruby')],
  ['vagrantfile', c('source', 'ruby')],
  ['podfile', c('source', 'ruby')],
  ['pipfile', c('source', 'ini')],
  ['.env', c('source', 'ini')],
  ['.editorconfig', c('source', 'ini')],
  ['cmakelists.txt', c('source', 'cmake')],
  ['obj.names', c('labels', 'labels')],
  // Dependency manifests in XML and Go, read for supply-chain rules.
  ['pom.xml', c('source', 'xml')],
  ['packages.config', c('source', 'xml')],
  ['directory.packages.props', c('source', 'xml')],
  ['go.mod', c('source', 'go')],
  ['readme', c('text', 'text')],
]);

const BY_EXTENSION: ReadonlyMap<string, Classification> = new Map([
  ['py', c('python', 'python')],
  ['pyw', c('python', 'python')],
  ['pyi', c('python', 'python')],
  ['js', c('javascript', 'javascript')],
  ['mjs', c('javascript', 'javascript')],
  ['cjs', c('javascript', 'javascript')],
  ['jsx', c('javascript', 'jsx')],
  ['ts', c('javascript', 'typescript')],
  ['mts', c('javascript', 'typescript')],
  ['cts', c('javascript', 'typescript')],
  ['tsx', c('javascript', 'tsx')],
  ['ipynb', c('notebook', 'python')],
  ['json', c('json', 'json')],
  ['jsonc', c('json', 'jsonc')],
  ['yaml', c('yaml', 'yaml')],
  ['yml', c('yaml', 'yaml')],
  ['names', c('labels', 'labels')],
  ['labels', c('labels', 'labels')],
  ['csv', c('csv', 'csv')],
  ['tsv', c('csv', 'tsv')],
  ['tab', c('csv', 'tsv')],
  ['pbtxt', c('pbtxt', 'pbtxt')],
  ['prototxt', c('pbtxt', 'pbtxt')],
  ['textproto', c('pbtxt', 'pbtxt')],
  ['md', c('markdown', 'markdown')],
  ['markdown', c('markdown', 'markdown')],
  ['mdx', c('markdown', 'markdown')],
  ['rmd', c('markdown', 'rmarkdown')],
  ['qmd', c('markdown', 'markdown')],
  ['rst', c('markdown', 'rst')],
  ['txt', c('text', 'text')],
  ['text', c('text', 'text')],
  ['adoc', c('text', 'text')],
  // JSON Lines: not one JSON document, but annotation records worth a text scan.
  ['jsonl', c('text', 'jsonl')],
  ['ndjson', c('text', 'jsonl')],
  ['go', c('source', 'go')],
  ['csproj', c('source', 'xml')],
  ['vbproj', c('source', 'xml')],
  ['fsproj', c('source', 'xml')],
  ['java', c('source', 'java')],
  ['kt', c('source', 'kotlin')],
  ['kts', c('source', 'kotlin')],
  ['c', c('source', 'c')],
  ['h', c('source', 'c')],
  ['cc', c('source', 'cpp')],
  ['cpp', c('source', 'cpp')],
  ['cxx', c('source', 'cpp')],
  ['c++', c('source', 'cpp')],
  ['hpp', c('source', 'cpp')],
  ['hh', c('source', 'cpp')],
  ['hxx', c('source', 'cpp')],
  ['cu', c('source', 'cpp')],
  ['cuh', c('source', 'cpp')],
  ['mm', c('source', 'objc')],
  ['cs', c('source', 'csharp')],
  ['fs', c('source', 'fsharp')],
  ['swift', c('source', 'swift')],
  ['rs', c('source', 'rust')],
  ['rb', c('source', 'ruby')],
  ['r', c('source', 'r')],
  ['scala', c('source', 'scala')],
  ['sc', c('source', 'scala')],
  ['php', c('source', 'php')],
  ['sh', c('source', 'shell')],
  ['bash', c('source', 'shell')],
  ['zsh', c('source', 'shell')],
  ['ksh', c('source', 'shell')],
  ['ps1', c('source', 'powershell')],
  ['psm1', c('source', 'powershell')],
  ['sql', c('source', 'sql')],
  ['lua', c('source', 'lua')],
  ['pl', c('source', 'perl')],
  ['pm', c('source', 'perl')],
  ['jl', c('source', 'julia')],
  ['dart', c('source', 'dart')],
  ['ex', c('source', 'elixir')],
  ['exs', c('source', 'elixir')],
  ['groovy', c('source', 'groovy')],
  ['gradle', c('source', 'groovy')],
  ['proto', c('source', 'proto')],
  ['pyx', c('source', 'cython')],
  ['pxd', c('source', 'cython')],
  ['vb', c('source', 'vb')],
  ['dockerfile', c('source', 'shell')],
  ['mk', c('source', 'shell')],
  ['toml', c('source', 'ini')],
  ['ini', c('source', 'ini')],
  ['cfg', c('source', 'ini')],
  ['conf', c('source', 'ini')],
  ['env', c('source', 'ini')],
  ['properties', c('source', 'ini')],
]);

/** Class-list file names (lower-case) ending in .txt: labels.txt, coco_classes.txt, synset_words.txt … */
const LABELS_TXT = /^(?:(?:.*[_.-])?(?:labels?|classes|class_?names|class_?list|categories|label_?map|labelmap)(?:[_.-][a-z0-9]+)*|synset.*)\.txt$/;

/** Protobuf text format, e.g. a TF Object Detection label map: `item { … }` after any comments. */
const PBTXT_HEAD = /^\uFEFF?(?:\s*#[^\n]*\n)*\s*item\s*\{/;

const SHEBANG = /^#!\s*(\S+)(?:[ \t]+(?:-\S+[ \t]+)*(\S+))?/;

const BY_INTERPRETER: ReadonlyArray<[RegExp, Classification]> = [
  [/^python[\d.]*$|^pypy[\d.]*$/, c('python', 'python')],
  [/^(?:node|nodejs|bun)$/, c('javascript', 'javascript')],
  [/^(?:deno|ts-node|tsx)$/, c('javascript', 'typescript')],
  [/^(?:sh|bash|zsh|dash|ksh|ash)$/, c('source', 'shell')],
  [/^ruby$/, c('source', 'ruby')],
  [/^perl[\d.]*$/, c('source', 'perl')],
  [/^(?:Rscript|R)$/, c('source', 'r')],
  [/^php$/, c('source', 'php')],
  [/^lua$/, c('source', 'lua')],
  [/^julia$/, c('source', 'julia')],
];

/**
 * pip's requirement files as projects name them: requirements.txt, requirements-gpu.txt,
 * dev-requirements.txt, constraints.txt, pip-tools' requirements.in, and any .txt or .in in a
 * requirements/ folder (requirements/prod.txt).
 */
function isRequirementsFile(path: string, name: string): boolean {
  return /^(?:[\w.-]*[-_.])?(?:requirements|constraints)(?:[-_.][\w.-]*)?\.(?:txt|in)$/.test(name) || /(?:^|[\\/])requirements[\\/][^\\/]+\.(?:txt|in)$/i.test(path);
}

/**
 * `path` may include directories ('/' or '\' separated). `head`: the start of the decoded
 * text when known; it settles extensionless scripts (shebang), pbtxt label maps saved as
 * .txt, and Objective-C vs MATLAB .m files.
 */
export function classify(path: string, head?: string): Classification | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (LOCK_FILES.has(name) || name.endsWith('.lock')) return undefined;

  const byName = BY_NAME.get(name);
  if (byName) return byName;
  if (name.endsWith('.txt')) {
    if (head !== undefined && PBTXT_HEAD.test(head)) return c('pbtxt', 'pbtxt');
    if (isRequirementsFile(path, name)) return c('source', 'requirements');
    if (LABELS_TXT.test(name)) return c('labels', 'labels');
  }
  if (name.endsWith('.in') && isRequirementsFile(path, name)) return c('source', 'requirements');
  if (name.startsWith('.env.')) return c('source', 'ini');
  if (name.startsWith('dockerfile.') || name.startsWith('containerfile.')) return c('source', 'shell');

  // A leading dot starts a hidden name, not an extension (.bashrc has none).
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  if (ext === 'm') return head !== undefined && /^\s*(?:#import|@interface|@implementation|#include)/m.test(head) ? c('source', 'objc') : c('source', 'matlab');
  const byExtension = BY_EXTENSION.get(ext);
  if (byExtension) return byExtension;
  return ext === '' && head !== undefined ? fromShebang(head) : undefined;
}

function fromShebang(head: string): Classification | undefined {
  const match = SHEBANG.exec(head);
  if (!match) return undefined;
  const program = match[1]?.slice(match[1].lastIndexOf('/') + 1) ?? '';
  // `#!/usr/bin/env [-S] python3`: the interpreter is env's argument.
  const interpreter = program === 'env' ? (match[2] ?? '') : program;
  return BY_INTERPRETER.find(([pattern]) => pattern.test(interpreter))?.[1];
}
