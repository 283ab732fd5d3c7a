// SIGINT and SIGTERM during a scan: the process stops promptly with 130 or 143 and leaves
// neither the -o report nor a temporary file behind.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/run-cli.js';

let base: string;
const BODY = 'race_labels = ["asian", "black", "white", "indian"]\n' + 'def f(x):\n    return x + 1\n'.repeat(200);

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ethnolint-signal-'));
  // 3,000 files with findings: several seconds of work, long enough to interrupt.
  for (let d = 0; d < 30; d++) {
    mkdirSync(join(base, 'tree', `d${d}`), { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(join(base, 'tree', `d${d}`, `f${i}.py`), BODY);
  }
  // One flat folder: the walker then yields file after file without real I/O in between.
  mkdirSync(join(base, 'flat'));
  for (let i = 0; i < 3000; i++) writeFileSync(join(base, 'flat', `f${i}.py`), BODY);
  // One 100 MB file: seconds of streaming text pass in a single file.
  mkdirSync(join(base, 'big'));
  writeFileSync(join(base, 'big', 'huge.py'), 'value = compute(alpha, beta, gamma)  # an ordinary line\n'.repeat(1_800_000));
  mkdirSync(join(base, 'out'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from the signal to the exit. */
  afterSignal: number;
}

function interrupt(signal: NodeJS.Signals, jobs: string, target: string, delayMs: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '-f', 'json', '-j', jobs, '--max-file-size', '1M', '-o', join(base, 'out', 'report.json'), target], { cwd: base, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      sentAt = performance.now();
      child.kill(signal);
    }, delayMs);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig, stderr, afterSignal: performance.now() - sentAt });
    });
  });
}

/** Interrupts a scan; a process still starting up (handlers not yet set) is retried later. */
async function interruptScan(signal: NodeJS.Signals, jobs: string, target: string): Promise<Ended> {
  let ended: Ended | undefined;
  for (const delay of [300, 700, 1500]) {
    ended = await interrupt(signal, jobs, target, delay);
    if (ended.signal === null) break;
  }
  return ended as Ended;
}

describe('an interrupted scan', () => {
  // -j 2 scans in worker threads; -j 1 in-process, where the scan loop and the text pass of a
  // huge file must yield to the event loop, or the signal handler would wait for their end.
  it.each([
    ['SIGINT', 130, '2', 'tree'],
    ['SIGTERM', 143, '2', 'tree'],
    ['SIGINT', 130, '1', 'flat'],
    ['SIGINT', 130, '1', 'big'],
  ] as const)('%s exits %i promptly and leaves no report or temporary file (-j %s, %s)', async (signal, code, jobs, target) => {
    const ended = await interruptScan(signal, jobs, target);
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(code);
    expect(ended.stderr).toContain(`interrupted (${signal})`);
    expect(ended.afterSignal).toBeLessThan(2000);
    expect(readdirSync(join(base, 'out'))).toEqual([]);
  }, 30_000);

  it('still writes the report when not interrupted', async () => {
    const ended = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [BIN, '-f', 'json', '-o', join(base, 'out', 'report.json'), 'tree/d0'], { cwd: base }).on('close', resolve);
    });
    expect(ended).toBe(1);
    expect(readdirSync(join(base, 'out'))).toEqual(['report.json']);
    rmSync(join(base, 'out', 'report.json'));
  }, 30_000);
});
