// A hostile repository, scanned by the real CLI: the scan completes, every real violation is
// found, every file it could not read is reported with a reason, names cannot reach a terminal
// raw or break SARIF URIs, nothing in the tree is executed, and memory stays bounded.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/run-cli.js';
import { buildHostileRepo, unlockHostileRepo, type HostileRepo } from './helpers/hostile-repo.js';

interface JsonReport {
  findings: { path: string; line: number; column: number; ruleId: string }[];
  skipped: { path: string; reason: string; message: string }[];
  notices: { path: string; reason: string; message: string }[];
}

interface SarifReport {
  runs: {
    results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    invocations: { toolExecutionNotifications?: { locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  }[];
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const asRoot = process.getuid?.() === 0;

let repo: HostileRepo;

/** Runs the CLI in the repo; with /usr/bin/time, also its peak RSS in KiB. */
function scan(args: string[]): { status: number | null; stdout: string; stderr: string; peakKiB?: number } {
  const argv = [BIN, ...args, '.'];
  const [command, commandArgs] = TIME ? [TIME, ['-f', 'peak-rss-kib %M', process.execPath, ...argv]] : [process.execPath, argv];
  const r = spawnSync(command, commandArgs, {
    cwd: repo.root,
    encoding: 'utf8',
    // No git, no network, no colour: if any of them were tried, the markers or the timeout tell.
    env: { ...process.env, NO_COLOR: '1', GIT_DIR: undefined },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const peak = /peak-rss-kib (\d+)/.exec(r.stderr)?.[1];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, peakKiB: peak === undefined ? undefined : Number(peak) };
}

let json: ReturnType<typeof scan>;
let report: JsonReport;
let text: ReturnType<typeof scan>;
let sarif: ReturnType<typeof scan>;

beforeAll(() => {
  repo = buildHostileRepo();
  json = scan(['-f', 'json']);
  report = JSON.parse(json.stdout) as JsonReport;
  text = scan(['-f', 'text']);
  // SARIF also reads git metadata (versionControlProvenance).
  sarif = scan(['-f', 'sarif']);
}, 240_000);

afterAll(() => {
  if (!repo) return;
  unlockHostileRepo(repo);
  // rm(1), because the deepest folder is beyond PATH_MAX, which Node's rmSync cannot remove.
  execFileSync('rm', ['-rf', repo.base]);
});

describe('a hostile repository', () => {
  it('completes with exit code 1 and finds every real violation', () => {
    expect(json.stderr).not.toMatch(/internal error/);
    expect(json.status).toBe(1);
    const found = report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`);
    for (const v of repo.violations) expect(found).toContain(`${v.path}:${v.line} ${v.ruleId}`);
  });

  it('reports every file it could not read or parse, with a reason', () => {
    const all = [...report.skipped, ...report.notices];
    for (const expected of repo.reported) {
      if (!expected.evenAsRoot && asRoot) continue;
      const entry = all.find((n) => (expected.prefix ? n.path.startsWith(expected.path) : n.path === expected.path));
      expect(entry, `${expected.path} reported`).toBeDefined();
      expect(expected.reasons, `${expected.path}: ${entry?.reason} ${entry?.message}`).toContain(entry?.reason);
    }
    if (!repo.hasFifo) return;
    expect(all.find((n) => n.path === 'pipe.py')?.message).toMatch(/FIFO/);
  });

  it('scans the file whose name is not UTF-8 and shows its bytes escaped', () => {
    expect(report.findings.map((f) => f.path)).toContain('names/bad\udcff\udcfename.py');
    expect(text.stdout).toContain('names/bad\\xff\\xfename.py');
    const uris = (JSON.parse(sarif.stdout) as SarifReport).runs[0]?.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris).toContain('names/bad%FF%FEname.py');
  });

  it('never opens a socket (where python3 could make one)', () => {
    if (!repo.hasSocket) return;
    expect([...report.skipped, ...report.notices].find((n) => n.path === 'sock.py')?.message).toMatch(/socket/);
  });

  it('gives a large file a text pass instead of skipping it, with the right line and column', () => {
    const finding = report.findings.find((f) => f.path === 'attack/big.min.json');
    expect(finding).toBeDefined();
    expect(finding?.line).toBe(1);
    expect(finding?.column).toBeGreaterThan(20 * 1024 * 1024);
  });

  it('executes nothing from the tree: no config, plugin, git hook or fsmonitor ran', () => {
    expect(readdirSync(repo.markers).filter((n) => n !== 'hook.sh')).toEqual([]);
  });

  it('prints no raw escape or bidi control from file names in the text report', () => {
    expect(text.status).toBe(1);
    for (const output of [text.stdout, text.stderr]) {
      expect(output).not.toContain('\x1b');
      expect(output).not.toContain('\u202e');
    }
    expect(text.stdout).toContain('esc\\x1b[31mred.py');
    expect(text.stdout).toContain('rtl\\u202eyp.py');
  });

  it('percent-encodes SARIF URIs', () => {
    expect(sarif.status).toBe(1);
    const run = (JSON.parse(sarif.stdout) as SarifReport).runs[0];
    const uris = [
      ...(run?.results ?? []).flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri)),
      ...(run?.invocations ?? []).flatMap((i) => (i.toolExecutionNotifications ?? []).flatMap((n) => (n.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri))),
    ];
    expect(uris.length).toBeGreaterThan(repo.violations.length);
    for (const uri of uris) expect(uri).toMatch(/^[A-Za-z0-9\-._~%/]+$/);
    expect(uris).toContain('names/esc%1B%5B31mred.py');
    expect(uris).toContain('names/rtl%E2%80%AEyp.py');
  });

  it.runIf(TIME)('keeps peak memory under 1 GiB', () => {
    expect(json.peakKiB).toBeDefined();
    expect(json.peakKiB).toBeLessThan(1024 * 1024);
  });

  it('completes with --follow-symlinks too (loops are detected)', () => {
    const followed = scan(['-f', 'json', '--follow-symlinks']);
    expect(followed.status).toBe(1);
    const r = JSON.parse(followed.stdout) as JsonReport;
    expect(r.findings.map((f) => f.path)).toContain('src/model.py');
    expect([...r.skipped, ...r.notices].some((n) => n.path === 'a-link' && /loop/.test(n.message))).toBe(true);
  });
});
