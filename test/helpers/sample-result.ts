// A realistic ScanResult for formatter tests: two rules with metadata and help, three findings
// in two files (one path with a space, one with non-ASCII characters), a binary skip and a
// parse-error notice.

import type { Finding, RunRule, ScanResult } from '../../src/types.js';

export const ETHNICITY_LABEL: RunRule = {
  id: 'ethnicity-label',
  severity: 'error',
  meta: {
    name: 'EthnicityLabel',
    shortDescription: 'Ethnicity or race used as a classification label',
    fullDescription:
      'A label set, class list or target column names ethnic or racial categories. Training a model to ' +
      'predict ethnicity or race from images, text or biometrics is high-risk or prohibited in several ' +
      'jurisdictions (e.g. biometric categorisation under the EU AI Act, Article 5(1)(g)).',
    defaultSeverity: 'error',
    securitySeverity: 9,
    precision: 'high',
    tags: ['ai-act', 'biometric-categorisation', 'external/cwe/cwe-359'],
    references: ['https://eur-lex.europa.eu/eli/reg/2024/1689/oj'],
    docs: 'rules/ethnicity-label.md',
  },
  helpMarkdown: [
    '# Ethnicity label',
    '',
    'Flags label sets such as `["asian", "black", "white"]` used as **classifier targets**.',
    '',
    '## Why',
    '',
    'See [Article 5 of the AI Act](https://eur-lex.europa.eu/eli/reg/2024/1689/oj) and _related guidance_.',
    '',
    '```python',
    'RACES = ["asian", "black", "white"]',
    '```',
    '',
  ].join('\n'),
};

export const FACE_API_RACE: RunRule = {
  id: 'face-api-race',
  severity: 'warning',
  meta: {
    name: 'FaceApiRaceAttribute',
    shortDescription: 'Face-analysis API call requests a race attribute.',
    fullDescription: 'A call to a face-analysis library or cloud API asks for race or ethnicity estimation.',
    defaultSeverity: 'warning',
    securitySeverity: 7.5,
    precision: 'very-high',
    tags: ['face-analysis', 'ai-act'],
    references: ['https://github.com/serengil/deepface'],
    docs: 'rules/face-api-race.md',
  },
  helpMarkdown: 'Flags calls like `DeepFace.analyze(img, actions=["race"])`.\n',
};

export const FINDINGS: Finding[] = [
  {
    ruleId: 'ethnicity-label',
    severity: 'error',
    message: 'Label set "asian, black, white" classifies people by race',
    path: 'data/label maps/races.py',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 36,
    snippet: 'RACES = ["asian", "black", "white"]',
    evidence: 'asian,black,white',
    fingerprint: 'a1b2c3d4e5f60718',
  },
  {
    ruleId: 'face-api-race',
    severity: 'warning',
    message: "DeepFace.analyze requests the 'race' action.",
    path: 'data/label maps/races.py',
    line: 7,
    column: 39,
    endLine: 7,
    endColumn: 45,
    snippet: '\tres = DeepFace.analyze(img, actions=["race"])',
    evidence: 'race',
    fingerprint: '0f1e2d3c4b5a6978',
  },
  {
    ruleId: 'ethnicity-label',
    severity: 'error',
    message: 'Column "ethnicité" is used as a prediction target',
    path: 'données/étiquettes.yaml',
    line: 2,
    column: 11,
    endLine: 3,
    endColumn: 6,
    snippet: 'target:   ethnicité\n  - a',
    evidence: 'ethnicité',
    fingerprint: '9988776655443322',
  },
];

export function sampleResult(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    tool: { name: 'ethnolint', version: '0.1.0', informationUri: 'https://github.com/ethnolint/ethnolint' },
    rules: [ETHNICITY_LABEL, FACE_API_RACE],
    findings: FINDINGS.map((f) => ({ ...f })),
    notices: [
      { path: 'assets/face #1.png', level: 'note', reason: 'binary', message: 'Skipped: binary file' },
      {
        path: 'config/model.json',
        level: 'warning',
        reason: 'parse-error',
        message: 'Could not parse JSON (Unexpected token at 4:2); scanned as text',
      },
    ],
    stats: { filesScanned: 5, filesSkipped: 1, filesWithFindings: 2 },
    suppressions: [],
    roots: ['.'],
    vcs: {
      repositoryUri: 'https://github.com/example/face-model',
      revisionId: '0123456789abcdef0123456789abcdef01234567',
      branch: 'main',
    },
    ...overrides,
  };
}
