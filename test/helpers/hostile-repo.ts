// Builds a repository a hostile contributor could push: file-system traps (link loops, broken
// links, unreadable entries, a FIFO, names with control characters and invalid UTF-8),
// structures that attack parsers (alias bombs, deep nesting, huge lines, fields and outputs),
// code that would leave a marker file if anything in it were ever executed, and a few real
// violations that a scan must still find.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Expected {
  /** Repository-relative path (as the scanner prints it relative to the root). */
  path: string;
  line: number;
  ruleId: string;
}

export interface HostileRepo {
  /** Parent folder: holds `repo/` and `markers/`. */
  base: string;
  /** The tree to scan. */
  root: string;
  /** Where executed code would write; must stay empty. */
  markers: string;
  /** Findings that must be reported. */
  violations: Expected[];
  /** Paths (relative to root) that a scan must report as skipped or with a notice, and whether that holds as root too. */
  /** Files or folders the scan must report; with `prefix`, any report under that path counts. */
  reported: { path: string; reasons: string[]; evenAsRoot: boolean; prefix?: boolean }[];
  /** False when mkfifo is missing (then no FIFO was made). */
  hasFifo: boolean;
  /** False when python3 is missing (then no socket was made). */
  hasSocket: boolean;
  /** The raw name bytes of the file whose name is not UTF-8. */
  nonUtf8Name: Buffer;
}

const MIB = 1024 * 1024;

function write(root: string, rel: string, content: string | Buffer): void {
  const abs = join(root, rel);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, content);
}

