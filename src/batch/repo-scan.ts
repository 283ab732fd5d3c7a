// Scans one repository folder with the ordinary scan, as if ethnolint ran in its root: paths in
// findings are relative to the repository.
import { rules as builtInRules } from '../../rules/index.js';
import { scan, type ScanOutput } from '../scan.js';
import { activeRulesById } from '../worker-setup.js';
import type { RepoSettings } from './plan.js';

export function scanRepository(root: string, settings: RepoSettings, jobs: number): Promise<ScanOutput> {
  return scan({
    cwd: root,
    paths: ['.'],
    gitignore: settings.gitignore,
    include: settings.include,
    exclude: settings.exclude,
    followSymlinks: false, // an untrusted repository's links could point anywhere on this machine
    maxFileSize: settings.maxFileSize,
    rules: activeRulesById(settings.rules),
    jobs,
    inlineSuppressions: settings.inlineSuppressions,
    exceptions: settings.exceptions,
    knownRuleIds: builtInRules.map((r) => r.id),
  });
}
