// Measures `scanHistory` on a synthetic repository built with `git fast-import`: a main line of
// small commits that each touch a few files (some with violations that come and go), plus
// side branches that are never merged. Prints commits per second.
//
//   npm run build && node dist/scripts/history-bench.js [--commits 20000] [--files 200] [--keep DIR]
//                                                        [--plain] [--jobs N]
//
// --keep DIR builds (or reuses) the repository in DIR instead of a temporary folder. --plain
// fills files with text no rule can match (except the violations), which the prefilter passes
// over: it measures the walk itself (git, cat-file, cache) rather than the rules.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanHistory } from '../src/history/scan-history.js';

interface BenchOptions {
  commits: number;
  files: number;
  keep?: string;
  plain: boolean;
  jobs?: number;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { commits: 20_000, files: 200, plain: false };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--commits' && value) options.commits = Number(argv[++i]);
    else if (argv[i] === '--files' && value) options.files = Number(argv[++i]);
    else if (argv[i] === '--keep' && value) options.keep = argv[++i];
    else if (argv[i] === '--jobs' && value) options.jobs = Number(argv[++i]);
    else if (argv[i] === '--plain') options.plain = true;
  }
  return options;
}

/** A small deterministic PRNG (mulberry32), so every run builds the same repository. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VIOLATIONS = [
  'race_labels = ["asian", "black", "white", "indian"]\n',
  'ethnicity_classes = ["asian", "black", "white"]\n',
];

function fileContent(file: number, version: number, violation: string | undefined): string {
  const lines = [`# module ${file}, revision ${version}`, 'import numpy as np', '', `def step_${file}(x):`, `    return np.tanh(x) * ${version % 97}`, ''];
  for (let i = 0; i < 12; i++) lines.push(`CONFIG_${i} = {"lr": ${(version % 13) / 1000}, "layers": [${i}, ${file % 7}], "name": "block-${i}"}`);
  if (violation) lines.push(violation);
  return `${lines.join('\n')}\n`;
}

function pathOf(file: number, plain: boolean): string {
  const kind = file % 4 === 0 && !plain ? 'json' : 'py';
  const name = `mod_${file}.${kind}`;
  return `pkg${file % 10}/sub${file % 3}/${name}`;
}

function plainContent(file: number, version: number, violation: string | undefined): string {
  const lines = [`# module ${file}, revision ${version}`];
  for (let i = 0; i < 16; i++) lines.push(`value_${i} = ${(version * 31 + i) % 1000}`);
  if (violation) lines.push(violation);
  return `${lines.join('\n')}\n`;
}

function contentFor(file: number, version: number, violation: string | undefined, plain: boolean): string {
  if (plain) return plainContent(file, version, violation);
  if (file % 4 !== 0) return fileContent(file, version, violation);
  const data: Record<string, unknown> = { revision: version, classes: ['cat', 'dog', 'bird'], lr: (version % 13) / 1000 };
  if (violation) data.race = ['asian', 'black', 'white', 'indian'];
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The fast-import stream, produced lazily so a large history never sits in memory. */
function* fastImportStream(options: BenchOptions): Generator<string> {
  const rand = random(42);
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let epoch = 1_700_000_000;
  const version = new Array<number>(options.files).fill(0);
  const violating = new Array<boolean>(options.files).fill(false);
  let mark = 0;
  for (let c = 0; c < options.commits; c++) {
    epoch += 60;
    const side = c > 0 && c % 1000 === 999;
    const ref = side ? `refs/heads/side-${c}` : 'refs/heads/main';
    mark++;
    let out = `commit ${ref}\nmark :${mark}\n`;
    out += `author Bench Author <bench@example.com> ${epoch} +0000\ncommitter Bench Author <bench@example.com> ${epoch} +0000\n`;
    out += data(`commit ${c}`);
    // A side branch starts from the previous commit; main continues from its own tip.
    if (side) out += `from :${mark - 1}\n`;
    const touched = c === 0 ? options.files : 1 + Math.floor(rand() * 3);
    for (let t = 0; t < touched; t++) {
      const file = c === 0 ? t : Math.floor(rand() * options.files);
      version[file] = (version[file] ?? 0) + 1;
      // A violation appears in about one change in fifty and is fixed about five changes later,
      // so about one file in ten holds one at any time.
      if (rand() < (violating[file] ? 0.2 : 0.02)) violating[file] = !violating[file];
      const v = violating[file] ? VIOLATIONS[file % VIOLATIONS.length] : undefined;
      out += `M 100644 inline ${pathOf(file, options.plain)}\n${data(contentFor(file, version[file] ?? 0, v, options.plain))}`;
    }
    yield out;
  }
}

async function buildRepository(dir: string, options: BenchOptions): Promise<void> {
  const git = (args: string[], input?: Iterable<string>): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args[0]} exited with ${code}`))));
      if (!input) return void child.stdin.end();
      const it = input[Symbol.iterator]();
      const pump = (): void => {
        for (let next = it.next(); !next.done; next = it.next()) if (!child.stdin.write(next.value)) return void child.stdin.once('drain', pump);
        child.stdin.end();
      };
      pump();
    });
  await git(['init', '-q', '-b', 'main']);
  await git(['fast-import', '--quiet'], fastImportStream(options));
  await git(['checkout', '-q', 'main']);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), 'ethnolint-history-bench-'));
  try {
    if (!existsSync(join(dir, '.git'))) {
      mkdirSync(dir, { recursive: true });
      const built = performance.now();
      await buildRepository(dir, options);
      console.log(`built ${options.commits} commits over ${options.files} files in ${((performance.now() - built) / 1000).toFixed(1)} s: ${dir}`);
    }
    const cpuBefore = process.cpuUsage();
    const result = await scanHistory(dir, options.jobs ? { jobs: options.jobs } : {});
    const cpu = process.cpuUsage(cpuBefore);
    const { commitsWalked, headLineCommits, blobsScanned, blobsCached, elapsedMs } = result.stats;
    const rate = Math.round(commitsWalked / (elapsedMs / 1000));
    console.log(
      `${commitsWalked} commits (${headLineCommits} on HEAD's line), ${blobsScanned} blobs scanned, ${blobsCached} from cache, ` +
        `${result.entries.length} distinct findings (${result.entries.filter((e) => e.presentAtHead).length} at HEAD) in ${(elapsedMs / 1000).toFixed(1)} s: ${rate} commits/s`,
    );
    console.log(`ethnolint process CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (git's own processes not included); load average ${loadavg()[0]?.toFixed(1)}`);
    console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
