// Runs Microsoft's SARIF Multitool validator (the @microsoft/sarif-multitool devDependency) on
// a SARIF log and returns its errors and warnings. The rule kinds "Sarif;Gh" are the SARIF
// spec rules plus GitHub code scanning's ingestion requirements.

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ValidationReport {
  errors: string[];
  warnings: string[];
  notes: string[];
}

/** Path of the platform's Sarif.Multitool binary, made executable if the package lost its run bit. */
export function multitoolPath(): string {
  const require = createRequire(import.meta.url);
  const binary = require(`@microsoft/sarif-multitool-${process.platform}`) as string;
  const mode = statSync(binary).mode;
  if ((mode & 0o111) !== 0o111) chmodSync(binary, mode | 0o755);
  return binary;
}

interface ValidatorResult {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  message?: { text?: string; id?: string; arguments?: string[] };
  locations?: { physicalLocation?: { region?: { startLine?: number; startColumn?: number } } }[];
}

interface ValidatorNotification {
  level?: string;
  message?: { text?: string };
}

interface ValidatorLog {
  runs?: {
    tool?: { driver?: { rules?: { id?: string; messageStrings?: Record<string, { text?: string }> }[] } };
    results?: ValidatorResult[];
    invocations?: { toolExecutionNotifications?: ValidatorNotification[]; toolConfigurationNotifications?: ValidatorNotification[] }[];
  }[];
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Validates `sarifText`; results of level error/warning are returned with their rule id, notes separately. */
export async function validateSarif(sarifText: string): Promise<ValidationReport> {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-sarif-'));
  try {
    const input = join(dir, 'input.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarifText);
    const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' };
    const proc = await run(
      multitoolPath(),
      ['validate', input, '--rule-kind', 'Sarif;Gh', '--output', output, '--log', 'ForceOverwrite', '--quiet'],
      env,
    );
    let log: ValidatorLog;
    try {
      log = JSON.parse(readFileSync(output, 'utf8')) as ValidatorLog;
    } catch {
      return { errors: [`validator produced no log (exit ${proc.code}): ${proc.stdout}${proc.stderr}`], warnings: [], notes: [] };
    }
    const report: ValidationReport = { errors: [], warnings: [], notes: [] };
    for (const r of log.runs ?? []) {
      const rules = r.tool?.driver?.rules ?? [];
      for (const res of r.results ?? []) {
        const region = res.locations?.[0]?.physicalLocation?.region;
        const where = region ? ` (${region.startLine ?? '?'}:${region.startColumn ?? '?'})` : '';
        const rule = res.ruleIndex !== undefined ? rules[res.ruleIndex] : rules.find((d) => d.id === res.ruleId);
        const template = res.message?.text ?? rule?.messageStrings?.[res.message?.id ?? '']?.text ?? res.message?.id ?? '';
        const args = res.message?.arguments ?? [];
        const message = template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
        const text = `${res.ruleId ?? '?'}${where}: ${message}`;
        const level = res.level ?? 'warning'; // SARIF's default level
        if (level === 'error') report.errors.push(text);
        else if (level === 'warning') report.warnings.push(text);
        else report.notes.push(text);
      }
      for (const inv of r.invocations ?? []) {
        for (const n of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])]) {
          const text = `validator notification: ${n.message?.text ?? ''}`;
          if (n.level === 'error' || n.level === undefined) report.errors.push(text);
          else if (n.level === 'warning') report.warnings.push(text);
        }
      }
    }
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
