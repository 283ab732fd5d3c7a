// npm run bench: wall time, throughput and peak memory of a full scan (walk, prefilter, parse,
// rules, SARIF) on a deterministic synthetic ML repository or any folder, compared with ripgrep
// searching the same lexicon on the same tree. A benchmark, not a test: it prints a table and
// writes JSON so runs can be compared.
//
//   npm run bench -- [--dir PATH] [--size-mb 300] [--runs 5] [--out .bench/results.json] [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { lexicon } from '../rules/lib/lexicon.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { compilePrefilter } from '../src/prefilter.js';
import { generateTree } from './bench/generate.js';

interface Args {
  dir?: string;
  sizeMb: number;
  runs: number;
  out: string;
  quick: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizeMb: 300, runs: 5, out: join(PACKAGE_ROOT, '.bench', 'results.json'), quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => argv[++i] ?? '';
    if (a === '--dir') args.dir = next();
    else if (a === '--size-mb') args.sizeMb = Number(next());
    else if (a === '--runs') args.runs = Number(next());
    else if (a === '--out') args.out = next();
    else if (a === '--quick') args.quick = true;
  }
  if (args.quick) {
    args.sizeMb = Math.min(args.sizeMb, 60);
    args.runs = Math.min(args.runs, 3);
  }
  return args;
}

