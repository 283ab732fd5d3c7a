// The history scan's public surface, for commands that embed it (e.g. a batch scan):
//
//   const { scanHistory } = await import('./history/index.js');
//   const result = await scanHistory(repoRoot, { rules, exclude });
//   for (const entry of result.entries) … entry.introduced, entry.removed, entry.presentAtHead
//
// scanHistory throws NotAGitRepositoryError outside a repository and GitError when git fails.
export { NotAGitRepositoryError, repositoryRoot, scanHistory } from './scan-history.js';
export type { CommitRef, HistoryEntry, HistoryOptions, HistoryProgress, HistoryResult, HistoryStats } from './types.js';
export { GitError } from './git-process.js';
export { entryStatus, formatHistoryJson, formatHistoryText, HISTORY_SCHEMA_VERSION, historyFails, type EntryStatus } from './report.js';
