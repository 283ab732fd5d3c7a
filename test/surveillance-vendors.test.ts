// The surveillance-vendor signatures are data: every entry is complete, and a vendor added in a
// data file is matched by the same rule code with no change.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { surveillanceSdkRule } from '../rules/surveillance-sdk-dependency.js';
import { DEFAULT_VENDOR_FILE, ECOSYSTEMS, loadVendorFile } from '../rules/lib/surveillance-vendors.js';
import { classify } from '../src/classify.js';
import { lintDocument } from '../src/engine.js';
import { parseDocument } from '../src/parse.js';
import type { Finding, Rule } from '../src/types.js';

async function lint(rule: Rule, path: string, text: string, kind?: [string, string]): Promise<Finding[]> {
  const c = kind ? { kind: kind[0], language: kind[1] } : classify(path, text.slice(0, 256));
  if (!c) throw new Error(`${path} is not classified`);
  const doc = await parseDocument(path, c.kind as Parameters<typeof parseDocument>[1], c.language, text);
  return lintDocument(doc, [{ rule, severity: rule.meta.defaultSeverity }]).findings;
}

describe('rules/signatures/surveillance-vendors.yaml', () => {
  const vendors = loadVendorFile(DEFAULT_VENDOR_FILE());

  it('has complete entries citing the Federal Register', () => {
    expect(vendors.map((v) => v.vendor)).toEqual(expect.arrayContaining(['Hikvision', 'Dahua', 'Megvii', 'SenseTime', 'iFlytek']));
    for (const v of vendors) {
      expect(v.listing, v.vendor).toMatch(/Entity List .*\d{4}.*FR/);
      expect(v.source, v.vendor).toMatch(/federalregister\.gov/);
      expect(Object.keys(v.packages).every((k) => (ECOSYSTEMS as readonly string[]).includes(k))).toBe(true);
      expect(Object.values(v.packages).flat().length, v.vendor).toBeGreaterThan(0);
    }
  });

  it('rejects an entry without a listing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ethnolint-vendors-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- vendor: X\n  entity: X Ltd\n  source: s\n  product: p\n  packages: {pypi: [x]}\n');
    expect(() => loadVendorFile(file)).toThrow(/listing/);
  });
});

describe('a vendor from a temporary data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-vendors-'));
  const file = join(dir, 'vendors.yaml');
  writeFileSync(
    file,
    [
      '- vendor: Examplevision',
      '  entity: Examplevision Ltd.',
      '  listing: added to the US Entity List on 1 January 2030 (99 FR 1)',
      '  source: test data',
      '  product: the Examplevision face SDK',
      '  packages:',
      '    pypi: [examplevision-sdk]',
      '    npm: ["@examplevision/face"]',
      '    maven: [com.examplevision]',
      '    go: [github.com/examplevision/facesdk]',
      '    nuget: [Examplevision.Face]',
      '    files: [exvnet*.h]',
      '',
    ].join('\n'),
  );
  const rule = surveillanceSdkRule(() => loadVendorFile(file));

  it.each([
    ['requirements.txt', 'examplevision_sdk==1.0\n'],
    ['package.json', '{"dependencies": {"@examplevision/face": "^1.0.0"}}\n'],
    ['app.ts', "import { detect } from '@examplevision/face/detect';\n"],
    ['main.go', 'package main\n\nimport "github.com/examplevision/facesdk/v2/attr"\n'],
    ['build.gradle.kts', 'dependencies { implementation("com.examplevision.face:core:1.0") }\n'],
    ['camera.cpp', '#include <sdk/exvnetFace.h>\n'],
  ])('matches %s', async (path, text) => {
    const findings = await lint(rule, path, text);
    expect(findings.map((f) => f.ruleId)).toEqual(['surveillance-sdk-dependency']);
    expect(findings[0]?.message).toContain('Examplevision, added to the US Entity List on 1 January 2030 (99 FR 1)');
    expect(findings[0]?.message).toContain('not evidence of ethnicity classification');
  });

  // Manifest formats that src/classify.ts does not read yet, parsed as they would be once it does.
  it.each([
    ['pom.xml', '<dependency>\n  <groupId>com.examplevision</groupId>\n  <artifactId>face</artifactId>\n</dependency>\n'],
    ['App.csproj', '<ItemGroup>\n  <PackageReference Include="Examplevision.Face" Version="1.0.0" />\n</ItemGroup>\n'],
    ['go.mod', 'module example.org/gate\n\nrequire github.com/examplevision/facesdk v1.2.0\n'],
  ])('matches unclassified manifest %s', async (path, text) => {
    const findings = await lint(rule, path, text, ['text', 'text']);
    expect(findings).toHaveLength(1);
  });

  it('stays silent on near misses', async () => {
    expect(await lint(rule, 'requirements.txt', 'examplevision-sdk-docs==1.0\nexample==1\n')).toEqual([]);
    expect(await lint(rule, 'main.go', 'package main\n\nimport "github.com/examplevision/facesdkx"\n')).toEqual([]);
  });
});
