// The informational commands: --list-rules and `explain <rule-id>`.
import { rules } from '../rules/index.js';
import type { Io } from './cli.js';
import { DIAGNOSTIC_IDS, DIAGNOSTICS } from './diagnostics.js';
import { readRuleDocs } from './package-info.js';
import type { RuleMeta } from './types.js';

/** The detection rules, then the engine's suppression diagnostics. */
function described(): { id: string; meta: RuleMeta }[] {
  return [...rules, ...DIAGNOSTIC_IDS.map((id) => ({ id, meta: DIAGNOSTICS[id] }))];
}

export function runListRules(io: Pick<Io, 'stdout'>): number {
  const all = described();
  const width = Math.max(...all.map((r) => r.id.length));
  const line = (r: { id: string; meta: RuleMeta }): string => `${r.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.shortDescription}`;
  const detection = rules.map(line);
  const diagnostics = DIAGNOSTIC_IDS.map((id) => line({ id, meta: DIAGNOSTICS[id] }));
  io.stdout(`${detection.join('\n')}\n\nSuppression diagnostics:\n${diagnostics.join('\n')}\n`);
  return 0;
}

export function runExplain(id: string, io: Pick<Io, 'stdout' | 'stderr'>): number {
  const rule = described().find((r) => r.id === id);
  if (!rule) {
    io.stderr(`ethnolint: unknown rule id "${id}" (see --list-rules)\n`);
    return 2;
  }
  const docs = readRuleDocs(rule.meta.docs);
  io.stdout(docs.endsWith('\n') ? docs : `${docs}\n`);
  return 0;
}
