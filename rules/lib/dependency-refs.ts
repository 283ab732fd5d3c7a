// Dependency references in a document: package names in manifests, imports, #include'd
// headers, loaded native libraries and install commands, each with its ecosystem and range.
import type { Document, Token } from '../../src/types.js';
import type { Ecosystem } from './surveillance-vendors.js';

export interface DependencyRef {
  eco: Ecosystem;
  name: string;
  start: number;
  end: number;
}

const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** Distribution name at the start of a PEP 508 / conda spec, or of a wheel file name. */
export function requirementName(spec: string): string | undefined {
  const s = spec.trim();
  if (/\.whl$/i.test(s)) return /^([A-Za-z0-9][\w.]*?)-\d/.exec(baseName(s))?.[1];
  const egg = /#egg=([\w.-]+)/.exec(s);
  if (egg) return egg[1];
  return /^(?:[\w.-]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s)?.[1];
}

/** Each line of `text` with its offset, `#` comments removed. */
function lines(doc: Document): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const raw of doc.text.split('\n')) {
    out.push({ text: raw.replace(/(^|\s)[#;].*$/, '$1'), at });
    at += raw.length + 1;
  }
  return out;
}

function refAt(eco: Ecosystem, name: string, line: { text: string; at: number }, from = 0): DependencyRef {
  const i = line.text.indexOf(name, from);
  const start = line.at + Math.max(i, 0);
  return { eco, name, start, end: start + (i >= 0 ? name.length : line.text.trimEnd().length) };
}

function requirementsTxt(doc: Document): DependencyRef[] {
  return lines(doc).flatMap((line) => {
    const t = line.text.trim();
    if (!t || (t.startsWith('-') && !t.startsWith('-e'))) return [];
    const name = requirementName(t.replace(/^-e\s+/, ''));
    return name ? [refAt('pypi', name, line)] : [];
  });
}

/** pyproject.toml and Pipfile: keys of *dependencies / packages tables, strings in dependency arrays. */
function tomlManifest(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  let section = '';
  let inArray = false;
  for (const line of lines(doc)) {
    const head = /^\s*\[{1,2}([^\]]+)\]{1,2}\s*$/.exec(line.text);
    if (head) {
      section = (head[1] ?? '').trim();
      inArray = false;
      continue;
    }
    const keyTable = /(?:^|\.)(?:dependencies|dev-dependencies|packages|dev-packages)$/.test(section);
    const arrayTable = /^(?:project\.optional-dependencies|dependency-groups)$/.test(section);
    const key = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line.text);
    if (key && keyTable) out.push(refAt('pypi', key[1] as string, line));
    if (key && !inArray) inArray = (arrayTable || /^(?:dependencies|requires)$/.test(key[1] ?? '')) && (key[2] ?? '').startsWith('[');
    if (!inArray) continue;
    for (const m of line.text.matchAll(/["']([^"']+)["']/g)) {
      const name = requirementName(m[1] as string);
      if (name) out.push(refAt('pypi', name, line, m.index));
    }
    if (line.text.includes(']')) inArray = false;
  }
  return out;
}

/** setup.cfg: install_requires and friends, on the key's line and its indented continuation lines. */
function setupCfg(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  let section = '';
  let inList = false;
  for (const line of lines(doc)) {
    const head = /^\s*\[([^\]]+)\]/.exec(line.text);
    if (head) {
      section = head[1] ?? '';
      inList = false;
      continue;
    }
    const key = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line.text);
    let spec = '';
    if (key) {
      inList = section === 'options.extras_require' || /^(?:install|setup|tests)_requires$/.test(key[1] ?? '');
      spec = inList ? (key[2] ?? '') : '';
    } else if (inList && /^\s+\S/.test(line.text)) {
      spec = line.text;
    } else if (line.text.trim()) {
      inList = false;
    }
    const name = spec.trim() ? requirementName(spec) : undefined;
    if (name) out.push(refAt('pypi', name, line, key ? line.text.indexOf('=') : 0));
  }
  return out;
}

const REQUIRES = /require|dependenc/i;

/** setup.py: string members of install_requires=[…], extras_require, REQUIREMENTS = […]. */
function setupPy(doc: Document): DependencyRef[] {
  const members = [
    ...doc.collections.filter((c) => REQUIRES.test(c.name ?? '') || c.path.some((p) => REQUIRES.test(p))).flatMap((c) => c.members),
    ...doc.calls.flatMap((c) => c.args.filter((a) => REQUIRES.test(a.name ?? '')).flatMap((a) => a.members ?? [])),
  ];
  return members.flatMap((m) => {
    const name = requirementName(m.value);
    return name ? [{ eco: 'pypi' as const, name, start: m.start, end: m.end }] : [];
  });
}

/** An npm dependency spec that points at a folder or tarball on disk rather than the registry. */
const LOCAL_SPEC = /^(?:file:|link:|\.{1,2}\/|\/)/;

