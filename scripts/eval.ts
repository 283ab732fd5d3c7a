// npm run eval: precision and recall of every rule over the fixture corpus. A finding is a
// true positive when a fixture expects that rule on that line, a false positive otherwise; an
// expectation no finding meets is a false negative.
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { scan } from '../src/scan.js';
import { walk } from '../src/walker.js';
import { readExpectations } from './lib/expectations.js';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function ratio(n: number, d: number): string {
  return d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

async function main(): Promise<void> {
  const root = process.argv[2] ?? 'fixtures';
  const options = { cwd: PACKAGE_ROOT, paths: [root], gitignore: false, include: [], exclude: ['**/*.expect'], followSymlinks: false };
  const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));
  const { findings } = await scan({ ...options, maxFileSize: 10 * 1024 * 1024, rules: active });
  const counts = new Map<string, Counts>(rules.map((r) => [r.id, { tp: 0, fp: 0, fn: 0 }]));
  const pending = new Map<string, number>();
  for await (const entry of walk(options)) {
    if (entry.type !== 'file') continue;
    for (const e of readExpectations(join(PACKAGE_ROOT, entry.path))) {
      const key = `${entry.path}:${e.line}:${e.ruleId}`;
      pending.set(key, (pending.get(key) ?? 0) + 1);
    }
  }
  for (const f of findings) {
    const key = `${f.path}:${f.line}:${f.ruleId}`;
    const c = counts.get(f.ruleId) as Counts;
    const left = pending.get(key) ?? 0;
    if (left > 0) {
      c.tp++;
      pending.set(key, left - 1);
    } else c.fp++;
  }
  for (const [key, left] of pending) counts.get(key.slice(key.lastIndexOf(':') + 1))!.fn += left;
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const width = Math.max(...rules.map((r) => r.id.length), 5);
  console.log(`${'rule'.padEnd(width)}  ${'TP'.padStart(4)}  ${'FP'.padStart(4)}  ${'FN'.padStart(4)}  precision  recall`);
  for (const [id, c] of counts) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    console.log(`${id.padEnd(width)}  ${String(c.tp).padStart(4)}  ${String(c.fp).padStart(4)}  ${String(c.fn).padStart(4)}     ${ratio(c.tp, c.tp + c.fp)}  ${ratio(c.tp, c.tp + c.fn)}`);
  }
  console.log(`${'total'.padEnd(width)}  ${String(total.tp).padStart(4)}  ${String(total.fp).padStart(4)}  ${String(total.fn).padStart(4)}     ${ratio(total.tp, total.tp + total.fp)}  ${ratio(total.tp, total.tp + total.fn)}`);
}

await main();