/** A synthetic tree of the given size, generated once and kept under .bench/. */
function syntheticTree(sizeMb: number): string {
  const dir = join(PACKAGE_ROOT, '.bench', `synthetic-${sizeMb}mb`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    const tree = generateTree(dir, sizeMb * 1024 * 1024);
    writeFileSync(marker, JSON.stringify(tree));
    process.stderr.write(`generated ${dir}: ${tree.files} files, ${(tree.bytes / 1048576).toFixed(0)} MB, ${tree.violations} violations (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  return dir;
}

interface Measure {
  seconds: number;
  maxRssMb: number;
  status: number | null;
}

/** Runs a command under GNU time for its peak RSS; wall time from our own clock. */
function measure(command: string, args: string[]): Measure {
  const timeFile = join(tmpdir(), `ethnolint-bench-${process.pid}.time`);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { seconds, maxRssMb: kb / 1024, status: r.status };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function runMany(command: string, args: string[], runs: number): Measure {
  measure(command, args); // warm the page cache and the module cache
  const all = Array.from({ length: runs }, () => measure(command, args));
  return { seconds: median(all.map((m) => m.seconds)), maxRssMb: Math.max(...all.map((m) => m.maxRssMb)), status: all[0]?.status ?? null };
}

function treeStats(dir: string): { files: number; mb: number } {
  const r = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  const files = spawnSync('find', [dir, '-type', 'f'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n').filter(Boolean).length;
  return { files, mb: Number(r.stdout.split('\t')[0]) / 1048576 };
}

const ETHNOLINT = join(PACKAGE_ROOT, 'bin', 'ethnolint.js');
const SARIF_OUT = join(tmpdir(), 'ethnolint-bench.sarif');

function scanArgs(dir: string, extra: string[] = []): string[] {
  return [ETHNOLINT, '--no-gitignore', '-f', 'sarif', '-o', SARIF_OUT, '--fail-on', 'never', ...extra, dir];
}

function hasRipgrep(): boolean {
  return spawnSync('rg', ['--version']).status === 0;
}

/** ripgrep over the same lexicon: every form a rule can match, as fixed strings. */
function ripgrepArgs(dir: string): string[] {
  const patterns = join(tmpdir(), 'ethnolint-bench.patterns');
  writeFileSync(patterns, `${lexicon().allForms().join('\n')}\n`);
  return ['-i', '-uu', '-l', '-F', '-f', patterns, dir];
}

/** MB/s of the prefilter alone over a sample of the tree's text, with the real and a 2,000-term lexicon. */
function prefilterThroughput(dir: string): { realMbS: number; bigMbS: number; terms: number } {
  const sample = spawnSync('bash', ['-c', `find ${JSON.stringify(dir)} -type f \\( -name '*.py' -o -name '*.ts' -o -name '*.json' \\) | head -400 | xargs cat`], { encoding: 'latin1', maxBuffer: 1 << 28 }).stdout;
  const text = sample.repeat(Math.max(1, Math.ceil((20 * 1048576) / Math.max(1, sample.length)))).slice(0, 20 * 1048576);
  const literals = [...new Set(rules.flatMap((r) => r.triggers ?? []))];
  const real = compilePrefilter(literals, { utf8Bytes: true });
  const big = compilePrefilter([...literals, ...syntheticTerms(2000 - literals.length)], { utf8Bytes: true });
  const rate = (p: ReturnType<typeof compilePrefilter>): number => {
    const chunks = text.match(/[\s\S]{1,65536}/g) ?? [];
    for (const c of chunks) p.test(c); // warm-up: compile the expression, let the JIT settle
    const t0 = performance.now();
    let hits = 0;
    for (let k = 0; k < 3; k++) for (const c of chunks) if (p.test(c)) hits++;
    const s = (performance.now() - t0) / 1000;
    return hits >= 0 ? (3 * text.length) / 1048576 / s : 0;
  };
  return { realMbS: rate(real), bigMbS: rate(big), terms: literals.length };
}

/** Deterministic pseudo-words to grow a lexicon for the scaling measurement. */
function syntheticTerms(n: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'zu', 'ne', 'ta', 'ri', 'so', 'vu', 'he', 'qa', 'xo', 'ji', 'we', 'by'];
  return Array.from({ length: Math.max(0, n) }, (_, i) => {
    let w = '';
    for (let k = i + 7; w.length < 9; k = Math.floor(k / 7) + i * 13 + w.length) w += syllables[k % syllables.length];
    return `${w}${i.toString(26).replace(/[0-9]/g, (d) => String.fromCharCode(97 + Number(d)))}`;
  });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir ?? syntheticTree(args.sizeMb);
  const stats = treeStats(dir);
  const full = runMany(process.execPath, scanArgs(dir), args.runs);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    tree: { dir, ...stats },
    ethnolint: { medianSeconds: full.seconds, filesPerSecond: stats.files / full.seconds, mbPerSecond: stats.mb / full.seconds, peakRssMb: full.maxRssMb },
  };
  const rows: [string, string][] = [
    ['tree', `${stats.files} files, ${stats.mb.toFixed(0)} MB`],
    ['ethnolint (median, warm)', `${full.seconds.toFixed(3)} s, ${(stats.files / full.seconds).toFixed(0)} files/s, ${(stats.mb / full.seconds).toFixed(0)} MB/s`],
    ['peak RSS', `${full.maxRssMb.toFixed(0)} MB`],
  ];
  if (hasRipgrep()) {
    const rg = runMany('rg', ripgrepArgs(dir), args.runs);
    results.ripgrep = { medianSeconds: rg.seconds, ratio: full.seconds / rg.seconds };
    rows.push(['rg -i -uu -l (median, warm)', `${rg.seconds.toFixed(3)} s`], ['ethnolint / rg', `${(full.seconds / rg.seconds).toFixed(2)}×`]);
  } else {
    rows.push(['ripgrep', 'not installed (apt-get install ripgrep) — ratio not measured']);
  }
  if (!args.dir) {
    const double = syntheticTree(args.sizeMb * 2);
    const d = runMany(process.execPath, scanArgs(double), args.runs);
    results.scaling = { sizeMb: args.sizeMb * 2, medianSeconds: d.seconds, ratio: d.seconds / full.seconds };
    rows.push(['2× size', `${d.seconds.toFixed(3)} s (${(d.seconds / full.seconds).toFixed(2)}× the time)`]);
    const small = join(PACKAGE_ROOT, '.bench', 'small-repo');
    if (!existsSync(join(small, '.complete'))) {
      rmSync(small, { recursive: true, force: true });
      writeFileSync((mkdirSync(small, { recursive: true }), join(small, '.complete')), JSON.stringify(generateTree(small, 2.5 * 1024 * 1024, 7)));
    }
    const s = runMany(process.execPath, scanArgs(small), args.runs);
    const smallStats = treeStats(small);
    results.smallRepo = { files: smallStats.files, medianSeconds: s.seconds };
    rows.push([`small repo (${smallStats.files} files)`, `${s.seconds.toFixed(3)} s`]);
  }
  const pf = prefilterThroughput(dir);
  results.prefilter = { terms: pf.terms, mbPerSecond: pf.realMbS, terms2000MbPerSecond: pf.bigMbS, slowdown: pf.realMbS / pf.bigMbS };
  rows.push([`prefilter, the rules' ${pf.terms} triggers`, `${pf.realMbS.toFixed(0)} MB/s`], ['prefilter, grown to 2,000 triggers', `${pf.bigMbS.toFixed(0)} MB/s (${(pf.realMbS / pf.bigMbS).toFixed(2)}× slower)`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results written to ${args.out}\n`);
}

main();