/** package.json dependency keys; environment.yml conda and pip entries. */
function dataManifest(doc: Document, file: string): DependencyRef[] {
  const root = doc.tree;
  if (root?.type !== 'object') return [];
  const out: DependencyRef[] = [];
  for (const entry of root.entries ?? []) {
    if (file === 'package.json' && /^(?:d|devD|peerD|optionalD)ependencies$/.test(entry.key)) {
      for (const dep of entry.value.entries ?? []) {
        out.push({ eco: 'npm', name: dep.key, start: dep.keyStart, end: dep.keyEnd });
        // A vendored SDK binding ("NetSDK": "file:./vendor/dahua/NetSDK-3.050"): the name is the module's.
        if (LOCAL_SPEC.test(dep.value.value ?? '')) out.push({ eco: 'modules', name: dep.key, start: dep.keyStart, end: dep.keyEnd });
      }
    }
    if (doc.kind === 'yaml' && entry.key === 'dependencies') {
      for (const item of entry.value.items ?? []) {
        const specs = item.type === 'string' ? [item] : (item.entries ?? []).filter((e) => e.key === 'pip').flatMap((e) => e.value.items ?? []);
        for (const spec of specs) {
          const name = requirementName(spec.value ?? '');
          if (name) out.push({ eco: 'pypi', name, start: spec.start, end: spec.end });
        }
      }
    }
  }
  return out;
}

/** Maven coordinates in pom.xml (when it is scanned) and Gradle strings; NuGet and reference items in MSBuild files. */
function xmlAndGradle(doc: Document, file: string): DependencyRef[] {
  const out: DependencyRef[] = [];
  const add = (eco: Ecosystem, name: string, at: number): void => void out.push({ eco, name, start: at, end: at + name.length });
  const text = doc.text;
  if (file === 'pom.xml') {
    for (const m of text.matchAll(/<groupId>\s*([^<\s]+)\s*<\/groupId>\s*<artifactId>\s*([^<\s]+)\s*<\/artifactId>/g)) {
      add('maven', `${m[1]}:${m[2]}`, (m.index ?? 0) + m[0].indexOf(m[1] as string));
    }
  }
  if (/\.(?:csproj|vbproj|fsproj|props|targets)$|^packages\.config$/.test(file)) {
    for (const m of text.matchAll(/<(PackageReference|PackageVersion|package|Reference)\s[^>]*?\b(?:Include|id)="([^"]+)"/g)) {
      const name = (m[2] as string).split(',')[0] as string;
      add(m[1] === 'Reference' ? 'modules' : 'nuget', name, (m.index ?? 0) + m[0].indexOf(name));
    }
    for (const m of text.matchAll(/(?:<HintPath>|Include=")([^<"]+)/g)) add('files', baseName(m[1] as string), (m.index ?? 0) + m[0].length - baseName(m[1] as string).length);
  }
  if (file === 'go.mod') {
    for (const m of text.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}\/[^\s]+)\s+v\d/gm)) add('go', m[1] as string, (m.index ?? 0) + m[0].indexOf(m[1] as string));
  }
  if (/\.gradle(?:\.kts)?$/.test(file)) {
    for (const m of text.matchAll(/group\s*[:=]\s*['"]([^'"]+)['"]\s*,\s*name\s*[:=]\s*['"]([^'"]+)['"]/g)) add('maven', `${m[1]}:${m[2]}`, (m.index ?? 0) + m[0].indexOf(m[1] as string));
    for (const t of doc.tokens) {
      if (t.type === 'string' && /^[\w.-]+:[\w.-]+(?::[^:\s]*)*$/.test(t.value)) out.push({ eco: 'maven', name: t.value.split(':').slice(0, 2).join(':'), start: t.start, end: t.end });
    }
  }
  return out;
}

