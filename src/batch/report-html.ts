// PLACEHOLDER owned by another branch: the real self-contained HTML report replaces this file at
// merge. Only the signature is a contract: summary in, one HTML string out.
import type { BatchSummary } from './summary.js';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderReport(summary: BatchSummary): string {
  return `<!doctype html><meta charset="utf-8"><title>ethnolint batch report</title><pre>${escapeHtml(JSON.stringify(summary.totals, null, 2))}</pre>\n`;
}
