// SARIF compared with a baseline (baselineState, run properties) still passes Microsoft's SARIF
// Multitool validator with the SARIF spec rules and GitHub's ingestion rules.
import { expect, it } from 'vitest';
import { formatSarif } from '../src/formatters/sarif.js';
import { sampleResult } from './helpers/sample-result.js';
import { validateSarif } from './helpers/sarif-validator.js';

it('a baselined SARIF log validates with zero errors and warnings', async () => {
  const sarif = formatSarif(sampleResult({ baseline: { file: '.ethnolint-baseline.json', matched: 4, stale: 1, new: 2 } }));
  const log = JSON.parse(sarif) as { runs: { results: { baselineState?: string }[]; properties?: unknown }[] };
  expect(log.runs[0]?.results.every((r) => r.baselineState === 'new')).toBe(true);
  expect(log.runs[0]?.properties).toEqual({ baseline: { matched: 4, stale: 1, new: 2 } });
  const report = await validateSarif(sarif);
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
}, 180_000);
