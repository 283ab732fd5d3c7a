// Findings the engine itself reports about suppressions, as opposed to the detection rules in
// rules/. They have rule-like metadata so that every output (text, JSON, SARIF descriptors),
// --list-rules and `explain` treat them like rules.
import type { RuleMeta, Severity } from './types.js';

export const DIAGNOSTIC_IDS = ['suppression-without-reason', 'unused-suppression'] as const;
export type DiagnosticId = (typeof DIAGNOSTIC_IDS)[number];

const SUPPRESSION_TAGS = ['suppression', 'maintainability'];

export const DIAGNOSTICS: Record<DiagnosticId, RuleMeta> = {
  'suppression-without-reason': {
    name: 'SuppressionWithoutReason',
    shortDescription: 'An inline suppression gives no reason, so it suppresses nothing.',
    fullDescription:
      'An ethnolint-disable directive has no "-- reason" text. Every suppression must say why the finding is acceptable, so that a reviewer can judge it; without one the directive is ignored and the findings it would hide are reported.',
    defaultSeverity: 'error',
    securitySeverity: 5,
    precision: 'very-high',
    tags: SUPPRESSION_TAGS,
    references: [],
    docs: 'docs/diagnostics/suppression-without-reason.md',
  },
  'unused-suppression': {
    name: 'UnusedSuppression',
    shortDescription: 'A suppression matched no finding.',
    fullDescription:
      'An inline directive or a configuration exception suppressed nothing in this scan (reported with --report-unused-suppressions). A stale suppression may later hide a new finding nobody reviewed.',
    defaultSeverity: 'warning',
    securitySeverity: 3,
    precision: 'very-high',
    tags: SUPPRESSION_TAGS,
    references: [],
    docs: 'docs/diagnostics/unused-suppression.md',
  },
};

export function isDiagnosticId(id: string): id is DiagnosticId {
  return (DIAGNOSTIC_IDS as readonly string[]).includes(id);
}

/** Effective severity of each diagnostic; 'off' stops it being reported. */
export type DiagnosticSeverities = Record<DiagnosticId, Severity | 'off'>;

export const DEFAULT_DIAGNOSTIC_SEVERITIES: DiagnosticSeverities = {
  'suppression-without-reason': DIAGNOSTICS['suppression-without-reason'].defaultSeverity,
  'unused-suppression': DIAGNOSTICS['unused-suppression'].defaultSeverity,
};
