// The packed npm tarball is a working tool on its own: installed into an empty folder, its
// `ethnolint` binary scans a fixture. Uses npm's cache (filled by `npm ci`), no network needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

it('npm pack gives a tarball that installs into an empty folder and scans a fixture', () => {
  const work = mkdtempSync(join(tmpdir(), 'ethnolint-pack-'));
  execFileSync(npm, ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const project = join(work, 'project');
  cpSync(join(ROOT, 'fixtures', 'demo'), join(project, 'demo'), { recursive: true });
  execFileSync(npm, ['init', '-y'], { cwd: project, stdio: 'pipe' });
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball as string)], { cwd: project, stdio: 'pipe' });
  const r = spawnSync(join(project, 'node_modules', '.bin', 'ethnolint'), ['-f', 'json', 'demo'], { cwd: project, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
  expect(report.findings.length).toBeGreaterThan(0);
}, 180_000);