/** JavaScript that writes `marker` when run by Node. */
function jsMarker(marker: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'executed');\nmodule.exports = { rules: {} };\n`;
}

export function buildHostileRepo(): HostileRepo {
  const base = mkdtempSync(join(tmpdir(), 'ethnolint-hostile-'));
  const root = join(base, 'repo');
  const markers = join(base, 'markers');
  mkdirSync(root);
  mkdirSync(markers);
  const violations: Expected[] = [];
  const reported: HostileRepo['reported'] = [];

  // --- Real violations in ordinary files -------------------------------------------------
  write(root, 'src/model.py', 'import torch\n\n\nrace_labels = ["asian", "black", "white", "indian"]\n');
  violations.push({ path: 'src/model.py', line: 4, ruleId: 'ethnicity-label' });
  write(root, 'data/labels.txt', 'uyghur\nhan\ntibetan\nother\n');
  violations.push({ path: 'data/labels.txt', line: 1, ruleId: 'ethnic-group-targeting' });
  write(root, 'config/head.json', '{\n  "heads": {\n    "ethnicity": {"classes": ["asian", "black", "white", "indian", "latino hispanic"]}\n  }\n}\n');
  violations.push({ path: 'config/head.json', line: 3, ruleId: 'ethnicity-label' });

  // --- File-system traps -------------------------------------------------------------------
  symlinkSync('.', join(root, 'loop'));
  symlinkSync('b-link', join(root, 'a-link'));
  symlinkSync('a-link', join(root, 'b-link'));
  symlinkSync('does-not-exist.py', join(root, 'broken.py'));
  for (const path of ['loop', 'a-link', 'b-link', 'broken.py']) reported.push({ path, reasons: ['symlink', 'not-found'], evenAsRoot: true });
  write(root, 'secret.py', 'race_labels = ["asian", "black", "white"]\n');
  chmodSync(join(root, 'secret.py'), 0o000);
  reported.push({ path: 'secret.py', reasons: ['unreadable'], evenAsRoot: false });
  write(root, 'locked/inside.py', 'x = 1\n');
  chmodSync(join(root, 'locked'), 0o000);
  reported.push({ path: 'locked', reasons: ['unreadable'], evenAsRoot: false });
  let hasFifo = true;
  try {
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    reported.push({ path: 'pipe.py', reasons: ['special-file'], evenAsRoot: true });
  } catch {
    hasFifo = false;
  }
  // Names that try to break a terminal or a report; the escape and RTL ones hold violations so
  // that they appear in every report format.
  write(root, 'names/new\nline.py', 'x = 1\n');
  write(root, `names/quo"te's.py`, 'x = 2\n');
  write(root, 'names/esc\x1b[31mred.py', 'race_labels = ["asian", "black", "white", "indian"]\n');
  violations.push({ path: 'names/esc\x1b[31mred.py', line: 1, ruleId: 'ethnicity-label' });
  write(root, 'names/rtl\u202eyp.py', 'race_labels = ["asian", "black", "white", "indian"]\n');
  violations.push({ path: 'names/rtl\u202eyp.py', line: 1, ruleId: 'ethnicity-label' });
  const nonUtf8Name = Buffer.concat([Buffer.from(join(root, 'names'), 'utf8'), Buffer.from('/bad\xff\xfename.py', 'latin1')]);
  writeFileSync(nonUtf8Name, 'race_labels = ["asian", "black", "white", "indian"]\n');
  // Scanned all the same: the name keeps its bytes as U+DC80–U+DCFF (see src/fs-names.ts).
  violations.push({ path: 'names/bad\udcff\udcfename.py', line: 1, ruleId: 'ethnicity-label' });

  // Long paths: one just under PATH_MAX (4096 bytes) holds a violation and is scanned; one
  // beyond it cannot be opened by any path-based call and is reported, not fatal.
  const segment = 'd'.repeat(200);
  const deep = ['deep', ...Array<string>(Math.floor((4000 - root.length) / 201) - 1).fill(segment)].join('/');
  mkdirSync(join(root, deep), { recursive: true });
  write(root, `${deep}/labels.py`, 'race_labels = ["asian", "black", "white", "indian"]\n');
  violations.push({ path: `${deep}/labels.py`, line: 1, ruleId: 'ethnicity-label' });
  // mkdir(1) creates it component by component; no absolute path that long can be used.
  execFileSync('mkdir', ['-p', ['deeper', ...Array<string>(25).fill(segment)].join('/')], { cwd: root });
  reported.push({ path: 'deeper/', reasons: ['unreadable'], evenAsRoot: true, prefix: true });
  // A character device (root only): reported, never opened.
  try {
    execFileSync('mknod', [join(root, 'device.py'), 'c', '1', '3']);
    reported.push({ path: 'device.py', reasons: ['special-file'], evenAsRoot: true });
  } catch {
    // Not root, or no mknod: no device is made.
  }
  // A Unix socket: never opened. Made with Python, where present (Node removes its sockets on close).
  let hasSocket = true;
  try {
    execFileSync('python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', join(root, 'sock.py')]);
    reported.push({ path: 'sock.py', reasons: ['special-file'], evenAsRoot: true });
  } catch {
    hasSocket = false;
  }

  // --- Structures that attack parsers --------------------------------------------------------
  // Each holds a trigger word, or the prefilter would spare the parser the attack.
  const bomb = ['a: &a ["race","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  // A billion laughs: the YAML parser must not expand it (no notice needed if it does not).
  write(root, 'attack/bomb.yaml', `${bomb.join('\n')}\n`);
  write(root, 'attack/deep.json', `${'['.repeat(100_000)}"race"${']'.repeat(100_000)}\n`);
  write(root, 'attack/deep-object.json', `${'{"race":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`);
  write(root, 'attack/deep.yaml', `${'- '.repeat(1)}${'['.repeat(50_000)}race${']'.repeat(50_000)}\n`);
  write(root, 'attack/deep.py', `x = ${'['.repeat(100_000)}"race"${']'.repeat(100_000)}\n`);
  // One bracket a line, so that it reaches the AST parser (one 200 KB line reads as minified).
  write(root, 'attack/deep.ts', `const x = ${'[\n'.repeat(50_000)}"race"${']\n'.repeat(50_000)};\n`);
  // These two parsers recurse: they must fail into the text scan with a notice, not crash.
  reported.push({ path: 'attack/deep.yaml', reasons: ['parse-error'], evenAsRoot: true });
  reported.push({ path: 'attack/deep.ts', reasons: ['parse-error'], evenAsRoot: true });
  write(root, 'attack/deep.pbtxt', `${'item { '.repeat(50_000)}name: "race"${' }'.repeat(50_000)}\n`);
  // 20 MB of minified JSON on one line, with a violation near its end.
  const record = '{"id":12345,"bbox":[1,2,3,4],"score":0.98,"category":"person"},';
  const big = `{"annotations":[${record.repeat(Math.ceil((20 * MIB) / record.length))}{"id":0}],"race_labels":["asian","black","white","indian"]}`;
  write(root, 'attack/big.min.json', big);
  violations.push({ path: 'attack/big.min.json', line: 1, ruleId: 'ethnicity-label' });
  reported.push({ path: 'attack/big.min.json', reasons: ['text-pass-only'], evenAsRoot: true });
  write(root, 'attack/huge-field.csv', `id,race\n1,"${'x'.repeat(10_000_000)}"\n2,short\n`);
  reported.push({ path: 'attack/huge-field.csv', reasons: ['large-file'], evenAsRoot: true });
  const b64 = Buffer.alloc(15 * MIB, 7).toString('base64'); // 20 MiB of base64
  const notebook = {
    cells: [
      { cell_type: 'code', metadata: {}, source: ['import numpy as np\n', 'race = None\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': b64 } }] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  write(root, 'attack/huge-output.ipynb', JSON.stringify(notebook));
  reported.push({ path: 'attack/huge-output.ipynb', reasons: ['text-pass-only'], evenAsRoot: true });
  write(root, 'attack/unterminated.py', 'x = "never closed\ny = \'\'\'also never closed\nrace = (\n');
  write(root, 'attack/rejected.ts', 'const x: = ;\nclass { enum }}}\nlet race_labels = ["asian", "black", "white", "indian"];\n');
  violations.push({ path: 'attack/rejected.ts', line: 3, ruleId: 'ethnicity-label' });
  reported.push({ path: 'attack/rejected.ts', reasons: ['parse-error'], evenAsRoot: true });

  // --- Code that must never run ---------------------------------------------------------------
  write(root, '.ethnolint.js', jsMarker(join(markers, 'config-js')));
  write(root, '.ethnolintrc.cjs', jsMarker(join(markers, 'config-cjs')));
  write(root, 'node_modules/ethnolint-plugin-x/package.json', '{"name":"ethnolint-plugin-x","main":"index.js"}\n');
  write(root, 'node_modules/ethnolint-plugin-x/index.js', jsMarker(join(markers, 'plugin')));
  write(root, '.git/HEAD', 'ref: refs/heads/main\n');
  write(root, '.git/refs/heads/main', '0123456789abcdef0123456789abcdef01234567\n');
  const hook = join(markers, 'hook.sh');
  writeFileSync(hook, `#!/bin/sh\ntouch ${JSON.stringify(join(markers, 'fsmonitor'))}\n`, { mode: 0o755 });
  write(root, '.git/config', `[core]\n\tfsmonitor = ${hook}\n\thooksPath = .git/hooks\n[remote "origin"]\n\turl = https://example.com/x.git\n[filter "evil"]\n\tclean = ${hook}\n\tsmudge = ${hook}\n`);
  write(root, '.gitattributes', '* filter=evil\n');
  write(root, '.git/hooks/pre-commit', `#!/bin/sh\ntouch ${JSON.stringify(join(markers, 'pre-commit'))}\n`);
  chmodSync(join(root, '.git/hooks/pre-commit'), 0o755);

  return { base, root, markers, violations, reported, hasFifo, hasSocket, nonUtf8Name };
}

/** Makes the tree removable again (chmod 000 entries) before rm -r. */
export function unlockHostileRepo(repo: HostileRepo): void {
  for (const rel of ['secret.py', 'locked']) {
    try {
      chmodSync(join(repo.root, rel), 0o755);
    } catch {
      // already gone
    }
  }
}
