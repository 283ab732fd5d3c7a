// The informational commands: --list-rules and `explain <rule-id>`.
import { rules } from '../rules/index.js';
import type { Io } from './cli.js';
import { readRuleDocs } from './package-info.js';

export function runListRules(io: Pick<Io, 'stdout'>): number {
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.shortDescription}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

export function runExplain(id: string, io: Pick<Io, 'stdout' | 'stderr'>): number {
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    io.stderr(`ethnolint: unknown rule id "${id}" (see --list-rules)\n`);
    return 2;
  }
  const docs = readRuleDocs(rule.meta.docs);
  io.stdout(docs.endsWith('\n') ? docs : `${docs}\n`);
  return 0;
}