const INSTALL = /\b(pip3?|uv\s+pip|conda|mamba|npm|pnpm|yarn|bun|go|dotnet\s+add(?:\s+\S+)?|Install-Package|nuget)\s+(?:install|add|get|i|package)?\b([^\n`|&;#]*)/g;

/** `pip install X`, `npm i X`, `go get X`, `dotnet add package X`, `mvn install:install-file -DgroupId=…`. */
function installCommands(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  const text = doc.text;
  for (const m of text.matchAll(INSTALL)) {
    const tool = (m[1] as string).split(/\s/)[0] as string;
    const verb = /\s(install|add|get|i|package)\b/.exec(m[0]);
    if (!verb) continue;
    const eco: Ecosystem = /npm|pnpm|yarn|bun/.test(tool) ? 'npm' : tool === 'go' ? 'go' : /dotnet|nuget|Install-Package/.test(tool) ? 'nuget' : 'pypi';
    let at = (m.index ?? 0) + m[0].length - (m[2] as string).length;
    for (const arg of (m[2] as string).split(/(\s+)/)) {
      const here = at;
      at += arg.length;
      if (!arg.trim() || arg.startsWith('-') || arg === 'package') continue;
      const name = eco === 'pypi' ? requirementName(arg) : eco === 'npm' ? /^(@?[^@\s]+)/.exec(arg)?.[1] : arg.split('@')[0];
      if (name) out.push({ eco, name, start: here, end: here + arg.length });
    }
  }
  for (const m of text.matchAll(/-DgroupId=(\S+)[^\n]*?-DartifactId=(\S+)/g)) {
    const start = (m.index ?? 0) + m[0].indexOf(m[1] as string);
    out.push({ eco: 'maven', name: `${m[1]}:${m[2]}`, start, end: start + (m[1] as string).length });
  }
  return out;
}

/** Dotted name after `import`/`from`/`using`/`package`/`Imports`, read from tokens (so never from comments or strings). */
function moduleImports(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!/^(?:import|from|using|package|Imports)$/.test(t.value) || (t.type !== 'keyword' && t.type !== 'identifier')) continue;
    let j = i + 1;
    if (tokens[j]?.value === 'static') j++;
    const first = tokens[j];
    if (first?.type !== 'identifier') continue;
    let end = first.end;
    for (let k = j + 1; tokens[k]?.value === '.' && tokens[k + 1]?.type === 'identifier'; k += 2) end = (tokens[k + 1] as Token).end;
    out.push({ eco: 'modules', name: doc.text.slice(first.start, end).replace(/\s+/g, ''), start: first.start, end });
  }
  return out;
}

/** `#include <X.h>` / `"X.h"`, path-like string literals, and CMake/Makefile link names. */
function nativeLibraries(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'string' && /^[^\s]{1,200}$/.test(t.value)) {
      const file = baseName(t.value).replace(/(\.so)(?:\.\d+)+$/, '$1');
      out.push({ eco: 'files', name: file, start: t.start, end: t.end }, { eco: 'libraries', name: file, start: t.start, end: t.end });
    }
    if (t.value === '<' && tokens[i - 1]?.value === 'include' && tokens[i - 2]?.value === '#') {
      const close = tokens.findIndex((u, k) => k > i && u.value === '>');
      if (close > i) out.push({ eco: 'files', name: baseName(doc.text.slice(t.end, (tokens[close] as Token).start)), start: t.end, end: (tokens[close] as Token).start });
    }
    if (t.type === 'identifier' && (doc.language === 'cmake' || doc.language === 'shell')) out.push({ eco: 'libraries', name: t.value, start: t.start, end: t.end });
  }
  for (const m of doc.text.matchAll(/(?:^|\s)-l([A-Za-z_][\w+-]*)/gm)) {
    const start = (m.index ?? 0) + m[0].indexOf('-l');
    out.push({ eco: 'libraries', name: m[1] as string, start, end: start + 2 + (m[1] as string).length });
  }
  return out;
}

/** npm names from `import … from 'x'`, `require('x')`, `import('x')` in JS/TS. */
function jsImports(doc: Document): DependencyRef[] {
  const out: DependencyRef[] = [];
  for (const m of doc.text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g)) {
    const spec = m[2] as string;
    const name = /^(@[^/]+\/[^/]+|[^/.][^/]*)/.exec(spec)?.[1];
    const start = (m.index ?? 0) + m[0].length - spec.length - 1;
    if (name) out.push({ eco: 'npm', name, start, end: start + spec.length + 2 });
  }
  return out;
}

/** Go import paths: string literals in .go files. */
function goImports(doc: Document): DependencyRef[] {
  return doc.tokens.filter((t) => t.type === 'string' && /^[a-z0-9.-]+\.[a-z]{2,}\//.test(t.value)).map((t) => ({ eco: 'go' as const, name: t.value, start: t.start, end: t.end }));
}

export function dependencyRefs(doc: Document): DependencyRef[] {
  const file = baseName(doc.path).toLowerCase();
  const refs: DependencyRef[] = [...xmlAndGradle(doc, file)];
  if (doc.kind === 'markdown' || doc.kind === 'text') return [...refs, ...installCommands(doc)];
  if (doc.language === 'requirements') return [...refs, ...requirementsTxt(doc)];
  if (file === 'pyproject.toml' || file === 'pipfile') return [...refs, ...tomlManifest(doc)];
  if (file === 'setup.cfg') return [...refs, ...setupCfg(doc)];
  if (doc.kind === 'json' || doc.kind === 'yaml') return [...refs, ...dataManifest(doc, file)];
  if (file === 'setup.py') refs.push(...setupPy(doc));
  if (doc.kind === 'javascript') refs.push(...jsImports(doc));
  if (doc.language === 'go') refs.push(...goImports(doc));
  if (doc.language === 'shell' || doc.language === 'powershell') refs.push(...installCommands(doc));
  return [...refs, ...moduleImports(doc), ...nativeLibraries(doc)];
}
